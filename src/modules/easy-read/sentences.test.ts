import assert from 'node:assert/strict';
import { test } from 'node:test';
import { longSentences, sentencesOf, wordCount } from './sentences.ts';

// P1: easy read sentences are 15 words at most.
const fifteen = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen.';
const sixteen = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen.';

const cases: Array<{ name: string; text: string; words?: number; long: number }> = [
  { name: 'an empty text has no long sentence', text: '', long: 0 },
  { name: 'a short sentence', text: 'We **meet** on Monday.', words: 4, long: 0 },
  { name: 'exactly fifteen words is fine', text: fifteen, words: 15, long: 0 },
  { name: 'sixteen words is too long', text: sixteen, words: 16, long: 1 },
  { name: 'bold marks are not words', text: '**Vote** here.', words: 2, long: 0 },
  { name: 'a value put in later is one word', text: 'Hello {{name}}.', words: 2, long: 0 },
  { name: "a word with an apostrophe is one word: it's", text: "It's time.", words: 2, long: 0 },
  { name: 'two short sentences on one line are counted apart', text: `${fifteen} ${fifteen}`, long: 0 },
  { name: 'a line break ends a sentence too', text: 'one two three\nfour five', long: 0 },
  { name: 'only the long one of two is found', text: `Short one. ${sixteen}`, long: 1 },
];

for (const c of cases)
  test(c.name, () => {
    if (c.words !== undefined) assert.equal(wordCount(sentencesOf(c.text)[0] ?? ''), c.words);
    assert.equal(longSentences(c.text).length, c.long);
  });

test('a long sentence is given back with its word count', () => {
  assert.deepEqual(longSentences(sixteen), [{ sentence: sixteen, words: 16 }]);
});
