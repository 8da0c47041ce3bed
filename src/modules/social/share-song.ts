import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../app-context.ts';
import { AppError, notFound } from '../../errors.ts';
import { findVisibleSong } from '../library/find-visible-song.ts';

/** 60 random bits in 10 URL-safe characters: unguessable, short enough to paste. */
function newSlug(): string {
  return randomBytes(8).toString('base64url').slice(0, 10);
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string }).code === '23505';
}

/** The public address of a share link. */
export function shareUrl(publicUrl: string, slug: string): string {
  return `${publicUrl}/api/share/${slug}`;
}

/**
 * Gives the owner's completed song a share link, or returns the one it already has (one slug per
 * song, so a link handed out keeps working), and records the share. Anyone holding the link can
 * listen, even to a private song: the link is the permission.
 */
export async function shareSong(
  ctx: Pick<AppContext, 'database' | 'config'>,
  input: { songId: string; userId: string },
): Promise<{ slug: string; url: string }> {
  const { song } = await findVisibleSong(ctx, { ...input, ownerOnly: true });
  if (song.status !== 'completed') {
    throw new AppError('conflict', 'Only a completed song can be shared', { status: song.status });
  }
  for (let attempt = 0; ; attempt++) {
    try {
      const slug = await ctx.database.db.transaction().execute(async (trx) => {
        // COALESCE keeps an existing slug, also when two share requests race.
        const row = await trx
          .updateTable('songs')
          .set((eb) => ({ share_slug: eb.fn.coalesce('share_slug', eb.val(newSlug())) }))
          .where('id', '=', song.id)
          .where('user_id', '=', input.userId)
          .returning('share_slug')
          .executeTakeFirst();
        if (!row?.share_slug) throw notFound('Song');
        await trx.insertInto('interactions').values({ user_id: input.userId, song_id: song.id, kind: 'share' }).execute();
        return row.share_slug;
      });
      return { slug, url: shareUrl(ctx.config.publicUrl, slug) };
    } catch (err) {
      // Another song already has this slug: draw again (vanishingly rare at 60 bits).
      if (isUniqueViolation(err) && attempt < 3) continue;
      throw err;
    }
  }
}
