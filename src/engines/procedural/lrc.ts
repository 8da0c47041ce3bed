// Timestamped lyrics from a plan: each line at the time its first syllable is played.
import { createClock } from './score/events.ts';
import { planFrames } from './plan-song.ts';
import type { SongPlan } from './types.ts';

interface TimedLine {
  seconds: number;
  text: string;
}

function timedLines(plan: SongPlan): TimedLine[] {
  if (plan.repaint && plan.source) return timedLines(plan.source);
  const before = plan.source ? timedLines(plan.source) : [];
  const offset = plan.source ? planFrames(plan.source) : 0;
  const part = plan.part;
  if (!part?.lyrics) return before;
  const clock = createClock(plan.bpm, plan.sampleRate, plan.style.swing);
  const own = part.lyrics
    .map((line) => ({ frame: clock(line.beat), text: line.text }))
    .filter((line) => line.frame < part.frames)
    .map((line) => ({ seconds: (offset + line.frame) / plan.sampleRate, text: line.text }));
  return [...before, ...own];
}

function stamp(seconds: number): string {
  const centis = Math.floor(seconds * 100 + 1e-6);
  const minutes = Math.floor(centis / 6000);
  const rest = centis - minutes * 6000;
  const secs = Math.floor(rest / 100);
  const cs = rest - secs * 100;
  return `[${String(minutes).padStart(2, '0')}:${String(secs).padStart(2, '0')}.${String(cs).padStart(2, '0')}]`;
}

/** LRC text ("[mm:ss.xx]line" per line), or null when the song has no sung lines. */
export function lyricsToLrc(plan: SongPlan): string | null {
  const lines = timedLines(plan);
  if (lines.length === 0) return null;
  return lines.map((line) => `${stamp(line.seconds)}${line.text}`).join('\n') + '\n';
}
