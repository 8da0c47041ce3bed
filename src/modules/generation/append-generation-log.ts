import type { Executor } from '../../db/executor.ts';

/** One step of a generation, as the NDJSON stream shows it. Messages are capped: they are for people. */
export async function appendGenerationLog(executor: Executor, songId: string, step: string, message: string): Promise<void> {
  await executor
    .insertInto('generation_logs')
    .values({ song_id: songId, step: step.slice(0, 64), message: message.slice(0, 2000) })
    .execute();
}
