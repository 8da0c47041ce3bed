// The two faces of a song: everything for its owner, a public subset for everyone else (no prompt,
// no owner e-mail or id, no share slug, no favorite flag, no error text).
import type { Config } from '../../config.ts';
import type { GenerationStatus, SongTask } from '../../db/schema.ts';
import type { SongRow } from './find-visible-song.ts';
import { songAudioBase } from './song-audio-base.ts';
import { toVariationView, type VariationRow, type VariationView } from './variation-view.ts';

export interface OwnerSongView {
  id: string;
  title: string;
  prompt: string;
  task: SongTask;
  status: GenerationStatus;
  visibility: 'private' | 'public';
  isFavorite: boolean;
  likeCount: number;
  playCount: number;
  parentId: string | null;
  durationSeconds: number;
  shareSlug: string | null;
  createdAt: Date;
  completedAt: Date | null;
  variations: VariationView[];
}

export interface PublicOwner {
  username: string | null;
  displayName: string | null;
}

export interface PublicSongView {
  id: string;
  title: string;
  task: SongTask;
  likeCount: number;
  playCount: number;
  durationSeconds: number;
  createdAt: Date;
  completedAt: Date | null;
  owner: PublicOwner;
  variations: VariationView[];
}

export function toOwnerSongView(config: Pick<Config, 'publicUrl'>, row: SongRow, variations: VariationRow[]): OwnerSongView {
  const base = songAudioBase(config, row.id);
  return {
    id: row.id,
    title: row.title,
    prompt: row.prompt,
    task: row.task,
    status: row.status,
    visibility: row.visibility,
    isFavorite: row.is_favorite,
    likeCount: row.like_count,
    playCount: row.play_count,
    parentId: row.parent_id,
    durationSeconds: row.duration_seconds,
    shareSlug: row.share_slug,
    createdAt: row.created_at,
    completedAt: row.completed_at,
    variations: variations.map((v) => toVariationView(v, base)),
  };
}

export function toPublicSongView(
  config: Pick<Config, 'publicUrl'>,
  row: Pick<SongRow, 'id' | 'title' | 'task' | 'like_count' | 'play_count' | 'duration_seconds' | 'created_at' | 'completed_at'>,
  owner: PublicOwner,
  variations: VariationRow[],
): PublicSongView {
  const base = songAudioBase(config, row.id);
  return {
    id: row.id,
    title: row.title,
    task: row.task,
    likeCount: row.like_count,
    playCount: row.play_count,
    durationSeconds: row.duration_seconds,
    createdAt: row.created_at,
    completedAt: row.completed_at,
    owner,
    variations: variations.map((v) => toVariationView(v, base)),
  };
}
