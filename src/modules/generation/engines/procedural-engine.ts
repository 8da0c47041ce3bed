// The built-in procedural engine (src/engines/procedural) as a LocalEngine. Later tasks start from
// the parent's stored plan (take 0), so a retake, repaint, extend or remix needs no audio download.
import { join } from 'node:path';
import { lyricsToLrc, planSong, renderSongToFile, type SongPlan } from '../../../engines/procedural/index.ts';
import type { GenerationInput, LocalEngine, LocalRun, RenderedTake } from './types.ts';

function planFor(input: GenerationInput): SongPlan {
  if (input.task !== 'text2music' && !input.parent?.plan) {
    throw new Error(`the parent song has no procedural plan to ${input.task} from (rendered by another engine?)`);
  }
  return planSong({
    task: input.task,
    prompt: input.prompt,
    ...(input.lyrics ? { lyrics: input.lyrics } : {}),
    durationSeconds: input.durationSeconds,
    seed: input.seed >>> 0,
    ...(input.parent?.plan ? { parent: { plan: input.parent.plan as SongPlan } } : {}),
    ...(input.region ? { region: input.region } : {}),
  });
}

export const proceduralEngine: LocalEngine = {
  name: 'procedural',
  kind: 'local',
  async render(input: GenerationInput, run: LocalRun): Promise<RenderedTake> {
    const plan = planFor(input);
    await run.log('plan', `take ${input.position + 1}: ${plan.genre}, ${plan.bpm} bpm, ${plan.key} ${plan.mode}, ${plan.durationSeconds.toFixed(1)} s`);
    const filePath = join(run.workDir, `take-${input.position}.wav`);
    let reported = 0;
    const pending: Promise<void>[] = [];
    await renderSongToFile(plan, filePath, {
      format: 'wav',
      onProgress: (fraction) => {
        // Progress writes go to the database: a few per take are enough.
        if (fraction - reported >= 0.25 || fraction === 1) {
          reported = fraction;
          pending.push(run.progress(fraction).catch(() => {}));
        }
        if (run.signal.aborted) throw new Error('render aborted: the attempt lost its claim');
      },
    });
    await Promise.all(pending);
    return {
      filePath,
      format: 'wav',
      plan,
      lrc: lyricsToLrc(plan),
      params: { engine: 'procedural', planEngine: plan.engine, genre: plan.genre, bpm: plan.bpm, key: plan.key, mode: plan.mode, instruments: plan.instruments, sampleRate: plan.sampleRate },
    };
  },
};
