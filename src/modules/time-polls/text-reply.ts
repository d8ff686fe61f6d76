// A time poll answered by text message. The text we send numbers the times and asks for
// each number with a letter: Y (yes), M (maybe: if need be) or N (no), such as "1Y 2M 3N".
// Numbers on their own ("1 3") say yes to those times. A time left out keeps the answer
// the person gave it before, or is a no: when staff add a time, the text asks about that
// time alone ("4Y"), and the earlier answers must stand. Times keep their numbers when
// others are taken away, so a number in an old text never lands on another time. Anything we cannot read for certain goes to staff: a wrong guess is worse
// than a short wait.
import type { TimePollAnswer } from '../../db/schema/time-polls.ts';
import { plainWords } from '../texts/reply-words.ts';

const letters: Record<string, TimePollAnswer> = {
  y: 'yes',
  yes: 'yes',
  m: 'maybe',
  maybe: 'maybe',
  n: 'no',
  no: 'no',
};

/**
 * The answer for each time (by its number), or null when the text is not a poll answer we
 * can be sure of: a number twice, a number that is not one of the times, or any word we do
 * not know. `times` is how many (numbered from 1) or the numbers offered.
 */
export function readPollText(
  body: string,
  times: number | readonly number[],
  earlier: ReadonlyMap<number, TimePollAnswer> = new Map(),
): Map<number, TimePollAnswer> | null {
  const offered = typeof times === 'number' ? Array.from({ length: times }, (_, i) => i + 1) : [...times].sort((a, b) => a - b);
  // "1Y", "1 Y", "1-y", "1: yes" all read the same once punctuation is spaces.
  const words = plainWords(body)
    .replace(/(\d)([a-z])/g, '$1 $2')
    .split(' ')
    .filter(Boolean);
  if (!words.length) return null;
  const given = new Map<number, TimePollAnswer>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!/^\d{1,2}$/.test(word)) return null;
    const n = Number(word);
    if (!offered.includes(n) || given.has(n)) return null;
    const next = words[i + 1];
    const answer = next !== undefined ? letters[next] : undefined;
    if (answer) i++;
    given.set(n, answer ?? 'yes');
  }
  const out = new Map<number, TimePollAnswer>();
  for (const n of offered) out.set(n, given.get(n) ?? earlier.get(n) ?? 'no');
  return out;
}
