// A generation that finally failed: the song and its unfinished takes are marked failed and the
// payment is returned. The refund's ledger key is `refund:<songId>`, so however many times this runs
// (retries, a dead-letter job re-run after a crash, a provider's failure webhook) it refunds once.
import { sql } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import { recordLedgerEntry } from '../credits/record-ledger-entry.ts';
import { appendGenerationLog } from './append-generation-log.ts';

export interface FailGenerationResult {
  /** False when the song was already completed (nothing to fail) or unknown. */
  failed: boolean;
  refunded: boolean;
}

export async function failGeneration(ctx: Pick<AppContext, 'database'>, songId: string, error: string): Promise<FailGenerationResult> {
  const message = (error || 'generation failed').slice(0, 2000);
  return ctx.database.db.transaction().execute(async (trx) => {
    // The row lock orders this against completeVariation, which takes the same lock.
    const song = await trx
      .selectFrom('songs')
      .select(['id', 'user_id', 'status', 'cost'])
      .where('id', '=', songId)
      .forUpdate()
      .executeTakeFirst();
    if (!song || song.status === 'completed') return { failed: false, refunded: false };
    if (song.status !== 'failed') {
      await trx
        .updateTable('songs')
        .set({ status: 'failed', error: message, updated_at: sql`now()` })
        .where('id', '=', songId)
        .execute();
      await trx
        .updateTable('song_variations')
        .set((eb) => ({ status: 'failed', error: eb.fn.coalesce('error', sql<string>`${message}`) }))
        .where('song_id', '=', songId)
        .where('status', '<>', 'completed')
        .execute();
      await appendGenerationLog(trx, songId, 'failed', message);
    }
    let refunded = false;
    if (song.user_id && song.cost > 0) {
      const entry = await recordLedgerEntry(trx, {
        userId: song.user_id,
        amount: song.cost,
        reason: 'refund',
        idempotencyKey: `refund:${songId}`,
        metadata: { songId, error: message.slice(0, 200) },
      });
      refunded = entry.applied;
    }
    return { failed: true, refunded };
  });
}
