import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { afterClosing, during } from '../../../test/worlds/decisions.ts';
import { actLinkIn, codeIn, replyAddress, replyPhone, setUpRepliesWorld, type RepliesWorld } from '../../../test/worlds/replies.ts';

// Taking part without signing in (issue 16): a letter carries a reply code and the
// organisation's phone and address, never a web address; a text carries a personal link
// and the code. The link opens one action of one person; staff type the code to record it.
for (const dialect of databaseDialects()) {
  describe(`taking part without signing in (${dialect})`, () => {
    let t: TestApp;
    let w: RepliesWorld;
    const heard: string[] = [];
    beforeEach(async () => {
      t = await makeTestApp({ dialect, onQuery: (sql) => heard.push(sql) });
      w = await setUpRepliesWorld(t);
    });
    afterEach(() => t.close());

    const majority = async (secret: boolean) => {
      const id = await w.propose({
        question: 'Which soup on Fridays?',
        method: 'majority',
        secret,
        settings: {},
        options: [
          { id: null, title: 'Leek', description: null, costPence: null },
          { id: null, title: 'Tomato', description: null, costPence: null },
        ],
      });
      await t.services.votes.sendInvitations(w.admin, await t.services.proposals.load(w.organisationId, id));
      return { id, options: await w.optionIds(id) };
    };

    test('a vote by a text message link: no sign-in, once, secret kept; a changed link or a closed vote is refused', async () => {
      t.clock.now = during;
      const { id, options } = await majority(true);
      const text = await w.sentTo(id, w.ids.terry, 'vote-invitation');
      assert.equal(text.channel, 'text');
      const link = actLinkIn(text.body_text)!;
      assert.ok(link, text.body_text);
      assert.ok(codeIn(text.body_text), 'a text carries the reply code too');
      assert.ok(text.body_text.length < 300, 'short enough for a text');

      const visitor = new Client(t.app);
      const page = await visitor.get(link);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Which soup on Fridays\?/);
      assert.doesNotMatch(page.body, /Dora|Mo Member/, 'nothing of anyone else');
      assert.equal((await visitor.post(link, {})).statusCode, 400);
      const voted = await visitor.post(link, { choice: options[1]! });
      assert.equal(voted.statusCode, 303);
      const after = await visitor.get(link);
      assert.equal(after.statusCode, 410, 'a vote link works once');
      assert.match(after.body, /Your vote is in/);
      assert.equal((await visitor.post(link, { choice: options[0]! })).statusCode, 410);

      const taking = await t.database.db.selectFrom('proposal_participation').selectAll().where('proposal_id', '=', id).execute();
      assert.deepEqual(
        taking.map((r) => [r.person_id, r.recorded_by]),
        [[w.ids.terry, null]],
      );
      const ballots = await t.database.db.selectFrom('proposal_ballots').selectAll().where('proposal_id', '=', id).execute();
      assert.deepEqual(
        ballots.map((b) => b.voter_person_id),
        [null],
        'a secret ballot keeps no name',
      );
      const audit = await t.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('subject_id', '=', id)
        .where('action', '=', 'answer-by-link')
        .execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.actor_person_id, w.ids.terry);

      // A link with a changed signature or id is nobody's.
      const [payload, signature] = link.split('/').pop()!.split('.');
      assert.equal((await visitor.get(`/act/${payload}.${signature!.slice(0, -2)}AA`)).statusCode, 404);
      assert.equal((await visitor.get(`/act/${'A'.repeat(22)}.${signature}`)).statusCode, 404);
      // Dora's letter asked her; after closing her code and any link are too late.
      t.clock.now = afterClosing;
      const [doras] = await t.database.db.selectFrom('reply_actions').select('id').where('person_id', '=', w.ids.dora).execute();
      const doraLink = new URL(t.services.replyActions.linkOf(doras!.id)).pathname;
      assert.equal((await visitor.get(doraLink)).statusCode, 410);
    });

    test('a letter has no web address: the code, phone and address; staff type the code and record the vote by letter', async () => {
      t.clock.now = during;
      const { id, options } = await majority(false);
      const letter = await w.sentTo(id, w.ids.dora, 'vote-invitation');
      assert.equal(letter.channel, 'letter');
      assert.doesNotMatch(letter.body_text, /http|www\./);
      assert.ok(letter.body_text.includes(replyPhone));
      assert.ok(letter.body_text.includes(replyAddress));
      const code = codeIn(letter.body_text)!;
      assert.ok(code, letter.body_text);

      // Members cannot record replies; another organisation cannot use the code.
      const mo = await signedInClient(t, 'mo@example.com');
      assert.equal((await mo.get('/reply-codes')).statusCode, 403);
      const rita = await signedInClient(t, 'admin@riverside.test');
      await rita.get('/reply-codes');
      const elsewhere = await rita.post('/reply-codes', { code });
      assert.equal(elsewhere.statusCode, 400);
      assert.match(elsewhere.body, /We cannot find that code/);

      const ada = await signedInClient(t, 'admin@northshire.test');
      assert.equal((await ada.get('/reply-codes')).statusCode, 200);
      const bad = await ada.post('/reply-codes', { code: 'OOO 000' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /value="OOO 000"/);
      const form = await ada.post('/reply-codes', { code: code.toLowerCase() });
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Record a reply for Dora Letter/);
      assert.match(form.body, /Which soup on Fridays\?/);
      const noHow = await ada.post('/reply-codes/answer', { code, choice: options[0]! });
      assert.equal(noHow.statusCode, 400);
      assert.match(noHow.body, /Select how they gave their reply/);
      const saved = await ada.post('/reply-codes/answer', { code, choice: options[0]!, how: 'letter' });
      assert.equal(saved.statusCode, 303);
      assert.match((await ada.get('/reply-codes')).body, /Recorded by letter by Ada Admin/);

      const row = await t.database.db
        .selectFrom('proposal_participation')
        .selectAll()
        .where('proposal_id', '=', id)
        .where('person_id', '=', w.ids.dora)
        .executeTakeFirstOrThrow();
      assert.deepEqual([row.recorded_by, row.recorded_how], [w.admin.personId, 'letter']);
      const participation = await ada.get(`/proposals/${id}/participation`);
      assert.match(participation.body, /by letter/);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('subject_id', '=', id)
        .where('action', '=', 'answer-recorded-by-code')
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [audit.actor_person_id, audit.on_behalf_of_person_id, JSON.parse(audit.changes)],
        [w.admin.personId, w.ids.dora, [{ field: 'how', to: 'letter' }]],
      );
      // Once used, the code says so.
      const again = await ada.post('/reply-codes', { code });
      assert.equal(again.statusCode, 400);
      assert.match(again.body, /used already/);
    });

    test('a meeting reply: the letter has a code, the text a link; both record the answer; the link can change it until the meeting ends', async () => {
      const meetingId = await w.meeting();
      await t.services.invitations.sendInvitations(w.admin, meetingId);
      const letter = await w.sentTo(meetingId, w.ids.dora, 'invitation');
      assert.equal(letter.channel, 'letter');
      assert.doesNotMatch(letter.body_text, /http|www\./);
      assert.ok(letter.body_text.includes(replyPhone));
      const code = codeIn(letter.body_text)!;
      const text = await w.sentTo(meetingId, w.ids.terry, 'invitation');
      const textCode = codeIn(text.body_text)!;
      assert.ok(textCode && textCode !== code);

      const ada = await signedInClient(t, 'admin@northshire.test');
      await ada.get('/reply-codes');
      const form = await ada.post('/reply-codes', { code });
      assert.match(form.body, /Can you come\?/);
      assert.equal((await ada.post('/reply-codes/answer', { code, reply: 'yes', how: 'phone' })).statusCode, 303);
      const invitees = await t.services.meetings.invitees(w.organisationId, meetingId);
      const dora = invitees.find((i) => i.personId === w.ids.dora)!;
      assert.deepEqual([dora.reply, dora.replyRecordedByName], ['yes', 'Ada Admin']);

      // The text's reply link works without signing in (as before) and its code opens the same form for staff.
      const link = /http:\/\/localhost:3000(\/reply\/[^\s]+)/.exec(text.body_text)![1]!;
      const visitor = new Client(t.app);
      assert.equal((await visitor.get(link)).statusCode, 200);
      // A personal action link for a meeting reply opens the shared page, and can be changed.
      const [terrys] = await t.database.db
        .selectFrom('reply_actions')
        .select('id')
        .where('person_id', '=', w.ids.terry)
        .where('about_id', '=', meetingId)
        .execute();
      const act = new URL(t.services.replyActions.linkOf(terrys!.id)).pathname;
      assert.equal((await visitor.get(act)).statusCode, 200);
      assert.equal((await visitor.post(act, { reply: 'no' })).statusCode, 303);
      assert.equal((await visitor.post(act, { reply: 'maybe' })).statusCode, 303);
      const latest = await t.services.meetings.invitees(w.organisationId, meetingId);
      assert.equal(latest.find((i) => i.personId === w.ids.terry)!.reply, 'maybe');

      // What Terry was last asked, for a text that comes back with only an answer.
      const open = await t.services.replyActions.latestOpenAction(w.organisationId, w.ids.terry);
      assert.deepEqual([open?.kind, open?.aboutId], ['meeting-reply', meetingId]);
      // After the meeting ends the link and code are closed, and the code is given back.
      t.clock.now = new Date('2026-12-03T13:00:00Z');
      assert.equal((await visitor.get(act)).statusCode, 410);
      assert.equal(await t.services.replyActions.latestOpenAction(w.organisationId, w.ids.terry), null);
      const later = await signedInClient(t, 'admin@northshire.test');
      await later.get('/reply-codes');
      const late = await later.post('/reply-codes', { code: textCode });
      assert.equal(late.statusCode, 400);
    });

    test('a review: the letter has a code and no web address, the text a personal link; staff record by code; closed when the review closes', async () => {
      const made = await t.services.reviews.create(w.admin, {
        title: 'Autumn check',
        projectId: w.projectId,
        opensOn: '2026-11-23',
        closesOn: '2026-11-30',
        schedule: 'none',
        gapThresholdTenths: 10,
      });
      assert.ok(made.ok);
      const cycleId = made.id;
      await t.services.reviews.sendInvitations(w.admin, cycleId);
      const letter = await w.sentTo(cycleId, w.ids.dora, 'survey');
      assert.equal(letter.channel, 'letter');
      assert.doesNotMatch(letter.body_text, /http|www\./);
      assert.ok(letter.body_text.includes(replyPhone));
      const code = codeIn(letter.body_text)!;
      const text = await w.sentTo(cycleId, w.ids.terry, 'survey');
      const link = actLinkIn(text.body_text)!;
      assert.ok(link && codeIn(text.body_text), text.body_text);
      // Mo could sign in, and still gets her own link.
      assert.ok(actLinkIn((await w.sentTo(cycleId, w.ids.mo, 'survey')).body_text));

      const visitor = new Client(t.app);
      const page = await visitor.get(link);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Tell us how we are doing: Autumn check/);
      const [first, second] = [...new Set(page.body.match(/name="rating-[A-Z0-9]+"/g)!.map((m) => m.slice(6, -1)))];
      const bad = await visitor.post(link, { [`comment-${first!.slice(7)}`]: 'Good' });
      assert.equal(bad.statusCode, 400);
      assert.equal((await visitor.post(link, { [first!]: '4', [second!]: 'dont-know' })).statusCode, 303);
      heard.length = 0;
      const again = await visitor.get(link);
      assert.equal(again.statusCode, 200, 'a review link can be used again to change answers');
      assert.match(again.body, new RegExp(`name="${first}" type="radio" value="4" checked`));
      assert.match(again.body, new RegExp(`name="${second}" type="radio" value="dont-know" checked`));
      // Every piece's answers in one read, not one read a piece.
      assert.equal(heard.filter((sql) => /from "review_answers"/.test(sql)).length, 1, heard.join('\n'));
      const mine = await t.database.db.selectFrom('review_answers').selectAll().where('person_id', '=', w.ids.terry).execute();
      assert.deepEqual(mine.map((a) => [a.way, a.recorded_by]).sort(), [
        ['self', null],
        ['self', null],
      ]);

      const ada = await signedInClient(t, 'admin@northshire.test');
      await ada.get('/reply-codes');
      assert.match((await ada.post('/reply-codes', { code })).body, /Record a reply for Dora Letter/);
      assert.equal((await ada.post('/reply-codes/answer', { code, [first!]: '2', how: 'letter' })).statusCode, 303);
      const doras = await t.database.db.selectFrom('review_answers').selectAll().where('person_id', '=', w.ids.dora).execute();
      assert.deepEqual(
        doras.map((a) => [a.rating, a.way, a.recorded_by]),
        [[2, 'letter', w.admin.personId]],
      );
      // The day after closing, the link no longer answers.
      t.clock.now = new Date('2026-12-01T10:00:00Z');
      assert.equal((await visitor.get(link)).statusCode, 410);
    });

    test('codes are unique, reused by later messages about the same thing, and given back when they expire', async () => {
      const many = Array.from({ length: 300 }, () => w.ids.dora);
      const db = t.database.db;
      const first = await t.services.replyActions.issue(db, {
        organisationId: w.organisationId,
        kind: 'vote',
        aboutId: w.projectId,
        personIds: [w.ids.dora, w.ids.terry, w.ids.mo, ...many],
        expiresAt: '2026-11-30T17:00:00.000Z',
        once: true,
      });
      assert.equal(first.size, 3);
      assert.equal(new Set([...first.values()].map((i) => i.code)).size, 3);
      const again = await t.services.replyActions.issue(db, {
        organisationId: w.organisationId,
        kind: 'vote',
        aboutId: w.projectId,
        personIds: [w.ids.dora],
        expiresAt: '2026-11-30T17:00:00.000Z',
        once: true,
      });
      assert.equal(again.get(w.ids.dora)!.code, first.get(w.ids.dora)!.code);
      t.clock.now = afterClosing;
      await t.services.replyActions.issue(db, {
        organisationId: w.organisationId,
        kind: 'meeting-reply',
        aboutId: w.projectId,
        personIds: [w.ids.sue],
        expiresAt: '2026-12-30T17:00:00.000Z',
        once: false,
      });
      const left = await db.selectFrom('reply_actions').select('code').where('kind', '=', 'vote').execute();
      assert.deepEqual(
        left.map((r) => r.code),
        [null, null, null],
        'expired codes are free for new actions',
      );
    });

    test('admins set the phone number and address letters give; others cannot', async () => {
      const ada = await signedInClient(t, 'admin@northshire.test');
      const page = await ada.get('/organisation/replies');
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes(replyPhone));
      const tooLong = await ada.post('/organisation/replies', { phone: '1'.repeat(31), address: 'Here' });
      assert.equal(tooLong.statusCode, 400);
      assert.match(tooLong.body, /value="Here"|>Here</);
      assert.equal((await ada.post('/organisation/replies', { phone: '01632 960 999', address: '' })).statusCode, 303);
      assert.deepEqual(await t.services.organisations.replyContact(w.organisationId), { phone: '01632 960 999', address: null });
      const fay = await signedInClient(t, 'fay@example.com');
      assert.equal((await fay.get('/organisation/replies')).statusCode, 403);
    });
  });
}
