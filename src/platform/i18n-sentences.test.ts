import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeTranslator } from './i18n.ts';

// A call script read aloud joins what staff typed into sentences: "understand.." or
// "12:30pm?." read badly and look careless on paper.
const t = makeTranslator('en');
const vars = (title: string, purpose: string, where = 'Northby Hall') => ({
  name: 'Dennis',
  organisation: 'Northshire County Council',
  title,
  when: 'Tuesday 10 December, 10:30am',
  where,
  purpose,
});

test('a typed value that ends a sentence gets one full stop, never two, and keeps its own ending', () => {
  const said = t(
    'meetings:message.invitation.say',
    vars('Should lunch start at 12:30pm?', 'Choose food together so everyone can understand.'),
  );
  assert.doesNotMatch(said, /\.\.|\?\.|!\./);
  assert.match(said, /a meeting: Should lunch start at 12:30pm\? It is on/);
  assert.match(said, /It is about: Choose food together so everyone can understand\. Can you come\?/);
  const plain = t('meetings:message.invitation.say', vars('Menu tasting', 'Taste three soups'));
  assert.match(plain, /a meeting: Menu tasting\. It is on/);
  assert.match(plain, /Where: Northby Hall\. It is about: Taste three soups\. Can you come\?/);
});
