// The library (a user's songs) and the social actions on a song, plus the caller's play allowance
// and streak, which belong to the social module although they live under /me.
import type { RouteModule } from '../../types.ts';
import deleteSongLike from './delete-song-like.ts';
import deleteSong from './delete-song.ts';
import getMePlays from './get-me-plays.ts';
import getMeStreak from './get-me-streak.ts';
import getSongAudio from './get-song-audio.ts';
import getSongLineage from './get-song-lineage.ts';
import getSongVariations from './get-song-variations.ts';
import getSong from './get-song.ts';
import getSongs from './get-songs.ts';
import patchSong from './patch-song.ts';
import postSongFavorite from './post-song-favorite.ts';
import postSongPlay from './post-song-play.ts';
import postSongShare from './post-song-share.ts';
import putSongLike from './put-song-like.ts';

export const songRoutes: RouteModule[] = [
  getSongs,
  getSong,
  patchSong,
  deleteSong,
  getSongAudio,
  getSongVariations,
  getSongLineage,
  putSongLike,
  deleteSongLike,
  postSongPlay,
  postSongShare,
  postSongFavorite,
  getMePlays,
  getMeStreak,
];
