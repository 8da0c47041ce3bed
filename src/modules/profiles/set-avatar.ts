import type { AppContext } from '../../app-context.ts';
import { AppError, notFound } from '../../errors.ts';
import { isStorageError, makeObjectKey } from '../../storage/index.ts';
import { avatarTooLarge } from './avatar-too-large.ts';
import { deleteReplacedAvatar } from './delete-replaced-avatar.ts';
import { IMAGE_SNIFF_BYTES, detectImageType } from './detect-image-type.ts';
import { getMyProfile } from './get-my-profile.ts';
import { peekStream } from '../../lib/peek-stream.ts';
import type { Profile } from './schemas.ts';
import { swapAvatarKey } from './swap-avatar-key.ts';

type Ctx = Pick<AppContext, 'database' | 'config' | 'storage' | 'log'>;

/** True for the errors a size limit raises, from storage or from the multipart parser. */
function isSizeLimitError(err: unknown): boolean {
  const e = err as { code?: string; statusCode?: number } | null;
  return isStorageError(err, 'too_large') || e?.code === 'FST_REQ_FILE_TOO_LARGE' || e?.statusCode === 413;
}

/**
 * Stores a new avatar, streaming it into storage under a server-generated key with the size limit
 * enforced on the way, then points the profile at it and deletes the previous object. Only PNG, JPEG,
 * WebP and GIF are accepted, judged by content.
 */
export async function setAvatar(
  ctx: Ctx,
  input: { userId: string; body: AsyncIterable<Uint8Array>; maxBytes?: number },
): Promise<Profile> {
  const maxBytes = input.maxBytes ?? ctx.config.avatarMaxBytes;
  const { head, body, discard } = await peekStream(input.body, IMAGE_SNIFF_BYTES);
  const type = detectImageType(head);
  if (!type) {
    await discard();
    if (head.length === 0) throw new AppError('validation_failed', 'file: must not be empty', { field: 'file' });
    throw new AppError('unsupported_media_type', 'file: must be a PNG, JPEG, WebP or GIF image', {
      field: 'file',
      accepted: ['image/png', 'image/jpeg', 'image/webp', 'image/gif'],
    });
  }

  const key = makeObjectKey('avatars', input.userId, type.ext);
  try {
    // The stored type is the detected one; the client's label is never trusted.
    await ctx.storage.put(key, body, { contentType: type.mime, maxBytes });
  } catch (err) {
    if (isSizeLimitError(err)) throw avatarTooLarge(maxBytes);
    throw err;
  }

  let previous: string | null;
  try {
    previous = await swapAvatarKey(ctx, input.userId, key);
  } catch (err) {
    await ctx.storage.delete(key).catch(() => undefined);
    if ((err as { code?: string }).code === '23503') throw notFound('User');
    throw err;
  }
  if (previous && previous !== key) await deleteReplacedAvatar(ctx, previous);
  return getMyProfile(ctx, { userId: input.userId });
}
