// A simple English syllable heuristic: vowel groups, minus a silent final "e" and the quiet
// "-es"/"-ed" endings. It is right for most common lyric words and close elsewhere, which is
// all that note-per-syllable alignment and line balancing need.

const VOWELS = 'aeiouy';

function isVowel(word: string, index: number): boolean {
  const ch = word[index];
  if (ch === 'y') return index > 0; // a leading y ("yes") is a consonant
  return VOWELS.includes(ch);
}

/** Lowercase letters only (apostrophes dropped, so "don't" → "dont"). */
export function normalizeWord(word: string): string {
  return word.toLowerCase().replace(/[^a-z]/g, '');
}

/** Start index of each vowel group that is sounded. */
function nucleusStarts(word: string): number[] {
  const starts: number[] = [];
  for (let i = 0; i < word.length; i++) {
    if (isVowel(word, i) && (i === 0 || !isVowel(word, i - 1))) starts.push(i);
  }
  if (starts.length > 1) {
    const last = starts[starts.length - 1];
    const tail = word.slice(last);
    const before = word[last - 1] ?? '';
    const silentE = tail === 'e' && !(before === 'l' && word.length > 3 && !isVowel(word, last - 2));
    const quietEd = tail === 'ed' && !'td'.includes(before);
    const quietEs = tail === 'es' && !'scxzg'.includes(before) && !/(ch|sh)$/.test(word.slice(0, last));
    if (silentE || quietEd || quietEs) starts.pop();
  }
  // "lonely", "lovely": the e before -ly is silent.
  if (starts.length > 2 && /[^aeiouy]ely$/.test(word)) starts.splice(starts.length - 2, 1);
  return starts;
}

export function countSyllables(word: string): number {
  const clean = normalizeWord(word);
  if (clean.length === 0) return 0;
  return Math.max(1, nucleusStarts(clean).length);
}

/** Splits a word into syllable-sized pieces (for display; boundaries are approximate). */
export function splitSyllables(word: string): string[] {
  const clean = word.replace(/[^A-Za-z']/g, '');
  const lower = clean.toLowerCase().replace(/'/g, '');
  if (lower.length === 0) return [];
  const starts = nucleusStarts(lower);
  if (starts.length <= 1) return [clean];
  // Each piece ends just before the consonant that precedes the next vowel group.
  const cuts: number[] = [];
  for (let k = 1; k < starts.length; k++) {
    let cut = starts[k];
    if (cut - 1 > starts[k - 1] && !isVowel(lower, cut - 1)) cut -= 1;
    cuts.push(cut);
  }
  const pieces: string[] = [];
  let from = 0;
  // Map cuts on the apostrophe-free word back onto the original spelling.
  const map: number[] = [];
  for (let i = 0; i < clean.length; i++) if (clean[i] !== "'") map.push(i);
  for (const cut of cuts) {
    const at = map[cut];
    pieces.push(clean.slice(from, at));
    from = at;
  }
  pieces.push(clean.slice(from));
  return pieces;
}

/** Syllables of a line of text, in order. */
export function lineSyllables(line: string): string[] {
  return line.split(/\s+/).flatMap((word) => splitSyllables(word));
}

export function countLineSyllables(line: string): number {
  return line.split(/\s+/).reduce((sum, word) => sum + countSyllables(word), 0);
}
