// A self-hosted ACE-Step API server (acestep.api_server): `POST /release_task` returns a task id,
// `POST /query_result` reports it (status 0 running, 1 done, 2 failed; `result` is a JSON string
// listing files as `/v1/audio?path=…`), and the file is fetched from the server. Replies are wrapped
// in `{ data, code, error }`. The server calls nobody back, so this is a local engine: the worker
// submits, polls and downloads one take at a time into its work dir.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../../../../config.ts';
import { AppError } from '../../../../errors.ts';
import type { LocalEngine } from '../../engines/types.ts';
import { callProvider } from '../call-provider.ts';
import { downloadAudio } from '../download-audio.ts';

interface Wrapped<T> {
  data?: T;
  code?: number;
  error?: string | null;
}

interface QueryItem {
  task_id?: string;
  status?: number;
  result?: string | unknown[];
}

function firstFile(result: QueryItem['result']): { file?: string; metas?: unknown; seed_value?: unknown; dit_model?: unknown } | undefined {
  let list: unknown = result;
  if (typeof result === 'string') {
    try {
      list = JSON.parse(result);
    } catch {
      return undefined;
    }
  }
  return Array.isArray(list) ? (list[0] as { file?: string }) : undefined;
}

export function createAcestepEngine(settings: Config['providers']['acestep'], audio: { maxBytes: number; timeoutMs: number }): LocalEngine {
  const auth: Record<string, string> = settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {};
  const secrets = [settings.apiKey];
  const call = <T>(path: string, body: unknown, signal: AbortSignal) =>
    callProvider<Wrapped<T>>({ provider: 'acestep', url: `${settings.baseUrl}${path}`, headers: auth, body, signal, secrets });
  return {
    name: 'acestep',
    kind: 'local',
    async render(input, run) {
      // Editing tasks need the source audio on the ACE-Step machine's disk; only fresh takes are supported.
      if (input.task !== 'text2music' && input.task !== 'retake') {
        throw new AppError('unprocessable', `engine acestep does not support task ${input.task}`);
      }
      const started = Date.now();
      const released = await call<{ task_id?: string }>(
        '/release_task',
        {
          prompt: input.prompt,
          lyrics: input.lyrics ?? '',
          audio_duration: input.durationSeconds,
          task_type: 'text2music',
          use_random_seed: false,
          seed: input.seed,
          batch_size: 1,
          audio_format: 'mp3',
          ...(settings.model ? { model: settings.model } : {}),
        },
        run.signal,
      );
      const taskId = released.data?.task_id;
      if (!taskId) throw new Error(`acestep: release_task returned no task id${released.error ? ` (${released.error})` : ''}`);
      await run.log('submitted', `acestep task ${taskId}`);

      const deadline = started + settings.timeoutMs;
      let item: QueryItem | undefined;
      for (;;) {
        const reply = await call<QueryItem[]>('/query_result', { task_id_list: [taskId] }, run.signal);
        item = reply.data?.find((d) => d.task_id === taskId) ?? reply.data?.[0];
        if (item?.status === 1) break;
        if (item?.status === 2) throw new Error('acestep: the task failed on the server');
        if (Date.now() > deadline) throw new Error(`acestep: no result within ${Math.round(settings.timeoutMs / 1000)} s`);
        await sleep(settings.pollIntervalMs, undefined, { signal: run.signal });
      }
      const file = firstFile(item.result);
      if (!file?.file) throw new Error('acestep: the finished task lists no file');
      const url = new URL(file.file, `${settings.baseUrl}/`).toString();
      const renderMs = Date.now() - started;
      const path = join(run.workDir, 'acestep-take');
      // The key goes only to the configured server, never to a host a reply names.
      const sameOrigin = new URL(url).origin === new URL(settings.baseUrl).origin;
      const { format } = await downloadAudio(url, path, { ...audio, signal: run.signal, headers: sameOrigin ? auth : {}, secrets });
      await run.progress(1);
      return {
        filePath: path,
        format,
        plan: null,
        lrc: null,
        params: { provider: 'acestep', taskId, model: file.dit_model ?? settings.model ?? null, metas: file.metas ?? null, seed: file.seed_value ?? input.seed, renderMs },
      };
    },
  };
}
