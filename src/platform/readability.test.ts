import assert from 'node:assert/strict';
import { test } from 'node:test';
import { longestSentence, readingAge, readingEase } from './readability.ts';

test('short words in short sentences read more easily than long words in long ones', () => {
  const plain = 'We meet on Monday. Tell us if you can come. We will send the papers.';
  const dense =
    'Stakeholders are requested to confirm their availability for the forthcoming consultative deliberation regarding commissioning arrangements.';
  assert.ok(readingEase(plain) > 90, String(readingEase(plain)));
  assert.ok(readingEase(dense) < 20, String(readingEase(dense)));
});

test('links and placeholders are not counted as words people read', () => {
  assert.equal(longestSentence('Reply here: https://example.org/reply/very-long-token-with-many-parts'), 2);
  assert.equal(longestSentence('Hello {{name}}. You are invited to {{title}}.'), 5);
  assert.equal(readingEase('Hello {{name}}.'), readingEase('Hello it.'));
});

test('the longest sentence is counted in words', () => {
  assert.equal(longestSentence('One two three. One two three four five! Six?'), 5);
  assert.equal(longestSentence(''), 0);
});

test('the reading age of plain words is 9 or under, and of dense official words far above', () => {
  // Issue 24: the age a reader needs, from the Flesch-Kincaid grade plus 5.
  assert.ok(readingAge('We meet on Monday. Tell us if you can come. We will send the papers.') <= 9);
  assert.ok(
    readingAge(
      'Stakeholders are requested to confirm their availability for the forthcoming consultative deliberation regarding commissioning arrangements.',
    ) >= 18,
  );
  assert.equal(readingAge(''), 0);
});
