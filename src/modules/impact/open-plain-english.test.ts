import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCatalogue } from '../../platform/i18n.ts';
import { longestSentence, readingEase } from '../../platform/readability.ts';

// Members read these pages (issue 21): what their projects did, the latest review, the note
// that staff kept something inside the team, and the evidence beside the culture statements.
// A 9-year-old should be able to read them: short sentences and short words.
const catalogue = loadCatalogue('en') as Record<string, Record<string, any>>;
const open = catalogue['open-reports']!;
const evidence = catalogue['culture-evidence']!;
const strings = (o: unknown): string[] => (typeof o === 'string' ? [o] : Object.values(o as object).flatMap(strings));

const groups: Record<string, unknown> = {
  'what we have done': [open.index, open.project],
  'the latest review': [open.review, open.figures],
  'kept inside the team': open.kept,
  'the evidence beside the culture statements': evidence,
};
for (const [name, group] of Object.entries(groups)) {
  test(`members' words are plain: ${name}`, () => {
    const text = strings(group)
      .map((s) => s.replace(/\{\{[^}]+\}\}/g, '12').replace(/[.?:]?$/, '.'))
      .join(' ');
    assert.ok(readingEase(text) >= 70, `reading ease ${readingEase(text).toFixed(0)}`);
    assert.ok(longestSentence(text) <= 25, `a sentence of ${longestSentence(text)} words`);
  });
}
