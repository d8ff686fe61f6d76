import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { newId } from '../../platform/ids.ts';
import { twilioSignature } from '../../platform/delivery/twilio.ts';
import { internationalNumber, storedForms } from '../../platform/delivery/phone-number.ts';
import { readReply } from './reply-words.ts';
import { ballotFromNumber } from '../decisions/vote-by-number.ts';
import { afterClosing, during } from '../../../test/worlds/decisions.ts';
import { setUpRepliesWorld, type RepliesWorld } from '../../../test/worlds/replies.ts';
import { notifyEnv, startFakeNotifyTexts } from '../../../test/helpers/fake-notify-texts.ts';

test('a reply is read in any case, with spaces and punctuation, and only when it is certain', () => {
  const cases: Array<[string, string]> = [
    ['YES', 'yes'],
    [' yes. ', 'yes'],
    ['Yes please!', 'yes'],
    ['y', 'yes'],
    ['No', 'no'],
    ["Can't come", 'no'],
    ['no thanks', 'no'],
    ['MAYBE', 'maybe'],
    ['not sure', 'maybe'],
    ['STOP', 'stop'],
    ['Stop.', 'stop'],
    ['unsubscribe', 'stop'],
    ['2', 'number'],
    ['cancel', 'unknown'],
    ['yes but I will be late', 'unknown'],
    ['', 'unknown'],
  ];
  for (const [body, kind] of cases) assert.equal(readReply(body).kind, kind, body);
});

test('UK numbers are one number however they are written', () => {
  for (const written of ['07700 900123', '+44 7700 900123', '+44 (0)7700 900123', '447700900123', '0044 7700-900123'])
    assert.equal(internationalNumber(written), '+447700900123', written);
  assert.equal(internationalNumber('not a number'), null);
  assert.ok(storedForms('447700900123').includes('07700900123'));
});

