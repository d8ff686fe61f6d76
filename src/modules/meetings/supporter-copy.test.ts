import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { organisationWithAdmin, personWithAccount } from '../../../test/helpers/fixtures.ts';
import { menuTasting } from '../../../test/helpers/meetings.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { inLanguage, makeTranslator, type AppLanguage } from '../../platform/i18n.ts';
import type { SupporterReader } from '../../platform/supporter-copies.ts';
import { easyReadMostWords, longSentences } from '../easy-read/sentences.ts';
import type { SupporterInput } from '../supporters/service.ts';
import { supporterInvitation, type InvitationCopy } from './supporter-copy.ts';

// Issue 24: a supporter's copy of an invitation speaks to the supporter about the person
// ("Dennis Whitfield is invited"), never in the person's own words ("You are invited"); it
// says how to reply for them when the supporter may, in the supporter's language and format,
// and carries none of the person's own links or codes.
const tr = makeTranslator('en');
const cy = (key: string, options: Record<string, unknown> = {}) => inLanguage('cy', () => tr(key, options));
const actingLink = 'http://localhost:3000/supporting/p-1/meetings/m-1';
const copy: InvitationCopy = {
  person: 'Dennis Whitfield',
  organisationName: 'Northshire County Council',
  meeting: {
    title: 'Menu tasting',
    purpose: 'We taste three soups.',
    startsAt: '2026-12-03T10:30:00.000Z',
    endsAt: '2026-12-03T12:30:00.000Z',
    format: 'in-person',
    venue: { id: 'v', name: 'Northby Library', address: 'Market Square\nNorthby', runBy: null, features: [], notes: null },
    joiningDetails: null,
  },
  contact: { phone: '01632 960000', address: null },
  replyForThemLink: actingLink,
};
const reader = (more: Partial<SupporterReader>): SupporterReader => ({
  name: 'Karen Jones',
  channel: 'email',
  mayReply: true,
  signsIn: true,
  easyRead: false,
  ...more,
});

