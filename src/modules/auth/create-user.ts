import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../errors.ts';
import type { Executor } from '../../db/executor.ts';
import { hashPassword } from './hash-password.ts';
import { normalizeEmail } from './normalize-email.ts';
import type { PublicUser } from './types.ts';
import { validatePassword } from './validate-password.ts';

export interface CreateUserInput {
  email: string;
  password: string;
  role?: 'user' | 'admin';
  /** Mark the address confirmed (accounts made by an administrator). */
  confirmed?: boolean;
}

export interface CreatedUser extends PublicUser {
  emailConfirmed: boolean;
}

function emailTaken(): AppError {
  return new AppError('conflict', 'email: an account with this e-mail already exists', { field: 'email' });
}

/**
 * Creates a user and its empty profile in one transaction. `within` runs in that same transaction
 * after the inserts (sign-up queues its confirmation mail there), so everything commits together.
 * The password is hashed before the transaction opens: argon2 takes ~0.1 s and must not hold a connection.
 */
export async function createUser(
  ctx: Pick<AppContext, 'database'>,
  input: CreateUserInput,
  within?: (trx: Executor, user: CreatedUser) => Promise<void>,
): Promise<CreatedUser> {
  const email = normalizeEmail(input.email);
  validatePassword(input.password);
  const role = input.role ?? 'user';
  const db = ctx.database.db;
  const existing = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (existing) throw emailTaken();
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('users')
        .values({ email, password_hash: passwordHash, role, email_confirmed_at: input.confirmed ? new Date() : null })
        .returning(['id', 'email', 'role', 'email_confirmed_at'])
        .executeTakeFirstOrThrow();
      await trx.insertInto('profiles').values({ user_id: row.id }).execute();
      const user: CreatedUser = { id: row.id, email: row.email, role: row.role, emailConfirmed: row.email_confirmed_at !== null };
      if (within) await within(trx, user);
      return user;
    });
  } catch (err) {
    // Two sign-ups racing for one address: the unique index decides, the loser gets the same 409.
    if ((err as { code?: string }).code === '23505' && String((err as { constraint?: string }).constraint) === 'users_email_key') {
      throw emailTaken();
    }
    throw err;
  }
}
