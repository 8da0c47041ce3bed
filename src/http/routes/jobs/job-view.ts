// What the API shows of a job, and who may see it: its owner or an administrator. Anyone else gets
// the same 404 as for an id that doesn't exist, so ids can't be probed.
import { z } from 'zod';
import type { AppContext } from '../../../app-context.ts';
import { notFound } from '../../../errors.ts';
import type { JobRecord } from '../../../jobs/index.ts';
import type { AuthUser } from '../../types.ts';

export const JobStatusSchema = z.enum(['queued', 'running', 'completed', 'failed']);

export const JobSchema = z.object({
  id: z.uuid(),
  queue: z.string(),
  status: JobStatusSchema,
  progress: z.number().int().min(0).max(100),
  message: z.string().optional(),
  error: z.string().optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const JobParamsSchema = z.strictObject({ id: z.string().max(64) });

export async function findVisibleJob(ctx: AppContext, user: AuthUser, id: string): Promise<JobRecord> {
  const job = await ctx.jobs.getJob(id);
  if (!job || (job.ownerId !== user.id && user.role !== 'admin')) throw notFound('Job');
  return job;
}

export function jobView(job: JobRecord): z.infer<typeof JobSchema> {
  return {
    id: job.id,
    queue: job.queue,
    status: job.status,
    progress: job.progress,
    ...(job.message ? { message: job.message } : {}),
    ...(job.error ? { error: job.error } : {}),
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
  };
}

/** One Server-Sent Event's payload. */
export function jobEvent(job: JobRecord): { id: string; status: JobRecord['status']; progress: number; message?: string; error?: string } {
  return {
    id: job.id,
    status: job.status,
    progress: job.progress,
    ...(job.message ? { message: job.message } : {}),
    ...(job.error ? { error: job.error } : {}),
  };
}