type Case = {
  name: string;
  supporter: SupporterReader;
  language?: AppLanguage;
  noPhone?: boolean;
  subject: RegExp;
  has: Array<string | RegExp>;
  hasNot: Array<string | RegExp>;
};
const cases: Case[] = [
  {
    name: 'email, may reply, can sign in: the page to reply for them and the phone number',
    supporter: reader({}),
    subject: /^Dennis Whitfield is invited: Menu tasting$/,
    has: [
      'Hello Karen Jones',
      'Dennis Whitfield is invited to a meeting',
      'You can reply for Dennis Whitfield.',
      actingLink,
      '01632 960000',
      'Northby Library',
    ],
    hasNot: [/You are invited/, /\/reply\//],
  },
  {
    name: 'letter, may reply: the phone number, no web address on paper',
    supporter: reader({ channel: 'letter' }),
    subject: /^Dennis Whitfield is invited/,
    has: ['You can reply for Dennis Whitfield.', 'Call us on 01632 960000 and tell us their answer.'],
    hasNot: [/http/, /You are invited/],
  },
  {
    name: 'text, may reply, no account: the phone number only',
    supporter: reader({ channel: 'text', signsIn: false }),
    subject: /^Dennis Whitfield is invited/,
    has: ['Dennis Whitfield is invited to Menu tasting', 'Call us on 01632 960000'],
    hasNot: [/http/, /Sign in/],
  },
  {
    name: 'a call: staff take the answer there and then',
    supporter: reader({ channel: 'phone' }),
    subject: /^Dennis Whitfield is invited/,
    has: ['Dennis Whitfield is invited to a meeting', 'You can reply for Dennis Whitfield.', 'Tell us their answer.'],
    hasNot: [/http/],
  },
  {
    name: 'not allowed to reply: the person replies, the supporter can help',
    supporter: reader({ mayReply: false }),
    subject: /^Dennis Whitfield is invited/,
    has: ['Dennis Whitfield will reply to us. You can help them do it.'],
    hasNot: [/You can reply for/, /http/],
  },
  {
    name: 'no phone number and no account: tell us',
    supporter: reader({ channel: 'letter', signsIn: false }),
    noPhone: true,
    subject: /^Dennis Whitfield is invited/,
    has: ['You can reply for Dennis Whitfield.', 'Tell us their answer.'],
    hasNot: [/Call us/],
  },
  {
    name: 'easy read: short sentences, one idea a line',
    supporter: reader({ easyRead: true }),
    subject: /^Dennis Whitfield is invited to a meeting: Menu tasting$/,
    has: [/^We want Dennis Whitfield to come to a meeting\.$/m, /^You can tell us if Dennis Whitfield can come\.$/m, actingLink],
    hasNot: [/You are invited/],
  },
  {
    name: 'in Welsh',
    supporter: reader({}),
    language: 'cy',
    subject: /^Mae Dennis Whitfield yn cael gwahoddiad: Menu tasting$/,
    has: [cy('supporters:copy.reply.may', { person: 'Dennis Whitfield' }), actingLink, /Rhagfyr 2026/],
    hasNot: [/is invited/, /You can reply/],
  },
  {
    name: 'easy read in Welsh',
    supporter: reader({ easyRead: true, channel: 'letter' }),
    language: 'cy',
    subject: /^Mae Dennis Whitfield yn cael gwahoddiad i gyfarfod/,
    has: [/^Rydyn ni eisiau i Dennis Whitfield ddod i gyfarfod\.$/m, 'Ffoniwch ni ar 01632 960000.'],
    hasNot: [/http/],
  },
];

for (const c of cases)
  test(`a supporter's copy of an invitation: ${c.name}`, () => {
    const of = c.noPhone ? { ...copy, contact: { phone: null, address: null } } : copy;
    const words = inLanguage(c.language ?? 'en', () => supporterInvitation(tr, c.supporter, of));
    assert.match(words.subject, c.subject);
    assert.doesNotMatch(words.bodyText, /\{\{|undefined/);
    for (const fact of c.has)
      if (typeof fact === 'string') assert.ok(words.bodyText.includes(fact), `has ${fact}`);
      else assert.match(words.bodyText, fact);
    for (const fact of c.hasNot)
      if (typeof fact === 'string') assert.ok(!words.bodyText.includes(fact), `has not ${fact}`);
      else assert.doesNotMatch(words.bodyText, fact);
    if (c.supporter.easyRead)
      assert.deepEqual(
        longSentences(words.bodyText.replace(/https?:\/\/\S+/g, 'link'), easyReadMostWords),
        [],
        'easy read sentences are short',
      );
  });

for (const dialect of databaseDialects()) {
  describe(`supporters' copies of invitations (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    const staff = () => ({ organisationId: org.organisationId, personId: org.adminPersonId });
    const support = (over: Partial<SupporterInput>): SupporterInput => ({
      kind: 'family',
      relationship: null,
      supporterPersonId: null,
      contact: null,
      powers: ['copies'],
      basis: 'consent',
      consentHow: 'He asked us on the phone',
      basisMadeBy: null,
      basisMadeOn: '2026-12-09',
      basisReference: null,
      reviewOn: '2027-12-01',
      ...over,
    });

    beforeEach(async () => {
      t = await makeTestApp({ dialect, startAt: new Date('2026-12-09T10:00:00Z') });
      org = await organisationWithAdmin(t);
      await t.services.organisations.setReplyContact(staff(), { phone: '01632 960000', address: null });
    });
    afterEach(() => t.close());

    test('each supporter gets words to them, about Dennis, in their language and format, with how to reply if they may', async () => {
      await t.services.languages.saveSetting(staff(), 'english-first');
      const dennis = (
        await personWithAccount(
          t,
          org.organisationId,
          { fullName: 'Dennis Whitfield', perspectives: ['draws-on-care'], contactOrder: ['email'] },
          { email: 'dennis@example.com', role: 'member' },
        )
      ).personId;
      await t.services.languages.chooseFor(org.organisationId, dennis, 'en');
      // Karen signs in, reads Welsh and may reply; Sam reads easy read by text and may not; Jo is a contact by letter.
      const karen = (
        await personWithAccount(
          t,
          org.organisationId,
          { fullName: 'Karen Jones', perspectives: ['carer'], contactOrder: ['email'] },
          { email: 'karen@example.com', role: 'member' },
        )
      ).personId;
      await t.services.languages.chooseFor(org.organisationId, karen, 'cy');
      const sam = await t.services.people.create(staff(), {
        fullName: 'Sam Reed',
        perspectives: ['carer'],
        mobile: '07700 900456',
        contactOrder: ['text'],
      });
      await t.services.languages.chooseFor(org.organisationId, sam, 'en');
      const admin = (await t.services.identity.loadUser(org.adminAccountId))!;
      await t.services.easyRead.set(admin, sam, true);
      await t.services.supporters.add(admin, dennis, support({ supporterPersonId: karen, powers: ['copies', 'reply'] }));
      await t.services.supporters.add(admin, dennis, support({ supporterPersonId: sam, kind: 'friend' }));
      await t.services.supporters.add(
        admin,
        dennis,
        support({
          kind: 'advocate',
          contact: { name: 'Jo Advocate', channel: 'letter', email: null, mobile: null, address: '1 Mill Lane\nNorthby' },
          powers: ['copies', 'reply'],
        }),
      );
      const { meetingId } = await menuTasting(t, staff(), {
        members: [dennis],
        meeting: { purpose: 'We taste three soups.', startsAt: '2026-12-19T10:30:00.000Z', endsAt: '2026-12-19T12:30:00.000Z' },
      });
      assert.equal((await t.services.invitations.sendInvitations(staff(), meetingId)).sent, 1);

      const out = await t.database.db
        .selectFrom('outbox')
        .selectAll()
        .where('about_id', '=', meetingId)
        .where('kind', '=', 'invitation')
        .execute();
      const to = (recipient: string) => out.find((m) => m.recipient === recipient)!;
      assert.equal(out.length, 4, 'Dennis and his three supporters');
      assert.match(to('dennis@example.com').body_text, /You are invited to a meeting/);
      const link = `/supporting/${dennis}/meetings/${meetingId}`;

      const toKaren = to('karen@example.com');
      assert.equal(toKaren.subject, cy('supporters:copy.invitation.subject', { person: 'Dennis Whitfield', title: 'Menu tasting' }));
      assert.ok(toKaren.body_text.includes(cy('supporters:copy.reply.may', { person: 'Dennis Whitfield' })), 'Karen may reply, in Welsh');
      assert.ok(toKaren.body_text.includes(link), 'the page to reply for Dennis, signed in');
      assert.doesNotMatch(toKaren.body_text, /You are invited|is invited|\/reply\//);

      const toSam = out.find((m) => m.channel === 'text')!;
      assert.equal(toSam.person_id, sam, 'Sam’s copy, by text');
      assert.equal(toSam.subject, 'Dennis Whitfield is invited to a meeting: Menu tasting', 'easy read');
      assert.match(toSam.body_text, /Dennis Whitfield will tell us if they can come\./);
      assert.doesNotMatch(toSam.body_text, /http|You can tell us/, 'Sam may not reply for him');

      const toJo = out.find((m) => m.channel === 'letter')!;
      assert.equal(toJo.recipient_name, 'Jo Advocate');
      // Jo has no record, so no language chosen: both, English first.
      assert.match(toJo.subject, /^Dennis Whitfield is invited: Menu tasting \/ Mae Dennis Whitfield yn cael gwahoddiad/);
      assert.match(toJo.body_text, /Call us on 01632 960000 and tell us their answer\.[\s\S]*Ffoniwch ni ar 01632 960000/);
      assert.doesNotMatch(toJo.body_text, /http/, 'no web address on paper');

      // The copies carry none of Dennis's reply codes.
      const codes = await t.database.db.selectFrom('reply_actions').select('code').where('person_id', '=', dennis).execute();
      assert.ok(codes.length > 0);
      for (const { code } of codes)
        for (const c of [toKaren, toSam, toJo]) assert.ok(code && !c.body_text.replace(/\s/g, '').includes(code), 'no reply code');
    });
  });
}
