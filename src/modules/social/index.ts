// Social features: likes, plays with a monthly allowance, share links, favorites, daily streaks and
// the public explore feed.
export { getPlayUsage, type PlayUsageView } from './get-play-usage.ts';
export { getSharedAudioKey } from './get-shared-audio-key.ts';
export { getSharedSong, type SharedSongView } from './get-shared-song.ts';
export { getStreak } from './get-streak.ts';
export { likeSong, type LikeState } from './like-song.ts';
export { listExplore, type ExploreSort } from './list-explore.ts';
export { playSong, type PlayResult } from './play-song.ts';
export { recordActivity, type StreakView } from './record-activity.ts';
export { shareSong } from './share-song.ts';
export { toggleFavorite } from './toggle-favorite.ts';
export { unlikeSong } from './unlike-song.ts';
