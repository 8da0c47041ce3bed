// The genre table: what each genre keyword implies for tempo, harmony, drums and instruments.
// The seed chooses among the options a genre lists; the prompt can override single choices.
import type { BassPattern, ChordPattern, DrumKit, DrumPattern, VoiceName } from './types.ts';

export interface GenreStyle {
  name: string;
  keywords: string[];
  bpm: [number, number];
  /** Probability of a major key when neither the prompt nor the mood decides. */
  majorChance: number;
  drums: DrumPattern[];
  kits: DrumKit[];
  bass: BassPattern[];
  bassVoices: VoiceName[];
  chords: ChordPattern[];
  chordVoices: VoiceName[];
  pads: (VoiceName | null)[];
  leads: VoiceName[];
  /** Roman-numeral progressions, one chord per bar, for each mode. */
  progressions: { major: string[][]; minor: string[][] };
  swing: number;
  brightness: number;
  reverb: number;
}

const POP_MAJOR = [['I', 'V', 'vi', 'IV'], ['vi', 'IV', 'I', 'V'], ['I', 'IV', 'vi', 'V'], ['IV', 'I', 'V', 'vi'], ['I', 'vi', 'IV', 'V']];
const POP_MINOR = [['i', 'VI', 'III', 'VII'], ['i', 'iv', 'VI', 'V'], ['VI', 'VII', 'i', 'i'], ['i', 'VII', 'VI', 'VII']];
const JAZZ_MAJOR = [['ii7', 'V7', 'I7', 'vi7'], ['I7', 'vi7', 'ii7', 'V7'], ['iii7', 'vi7', 'ii7', 'V7']];
const JAZZ_MINOR = [['ii7', 'V7', 'i7', 'i7'], ['i7', 'iv7', 'VII7', 'III7'], ['i7', 'vi7', 'ii7', 'V7']];
const LOFI_MAJOR = [['IV7', 'iii7', 'ii7', 'I7'], ['I7', 'vi7', 'ii7', 'V7'], ['ii7', 'V7', 'I7', 'IV7']];
const LOFI_MINOR = [['i7', 'iv7', 'VII7', 'III7'], ['VI7', 'v7', 'iv7', 'i7'], ['i7', 'VI7', 'iv7', 'V7']];
const ROCK_MAJOR = [['I', 'IV', 'V', 'IV'], ['I', 'V', 'IV', 'IV'], ['I', 'VII', 'IV', 'I'], ['vi', 'IV', 'I', 'V']];
const ROCK_MINOR = [['i', 'VII', 'VI', 'VII'], ['i', 'iv', 'VII', 'i'], ['i', 'VI', 'VII', 'i']];
const MODAL_MINOR = [['i', 'i', 'VI', 'VII'], ['i', 'VI', 'i', 'VII'], ['i', 'iv', 'i', 'v']];

