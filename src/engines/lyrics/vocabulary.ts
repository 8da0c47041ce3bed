// Mood vocabulary and line templates. A template is filled with an adjective {A}, a verb {V},
// the theme {T} and ends on a rhyme noun {R}; the writer picks fillings whose syllable count
// lands closest to the section's target.

export type MoodName = 'happy' | 'sad' | 'dark' | 'chill' | 'energetic' | 'romantic' | 'neutral';

export interface MoodWords {
  adjectives: string[];
  verbs: string[];
}

export const MOOD_WORDS: Record<MoodName, MoodWords> = {
  happy: { adjectives: ['golden', 'shining', 'sunny', 'glowing', 'sweet', 'bright', 'lucky', 'brand new'], verbs: ['dance', 'shine', 'sing', 'laugh', 'glow', 'celebrate'] },
  sad: { adjectives: ['faded', 'broken', 'empty', 'silent', 'lonely', 'cold', 'grey', 'distant'], verbs: ['cry', 'fall', 'wait', 'wander', 'remember', 'drift apart'] },
  dark: { adjectives: ['shadowed', 'restless', 'burning', 'hollow', 'wicked', 'endless', 'frozen'], verbs: ['hide', 'burn', 'run', 'fight', 'break', 'vanish'] },
  chill: { adjectives: ['gentle', 'easy', 'slow', 'soft', 'quiet', 'lazy', 'warm', 'hazy'], verbs: ['drift', 'float', 'breathe', 'rest', 'sway', 'unwind'] },
  energetic: { adjectives: ['electric', 'wild', 'loud', 'fearless', 'racing', 'blazing', 'bold'], verbs: ['run', 'jump', 'rise', 'shout', 'fly', 'ignite'] },
  romantic: { adjectives: ['tender', 'sweet', 'secret', 'starry', 'velvet', 'precious', 'warm'], verbs: ['hold', 'kiss', 'dance', 'fall', 'stay', 'belong'] },
  neutral: { adjectives: ['open', 'endless', 'little', 'silver', 'quiet', 'golden', 'distant'], verbs: ['go', 'sing', 'run', 'dream', 'stay', 'shine'] },
};

const MOOD_ALIASES: Record<string, MoodName> = {
  happy: 'happy', joyful: 'happy', cheerful: 'happy', uplifting: 'happy', fun: 'happy', playful: 'happy',
  sad: 'sad', melancholic: 'sad', melancholy: 'sad', lonely: 'sad', heartbreak: 'sad', nostalgic: 'sad',
  dark: 'dark', angry: 'dark', ominous: 'dark', moody: 'dark', tense: 'dark',
  chill: 'chill', calm: 'chill', relaxed: 'chill', mellow: 'chill', peaceful: 'chill', dreamy: 'chill',
  energetic: 'energetic', upbeat: 'energetic', hype: 'energetic', powerful: 'energetic', epic: 'energetic',
  romantic: 'romantic', love: 'romantic', tender: 'romantic',
};

export function moodName(mood: string | undefined): MoodName {
  if (!mood) return 'neutral';
  for (const word of mood.toLowerCase().split(/[^a-z]+/)) {
    if (MOOD_ALIASES[word]) return MOOD_ALIASES[word];
  }
  return 'neutral';
}

export const TEMPLATES: Record<'verse' | 'chorus' | 'bridge' | 'pre-chorus' | 'outro', string[]> = {
  verse: [
    'I remember {T} in the {A} {R}',
    'We would {V} beneath the {R}',
    'Every road was leading to the {R}',
    '{T} was calling from the {R}',
    'Walking slowly through the {A} {R}',
    'You and I beside the {R}',
    'Holding on to {T} and the {R}',
    'All the little things about the {R}',
    'Counting every {A} {R}',
    'There is a story in the {R}',
    'Out along the {A} {R}',
    'I can feel it in the {R}',
  ],
  chorus: [
    'Oh, we {V} into the {R}',
    '{T}, you are my {A} {R}',
    'Sing it loud across the {R}',
    'Hold me close until the {R}',
    'This is our {A} {R}',
    'Take me back to {T} and the {R}',
    'We {V} together in the {R}',
    'Light it up, the {A} {R}',
  ],
  bridge: [
    'Maybe it was just the {R}',
    'If I {V} into the {R}',
    'Nothing ever changes the {R}',
    'So I {V} beyond the {R}',
    'Even in the {A} {R}',
    'Say it was the {A} {R}',
  ],
  'pre-chorus': [
    'And now I {V} toward the {R}',
    'Can you feel the {A} {R}',
    'Here it comes, the {R}',
    'One more step into the {R}',
  ],
  outro: [
    'Goodnight to the {A} {R}',
    'We will {V} into the {R}',
    'Still I hear the {R}',
    'Fading with the {A} {R}',
  ],
};

const STOPWORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'of', 'to', 'in', 'on', 'at', 'for', 'with', 'about', 'my', 'our', 'your', 'their',
  'his', 'her', 'its', 'is', 'are', 'was', 'be', 'song', 'songs', 'lyrics', 'track', 'from', 'by', 'that', 'this',
  'it', 'me', 'we', 'us', 'you', 'i', 'some', 'very', 'really', 'into', 'over', 'under', 'write', 'make',
]);

/** Content words of the theme, in order ("a summer road trip with friends" → summer, road, trip, friends). */
export function themeWords(theme: string): string[] {
  return theme
    .toLowerCase()
    .split(/[^a-z']+/)
    .filter((w) => w.length >= 3 && !STOPWORDS.has(w));
}
