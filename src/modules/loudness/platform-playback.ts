import type { PlatformPolicy } from './platforms.ts';

export interface Playback {
  /** dB the platform would apply (negative: turned down). */
  gainDb: number;
  /** Loudness heard after that gain. */
  playbackLufs: number;
  /** Turned up less than the reference asked for (no boost, or the peak cap). */
  limitedBy: 'no_boost' | 'peak' | null;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** What one platform would do to a file of this loudness and true peak; null for silence. */
export function platformPlayback(policy: PlatformPolicy, integratedLufs: number | null, truePeakDbtp: number | null): Playback | null {
  if (integratedLufs === null) return null;
  const wanted = policy.referenceLufs - integratedLufs;
  let gain = wanted;
  let limitedBy: Playback['limitedBy'] = null;
  if (wanted > 0) {
    if (!policy.turnsUp) {
      gain = 0;
      limitedBy = 'no_boost';
    } else if (policy.upPeakCeilingDbtp !== null && truePeakDbtp !== null) {
      const headroom = Math.max(0, policy.upPeakCeilingDbtp - truePeakDbtp);
      if (headroom < wanted) {
        gain = headroom;
        limitedBy = 'peak';
      }
    }
  }
  return { gainDb: r2(gain), playbackLufs: r2(integratedLufs + gain), limitedBy };
}
