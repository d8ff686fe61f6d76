import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeTranslator } from '../../platform/i18n.ts';
import { longestSentence, readingEase } from '../../platform/readability.ts';
import { composeSwapMessage, type SwapNews } from './messages.ts';

const t = makeTranslator('en');
const base = {
  name: 'Sam',
  other: 'Mo Member',
  organisation: 'Northshire County Council',
  what: 'Help with forms',
  link: 'https://coproduce.example/timebank/exchanges/abc',
};
const news: Record<string, SwapNews> = {
  'someone wants your offer': { event: 'asked', listingKind: 'offer' },
  'someone can help with your request': { event: 'asked', listingKind: 'request' },
  'the helper says it happened': { event: 'proposed', minutes: 90, happenedOn: '2026-11-20', recipientGave: false },
  'the person helped says it happened': { event: 'proposed', minutes: 120, happenedOn: '2026-11-20', recipientGave: true },
};

test('S4: each swap message names who, what, and links to the swap in full and text; a call has no link', () => {
  for (const [label, n] of Object.entries(news)) {
    const m = composeSwapMessage(t, { ...base, news: n });
    for (const part of [m.subject, m.full, m.text, m.say]) assert.match(part, /Mo Member/, label);
    for (const part of [m.full, m.text]) assert.ok(part.includes(base.link), label);
    assert.ok(!m.say.includes('http'), `${label}: nobody reads a link out on the phone`);
    assert.match(m.full, /^Hello Sam,/, label);
    assert.match(m.full, /From Northshire County Council$/, label);
    assert.ok(m.text.length <= 160 + base.link.length, `${label}: a text stays short (${m.text.length})`);
  }
});

test('a proposal says how long and when, and which way the time credits move', () => {
  const gotHelp = composeSwapMessage(t, { ...base, news: news['the helper says it happened']! });
  assert.match(
    gotHelp.full,
    /Mo Member says they helped you with Help with forms\. They say it took 1 hour and 30 minutes, on 20 November 2026\./,
  );
  assert.match(gotHelp.full, /1 hour and 30 minutes of time credits move from you to Mo Member/);
  const gaveHelp = composeSwapMessage(t, { ...base, news: news['the person helped says it happened']! });
  assert.match(gaveHelp.full, /Mo Member says you helped them with Help with forms\. They say it took 2 hours, on 20 November 2026\./);
  assert.match(gaveHelp.full, /Then you get 2 hours of time credits/);
  assert.match(gaveHelp.text, /Say yes here/);
});

test('an answer to a post says whether they want help or offer it', () => {
  assert.match(composeSwapMessage(t, { ...base, news: news['someone wants your offer']! }).subject, /Mo Member would like your help/);
  assert.match(composeSwapMessage(t, { ...base, news: news['someone can help with your request']! }).subject, /Mo Member can help you/);
});

for (const [label, n] of Object.entries(news)) {
  test(`plain English (reading ease 75+, sentences of 15 words at most): ${label}`, () => {
    const m = composeSwapMessage(t, { ...base, news: n });
    for (const [style, text] of Object.entries({ full: m.full, text: m.text, say: m.say })) {
      assert.ok(readingEase(text) >= 75, `${style}: reading ease ${readingEase(text).toFixed(0)}`);
      assert.ok(longestSentence(text) <= 15, `${style}: a sentence of ${longestSentence(text)} words`);
    }
  });
}
