import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { organisationWithAdmin, personWithAccount } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { inLanguage, makeTranslator } from '../../platform/i18n.ts';
import { composeMeetingMessage, whenText, whereText, type MessageKind } from '../meetings/messages.ts';
import type { Meeting } from '../meetings/service.ts';
import { readingEase } from '../../platform/readability.ts';
import { noAccessNeeds } from '../people/access-needs.ts';
import type { NewPerson } from '../people/service.ts';
import { easyReadMostWords, longSentences } from './sentences.ts';

// Issue 24 (P1, P2): a person who reads in easy read gets invitations, reminders and papers in
// easy read words, by their own channel, with every fact the usual message gives: what, when,
// where, how to reply, and their personal link or reply code.
const pdf = (n: string) => Buffer.from(`%PDF-1.4\n% ${n}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
const day = 86_400_000;
const t = makeTranslator('en');
/** A web address is one thing to tap, not words to read: it counts as one word. */
const withoutLinks = (text: string) => text.replace(/https?:\/\/\S+/g, 'link');
const replyLink = /http:\/\/localhost:3000\/reply\/\S+/;
const code = /\b[A-Z0-9]{3} [A-Z0-9]{3}\b/;

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
const link = `https://coproduce.example.org/reply/${'x'.repeat(120)}`;
const base = { name: 'Sue', organisationName: 'Northshire County Council', meeting, replyLink: link, calendarLink: `${link}/meeting.ics` };

test('easy read invitations and reminders, by every channel: short sentences, easy to read, every fact', () => {
  for (const kind of ['invitation', 'reminder'] as MessageKind[]) {
    for (const channel of ['email', 'text', 'letter', 'phone', 'in-person'] as const) {
      const name = `${kind} ${channel}`;
      const m = composeMeetingMessage(t, { ...base, kind, channel, easyRead: true });
      assert.doesNotMatch(m.bodyText, /\{\{|undefined/, name);
      assert.match(m.bodyText, /3 December 2026, 10:30am to 12:30pm/, name);
      assert.ok(m.bodyText.includes('Menu planning group'), name);
      if (channel !== 'text') assert.match(m.bodyText, /Northby Library, Market Square, Northby/, name);
      if (channel === 'email' || channel === 'text' || channel === 'letter') assert.ok(m.bodyText.includes(link), name);
      assert.deepEqual(longSentences(withoutLinks(m.bodyText), easyReadMostWords), [], name);
      assert.ok(readingEase(withoutLinks(m.bodyText)) >= 75, `${name}: reading ease ${readingEase(withoutLinks(m.bodyText)).toFixed(0)}`);
      if (channel === 'text') assert.ok(m.bodyText.length <= 306, `${name}: ${m.bodyText.length} characters`);
      const usual = composeMeetingMessage(t, { ...base, kind, channel });
      assert.notEqual(m.bodyText, usual.bodyText, `${name} has its own easy read words`);
    }
  }
});

// A change or a cancellation comes in easy read too, in English and in Welsh: what changed and
// what to do, a short sentence a line. A cancellation asks nothing, so it has no link.
const changeCases: Array<{
  kind: MessageKind;
  channel: 'email' | 'text' | 'letter' | 'phone' | 'in-person';
  facts: RegExp[];
  link: boolean;
}> = [
  { kind: 'change', channel: 'email', facts: [/^Your meeting has changed\.$/m, /Northby Library/], link: true },
  { kind: 'change', channel: 'text', facts: [/Menu planning group has changed\./], link: true },
  { kind: 'change', channel: 'letter', facts: [/^Can you still come\?$/m], link: true },
  { kind: 'change', channel: 'phone', facts: [/^Can you still come\?$/m, /Northby Library/], link: false },
  { kind: 'change', channel: 'in-person', facts: [/^Your meeting has changed\.$/m], link: false },
  { kind: 'cancellation', channel: 'email', facts: [/^Your meeting is cancelled\.$/m, /^You do not need to go\.$/m], link: false },
  { kind: 'cancellation', channel: 'text', facts: [/is cancelled/, /You do not need to go\./], link: false },
  { kind: 'cancellation', channel: 'letter', facts: [/^We will tell you when there is a new date\.$/m], link: false },
  { kind: 'cancellation', channel: 'phone', facts: [/^You do not need to go\.$/m], link: false },
];
for (const c of changeCases)
  test(`easy read ${c.kind} by ${c.channel}: short sentences, the meeting and its time, in English and Welsh`, () => {
    const english = composeMeetingMessage(t, { ...base, kind: c.kind, channel: c.channel, easyRead: true });
    const usual = composeMeetingMessage(t, { ...base, kind: c.kind, channel: c.channel });
    assert.notEqual(english.bodyText, usual.bodyText, 'its own easy read words');
    assert.notEqual(english.subject, usual.subject);
    for (const fact of c.facts) assert.match(english.bodyText, fact);
    assert.match(english.bodyText, /3 December 2026, 10:30am to 12:30pm/);
    assert.ok(english.bodyText.includes('Menu planning group'));
    assert.equal(english.bodyText.includes(link), c.link, 'the personal link only where a reply is asked');
    assert.deepEqual(longSentences(withoutLinks(english.bodyText), easyReadMostWords), []);
    assert.ok(readingEase(withoutLinks(english.bodyText)) >= 70, `reading ease ${readingEase(withoutLinks(english.bodyText)).toFixed(0)}`);
    if (c.channel === 'text') assert.ok(english.bodyText.length <= 306, `${english.bodyText.length} characters`);
    const welsh = inLanguage('cy', () => composeMeetingMessage(t, { ...base, kind: c.kind, channel: c.channel, easyRead: true }));
    const welshUsual = inLanguage('cy', () => composeMeetingMessage(t, { ...base, kind: c.kind, channel: c.channel }));
    assert.notEqual(welsh.bodyText, welshUsual.bodyText, 'Welsh easy read words of its own');
    assert.notEqual(welsh.bodyText, english.bodyText);
    assert.ok(welsh.bodyText.includes('Menu planning group'));
    assert.match(welsh.bodyText, /Rhagfyr 2026/);
    assert.equal(welsh.bodyText.includes(link), c.link);
    assert.deepEqual(longSentences(withoutLinks(welsh.bodyText), easyReadMostWords), [], 'Welsh sentences are short too');
  });

for (const dialect of databaseDialects()) {
  describe(`easy read invitations, reminders and papers (${dialect})`, () => {
    let app: TestApp;
    let filesDir: string;
    let meetingId: string;
    let ids: Record<'org' | 'admin' | 'erin' | 'tom' | 'lou' | 'pat' | 'una', string>;
    const admin = () => ({ organisationId: ids.org, personId: ids.admin, role: 'admin' as const });
    const sent = async (kind: 'invitation' | 'reminder' | 'papers' | 'change' | 'cancellation') => {
      const rows = await app.database.db
        .selectFrom('outbox')
        .select(['person_id', 'channel', 'subject', 'body_text'])
        .where('kind', '=', kind)
        .where('about_id', '=', meetingId)
        .execute();
      return new Map(rows.map((r) => [r.person_id!, r]));
    };
    const facts = async () => {
      const meeting = await app.services.meetings.load(ids.org, meetingId);
      return { when: whenText(t, meeting), where: whereText(t, meeting) };
    };
    /** Every sentence of an easy read message is short, counting what was put in too. */
    const assertShort = (body: string, who: string) =>
      assert.deepEqual(longSentences(withoutLinks(body), easyReadMostWords), [], `${who}: sentences of ${easyReadMostWords} words at most`);

    beforeEach(async () => {
      filesDir = await fs.mkdtemp(path.join(os.tmpdir(), 'coproduce-easy-read-messages-'));
      app = await makeTestApp({ dialect, env: { FILES_DIR: filesDir } });
      const org = await organisationWithAdmin(app);
      const staff = { organisationId: org.organisationId, personId: org.adminPersonId };
      await app.services.organisations.setReplyContact(staff, { phone: '01632 960000', address: null });
      const person = async (fullName: string, more: Partial<NewPerson>) =>
        (await personWithAccount(app, org.organisationId, { fullName, perspectives: ['draws-on-care'], ...more })).personId;
      ids = {
        org: org.organisationId,
        admin: org.adminPersonId,
        erin: await person('Erin Email', { email: 'erin@example.com', contactOrder: ['email'] }),
        tom: await person('Tom Text', { mobile: '07700 900123', contactOrder: ['text'] }),
        lou: await person('Lou Letter', { address: '1 High Street\nNorthtown', contactOrder: ['letter'] }),
        pat: await person('Pat Phone', { landline: '01632 960001', contactOrder: ['phone'] }),
        una: await person('Una Usual', { email: 'una@example.com', contactOrder: ['email'] }),
      };
      // Easy read by default for Erin, Lou and Pat; Tom's format, from his access needs, is easy read.
      for (const id of [ids.erin, ids.lou, ids.pat]) await app.services.easyRead.set(admin(), id, true);
      await app.services.accessNeeds.save(admin(), ids.tom, true, { ...noAccessNeeds(), formats: ['easy-read'] });
      const projectId = await app.services.projects.create(staff, {
        title: 'Day centre lunches',
        purpose: 'Menus',
        activities: ['co-design'],
        levelAim: 'intermediate',
        stage: 'designing',
        startDate: '2026-11-01',
      });
      const everyone = [ids.erin, ids.tom, ids.lou, ids.pat, ids.una];
      for (const id of everyone) await app.services.projects.addMember(staff, projectId, id, 'member', '2026-11-01');
      const startsAt = new Date(app.now().getTime() + 10 * day);
      meetingId = await app.services.meetings.create(staff, projectId, {
        title: 'Menu tasting',
        purpose: 'We taste three soups.',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
        format: 'in-person',
        venueId: null,
        joiningDetails: null,
        membersOnly: false,
        arrangements: [],
        interpreterLanguages: [],
      });
      await app.services.meetings.setInvitees(staff, meetingId, everyone);
    });
    afterEach(async () => {
      await app.close();
      await fs.rm(filesDir, { recursive: true, force: true });
    });

    test('invitations: easy read by each channel, with what, when, where and how to reply', async () => {
      assert.equal((await app.services.invitations.sendInvitations(admin(), meetingId)).sent, 5);
      const { when, where } = await facts();
      const byPerson = await sent('invitation');

      const email = byPerson.get(ids.erin)!;
      assert.equal(email.channel, 'email');
      assert.equal(email.subject, 'Come to a meeting: Menu tasting');
      for (const fact of ['Menu tasting', when, where, 'We taste three soups.'])
        assert.ok(email.body_text.includes(fact), `email has ${fact}`);
      assert.match(email.body_text, replyLink, 'the personal link');
      assert.match(email.body_text, /\/meeting\.ics/, 'the calendar link');
      assert.match(email.body_text, /^We want you to come to a meeting\.$/m, 'one idea a line');
      assertShort(email.body_text, 'email');

      const text = byPerson.get(ids.tom)!;
      assert.equal(text.channel, 'text');
      for (const fact of ['Menu tasting', when]) assert.ok(text.body_text.includes(fact), `text has ${fact}`);
      assert.match(text.body_text, replyLink);
      assert.match(text.body_text, code, 'the reply code');
      assert.match(text.body_text, /you are invited to Menu tasting/);
      assert.ok(text.body_text.length < 300, 'a text stays short');
      assertShort(text.body_text, 'text');

      const letter = byPerson.get(ids.lou)!;
      assert.equal(letter.channel, 'letter');
      for (const fact of ['Menu tasting', when, where, 'We taste three soups.', '01632 960000'])
        assert.ok(letter.body_text.includes(fact), `letter has ${fact}`);
      assert.match(letter.body_text, code, 'the reply code');
      assert.doesNotMatch(letter.body_text, /http/, 'no web address on paper');
      assert.match(letter.body_text, /^Can you come\?$/m);
      assertShort(letter.body_text, 'letter');

      const call = byPerson.get(ids.pat)!;
      assert.equal(call.channel, 'phone');
      for (const fact of ['Menu tasting', when]) assert.ok(call.body_text.includes(fact), `call has ${fact}`);
      assert.match(call.body_text, /^We want you to come to a meeting\.$/m);
      assertShort(call.body_text, 'call');

      const usual = byPerson.get(ids.una)!;
      assert.match(usual.body_text, /You are invited to a meeting\./, 'everyone else gets the usual words');
      assert.doesNotMatch(usual.body_text, /We want you to come/);
    });

    test('reminders: easy read with when, where and how to reply', async () => {
      await app.services.invitations.sendInvitations(admin(), meetingId);
      app.clock.now = new Date(app.now().getTime() + 9 * day);
      assert.equal(await app.services.invitations.sendDueReminders(), 5);
      const { when, where } = await facts();
      const byPerson = await sent('reminder');
      const email = byPerson.get(ids.erin)!;
      assert.equal(email.subject, 'Do not forget: Menu tasting');
      for (const fact of ['Menu tasting', when, where]) assert.ok(email.body_text.includes(fact));
      assert.match(email.body_text, replyLink);
      assert.match(email.body_text, /^Your meeting is soon\.$/m);
      const letter = byPerson.get(ids.lou)!;
      for (const fact of ['Menu tasting', when, where, '01632 960000']) assert.ok(letter.body_text.includes(fact));
      assert.match(letter.body_text, code);
      const text = byPerson.get(ids.tom)!;
      assert.match(text.body_text, replyLink);
      assert.match(text.body_text, code);
      assert.ok(text.body_text.length < 300);
      for (const [who, m] of [
        ['email', email],
        ['letter', letter],
        ['text', text],
        ['call', byPerson.get(ids.pat)!],
      ] as const)
        assertShort(m.body_text, who);
      assert.match(byPerson.get(ids.una)!.body_text, /This is a reminder about a meeting soon\./);
    });

    test('papers: easy read with the meeting, its date, each paper, its summary and a personal link', async () => {
      const user = { ...admin(), accountId: 'x', organisationName: 'Northshire County Council', name: 'Ada Admin' };
      const checked = await app.services.papers.checkUpload({ data: pdf('agenda'), fileName: 'agenda.pdf' });
      assert.ok(checked.ok);
      await app.services.papers.add(
        user,
        meetingId,
        { title: 'Agenda', format: 'standard', summary: 'What we will talk about.' },
        checked.upload,
      );
      assert.equal((await app.services.paperSending.send(user, meetingId)).people, 5);
      const byPerson = await sent('papers');
      const meeting = await app.services.meetings.load(ids.org, meetingId);
      const date = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' }).format(
        new Date(meeting.startsAt),
      );

      const email = byPerson.get(ids.erin)!;
      assert.equal(email.subject, 'Papers for your meeting: Menu tasting');
      for (const fact of ['Menu tasting', date, 'Agenda (Standard):', 'What it is about: What we will talk about.'])
        assert.ok(email.body_text.includes(fact), `email has ${fact}`);
      assert.match(email.body_text, /http:\/\/localhost:3000\/papers\/\S+/, 'the personal paper link');
      assert.match(email.body_text, /^Each link is just for you\.$/m);
      assertShort(email.body_text, 'email');

      const letter = byPerson.get(ids.lou)!;
      for (const fact of ['Menu tasting', date, 'Agenda (Standard): in this letter.', 'What it is about: What we will talk about.'])
        assert.ok(letter.body_text.includes(fact), `letter has ${fact}`);
      assertShort(letter.body_text, 'letter');

      const text = byPerson.get(ids.tom)!;
      assert.match(text.body_text, /http:\/\/localhost:3000\/papers\/\S+/);
      assert.doesNotMatch(text.body_text, /What it is about/, 'a text stays short: no summary');
      assertShort(text.body_text, 'text');

      const call = byPerson.get(ids.pat)!;
      for (const fact of ['Menu tasting', date, 'Agenda (Standard)', 'What it is about: What we will talk about.'])
        assert.ok(call.body_text.includes(fact), `call has ${fact}`);
      assertShort(call.body_text, 'call');

      const usual = byPerson.get(ids.una)!;
      assert.match(usual.body_text, /^Dear Una Usual,$/m, 'everyone else gets the usual words');
      assert.match(
        usual.body_text,
        /Agenda \(Standard\): http:\/\/localhost:3000\/papers\/\S+\nWhat it is about: What we will talk about\./,
      );
    });

    test('a change and a cancellation: easy read by each channel, chosen as invitations are', async () => {
      await app.services.invitations.sendInvitations(admin(), meetingId);
      assert.equal((await app.services.invitations.sendChange(admin(), meetingId, 'change')).sent, 5);
      const { when, where } = await facts();
      const changed = await sent('change');
      const cases: Array<[who: keyof typeof ids, channel: string, subject: string, must: Array<string | RegExp>, mustNot: RegExp[]]> = [
        ['erin', 'email', 'Your meeting has changed: Menu tasting', [/^Your meeting has changed\.$/m, when, where, replyLink], []],
        ['tom', 'text', 'Your meeting has changed: Menu tasting', [when, replyLink, code], []],
        [
          'lou',
          'letter',
          'Your meeting has changed: Menu tasting',
          [/^Can you still come\?$/m, when, where, code, '01632 960000'],
          [/http/],
        ],
        ['pat', 'phone', 'Your meeting has changed: Menu tasting', [/^Your meeting has changed\.$/m, when], []],
        ['una', 'email', 'Meeting changed: Menu tasting', [/A meeting you are invited to has changed/], [/^Your meeting has changed\.$/m]],
      ];
      for (const [who, channel, subject, must, mustNot] of cases) {
        const row = changed.get(ids[who])!;
        assert.equal(row.channel, channel, who);
        assert.equal(row.subject, subject, who);
        for (const fact of must)
          if (typeof fact === 'string') assert.ok(row.body_text.includes(fact), `${who}: ${fact}`);
          else assert.match(row.body_text, fact, who);
        for (const fact of mustNot) assert.doesNotMatch(row.body_text, fact, who);
        if (who !== 'una') assertShort(row.body_text, who);
      }

      assert.equal((await app.services.invitations.sendChange(admin(), meetingId, 'cancellation')).sent, 5);
      const cancelled = await sent('cancellation');
      for (const who of ['erin', 'tom', 'lou', 'pat'] as const) {
        const row = cancelled.get(ids[who])!;
        assert.equal(row.subject, 'Your meeting is cancelled: Menu tasting', who);
        assert.match(row.body_text, /You do not need to go\./, who);
        assert.doesNotMatch(row.body_text, /\/reply\//, `${who}: nothing to reply to`);
        assertShort(row.body_text, who);
      }
      assert.equal(cancelled.get(ids.una)!.subject, 'Meeting cancelled: Menu tasting');
    });
  });
}
