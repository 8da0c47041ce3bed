import type { RouteModule } from '../../types.ts';
import getGenerateStream from './get-generate-stream.ts';
import postGenerate from './post-generate.ts';

export const generateRoutes: RouteModule[] = [postGenerate, getGenerateStream];
