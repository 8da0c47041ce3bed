// Renders a plan straight into an audio file through the streaming encoders.
import { createFileEncoder } from '../../audio/encode/index.ts';
import { renderSong } from './render-song.ts';
import type { SongPlan } from './types.ts';

export async function renderSongToFile(
  plan: SongPlan,
  path: string,
  options: { format?: 'wav' | 'flac' | 'mp3'; onProgress?: (fraction: number) => void } = {},
): Promise<{ frames: number; durationSeconds: number }> {
  const encoder = await createFileEncoder(path, { format: options.format ?? 'wav', sampleRate: plan.sampleRate, channels: 2 });
  let frames = 0;
  try {
    for (const block of renderSong(plan, { onProgress: options.onProgress })) {
      await encoder.write(block);
      frames += block.frames;
    }
    await encoder.end();
  } catch (err) {
    await encoder.abort();
    throw err;
  }
  return { frames, durationSeconds: frames / plan.sampleRate };
}
