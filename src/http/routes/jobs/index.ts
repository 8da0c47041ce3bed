import type { RouteModule } from '../../types.ts';
import getJobEvents from './get-job-events.ts';
import getJob from './get-job.ts';

export const jobRoutes: RouteModule[] = [getJob, getJobEvents];
