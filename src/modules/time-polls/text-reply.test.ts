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
