import { sql } from 'kysely';
import type { AppContext } from '../../app-context.ts';

// Rows older than a day count for nothing. Pruning on a small share of logins keeps the table small
// without a scheduled job; the indexed range delete is cheap.
const PRUNE_PROBABILITY = 0.01;

/** Records one login attempt for the per-account and per-address limits. */
export async function recordLoginAttempt(
  ctx: Pick<AppContext, 'database'>,
  input: { email: string; ip: string; succeeded: boolean },
): Promise<void> {
  const db = ctx.database.db;
  await db.insertInto('login_attempts').values(input).execute();
  if (Math.random() < PRUNE_PROBABILITY) {
    await db.deleteFrom('login_attempts').where('created_at', '<', sql<Date>`now() - interval '1 day'`).execute();
  }
}