export const GENRES: GenreStyle[] = [
  {
    name: 'pop', keywords: ['pop', 'synthpop', 'synth pop', 'ballad', 'indie'], bpm: [96, 124], majorChance: 0.7,
    drums: ['backbeat'], kits: ['acoustic', 'electronic'], bass: ['pop', 'syncopated'], bassVoices: ['finger-bass', 'synth-bass'],
    chords: ['comp', 'strum', 'sustain'], chordVoices: ['piano', 'guitar', 'synth-chords'], pads: ['pad', null],
    leads: ['synth-lead', 'bell', 'flute'], progressions: { major: POP_MAJOR, minor: POP_MINOR }, swing: 0, brightness: 0.6, reverb: 0.5,
  },
  {
    name: 'rock', keywords: ['rock', 'punk', 'grunge', 'alternative', 'garage'], bpm: [110, 150], majorChance: 0.55,
    drums: ['rock'], kits: ['acoustic'], bass: ['eighths'], bassVoices: ['finger-bass'],
    chords: ['strum'], chordVoices: ['guitar'], pads: ['organ', null],
    leads: ['square-lead', 'synth-lead'], progressions: { major: ROCK_MAJOR, minor: ROCK_MINOR }, swing: 0, brightness: 0.75, reverb: 0.35,
  },
  {
    name: 'metal', keywords: ['metal', 'heavy metal', 'thrash', 'djent'], bpm: [130, 180], majorChance: 0.1,
    drums: ['metal'], kits: ['heavy'], bass: ['eighths'], bassVoices: ['synth-bass'],
    chords: ['strum'], chordVoices: ['guitar'], pads: ['strings', null],
    leads: ['square-lead'], progressions: { major: ROCK_MAJOR, minor: MODAL_MINOR }, swing: 0, brightness: 0.85, reverb: 0.25,
  },
  {
    name: 'hip hop', keywords: ['hip hop', 'hip-hop', 'hiphop', 'rap', 'boom bap', 'trap', 'drill'], bpm: [80, 96], majorChance: 0.3,
    drums: ['boom-bap', 'trap'], kits: ['808', 'electronic'], bass: ['808'], bassVoices: ['808-bass'],
    chords: ['keys', 'sustain'], chordVoices: ['epiano', 'piano', 'strings'], pads: ['pad', null],
    leads: ['bell', 'synth-lead', 'flute'], progressions: { major: LOFI_MAJOR, minor: MODAL_MINOR }, swing: 0.12, brightness: 0.5, reverb: 0.35,
  },
  {
    name: 'lofi', keywords: ['lofi', 'lo-fi', 'lo fi', 'chillhop', 'study beats'], bpm: [70, 88], majorChance: 0.5,
    drums: ['boom-bap'], kits: ['lofi'], bass: ['pop', 'sustain'], bassVoices: ['sub-bass', 'finger-bass'],
    chords: ['keys'], chordVoices: ['epiano', 'piano'], pads: ['pad', null],
    leads: ['epiano', 'flute', 'bell'], progressions: { major: LOFI_MAJOR, minor: LOFI_MINOR }, swing: 0.2, brightness: 0.3, reverb: 0.6,
  },
  {
    name: 'edm', keywords: ['edm', 'house', 'dance', 'club', 'electro', 'disco', 'deep house'], bpm: [120, 128], majorChance: 0.5,
    drums: ['four-on-floor'], kits: ['electronic'], bass: ['offbeat'], bassVoices: ['synth-bass'],
    chords: ['stabs', 'sustain'], chordVoices: ['synth-chords', 'piano'], pads: ['pad'],
    leads: ['synth-lead', 'square-lead'], progressions: { major: POP_MAJOR, minor: POP_MINOR }, swing: 0, brightness: 0.8, reverb: 0.55,
  },
  {
    name: 'techno', keywords: ['techno', 'trance', 'minimal', 'rave'], bpm: [126, 140], majorChance: 0.2,
    drums: ['techno'], kits: ['electronic'], bass: ['offbeat', 'eighths'], bassVoices: ['synth-bass'],
    chords: ['arpeggio', 'stabs'], chordVoices: ['synth-chords'], pads: ['pad'],
    leads: ['square-lead', 'synth-lead'], progressions: { major: POP_MAJOR, minor: MODAL_MINOR }, swing: 0, brightness: 0.85, reverb: 0.5,
  },
  {
    name: 'jazz', keywords: ['jazz', 'swing', 'bebop', 'bossa', 'lounge', 'blues'], bpm: [100, 160], majorChance: 0.6,
    drums: ['jazz-swing'], kits: ['brush'], bass: ['walking'], bassVoices: ['finger-bass'],
    chords: ['jazz-comp'], chordVoices: ['piano', 'epiano'], pads: [null],
    leads: ['flute', 'epiano', 'synth-lead'], progressions: { major: JAZZ_MAJOR, minor: JAZZ_MINOR }, swing: 0.3, brightness: 0.45, reverb: 0.45,
  },
  {
    name: 'ambient', keywords: ['ambient', 'drone', 'meditation', 'new age', 'atmospheric', 'soundscape'], bpm: [60, 80], majorChance: 0.5,
    drums: ['ambient', 'none'], kits: ['electronic'], bass: ['sustain'], bassVoices: ['sub-bass'],
    chords: ['sustain', 'arpeggio'], chordVoices: ['pad', 'strings'], pads: ['pad'],
    leads: ['bell', 'flute'], progressions: { major: POP_MAJOR, minor: MODAL_MINOR }, swing: 0, brightness: 0.3, reverb: 0.9,
  },
  {
    name: 'folk', keywords: ['folk', 'country', 'acoustic', 'singer-songwriter', 'bluegrass', 'americana'], bpm: [84, 120], majorChance: 0.75,
    drums: ['folk'], kits: ['acoustic'], bass: ['root-fifth'], bassVoices: ['finger-bass'],
    chords: ['strum', 'arpeggio'], chordVoices: ['guitar'], pads: ['strings', null],
    leads: ['flute', 'bell'], progressions: { major: ROCK_MAJOR, minor: POP_MINOR }, swing: 0.08, brightness: 0.55, reverb: 0.45,
  },
  {
    name: 'kids', keywords: ['kids', 'children', 'nursery', 'lullaby', 'playful', 'cartoon'], bpm: [96, 120], majorChance: 0.95,
    drums: ['kids'], kits: ['acoustic'], bass: ['root-fifth'], bassVoices: ['finger-bass'],
    chords: ['comp', 'arpeggio'], chordVoices: ['piano', 'guitar'], pads: [null],
    leads: ['bell', 'flute'], progressions: { major: [['I', 'IV', 'V', 'I'], ['I', 'V', 'I', 'IV'], ['I', 'IV', 'I', 'V']], minor: POP_MINOR }, swing: 0, brightness: 0.6, reverb: 0.3,
  },
  {
    name: 'cinematic', keywords: ['cinematic', 'orchestral', 'epic', 'film', 'soundtrack', 'trailer', 'score'], bpm: [70, 100], majorChance: 0.35,
    drums: ['cinematic'], kits: ['heavy'], bass: ['sustain'], bassVoices: ['sub-bass'],
    chords: ['sustain', 'arpeggio'], chordVoices: ['strings'], pads: ['pad', 'strings'],
    leads: ['flute', 'bell', 'strings'], progressions: { major: POP_MAJOR, minor: MODAL_MINOR }, swing: 0, brightness: 0.5, reverb: 0.8,
  },
  {
    name: 'r&b', keywords: ['r&b', 'rnb', 'r and b', 'soul', 'neo soul', 'funk', 'motown'], bpm: [70, 100], majorChance: 0.45,
    drums: ['halftime'], kits: ['electronic', 'acoustic'], bass: ['syncopated'], bassVoices: ['finger-bass', 'sub-bass'],
    chords: ['keys', 'comp'], chordVoices: ['epiano', 'organ'], pads: ['pad', null],
    leads: ['synth-lead', 'epiano'], progressions: { major: LOFI_MAJOR, minor: LOFI_MINOR }, swing: 0.1, brightness: 0.5, reverb: 0.5,
  },
];

export function genreByName(name: string): GenreStyle {
  return GENRES.find((g) => g.name === name) ?? GENRES[0];
}
