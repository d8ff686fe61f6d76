import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCatalogue } from '../../platform/i18n.ts';
import { longestSentence, readingEase } from '../../platform/readability.ts';

// What members read about their own payments must be plain: easy words, short sentences.
// Each group is read as the page reads it, since one-word labels cannot be scored alone.
const c = loadCatalogue('en').claims as Record<string, any>;
const groups: Record<string, unknown> = {
  'My payments': c.mine,
  'claim back money you spent': c.expenseForm,
  'what to spend money on': c.categoryHint,
  receipts: c.receipts,
  'where a claim is': [c.statusForMember, c.show.explain],
  statement: c.statement,
  'thank you': c.flash.expenseSubmitted,
  'errors on the expense form': [
    'typeRequired',
    'amountRequired',
    'milesRequired',
    'milesInvalid',
    'dateRequired',
    'dateInvalid',
    'receiptType',
    'receiptTooLarge',
    'receiptEmpty',
  ]
    .map((k) => c.errors[k])
    .concat(c.errors.money.notMoney, c.errors.notEditable.body),
};
const strings = (o: unknown): string[] => (typeof o === 'string' ? [o] : Object.values(o as object).flatMap(strings));

for (const [name, group] of Object.entries(groups)) {
  test(`members' words are plain: ${name}`, () => {
    const text = strings(group)
      .map((s) => s.replace(/[.?]?$/, '.'))
      .join(' ');
    assert.ok(readingEase(text) >= 75, `reading ease ${readingEase(text).toFixed(0)}`);
    assert.ok(longestSentence(text) <= 15, `a sentence of ${longestSentence(text)} words`);
  });
}
