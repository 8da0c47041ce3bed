import { hash, type Algorithm, type Options } from '@node-rs/argon2';

// OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane (~50–100 ms here). Algorithm is a const enum
// in the typings, which isolated modules cannot import, hence the literal (2 = Argon2id).
export const ARGON2_OPTIONS: Options = {
  algorithm: 2 as Algorithm,
  memoryCost: 19 * 1024,
  timeCost: 2,
  parallelism: 1,
};

/** Hashes a password with argon2id (runs off the main thread); the PHC string carries salt and parameters. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}
