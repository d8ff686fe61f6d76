import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeTranslator } from '../../platform/i18n.ts';
import { composeMeetingMessage, type MessageKind } from './messages.ts';
import type { Meeting } from './service.ts';
import { replyToken } from './signed-links.ts';
import { longestSentence, readingEase } from '../../platform/readability.ts';

const t = makeTranslator('en');
const meeting: Meeting = {
  id: '3f1c2a7e-0000-4000-8000-000000000001',
  projectId: 'p',
  projectTitle: 'Lunches',
  title: 'Menu planning group',
  purpose: 'Plan the winter menu.',
  startsAt: '2026-12-03T10:30:00.000Z',
  endsAt: '2026-12-03T12:30:00.000Z',
  format: 'in-person',
  venueId: 'v',
  venue: { id: 'v', name: 'Northby Library', address: 'Market Square\nNorthby', runBy: null, features: [], notes: null },
  joiningDetails: null,
  membersOnly: false,
  arrangements: [],
  interpreterLanguages: [],
  cancelled: false,
  invitationsSentAt: null,
  updatedAt: '2026-11-23T10:00:00.000Z',
};
const link = `https://coproduce.example.org/reply/${replyToken('a-secret-that-is-long-enough-for-signing', { meetingId: meeting.id, personId: '3f1c2a7e-0000-4000-8000-000000000002', expiresAt: meeting.endsAt })}`;
const base = { name: 'Sue', organisationName: 'Northshire County Council', meeting, replyLink: link, calendarLink: `${link}/meeting.ics` };
const summary = { discussed: 'We chose soups.', decisions: ['Leek soup on Mondays'], actions: ['Tell the cook (Sue) by 10 January 2027'] };

test('S4: every kind of message says when and where in London time, on every channel', () => {
  for (const kind of ['invitation', 'reminder', 'change', 'cancellation'] as MessageKind[]) {
    for (const channel of ['email', 'text', 'letter', 'phone', 'in-person'] as const) {
      const m = composeMeetingMessage(t, { ...base, kind, channel });
      assert.match(m.bodyText, /3 December 2026, 10:30am to 12:30pm/, `${kind} ${channel}`);
      assert.doesNotMatch(m.bodyText, /\{\{|undefined/, `${kind} ${channel}`);
    }
  }
});

test('S4: a text message invitation fits in two text messages, link included', () => {
  for (const kind of ['invitation', 'reminder', 'change', 'cancellation'] as MessageKind[]) {
    const m = composeMeetingMessage(t, { ...base, kind, channel: 'text' });
    assert.ok(m.bodyText.length <= 306, `${kind}: ${m.bodyText.length} characters`);
  }
});

test('an email or letter invitation has the reply link, the calendar link and the address on one line', () => {
  const m = composeMeetingMessage(t, { ...base, kind: 'invitation', channel: 'letter' });
  assert.match(m.bodyText, /Where: Northby Library, Market Square, Northby/);
  assert.ok(m.bodyText.includes(link));
  assert.ok(m.bodyText.includes(`${link}/meeting.ics`));
  assert.equal(m.subject, 'You are invited: Menu planning group');
});

test('a summary says what we talked about, decided and what happens next; "nothing" when empty', () => {
  const full = composeMeetingMessage(t, { ...base, kind: 'summary', channel: 'email', summary });
  assert.match(full.bodyText, /What we talked about:\nWe chose soups\./);
  assert.match(full.bodyText, /What we decided:\n- Leek soup on Mondays/);
  assert.match(full.bodyText, /What happens next:\n- Tell the cook \(Sue\) by 10 January 2027/);
  const empty = composeMeetingMessage(t, {
    ...base,
    kind: 'summary',
    channel: 'phone',
    summary: { discussed: 'Not much.', decisions: [], actions: [] },
  });
  assert.match(empty.bodyText, /We decided: Nothing this time\./);
});

test('plain English: every message people get reads easily, with short sentences', () => {
  for (const kind of ['invitation', 'reminder', 'change', 'cancellation', 'summary'] as MessageKind[]) {
    for (const channel of ['email', 'text', 'letter', 'phone'] as const) {
      const m = composeMeetingMessage(t, {
        ...base,
        kind,
        channel,
        summary: { discussed: 'We tasted soup.', decisions: ['Leek soup on Mondays'], actions: ['Tell the cook'] },
      });
      assert.ok(readingEase(m.bodyText) >= 75, `${kind} ${channel}: reading ease ${readingEase(m.bodyText).toFixed(0)}`);
      assert.ok(longestSentence(m.bodyText) <= 15, `${kind} ${channel}: a sentence of ${longestSentence(m.bodyText)} words`);
    }
  }
});