for (const dialect of databaseDialects()) {
  describe(`texts people send back (${dialect})`, () => {
    let notify: Awaited<ReturnType<typeof startFakeNotifyTexts>>;
    let t: TestApp;
    let organisationId: string;
    let adminPersonId: string;
    let otherOrganisationId: string;
    const people: Record<string, string> = {};
    before(async () => {
      notify = await startFakeNotifyTexts();
    });
    after(() => notify.close());
    beforeEach(async () => {
      notify.texts.length = 0;
      t = await makeTestApp({ dialect, env: notifyEnv(notify.url) });
      const org = await organisationWithAdmin(t);
      organisationId = org.organisationId;
      adminPersonId = org.adminPersonId;
      otherOrganisationId = (await anotherOrganisation(t)).organisationId;
      for (const [name, mobile] of [
        ['Dennis', '07700 900111'],
        ['Eileen', '+44 (0)7700 900222'],
        ['Mo', '07700-900333'],
        ['Pat', '07700 900444'],
      ] as const)
        people[name] = (await personWithAccount(t, organisationId, { fullName: `${name} Member`, mobile })).personId;
      // Rita is in the other organisation only; Sam's number is in both.
      people.Rita = (await personWithAccount(t, otherOrganisationId, { fullName: 'Rita Other', mobile: '07700 900555' })).personId;
      people.Sam = (await personWithAccount(t, organisationId, { fullName: 'Sam Here', mobile: '07700 900666' })).personId;
      await personWithAccount(t, otherOrganisationId, { fullName: 'Sam There', mobile: '07700900666' });
    });
    afterEach(() => t.close());

    /** A meeting to come, with these people invited by text. */
    async function invitedMeeting(orgId: string, personIds: string[], startsAt = '2026-12-01T10:00:00Z') {
      const projectId = await t.services.projects.create(
        { organisationId: orgId, personId: null },
        {
          title: 'Lunches',
          purpose: 'Menus',
          activities: ['co-design'],
          levelAim: 'intermediate',
          stage: 'designing',
          startDate: '2026-11-01',
        },
      );
      const meetingId = newId();
      const at = t.now().toISOString();
      await t.database.db
        .insertInto('meetings')
        .values({
          id: meetingId,
          organisation_id: orgId,
          project_id: projectId,
          title: 'Menu group',
          purpose: 'Plan',
          starts_at: startsAt,
          ends_at: startsAt.replace('T10', 'T12'),
          format: 'in-person',
          venue_id: null,
          joining_details: null,
          members_only: 0,
          arrangements: '[]',
          interpreter_languages: null,
          cancelled_at: null,
          invitations_sent_at: at,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await t.database.db
        .insertInto('meeting_invitees')
        .values(
          personIds.map((person_id) => ({
            organisation_id: orgId,
            meeting_id: meetingId,
            person_id,
            channel: 'text',
            invited_at: at,
            reply: 'none' as const,
            replied_at: null,
            reply_recorded_by: null,
            reply_note: null,
            reminded_at: null,
          })),
        )
        .execute();
      return meetingId;
    }
    const replyOf = async (meetingId: string, personId: string) =>
      (
        await t.database.db
          .selectFrom('meeting_invitees')
          .select('reply')
          .where('meeting_id', '=', meetingId)
          .where('person_id', '=', personId)
          .executeTakeFirstOrThrow()
      ).reply;
    const stored = () => t.database.db.selectFrom('received_texts').selectAll().orderBy('received_at').execute();

    test('YES, NO and MAYBE answer the latest open invitation; STOP stops texts; the rest wait for staff; each text once', async () => {
      await invitedMeeting(organisationId, [people.Dennis!]);
      // Dennis's later invitation is the one he answers.
      t.clock.now = new Date(t.clock.now.getTime() + 60_000);
      const later = await invitedMeeting(organisationId, [people.Dennis!, people.Eileen!, people.Mo!], '2026-12-05T10:00:00Z');
      notify.receive('447700900111', 'Yes!');
      notify.receive('447700900222', ' no thanks ');
      notify.receive('447700900333', 'maybe.');
      notify.receive('447700900444', 'STOP');
      notify.receive('447700900999', 'Hello, who is this?');
      notify.receive('447700900555', 'YES');
      notify.receive('447700900666', 'yes');

      assert.equal(await t.services.texts.fetchFromNotify(), 7);
      assert.deepEqual(
        [await replyOf(later, people.Dennis!), await replyOf(later, people.Eileen!), await replyOf(later, people.Mo!)],
        ['yes', 'no', 'maybe'],
      );
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'actor_person_id'])
        .where('subject_id', '=', later)
        .execute();
      assert.equal(audit.filter((a) => a.action === 'replied-by-text').length, 3);
      const pat = await t.services.people.get(organisationId, people.Pat!);
      assert.deepEqual(pat.optedOut, ['text']);

      const rows = await stored();
      const byBody = Object.fromEntries(rows.map((r) => [r.body.trim(), r]));
      assert.deepEqual([byBody['Yes!']!.outcome, byBody['Yes!']!.status, byBody['Yes!']!.meeting_id], ['meeting-reply', 'done', later]);
      assert.deepEqual([byBody.STOP!.outcome, byBody.STOP!.status], ['stopped', 'to-do']);
      // A number nobody has, on an instance of two organisations: it belongs to neither.
      assert.deepEqual([byBody['Hello, who is this?']!.outcome, byBody['Hello, who is this?']!.organisation_id], ['unmatched', null]);
      // Rita is the other organisation's: her YES is hers alone, with no open invitation there.
      const rita = rows.find((r) => r.person_id === people.Rita)!;
      assert.deepEqual([rita.organisation_id, rita.outcome], [otherOrganisationId, 'unmatched']);
      // Sam's number is in both organisations: matched to neither.
      const sam = rows.find((r) => r.from_number === '+447700900666')!;
      assert.deepEqual([sam.organisation_id, sam.person_id, sam.outcome], [null, null, 'unmatched']);

      // Fetched again, with one new text: only that one is stored, and paging stops at the known.
      notify.requests.length = 0;
      notify.receive('447700900111', 'no');
      assert.equal(await t.services.texts.fetchFromNotify(), 1);
      assert.equal(notify.requests.length, 1);
      assert.equal((await stored()).length, 8);
      assert.equal(await replyOf(later, people.Dennis!), 'no');
      assert.equal(await t.services.texts.fetchFromNotify(), 0);
      assert.equal((await stored()).length, 8);
    });

    test("a text sent to an organisation's own number is filed with it; others wait for the operator, read by no staff", async () => {
      await t.services.organisations.setReplyContact({ organisationId, personId: adminPersonId }, { phone: '07900 900123', address: null });
      notify.receive('447700900999', 'Hello, who is this?');
      notify.receive('447700900666', 'Can I come on Tuesday?');
      notify.receive('447700900888', 'Is the garden open?', '07900900999');
      assert.equal(await t.services.texts.fetchFromNotify(), 3);
      const rows = await stored();
      const byBody = Object.fromEntries(rows.map((r) => [r.body, r]));
      // Nobody's number, sent to Northshire's number: Northshire's staff see it.
      const hello = byBody['Hello, who is this?']!;
      assert.deepEqual(
        [hello.organisation_id, hello.person_id, hello.outcome, hello.status, hello.to_number],
        [organisationId, null, 'unmatched', 'to-do', '+447900900123'],
      );
      // Sam's number is in both organisations; the number he texted says which Sam.
      assert.deepEqual(
        [byBody['Can I come on Tuesday?']!.organisation_id, byBody['Can I come on Tuesday?']!.person_id],
        [organisationId, people.Sam],
      );
      // Sent to a number no organisation gives: unfiled.
      const garden = byBody['Is the garden open?']!;
      assert.equal(garden.organisation_id, null);

      const admin = await signedInClient(t, 'admin@northshire.test');
      const other = await signedInClient(t, 'admin@riverside.test');
      assert.match((await admin.get('/admin/texts')).body, /Hello, who is this\?/);
      assert.doesNotMatch((await admin.get('/admin/texts?show=all')).body, /garden/);
      assert.doesNotMatch((await other.get('/admin/texts?show=all')).body, /garden|Hello/);
      assert.equal((await admin.get(`/admin/texts/${garden.id}`)).statusCode, 404);
      assert.equal((await other.get(`/admin/texts/${garden.id}`)).statusCode, 404);

      // The operator's list (npm run texts:unfiled) has it; filed with Riverside, it waits there.
      const unfiled = await t.services.texts.unfiled({ page: 1, limit: 50, offset: 0 });
      assert.deepEqual(
        unfiled.texts.map((x) => [x.body, x.to]),
        [['Is the garden open?', '+447900900999']],
      );
      assert.equal(unfiled.total, 1);
      assert.deepEqual((await t.services.texts.organisations()).map((o) => o.id).sort(), [organisationId, otherOrganisationId].sort());
      assert.equal(await t.services.texts.fileWith(garden.id, otherOrganisationId), true);
      assert.equal(await t.services.texts.fileWith(garden.id, organisationId), false, 'filed once');
      assert.equal(await t.services.texts.fileWith(hello.id, otherOrganisationId), false, "never another organisation's text");
      assert.match((await other.get('/admin/texts')).body, /Is the garden open\?/);
      assert.doesNotMatch((await admin.get('/admin/texts?show=all')).body, /garden/);
      assert.equal((await t.services.texts.unfiled({ page: 1, limit: 50, offset: 0 })).total, 0);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['organisation_id', 'actor_person_id'])
        .where('action', '=', 'text-filed-by-operator')
        .execute();
      assert.deepEqual(audit, [{ organisation_id: otherOrganisationId, actor_person_id: null }]);
    });

    test('staff read the inbox, open a text and mark it dealt with; another organisation sees none of it', async () => {
      await invitedMeeting(organisationId, [people.Dennis!], '2026-11-20T10:00:00Z'); // already over
      notify.receive('447700900111', 'yes but I may be late');
      notify.receive('447700900444', 'STOP');
      notify.receive('447700900555', 'hello');
      assert.equal(await t.services.texts.fetchFromNotify(), 3);
      const admin = await signedInClient(t, 'admin@northshire.test');
      const list = await admin.get('/admin/texts');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /Dennis Member/);
      assert.match(list.body, /Asked for no more texts/);
      assert.doesNotMatch(list.body, /hello/);
      const mine = (await stored()).find((r) => r.person_id === people.Dennis)!;
      const ritas = (await stored()).find((r) => r.person_id === people.Rita)!;
      const page = await admin.get(`/admin/texts/${mine.id}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /yes but I may be late/);
      assert.equal((await admin.get(`/admin/texts/${ritas.id}`)).statusCode, 404);
      assert.equal((await admin.post(`/admin/texts/${ritas.id}/dealt-with`, { note: 'x' })).statusCode, 404);
      const done = await admin.post(`/admin/texts/${mine.id}/dealt-with`, { note: 'Phoned him: he is coming' });
      assert.equal(done.statusCode, 303);
      const after = (await stored()).find((r) => r.id === mine.id)!;
      assert.deepEqual([after.status, after.dealt_with_by, after.dealt_with_note], ['done', adminPersonId, 'Phoned him: he is coming']);
      assert.doesNotMatch((await admin.get('/admin/texts')).body, /Dennis Member/);
      assert.match((await admin.get('/admin/texts?show=all')).body, /Dennis Member/);
      const other = await signedInClient(t, 'admin@riverside.test');
      const theirs = await other.get('/admin/texts');
      assert.match(theirs.body, /Rita Other/);
      assert.doesNotMatch(theirs.body, /Dennis|STOP/);
    });
  });
}

test('a number stands for an option only in a vote of one choice, and only when there is such an option', () => {
  const options = [{ id: 'leek' }, { id: 'tomato' }];
  const cases: Array<[string, 'majority' | 'ranked-choice' | 'consent', number, string | null]> = [
    ['the first option', 'majority', 1, 'leek'],
    ['the last option', 'majority', 2, 'tomato'],
    ['past the last option', 'majority', 3, null],
    ['nought', 'majority', 0, null],
    ['a ranking needs more than one number', 'ranked-choice', 1, null],
    ['consent is not numbered', 'consent', 1, null],
  ];
  for (const [name, method, n, choice] of cases)
    assert.equal(ballotFromNumber({ method, settings: {}, options }, n)?.choice ?? null, choice, name);
});

for (const dialect of databaseDialects()) {
  describe(`a number sent back answers a vote (${dialect})`, () => {
    let notify: Awaited<ReturnType<typeof startFakeNotifyTexts>>;
    let t: TestApp;
    let w: RepliesWorld;
    before(async () => {
      notify = await startFakeNotifyTexts();
    });
    after(() => notify.close());
    beforeEach(async () => {
      notify.texts.length = 0;
      t = await makeTestApp({ dialect, env: notifyEnv(notify.url) });
      w = await setUpRepliesWorld(t);
      t.clock.now = during;
    });
    afterEach(() => t.close());

    const vote = async (method: 'majority' | 'consent') => {
      const id = await w.propose({
        question: 'Which soup on Fridays?',
        method,
        secret: true,
        settings: {},
        options:
          method === 'majority'
            ? [
                { id: null, title: 'Leek', description: null, costPence: null },
                { id: null, title: 'Tomato', description: null, costPence: null },
              ]
            : [],
      });
      await t.services.votes.sendInvitations(w.admin, await t.services.proposals.load(w.organisationId, id));
      return { id, options: await w.optionIds(id) };
    };
    const ballots = (id: string) => t.database.db.selectFrom('proposal_ballots').select('body').where('proposal_id', '=', id).execute();
    const textsFrom = () =>
      t.database.db.selectFrom('received_texts').selectAll().where('person_id', '=', w.ids.terry).orderBy('received_at').execute();

    test("an option's number is recorded as the vote, once, audited as by text, and the text does not keep it", async () => {
      const { id, options } = await vote('majority');
      notify.receive('447700900222', '7');
      assert.equal(await t.services.texts.fetchFromNotify(), 1);
      // Staff see what a number that is no option answered, and can record the vote.
      const admin = await signedInClient(t, 'admin@northshire.test');
      const page = await admin.get(`/admin/texts/${(await textsFrom())[0]!.id}`);
      assert.match(page.body, new RegExp(`href="/proposals/${id}/record/${w.ids.terry}"`));

      notify.receive('447700900222', ' 2. ');
      notify.receive('447700900222', '1');
      assert.equal(await t.services.texts.fetchFromNotify(), 2);

      const [notAnOption, voted, again] = await textsFrom();
      assert.deepEqual([notAnOption!.outcome, notAnOption!.status, notAnOption!.body], ['unmatched', 'to-do', '7']);
      assert.deepEqual([voted!.outcome, voted!.status, voted!.body], ['vote-reply', 'done', '']);
      // The vote link was used up by the text: a second number waits for staff.
      assert.deepEqual([again!.outcome, again!.status], ['unmatched', 'to-do']);
      const cast = await ballots(id);
      assert.equal(cast.length, 1);
      assert.deepEqual(JSON.parse(cast[0]!.body), { choice: options[1] });
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'actor_person_id'])
        .where('subject_id', '=', id)
        .where('action', '=', 'answer-by-text')
        .execute();
      assert.deepEqual(audit, [{ action: 'answer-by-text', actor_person_id: w.ids.terry }]);
      const used = await t.database.db
        .selectFrom('reply_actions')
        .select('used_at')
        .where('about_id', '=', id)
        .where('person_id', '=', w.ids.terry)
        .executeTakeFirstOrThrow();
      assert.ok(used.used_at);

      const shown = await admin.get(`/admin/texts/${voted!.id}`);
      assert.match(shown.body, /does not keep what the text said/);
    });

    test('a number for a vote without numbered options, or once voting has closed, waits for staff', async () => {
      const consent = await vote('consent');
      notify.receive('447700900222', '1');
      assert.equal(await t.services.texts.fetchFromNotify(), 1);
      const majority = await vote('majority');
      t.clock.now = afterClosing;
      notify.receive('447700900222', '1');
      assert.equal(await t.services.texts.fetchFromNotify(), 1);
      assert.deepEqual(
        (await textsFrom()).map((x) => [x.outcome, x.status, x.body]),
        [
          ['unmatched', 'to-do', '1'],
          ['unmatched', 'to-do', '1'],
        ],
      );
      assert.equal((await ballots(consent.id)).length + (await ballots(majority.id)).length, 0);
    });
  });
}

/** Twilio's documented example signature, so our HMAC matches theirs byte for byte. */
test("Twilio's signature matches its documented example", () => {
  const params: Array<[string, string]> = [
    ['CallSid', 'CA1234567890ABCDE'],
    ['Caller', '+12349013030'],
    ['Digits', '1234'],
    ['From', '+12349013030'],
    ['To', '+18005551212'],
  ];
  assert.equal(twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params), '0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
});
