import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { organisationWithAdmin } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { loadCatalogue } from '../../platform/i18n.ts';
import { longestSentence, readingEase } from '../../platform/readability.ts';

// Reciprocity (S2): the words about payments, time credits and benefits, explained plainly
// where everyone can find them. Each term has its own anchor so pages can link to it.
const terms = {
  involvementPayment: 'Involvement payment',
  expenses: 'Expenses',
  timeCredits: 'Time credits',
  timeBank: 'Time bank',
  assessmentPeriod: 'Assessment period',
  workAllowance: 'Work allowance',
  permittedWork: 'Permitted work',
};
const glossary = (loadCatalogue('en').about as { glossary: { meaning: Record<string, string> } }).glossary;

describe('glossary: the words of reciprocity', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
    await organisationWithAdmin(t);
  });
  afterEach(() => t.close());

  test('each term is on the glossary page with its anchor and meaning', async () => {
    const res = await new Client(t.app).get('/glossary');
    assert.equal(res.statusCode, 200);
    for (const [key, term] of Object.entries(terms)) {
      assert.match(res.body, new RegExp(`<dt class="govuk-summary-list__key" id="${key}">${term}</dt>`), term);
      assert.ok(res.body.includes(glossary.meaning[key]!.replace(/'/g, '&#39;')), `${term} has its meaning`);
    }
  });

  for (const [key, term] of Object.entries(terms)) {
    test(`"${term}" is explained in plain English`, () => {
      const meaning = glossary.meaning[key]!;
      assert.ok(readingEase(meaning) >= 60, `reading ease ${readingEase(meaning).toFixed(0)}`);
      assert.ok(longestSentence(meaning) <= 20, `a sentence of ${longestSentence(meaning)} words`);
    });
  }
});
