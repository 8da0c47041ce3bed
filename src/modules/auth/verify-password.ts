import { randomBytes } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import { hashPassword } from './hash-password.ts';

// Verified against when the account does not exist, so an unknown e-mail costs the same argon2 work
// as a wrong password and response time does not reveal which addresses have accounts.
let dummyHash: Promise<string> | undefined;

function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('base64url'));
  return dummyHash;
}

/** Computes the dummy hash ahead of the first login (it takes as long as one real hash). */
export function prepareDummyHash(): Promise<void> {
  return getDummyHash().then(() => {});
}

/** True when `password` matches `passwordHash`; with no hash, spends the same time and returns false. */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  const target = passwordHash ?? (await getDummyHash());
  try {
    const ok = await verify(target, password);
    return ok && passwordHash !== null;
  } catch {
    // A malformed stored hash must not open the door or surface as a 500.
    return false;
  }
}
