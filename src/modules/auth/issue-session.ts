import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../app-context.ts';
import type { Executor } from '../../db/executor.ts';
import { createOpaqueToken } from './opaque-token.ts';
import { signAccessToken } from './sign-access-token.ts';
import type { AuthSession, PublicUser } from './types.ts';

/** Starts a new refresh-token family for `user` (sign-up, login) and signs its first access token. */
export async function issueSession(ctx: Pick<AppContext, 'config'>, executor: Executor, user: PublicUser): Promise<AuthSession> {
  const refresh = createOpaqueToken();
  await executor
    .insertInto('refresh_tokens')
    .values({
      user_id: user.id,
      family_id: randomUUID(),
      token_hash: refresh.hash,
      expires_at: new Date(Date.now() + ctx.config.jwt.refreshTtlSeconds * 1000),
    })
    .execute();
  const access = await signAccessToken(ctx.config, user);
  return {
    user: { id: user.id, email: user.email, role: user.role },
    accessToken: access.token,
    refreshToken: refresh.token,
    expiresIn: access.expiresIn,
  };
}
