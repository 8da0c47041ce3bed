import { badRequest } from '../../errors.ts';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Length in Unicode code points (an emoji counts once, unlike String.length). Too long is refused,
 * never cut: a password is hashed whole, so what the user typed is exactly what has to match.
 */
export function validatePassword(password: string): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) throw badRequest('password', `must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if (length > PASSWORD_MAX_LENGTH) throw badRequest('password', `must be at most ${PASSWORD_MAX_LENGTH} characters`);
}
