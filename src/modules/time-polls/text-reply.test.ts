import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readPollText } from './text-reply.ts';

test('reading a text that answers a poll of three times', () => {
  const cases: Array<[string, string, string | null]> = [
    ['as the text shows', '1Y 2M 3N', 'yes maybe no'],
    ['lower case, commas', '1y, 2m, 3n', 'yes maybe no'],
    ['spaces and words', '1 yes 2 maybe 3 no', 'yes maybe no'],
    ['punctuation', '1-Y. 2:N!', 'yes no no'],
    ['numbers alone are yes, the rest no', '1 3', 'yes no yes'],
    ['one number', '2', 'no yes no'],
    ['a time left out is a no', '3M', 'no no maybe'],
    ['not one of the times', '4Y', null],
    ['a time twice', '1Y 1N', null],
    ['a word we do not know', '1Y 2 perhaps', null],
    ['a letter alone', 'Y', null],
    ['nothing', '', null],
    ['a sentence', 'I can do Tuesday', null],
  ];
  for (const [name, body, expected] of cases) {
    const read = readPollText(body, 3);
    assert.equal(read ? [...read.values()].join(' ') : null, expected, name);
  }
});

test('times keep their numbers when others are taken away, and earlier answers stand for times left out', () => {
  const earlier = new Map([
    [1, 'yes' as const],
    [3, 'maybe' as const],
  ]);
  const cases: Array<[string, string, readonly number[], string | null]> = [
    ['a new time 4 answered alone: the rest stand', '4Y', [1, 3, 4], 'yes maybe yes'],
    ['an earlier answer changed', '3N 4M', [1, 3, 4], 'yes no maybe'],
    ['a time taken away is not one of the times', '2Y', [1, 3, 4], null],
    ['a time never answered and left out is a no', '1N', [1, 3, 4, 5], 'no maybe no no'],
  ];
  for (const [name, body, offered, expected] of cases) {
    const read = readPollText(body, offered, earlier);
    assert.equal(read ? [...read.values()].join(' ') : null, expected, name);
    if (read) assert.deepEqual([...read.keys()], [...offered], `${name}: every time offered, by its own number`);
  }
});
