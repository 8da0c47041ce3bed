import type { RouteModule } from '../../types.ts';
import postLyrics from './post-lyrics.ts';

export const lyricsRoutes: RouteModule[] = [postLyrics];
