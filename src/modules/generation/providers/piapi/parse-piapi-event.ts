// A PiAPI webhook: `{ timestamp, data }` where data is the task as its fetch API returns it
// (`task_id`, `status`, `output.songs[]` with `song_path`, `error.message`). PiAPI may notify the
// same status more than once; (task, status) identifies an event.
import type { OutcomeState, ProviderEvent, ProviderOutcome } from '../types.ts';
import { WebhookPayloadError } from '../types.ts';
import { PIAPI_SONGS_PER_TASK, piapiExternalId } from './piapi-engine.ts';

function state(status: string): OutcomeState | null {
  if (status === 'completed') return 'completed';
  if (status === 'failed') return 'failed';
  if (status === 'processing' || status === 'pending' || status === 'staged') return 'processing';
  return null;
}

export function parsePiapiEvent(body: unknown): ProviderEvent {
  const data = (body as { data?: Record<string, any> } | null)?.data;
  const taskId = data?.task_id;
  const status = typeof data?.status === 'string' ? data.status.toLowerCase() : undefined;
  if (typeof taskId !== 'string' || !taskId || !status) throw new WebhookPayloadError('not a PiAPI task event (data.task_id, data.status)');
  const mapped = state(status);
  const eventKey = `${taskId}:${status}`;
  if (!mapped) return { eventKey, outcomes: [] };
  const songs: Record<string, any>[] = Array.isArray(data?.output?.songs) ? data.output.songs : [];
  const count = Math.max(PIAPI_SONGS_PER_TASK, songs.length);
  const outcomes: ProviderOutcome[] = [];
  for (let index = 0; index < count; index++) {
    const externalId = piapiExternalId(taskId, index);
    if (mapped !== 'completed') {
      const error = typeof data?.error?.message === 'string' && data.error.message ? data.error.message : 'the provider reported a failure';
      outcomes.push(mapped === 'failed' ? { externalId, state: 'failed', error } : { externalId, state: 'processing' });
      continue;
    }
    const song = songs[index];
    const audioUrl = song?.song_path ?? song?.audio_url;
    if (typeof audioUrl !== 'string' || !audioUrl) {
      outcomes.push({ externalId, state: 'failed', error: 'the provider returned no audio for this take' });
      continue;
    }
    outcomes.push({
      externalId,
      state: 'completed',
      audioUrl,
      params: { provider: 'piapi', taskId, songId: song.id, title: song.title, duration: song.duration, tags: song.tags },
    });
  }
  return { eventKey, outcomes };
}
