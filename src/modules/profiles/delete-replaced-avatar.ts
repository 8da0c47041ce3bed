import type { AppContext } from '../../app-context.ts';

/** The database no longer points at it, so a failure here leaves garbage, not a broken profile. */
export async function deleteReplacedAvatar(ctx: Pick<AppContext, 'storage' | 'log'>, key: string): Promise<void> {
  try {
    await ctx.storage.delete(key);
  } catch (err) {
    ctx.log.warn({ err, key }, 'could not delete a replaced avatar object');
  }
}
