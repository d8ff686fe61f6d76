import { hash, verify } from '@node-rs/argon2';
import { isCommonPassword } from './common-passwords.ts';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): the package's defaults are lighter.
// algorithm 2 is Argon2id (the package's enum is const, so not importable at run time).
const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const minimumPasswordLength = 12;
export const maximumPasswordLength = 256;

/**
 * Not one of the passwords people pick most often (common-passwords.ts): a check for new
 * passwords, beside the length, with the message "too common" in words a child follows.
 */
export const notCommonPassword = (password: string): boolean => !isCommonPassword(password);

export const hashPassword = (password: string): Promise<string> => hash(password, options);

// Checked against when no account matches, so a wrong email takes as long as a wrong password.
let decoy: Promise<string> | undefined;

export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  if (!storedHash) {
    decoy ??= hashPassword('decoy password that matches nothing');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
