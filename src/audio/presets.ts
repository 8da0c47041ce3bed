// Loudness targets of the places music gets delivered to. Values are the platforms' published
// normalization references; a preset only names a target, the normalizer decides how to reach it.

export interface LoudnessPreset {
  name: string;
  displayName: string;
  description: string;
  targetLufs: number;
  truePeakDbtp: number;
}

const PRESETS: readonly LoudnessPreset[] = [
  {
    name: 'spotify',
    displayName: 'Spotify',
    description: 'Spotify default playback normalization: -14 LUFS integrated, -1 dBTP ceiling.',
    targetLufs: -14,
    truePeakDbtp: -1,
  },
  {
    name: 'youtube',
    displayName: 'YouTube',
    description: 'YouTube reference level: -14 LUFS integrated, -1 dBTP ceiling.',
    targetLufs: -14,
    truePeakDbtp: -1,
  },
  {
    name: 'apple',
    displayName: 'Apple Music',
    description: 'Apple Music Sound Check level: -16 LUFS integrated, -1 dBTP ceiling.',
    targetLufs: -16,
    truePeakDbtp: -1,
  },
  {
    name: 'ebu-r128',
    displayName: 'EBU R128 broadcast',
    description: 'European broadcast delivery (EBU R128): -23 LUFS integrated, -1 dBTP ceiling.',
    targetLufs: -23,
    truePeakDbtp: -1,
  },
  {
    name: 'club',
    displayName: 'Club master',
    description: 'Loud master for DJ sets and club systems: -7 LUFS integrated, -0.5 dBTP ceiling.',
    targetLufs: -7,
    truePeakDbtp: -0.5,
  },
  {
    name: 'max',
    displayName: 'Maximum loudness',
    description: 'As loud as a transparent limiter allows: -5 LUFS integrated, -0.3 dBTP ceiling.',
    targetLufs: -5,
    truePeakDbtp: -0.3,
  },
];

/** The preset with this name (case-insensitive), or undefined. */
export function getPreset(name: string): LoudnessPreset | undefined {
  const wanted = name.trim().toLowerCase();
  const found = PRESETS.find((p) => p.name === wanted);
  return found ? { ...found } : undefined;
}

/** All presets, in display order (copies: callers may not alter the table). */
export function listPresets(): LoudnessPreset[] {
  return PRESETS.map((p) => ({ ...p }));
}
