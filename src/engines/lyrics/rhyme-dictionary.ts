// A small rhyme dictionary: nouns grouped by rhyme sound, chosen so that every word of a group
// also shares its spelled ending (from the last sounded vowel on). Nouns only, so any of them
// can close a line template such as "… beneath the {R}".

export interface RhymeGroup {
  tail: string;
  words: string[];
}

export const RHYME_GROUPS: RhymeGroup[] = [
  { tail: 'ight', words: ['night', 'light', 'sight', 'flight', 'fight', 'knight', 'twilight', 'starlight', 'moonlight', 'spotlight', 'daylight', 'midnight'] },
  { tail: 'ay', words: ['day', 'way', 'ray', 'bay', 'highway', 'yesterday', 'holiday', 'birthday', 'doorway', 'getaway', 'stairway', 'play'] },
  { tail: 'ire', words: ['fire', 'desire', 'wire', 'empire', 'campfire', 'bonfire'] },
  { tail: 'ain', words: ['rain', 'train', 'chain', 'pain', 'plain', 'refrain'] },
  { tail: 'art', words: ['art', 'start', 'part', 'counterpart'] },
  { tail: 'eam', words: ['dream', 'stream', 'beam', 'steam', 'moonbeam', 'daydream', 'sunbeam'] },
  { tail: 'ace', words: ['place', 'space', 'face', 'race', 'grace', 'embrace', 'pace', 'trace'] },
  { tail: 'ound', words: ['sound', 'ground', 'round', 'playground', 'background', 'underground'] },
  { tail: 'ee', words: ['tree', 'bee', 'knee', 'glee', 'jubilee', 'spree'] },
  { tail: 'ine', words: ['line', 'wine', 'shine', 'sunshine', 'pine', 'valentine', 'vine', 'moonshine', 'borderline'] },
  { tail: 'ove', words: ['love', 'glove', 'dove', 'foxglove'] },
  { tail: 'all', words: ['ball', 'hall', 'wall', 'call', 'fall', 'waterfall', 'nightfall', 'snowfall'] },
  { tail: 'own', words: ['town', 'crown', 'gown', 'clown', 'downtown', 'sundown'] },
  { tail: 'ore', words: ['shore', 'core', 'folklore', 'seashore', 'encore', 'lore'] },
  { tail: 'ar', words: ['star', 'car', 'guitar', 'bar', 'scar', 'superstar'] },
  { tail: 'ow', words: ['snow', 'glow', 'show', 'flow', 'rainbow', 'shadow', 'window', 'meadow', 'tomorrow', 'arrow', 'sparrow'] },
  { tail: 'ime', words: ['time', 'chime', 'summertime', 'lifetime', 'bedtime', 'pastime', 'springtime'] },
  { tail: 'ill', words: ['hill', 'thrill', 'will', 'windowsill', 'chill', 'skill'] },
  { tail: 'ake', words: ['lake', 'cake', 'wake', 'flake', 'snowflake', 'keepsake', 'handshake', 'mistake'] },
  { tail: 'ide', words: ['tide', 'ride', 'side', 'pride', 'riverside', 'bride', 'countryside', 'slide', 'stride', 'hillside', 'seaside'] },
  { tail: 'ame', words: ['flame', 'name', 'game', 'frame', 'fame', 'shame', 'nickname'] },
  { tail: 'eet', words: ['street', 'feet', 'fleet'] },
  { tail: 'ear', words: ['fear', 'ear', 'gear', 'spear'] },
  { tail: 'y', words: ['sky', 'butterfly', 'lullaby', 'firefly', 'dragonfly'] },
  { tail: 'oon', words: ['moon', 'balloon', 'afternoon', 'cartoon', 'lagoon', 'monsoon', 'honeymoon', 'noon'] },
  { tail: 'est', words: ['west', 'chest', 'nest', 'crest', 'rest'] },
  { tail: 'ing', words: ['spring', 'ring', 'king', 'wing', 'string', 'swing', 'everything'] },
  { tail: 'old', words: ['gold', 'marigold', 'threshold', 'foothold', 'stronghold'] },
  { tail: 'eart', words: ['heart', 'sweetheart'] },
  { tail: 'ave', words: ['wave', 'cave', 'grave', 'shockwave'] },
  { tail: 'ock', words: ['clock', 'rock', 'flock', 'shamrock'] },
  { tail: 'ance', words: ['dance', 'chance', 'romance', 'glance', 'trance', 'stance'] },
  { tail: 'ew', words: ['crew', 'dew', 'brew'] },
  { tail: 'ark', words: ['dark', 'park', 'spark', 'mark', 'lark', 'ark'] },
  { tail: 'and', words: ['land', 'sand', 'hand', 'band', 'wonderland', 'strand'] },
  { tail: 'ong', words: ['song', 'throng', 'sing-along'] },
  { tail: 'ile', words: ['smile', 'mile', 'while', 'exile', 'crocodile'] },
  { tail: 'oor', words: ['door', 'floor'] },
];

const VOWELS = 'aeiouy';

/**
 * The spelled rhyme of a word: from the start of its last sounded vowel group to the end
 * ("night" → "ight", "desire" → "ire", "sky" → "y").
 */
export function rhymeTail(word: string): string {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  const silentE = w.length > 2 && w.endsWith('e') && !VOWELS.includes(w[w.length - 2]);
  const core = silentE ? w.slice(0, -1) : w;
  let i = core.length - 1;
  while (i >= 0 && !VOWELS.includes(core[i])) i--;
  while (i > 0 && VOWELS.includes(core[i - 1])) i--;
  return core.slice(Math.max(0, i)) + (silentE ? 'e' : '');
}

/** Endings spelled alike but sounded differently ("city"/"sky", "bear"/"fear", "move"/"love"). */
const UNRELIABLE_TAILS = new Set(['ear', 'ove', 'own', 'ore']);

/**
 * The group a word rhymes with, if any (used to place theme words at line ends). A word outside
 * the dictionary joins a group only when the spelling says enough about the sound.
 */
export function groupFor(word: string): RhymeGroup | null {
  const clean = word.toLowerCase();
  const tail = rhymeTail(clean);
  const group = RHYME_GROUPS.find((g) => g.tail === tail) ?? null;
  if (!group || group.words.includes(clean)) return group;
  return tail.length >= 3 && !UNRELIABLE_TAILS.has(tail) ? group : null;
}
