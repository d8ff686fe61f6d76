import { randomInt } from 'node:crypto';

// A reply code is read out on the phone, copied from a letter or typed by staff, so it uses
// no characters that look or sound alike: no 0/O, 1/I/L, 5/S or 2/Z. Six of these 27
// characters give 387 million codes; each is unique while its action is live.

export const replyCodeAlphabet = '346789ABCDEFGHJKMNPQRTUVWXY';
export const replyCodeLength = 6;

/** A fresh random code. */
export function newReplyCode(pick: (n: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < replyCodeLength; i++) code += replyCodeAlphabet[pick(replyCodeAlphabet.length)];
  return code;
}

// What people type for a look-alike: a letter O for a zero is the same code to them.
const lookAlikes: Record<string, string> = { '0': 'O', O: 'O', '1': 'I', I: 'I', L: 'I', '5': 'S', S: 'S', '2': 'Z', Z: 'Z' };

/**
 * A typed code as stored, or null when it cannot be one. Spaces, dashes and case do not
 * matter. A look-alike character can never be in a code, so it is refused, not guessed.
 */
export function readReplyCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== replyCodeLength) return null;
  for (const c of code) if (lookAlikes[c] !== undefined || !replyCodeAlphabet.includes(c)) return null;
  return code;
}

/** A code shown in two halves, easier to read out and copy: "ABC 123". */
export const spacedCode = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`;
