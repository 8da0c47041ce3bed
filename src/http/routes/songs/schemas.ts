// What the song, like, play, share and streak routes accept and answer. Response schemas keep anything
// undeclared (owner ids, storage keys, engine params) out of the reply.
import { z } from 'zod';

export const SongIdParams = z.strictObject({ id: z.string().max(64) });

export const TaskSchema = z.enum(['text2music', 'retake', 'repaint', 'extend', 'remix']);
export const StatusSchema = z.enum(['queued', 'generating', 'completed', 'failed']);
export const VisibilitySchema = z.enum(['private', 'public']);

export const VariationSchema = z.object({
  id: z.uuid(),
  position: z.number().int(),
  status: StatusSchema,
  durationSeconds: z.number().nullable(),
  audioUrl: z.string().nullable().describe('Streams the take (Range supported); null until it has audio'),
});

export const OwnerSongSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  prompt: z.string(),
  task: TaskSchema,
  status: StatusSchema,
  visibility: VisibilitySchema,
  isFavorite: z.boolean(),
  likeCount: z.number().int(),
  playCount: z.number().int(),
  parentId: z.uuid().nullable(),
  durationSeconds: z.number(),
  shareSlug: z.string().nullable(),
  createdAt: z.date(),
  completedAt: z.date().nullable(),
  variations: z.array(VariationSchema),
});

export const PublicOwnerSchema = z.object({ username: z.string().nullable(), displayName: z.string().nullable() });

export const PublicSongSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  task: TaskSchema,
  likeCount: z.number().int(),
  playCount: z.number().int(),
  durationSeconds: z.number(),
  createdAt: z.date(),
  completedAt: z.date().nullable(),
  owner: PublicOwnerSchema,
  variations: z.array(VariationSchema),
});

/** The owner sees every field; anyone else sees the public subset of a public song (owner-only fields absent). */
export const SongDetailSchema = z.object({
  id: z.uuid(),
  isOwner: z.boolean(),
  title: z.string(),
  task: TaskSchema,
  likeCount: z.number().int(),
  playCount: z.number().int(),
  likedByMe: z.boolean(),
  durationSeconds: z.number(),
  lyrics: z.string().nullable(),
  createdAt: z.date(),
  completedAt: z.date().nullable(),
  variations: z.array(VariationSchema),
  owner: PublicOwnerSchema.optional().describe('Others only'),
  prompt: z.string().optional().describe('Owner only'),
  status: StatusSchema.optional().describe('Owner only (others only ever see completed songs)'),
  visibility: VisibilitySchema.optional().describe('Owner only'),
  isFavorite: z.boolean().optional().describe('Owner only'),
  parentId: z.uuid().nullable().optional().describe('Owner only'),
  shareSlug: z.string().nullable().optional().describe('Owner only'),
  error: z.string().nullable().optional().describe('Owner only'),
});

export const LikeStateSchema = z.object({ liked: z.boolean(), likeCount: z.number().int() });

export const StreakSchema = z.object({
  currentStreak: z.number().int(),
  longestStreak: z.number().int(),
  lastActiveDate: z.string().nullable().describe('UTC day, YYYY-MM-DD'),
});

type Security = { [scheme: string]: string[] }[];

export const AUTH: Security = [{ bearerAuth: [] }, { apiKey: [] }];
/** Routes that answer anonymous callers too (public songs) and the owner with credentials. */
export const OPTIONAL_AUTH: Security = [{}, { bearerAuth: [] }, { apiKey: [] }];
