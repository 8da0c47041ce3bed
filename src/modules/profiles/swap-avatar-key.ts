import type { AppContext } from '../../app-context.ts';
import { ensureProfileRow } from './profile-queries.ts';

/**
 * Sets `avatar_key` and returns the key it replaced. The row lock makes two concurrent uploads by one
 * user queue up, so each sees the other's key as "previous" and no object is orphaned.
 */
export async function swapAvatarKey(ctx: Pick<AppContext, 'database'>, userId: string, key: string | null): Promise<string | null> {
  return ctx.database.db.transaction().execute(async (trx) => {
    await ensureProfileRow(trx, userId);
    const row = await trx
      .selectFrom('profiles')
      .select('avatar_key')
      .where('user_id', '=', userId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('profiles')
      .set({ avatar_key: key, updated_at: new Date() })
      .where('user_id', '=', userId)
      .execute();
    return row.avatar_key;
  });
}
