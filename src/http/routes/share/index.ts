import type { RouteModule } from '../../types.ts';
import getShareAudio from './get-share-audio.ts';
import getShare from './get-share.ts';

export const shareRoutes: RouteModule[] = [getShare, getShareAudio];
