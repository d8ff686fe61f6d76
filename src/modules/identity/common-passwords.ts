import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Passwords that people pick most often, from the 10 million leaked passwords that
 * zxcvbn-ts ships as data (@zxcvbn-ts/language-common, MIT; about 49,000 of them). The
 * login pages of an attacker try these first, so they are refused whatever their length.
 * Read once, on first use, into a Set: one lookup per check.
 */
let list: Set<string> | undefined;

function commonPasswords(): Set<string> {
  if (!list) {
    const file = createRequire(import.meta.url).resolve('@zxcvbn-ts/language-common/src/passwords.json');
    const words: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!Array.isArray(words) || words.length < 10_000) throw new Error(`The list of common passwords in ${file} is not a list`);
    list = new Set(words.map((w) => String(w).toLowerCase()));
  }
  return list;
}

/** The number of passwords on the list, for the README and tests. */
export const commonPasswordCount = () => commonPasswords().size;

/**
 * Whether a password is on the list or one of them dressed up: in capitals, with spaces,
 * repeated ("passwordpassword"), or with numbers and marks before or after ("Sunshine2026!").
 */
export function isCommonPassword(password: string): boolean {
  const words = commonPasswords();
  const plain = password.toLowerCase().replace(/\s+/g, '');
  const repeated = /^(.+?)\1+$/.exec(plain)?.[1];
  const trimmed = plain.replace(/^[\p{N}\p{P}\p{S}]+|[\p{N}\p{P}\p{S}]+$/gu, '');
  const candidates = [plain, repeated, trimmed, trimmed && /^(.+?)\1+$/.exec(trimmed)?.[1]];
  // Only numbers and marks, or one character over and over: nothing left to guess.
  if (trimmed === '' || new Set(plain).size <= 2) return true;
  return candidates.some((c) => c !== undefined && c !== '' && words.has(c));
}
