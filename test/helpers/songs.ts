// Songs made directly in the database, as the generator would leave them, with real (tiny) WAV files
// in the `music` bucket — so library and social tests don't depend on running generation.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileEncoder } from '../../src/audio/encode/index.ts';
import type { GenerationStatus, SongTask } from '../../src/db/schema.ts';
import { signAccessToken } from '../../src/modules/auth/sign-access-token.ts';
import { makeObjectKey } from '../../src/storage/index.ts';
import type { TestApp } from './test-app.ts';

export interface TestSongOptions {
  title?: string;
  prompt?: string;
  task?: SongTask;
  status?: GenerationStatus;
  visibility?: 'private' | 'public';
  parentId?: string | null;
  isFavorite?: boolean;
  likeCount?: number;
  createdAt?: Date;
  /** Takes to create (each with a stored WAV when the song is completed). Default 2. */
  variations?: number;
}

export interface TestSong {
  id: string;
  audioKeys: string[];
  sidecarKeys: string[];
}

const SAMPLE_RATE = 8000;
let wavPath: Promise<string> | undefined;

/** A quarter second of a 440 Hz tone, encoded once per test process. */
async function toneWav(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'backbeat-song-')), 'tone.wav');
  const encoder = await createFileEncoder(path, { format: 'wav', sampleRate: SAMPLE_RATE, channels: 1, bitDepth: 16 });
  const frames = SAMPLE_RATE / 4;
  const samples = new Float32Array(frames);
  for (let i = 0; i < frames; i++) samples[i] = 0.25 * Math.sin((2 * Math.PI * 440 * i) / SAMPLE_RATE);
  await encoder.write({ channels: [samples], frames });
  await encoder.end();
  return path;
}

/** Inserts a song owned by `ownerId` (completed, private, two takes unless told otherwise). */
export async function createTestSong(t: TestApp, ownerId: string, options: TestSongOptions = {}): Promise<TestSong> {
  const db = t.ctx.database.db;
  const status = options.status ?? 'completed';
  const completed = status === 'completed';
  const song = await db
    .insertInto('songs')
    .values({
      user_id: ownerId,
      parent_id: options.parentId ?? null,
      task: options.task ?? 'text2music',
      engine: 'procedural',
      title: options.title ?? 'Test song',
      prompt: options.prompt ?? 'a calm piano tune',
      duration_seconds: 1,
      seed: 42,
      params: JSON.stringify({}),
      status,
      visibility: options.visibility ?? 'private',
      is_favorite: options.isFavorite ?? false,
      like_count: options.likeCount ?? 0,
      created_at: options.createdAt ?? new Date(),
      completed_at: completed ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const audioKeys: string[] = [];
  const sidecarKeys: string[] = [];
  for (let position = 0; position < (options.variations ?? 2); position++) {
    let audioKey: string | null = null;
    let sidecarKey: string | null = null;
    if (completed) {
      wavPath ??= toneWav();
      audioKey = makeObjectKey('music', ownerId, 'wav');
      await t.ctx.storage.putFile(audioKey, await wavPath, { contentType: 'audio/wav' });
      sidecarKey = makeObjectKey('music', ownerId, 'json');
      await t.ctx.storage.put(sidecarKey, Buffer.from('{"plan":true}'), { contentType: 'application/json' });
      audioKeys.push(audioKey);
      sidecarKeys.push(sidecarKey);
    }
    await db
      .insertInto('song_variations')
      .values({
        song_id: song.id,
        position,
        status,
        seed: 42 + position,
        audio_key: audioKey,
        sidecar_key: sidecarKey,
        format: completed ? 'wav' : null,
        duration_seconds: completed ? 0.25 : null,
        sample_rate: completed ? SAMPLE_RATE : null,
        channels: completed ? 1 : null,
        lrc: completed ? '[00:00.00] la la' : null,
        timings: JSON.stringify({}),
        completed_at: completed ? new Date() : null,
      })
      .execute();
  }
  return { id: song.id, audioKeys, sidecarKeys };
}

export interface QuickUser {
  id: string;
  accessToken: string;
}

/**
 * A user inserted directly, with an access token: for tests that need many users at once, where
 * signing each up (password hashing) would dominate the run time.
 */
export async function createQuickUser(t: TestApp): Promise<QuickUser> {
  const email = `quick-${randomUUID().slice(0, 12)}@example.com`;
  const row = await t.ctx.database.db
    .insertInto('users')
    .values({ email, password_hash: 'not-a-hash', email_confirmed_at: new Date() })
    .returning(['id', 'role'])
    .executeTakeFirstOrThrow();
  await t.ctx.database.db.insertInto('profiles').values({ user_id: row.id }).execute();
  const { token } = await signAccessToken(t.ctx.config, { id: row.id, email, role: row.role });
  return { id: row.id, accessToken: token };
}
