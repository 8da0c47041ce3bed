// How streaming platforms normalize playback, as assumed for the "loudness penalty" report. Sources
// and assumptions are listed in docs/loudness-service.md; the figures are defaults (normalization
// on, track mode), which users and platforms can change.

export interface PlatformPolicy {
  id: string;
  name: string;
  referenceLufs: number;
  /** Whether quieter material is turned up at all. */
  turnsUp: boolean;
  /** When turning up, the gain stops where the true peak would pass this (no limiter); null: no cap. */
  upPeakCeilingDbtp: number | null;
}

export const PLATFORMS: readonly PlatformPolicy[] = [
  { id: 'spotify', name: 'Spotify', referenceLufs: -14, turnsUp: true, upPeakCeilingDbtp: -1 },
  { id: 'youtube', name: 'YouTube', referenceLufs: -14, turnsUp: false, upPeakCeilingDbtp: null },
  { id: 'apple', name: 'Apple Music', referenceLufs: -16, turnsUp: true, upPeakCeilingDbtp: -1 },
  { id: 'tidal', name: 'Tidal', referenceLufs: -14, turnsUp: false, upPeakCeilingDbtp: null },
  { id: 'amazon', name: 'Amazon Music', referenceLufs: -14, turnsUp: false, upPeakCeilingDbtp: null },
  { id: 'deezer', name: 'Deezer', referenceLufs: -15, turnsUp: false, upPeakCeilingDbtp: null },
  { id: 'soundcloud', name: 'SoundCloud', referenceLufs: -14, turnsUp: false, upPeakCeilingDbtp: null },
  { id: 'pandora', name: 'Pandora', referenceLufs: -14, turnsUp: true, upPeakCeilingDbtp: -1 },
];
