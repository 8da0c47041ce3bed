// The shape of a generation request, shared by the route (validation, OpenAPI) and the service.
import { z } from 'zod';

export const SONG_TASKS = ['text2music', 'retake', 'repaint', 'extend', 'remix'] as const;

export const GenerationRequestSchema = z.strictObject({
  prompt: z.string().trim().min(1).max(1000),
  lyrics: z.string().max(5000).optional(),
  title: z.string().trim().min(1).max(200).optional(),
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  task: z.enum(SONG_TASKS).default('text2music'),
  durationSeconds: z.number().int().min(5).max(300),
  variations: z.number().int().min(1).max(3).default(1),
  parentSongId: z.uuid().optional(),
  region: z.strictObject({ start: z.number().min(0), end: z.number().min(0) }).optional(),
  engine: z.string().min(1).max(64).optional(),
});

export type GenerationRequest = z.infer<typeof GenerationRequestSchema>;

export interface GenerationAccepted {
  song: { id: string };
  job: { id: string; status: 'queued' };
}
