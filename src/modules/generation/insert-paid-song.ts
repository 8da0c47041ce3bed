// The song, its takes and its debit in one statement. Admission is bounded by round trips to the
// database, so the hot path sends one statement where it would otherwise send four. The ledger's own
// rules still hold: its triggers move the balance and refuse an overdraft (23514), exactly as for
// recordLedgerEntry.
import { sql } from 'kysely';
import { AppError } from '../../errors.ts';
import type { Executor } from '../../db/executor.ts';
import type { LedgerReason, SongTask } from '../../db/schema.ts';

export interface PaidSong {
  id: string;
  userId: string;
  parentId: string | null;
  task: SongTask;
  engine: string;
  title: string;
  prompt: string;
  lyrics: string | null;
  durationSeconds: number;
  seed: number;
  params: Record<string, unknown>;
  variations: number;
  cost: number;
  jobId: string;
  reason: LedgerReason;
}

function isOverdraft(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string };
  return e.code === '23514' && e.constraint === 'wallets_balance_not_negative';
}

/** Inserts song, takes and debit; false (nothing written) when the user has no wallet yet. */
export async function insertPaidSong(executor: Executor, song: PaidSong): Promise<boolean> {
  const metadata = JSON.stringify({ songId: song.id, jobId: song.jobId, variations: song.variations, task: song.task });
  try {
    const { rows } = await sql<{ songs: number }>`
      WITH w AS (SELECT user_id FROM wallets WHERE user_id = ${song.userId}),
      s AS (
        INSERT INTO songs (id, user_id, parent_id, task, engine, title, prompt, lyrics, duration_seconds, seed, params, cost, job_id)
        SELECT ${song.id}, ${song.userId}, ${song.parentId}, ${song.task}, ${song.engine}, ${song.title}, ${song.prompt}, ${song.lyrics},
          ${song.durationSeconds}, ${song.seed}, ${JSON.stringify(song.params)}::jsonb, ${song.cost}, ${song.jobId}
        FROM w
        RETURNING id),
      v AS (
        INSERT INTO song_variations (song_id, position, seed)
        SELECT s.id, p, (${song.seed}::bigint + p) % 4294967296 FROM s, generate_series(0, ${song.variations - 1}) AS p
        RETURNING id),
      d AS (
        INSERT INTO transactions (user_id, amount, reason, metadata, idempotency_key)
        SELECT ${song.userId}, ${-song.cost}, ${song.reason}, ${metadata}::jsonb, ${`debit:${song.id}`}
        FROM s WHERE ${song.cost} > 0
        RETURNING id)
      SELECT (SELECT count(*) FROM s)::int AS songs, (SELECT count(*) FROM v)::int AS takes, (SELECT count(*) FROM d)::int AS debits`.execute(executor);
    return rows[0].songs === 1;
  } catch (err) {
    if (isOverdraft(err)) {
      throw new AppError('insufficient_credits', `Not enough credits: this needs ${song.cost}`, { required: song.cost });
    }
    throw err;
  }
}
