// A MusicGPT webhook. It reports a conversion either one take at a time (`conversion_id` with
// `conversion_path` or `audio_url`) or both at once (`conversion_id_1/2`, `conversion_path_1/2`);
// each reported conversion is one take. Status words are upper case (COMPLETED, FAILED, ERROR,
// IN_QUEUE …); a payload with audio and no status is a completion.
import type { OutcomeState, ProviderEvent, ProviderOutcome } from '../types.ts';
import { WebhookPayloadError } from '../types.ts';
import { musicgptExternalId } from './musicgpt-engine.ts';

function state(body: Record<string, any>, hasAudio: boolean): OutcomeState {
  const status = typeof body.status === 'string' ? body.status.toUpperCase() : '';
  if (status === 'FAILED' || status === 'ERROR' || body.success === false) return 'failed';
  if (status === 'COMPLETED' || (!status && hasAudio)) return 'completed';
  return 'processing';
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

export function parseMusicgptEvent(body: unknown): ProviderEvent {
  if (!body || typeof body !== 'object') throw new WebhookPayloadError('not a MusicGPT event');
  const b = body as Record<string, any>;
  const taskId = text(b.task_id);
  const takes: { id: string; audioUrl?: string; duration?: unknown; title?: unknown }[] = [];
  if (text(b.conversion_id)) {
    takes.push({ id: b.conversion_id, audioUrl: text(b.conversion_path) ?? text(b.audio_url), duration: b.conversion_duration, title: b.title });
  }
  for (const n of [1, 2]) {
    const id = text(b[`conversion_id_${n}`]);
    if (id) takes.push({ id, audioUrl: text(b[`conversion_path_${n}`]), duration: b[`conversion_duration_${n}`], title: b[`title_${n}`] ?? b.title });
  }
  if (!taskId || takes.length === 0) throw new WebhookPayloadError('not a MusicGPT conversion event (task_id, conversion_id)');
  const error = text(b.status_msg) ?? text(b.message) ?? 'the provider reported a failure';
  const outcomes: ProviderOutcome[] = takes.map((take) => {
    const externalId = musicgptExternalId(take.id);
    const s = state(b, Boolean(take.audioUrl));
    if (s === 'failed') return { externalId, state: 'failed', error };
    if (s === 'processing') return { externalId, state: 'processing' };
    if (!take.audioUrl) return { externalId, state: 'failed', error: 'the provider returned no audio for this take' };
    return {
      externalId,
      state: 'completed',
      audioUrl: take.audioUrl,
      params: { provider: 'musicgpt', taskId, conversionId: take.id, title: take.title, duration: take.duration },
    };
  });
  const status = typeof b.status === 'string' ? b.status.toUpperCase() : outcomes[0].state;
  return { eventKey: `${taskId}:${takes.map((t) => t.id).join('+')}:${status}`, outcomes };
}
