import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from './helpers/databases.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';
import { Client } from './helpers/browser-like-client.ts';
import { during } from './worlds/decisions.ts';
import { setUpRepliesWorld, type RepliesWorld } from './worlds/replies.ts';

// Every message that asks someone to act (a meeting reply, a vote, a review, a survey, saying
// yes to a time bank swap): no letter holds a web
// address, and every web address in an email or a text opens without signing in. The
// crawl in every-link.test.ts covers the signed-in pages; this covers what people are sent.
for (const dialect of databaseDialects()) {
  describe(`links in what people are sent (${dialect})`, () => {
    let t: TestApp;
    let w: RepliesWorld;
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      w = await setUpRepliesWorld(t);
    });
    afterEach(() => t.close());

    test('no letter has a web address; every link in a text or email opens without signing in', async () => {
      t.clock.now = during;
      const meetingId = await w.meeting('2026-11-26T10:30:00.000Z', '2026-11-26T12:30:00.000Z');
      await t.services.invitations.sendInvitations(w.admin, meetingId);
      await t.services.invitations.sendChange(w.admin, meetingId, 'change');
      await t.services.invitations.sendDueReminders();
      const proposalId = await w.propose({ question: 'Lunch at 12:30pm?' });
      const proposal = await t.services.proposals.load(w.organisationId, proposalId);
      await t.services.votes.sendInvitations(w.admin, proposal);
      await t.services.votes.sendReminders(w.admin, proposal);
      const review = await t.services.reviews.create(w.admin, {
        title: 'Autumn check',
        projectId: w.projectId,
        opensOn: '2026-11-23',
        closesOn: '2026-11-30',
        schedule: 'none',
        gapThresholdTenths: 10,
      });
      assert.ok(review.ok);
      await t.services.reviews.sendInvitations(w.admin, review.id);
      const member = (personId: string, name: string) => ({
        accountId: personId,
        personId,
        organisationId: w.organisationId,
        organisationName: 'Northshire County Council',
        role: 'member' as const,
        name,
      });
      const staff = { ...member(w.admin.personId, 'Ada Admin'), role: 'admin' as const };
      await t.services.outcomes.addOutcome(staff, w.projectId, {
        title: 'I feel listened to',
        measure: 'scale',
        question: 'How much do you feel listened to?',
        unit: null,
        agreedHow: null,
      });
      const round = await t.services.outcomes.surveys.addRound(staff, w.projectId, {
        phase: 'before',
        opensOn: '2026-11-23',
        closesOn: '2026-11-30',
      });
      assert.ok(round.ok);
      await t.services.outcomes.surveys.send(staff, round.id);
      // Mo offers help; Dora and Terry take it, and Mo asks each of them to say yes.
      const mo = member(w.ids.mo, 'Mo Member');
      const offer = await t.services.timebank.exchanges.post(mo, {
        kind: 'offer',
        title: 'Lifts to the shops',
        description: '',
        minutes: 60,
      });
      for (const [id, name] of [
        [w.ids.dora, 'Dora Letter'],
        [w.ids.terry, 'Terry Text'],
      ] as const) {
        const swap = await t.services.timebank.exchanges.respond(member(id, name), offer, null);
        await t.services.timebank.exchanges.propose(mo, swap, { minutes: 45, happenedOn: '2026-11-24' });
      }

      const sent = await t.database.db.selectFrom('outbox').select(['kind', 'channel', 'body_text', 'dedupe_key']).execute();
      const kinds = new Set(sent.map((m) => `${m.kind}/${m.channel}`));
      for (const k of [
        'invitation/letter',
        'invitation/text',
        'invitation/email',
        'change/letter',
        'reminder/letter',
        'vote-invitation/letter',
        'vote-invitation/text',
        'vote-reminder/letter',
        'survey/letter',
        'survey/text',
        'timebank/letter',
        'timebank/text',
      ])
        assert.ok(kinds.has(k), `sent ${k}: ${[...kinds].join(', ')}`);
      const letters = sent.filter((m) => m.channel === 'letter');
      assert.deepEqual(
        letters.filter((m) => /http|www\./.test(m.body_text)).map((m) => m.kind),
        [],
        'letters hold no web address',
      );
      for (const m of letters) assert.match(m.body_text, /code: [346789A-Y]{3} [346789A-Y]{3}/, `${m.kind} letter has its code`);
      // News of a new swap goes to the member who posted on the board, who signs in to answer.
      const links = sent
        .filter((m) => m.channel === 'text' || m.channel === 'email')
        .filter((m) => !/^timebank:.*:asked:/.test(m.dedupe_key ?? ''))
        .flatMap((m) => [...m.body_text.matchAll(/http:\/\/localhost:3000(\/[^\s]*)/g)].map((x) => x[1]!));
      assert.ok(links.length >= 6, `links found: ${links.length}`);
      const broken: string[] = [];
      for (const link of new Set(links)) {
        const res = await new Client(t.app).get(link);
        if (res.statusCode !== 200) broken.push(`${link} (${res.statusCode} ${res.headers.location ?? ''})`);
      }
      assert.deepEqual(broken, []);
    });

    test('a text asking for one choice among options numbers them, so a number sent back is a vote', async () => {
      t.clock.now = during;
      const id = await w.propose({
        question: 'Which soup?',
        method: 'majority',
        options: [
          { id: null, title: 'Leek', description: null, costPence: null },
          { id: null, title: 'Tomato', description: null, costPence: null },
        ],
      });
      await t.services.votes.sendInvitations(w.admin, await t.services.proposals.load(w.organisationId, id));
      const texts = await t.database.db
        .selectFrom('outbox')
        .select('body_text')
        .where('kind', '=', 'vote-invitation')
        .where('channel', '=', 'text')
        .where('about_id', '=', id)
        .execute();
      assert.ok(texts.length > 0);
      for (const m of texts) assert.match(m.body_text, /Or text back the number of your choice: 1 Leek, 2 Tomato\./);
    });
  });
}
