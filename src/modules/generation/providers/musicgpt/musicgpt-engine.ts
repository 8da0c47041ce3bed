// MusicGPT's Music AI conversion: `POST {base}/MusicAI` with the key in `Authorization`; one request
// makes two songs (conversion_id_1 and _2), each a take. MusicGPT signs nothing, so by default the
// webhook secret rides in the webhook URL (`?token=`). External ids are `musicgpt:<conversion_id>`.
import type { Config } from '../../../../config.ts';
import type { AsyncEngine } from '../../engines/types.ts';
import { callProvider } from '../call-provider.ts';
import { chunk } from '../chunk.ts';
import { providerWebhookUrl } from '../webhook-url.ts';

interface MusicAiReply {
  success?: boolean;
  task_id?: string;
  conversion_id_1?: string;
  conversion_id_2?: string;
  message?: string;
}

export function musicgptExternalId(conversionId: string): string {
  return `musicgpt:${conversionId}`;
}

export function createMusicgptEngine(settings: Config['providers']['musicgpt']): AsyncEngine {
  const secrets = [settings.apiKey, ...settings.webhookSecrets];
  return {
    name: 'musicgpt',
    kind: 'async',
    async submit(inputs, run) {
      const externalIds: string[] = [];
      const taskIds: string[] = [];
      const webhookUrl = providerWebhookUrl(run.webhookUrl, settings.webhookScheme, settings.webhookSecrets[0]);
      for (const group of chunk(inputs, 2)) {
        const input = group[0];
        const reply = await callProvider<MusicAiReply>({
          provider: 'musicgpt',
          url: `${settings.baseUrl}/MusicAI`,
          headers: { authorization: settings.apiKey ?? '' },
          body: {
            prompt: input.prompt,
            music_style: '',
            lyrics: input.lyrics ?? '',
            make_instrumental: !input.lyrics,
            vocal_only: false,
            webhook_url: webhookUrl,
          },
          signal: run.signal,
          secrets,
        });
        const ids = [reply.conversion_id_1, reply.conversion_id_2];
        if (reply.success === false || !reply.task_id || ids.slice(0, group.length).some((id) => typeof id !== 'string' || !id)) {
          throw new Error('musicgpt: the conversion reply has no task_id or conversion ids');
        }
        taskIds.push(reply.task_id);
        group.forEach((_, index) => externalIds.push(musicgptExternalId(ids[index] as string)));
        await run.log('submitted', `musicgpt task ${reply.task_id} for ${group.length} take(s)`);
      }
      return { externalIds, params: { provider: 'musicgpt', taskIds } };
    },
  };
}
