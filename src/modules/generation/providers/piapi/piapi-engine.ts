// PiAPI's music task API (a Udio/Suno wrapper): `POST {base}/api/v1/task` with `x-api-key`, one task
// per two takes (each task makes two songs); the result arrives by webhook (parse-piapi-event.ts).
// A take's external id is `piapi:<task_id>:<index of the song in the task>`.
import type { Config } from '../../../../config.ts';
import type { AsyncEngine, GenerationInput } from '../../engines/types.ts';
import { callProvider } from '../call-provider.ts';
import { chunk } from '../chunk.ts';

export const PIAPI_SONGS_PER_TASK = 2;

interface PiapiTaskReply {
  code?: number;
  data?: { task_id?: string; status?: string };
  message?: string;
}

export function piapiExternalId(taskId: string, index: number): string {
  return `piapi:${taskId}:${index}`;
}

function taskBody(settings: Config['providers']['piapi'], input: GenerationInput, webhookUrl: string) {
  return {
    model: settings.model,
    task_type: 'generate_music',
    input: {
      gpt_description_prompt: input.prompt,
      lyrics: input.lyrics ?? '',
      lyrics_type: input.lyrics ? 'user' : 'instrumental',
      negative_tags: '',
      // PiAPI takes -1 for random; ours is already varied per take.
      seed: input.seed,
    },
    config: { webhook_config: { endpoint: webhookUrl, secret: settings.webhookSecrets[0] } },
  };
}

export function createPiapiEngine(settings: Config['providers']['piapi']): AsyncEngine {
  const secrets = [settings.apiKey, ...settings.webhookSecrets];
  return {
    name: 'piapi',
    kind: 'async',
    async submit(inputs, run) {
      const externalIds: string[] = [];
      const taskIds: string[] = [];
      for (const group of chunk(inputs, PIAPI_SONGS_PER_TASK)) {
        const reply = await callProvider<PiapiTaskReply>({
          provider: 'piapi',
          url: `${settings.baseUrl}/api/v1/task`,
          headers: { 'x-api-key': settings.apiKey ?? '' },
          body: taskBody(settings, group[0], run.webhookUrl),
          signal: run.signal,
          secrets,
        });
        const taskId = reply.data?.task_id;
        if (typeof taskId !== 'string' || !taskId) throw new Error('piapi: the task reply has no task_id');
        taskIds.push(taskId);
        group.forEach((_, index) => externalIds.push(piapiExternalId(taskId, index)));
        await run.log('submitted', `piapi task ${taskId} for ${group.length} take(s)`);
      }
      return { externalIds, params: { provider: 'piapi', model: settings.model, taskIds } };
    },
  };
}
