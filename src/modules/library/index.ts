// The song library: a user's songs, searched and filtered, their takes and audio, and their lineage.
export { deleteSong } from './delete-song.ts';
export { findVisibleSong, isPubliclyVisible, type SongRow, type VisibleSong } from './find-visible-song.ts';
export { getLineage, type LineageNode } from './get-lineage.ts';
export { getSong, type SongDetail } from './get-song.ts';
export { getSongAudioKey } from './get-song-audio-key.ts';
export { listSongs, type ListSongsInput } from './list-songs.ts';
export { listVariations } from './list-variations.ts';
export { loadVariations } from './load-variations.ts';
export { toOwnerSongView, toPublicSongView, type OwnerSongView, type PublicSongView } from './song-view.ts';
export { updateSong } from './update-song.ts';
