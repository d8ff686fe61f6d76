import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCatalogue } from '../../platform/i18n.ts';
import { longestSentence, readingEase } from '../../platform/readability.ts';
import { allStatements, ratings } from './vocabulary.ts';

// Everyone rates these statements, so a 9-year-old should be able to read each one:
// short sentences and short words, checked one by one and as the form reads them.
const c = loadCatalogue('en').reviews as Record<string, any>;
const strings = (o: unknown): string[] => (typeof o === 'string' ? [o] : Object.values(o as object).flatMap(strings));

test('there is a statement, written afresh, for each of the 19 recommendations and the 4 principles', () => {
  assert.equal(allStatements.length, 23);
  for (const code of allStatements) assert.ok(typeof c.statement[code] === 'string' && c.statement[code].length > 20, code);
  for (const r of ratings) assert.ok(c.scale[r]);
  assert.ok(c.scale['dont-know']);
});

for (const code of allStatements) {
  test(`statement ${code} is plain English`, () => {
    const text = c.statement[code] as string;
    assert.ok(readingEase(text) >= 80, `${code}: reading ease ${readingEase(text).toFixed(0)}`);
    assert.ok(longestSentence(text) <= 18, `${code}: a sentence of ${longestSentence(text)} words`);
  });
}

const groups: Record<string, unknown> = {
  'all the statements together': c.statement,
  'the answer form': [c.answer.intro, c.answer.taskStatus, c.section.howTrue, c.section.comment, c.scale, c.pieceHint],
  'the invitations': [c.invitation.online, c.invitation.staff],
  'errors people may see': [c.errors.ratingForComment, c.errors.commentTooLong, c.errors.closed],
  'how the level is worked out': c.rule,
};
for (const [name, group] of Object.entries(groups)) {
  test(`members' words are plain: ${name}`, () => {
    const text = strings(group)
      .map((s) => s.replace(/[.?]?$/, '.'))
      .join(' ');
    const floor = name === 'how the level is worked out' ? 60 : 80;
    assert.ok(readingEase(text) >= floor, `reading ease ${readingEase(text).toFixed(0)}`);
    assert.ok(longestSentence(text) <= 35, `a sentence of ${longestSentence(text)} words`);
  });
}
