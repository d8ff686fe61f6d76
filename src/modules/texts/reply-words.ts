// What a text back says, when it says one of the few things the app can act on by itself.
// People type on old phones, in any case, with a full stop, an emoji-free "yes please" or
// "Yes!!": the words are read after lower-casing and dropping punctuation. Anything longer
// or less certain goes to staff, who read it: a guess that records the wrong answer is
// worse than a short wait.

export type ReadReply =
  | { kind: 'yes' | 'no' | 'maybe' }
  /** STOP and the other opt-out words phone networks and providers honour. */
  | { kind: 'stop' }
  /** A number on its own, such as the option of a vote: "2". */
  | { kind: 'number'; number: number }
  | { kind: 'unknown' };

const words: Record<'yes' | 'no' | 'maybe' | 'stop', readonly string[]> = {
  yes: [
    'yes',
    'y',
    'yeah',
    'yep',
    'yes please',
    'ok',
    'okay',
    'yes i will come',
    'i will come',
    'ill come',
    'i can come',
    'coming',
    'attending',
  ],
  no: ['no', 'n', 'nope', 'no thanks', 'no thank you', 'cant come', 'cannot come', 'i cant come', 'i cannot come', 'not coming'],
  maybe: ['maybe', 'm', 'perhaps', 'possibly', 'not sure', 'unsure', 'dont know', 'i dont know'],
  // Not "cancel": people write it meaning they cannot come, and it would stop every text.
  stop: ['stop', 'stop all', 'stopall', 'unsubscribe', 'end', 'quit', 'stop texts', 'stop texting me', 'no more texts'],
};

const byWords = new Map<string, 'yes' | 'no' | 'maybe' | 'stop'>(
  Object.entries(words).flatMap(([kind, list]) => list.map((w) => [w, kind as 'yes' | 'no' | 'maybe' | 'stop'])),
);

/** The text's words: lower case, apostrophes dropped (can't), other punctuation as spaces. */
export function plainWords(body: string): string {
  return body
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['\u2019`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function readReply(body: string): ReadReply {
  const plain = plainWords(body);
  const known = byWords.get(plain);
  if (known) return { kind: known };
  if (/^\d{1,2}$/.test(plain)) return { kind: 'number', number: Number(plain) };
  return { kind: 'unknown' };
}
