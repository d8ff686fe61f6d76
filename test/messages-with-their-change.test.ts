import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Db } from '../src/db/connection.ts';
import { londonToday } from '../src/platform/time.ts';
import { setUpDecisionWorld, type DecisionWorld } from './worlds/decision-log.ts';
import { databaseDialects, type TestDatabase } from './helpers/databases.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';
import { failInserts, mendInserts } from './helpers/failing-inserts.ts';

// DESIGN.md: a message a change causes is written in the same transaction as the change.
// Each case makes the outbox refuse its insert (a trigger, so the failure happens inside
// the database transaction, as a crash would) and checks that the change was not kept
// either; then, with the outbox working again, that both are kept.

const breakOutbox = (database: TestDatabase) => failInserts(database, 'outbox');
const mendOutbox = (database: TestDatabase) => mendInserts(database, 'outbox');

const outboxCount = async (db: Db, kind: string) =>
  Number(
    (
      await db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('kind', '=', kind as never)
        .executeTakeFirstOrThrow()
    ).n,
  );

/** The change fails with the outbox broken and leaves nothing; works once it is mended. */
async function bothOrNeither(t: TestApp, kind: string, change: () => Promise<unknown>, kept: () => Promise<boolean>) {
  await breakOutbox(t.database);
  await assert.rejects(change, /injected failure/);
  assert.equal(await kept(), false, 'the change was kept without its message');
  assert.equal(await outboxCount(t.database.db, kind), 0);
  await mendOutbox(t.database);
  await change();
  assert.equal(await kept(), true, 'the change was not kept');
  assert.ok((await outboxCount(t.database.db, kind)) > 0, 'the message was not queued');
}

async function userOf(t: TestApp, personId: string) {
  const account = await t.database.db.selectFrom('accounts').select('id').where('person_id', '=', personId).executeTakeFirstOrThrow();
  return (await t.services.identity.loadUser(account.id))!;
}

for (const dialect of databaseDialects()) {
  describe(`a message and the change that caused it are kept together (${dialect})`, () => {
    const withWorld = (name: string, run: (t: TestApp, w: DecisionWorld) => Promise<void>) =>
      test(name, async () => {
        const t = await makeTestApp({ dialect });
        try {
          await run(t, await setUpDecisionWorld(t));
        } finally {
          await t.close();
        }
      });
    const day = (t: TestApp, offset: number) => londonToday(new Date(t.now().getTime() + offset * 86_400_000));

    withWorld('vote invitations and reminders', async (t, w) => {
      const at = t.now().getTime();
      const id = await t.services.proposals.create(w.staff, w.projectId, {
        question: 'Soup on Mondays?',
        background: null,
        meetingId: null,
        paperIds: [],
        method: 'consent',
        settings: {},
        options: [],
        everyone: true,
        voterIds: [],
        secret: false,
        opensAt: new Date(at - 3_600_000).toISOString(),
        closesAt: new Date(at + 7 * 86_400_000).toISOString(),
      });
      const invited = async () => (await t.services.proposals.load(w.organisationId, id)).invitationsSentAt !== null;
      await bothOrNeither(
        t,
        'vote-invitation',
        async () => t.services.votes.sendInvitations(w.staff, await t.services.proposals.load(w.organisationId, id)),
        invited,
      );
      const reminded = async () =>
        Boolean(
          await t.database.db
            .selectFrom('audit_log')
            .select('id')
            .where('subject_id', '=', id)
            .where('action', '=', 'reminders-sent')
            .executeTakeFirst(),
        );
      await bothOrNeither(
        t,
        'vote-reminder',
        async () => t.services.votes.sendReminders(w.staff, await t.services.proposals.load(w.organisationId, id)),
        reminded,
      );
    });

    withWorld('a decision recorded, and "you said, we did" when its job is done', async (t, w) => {
      const decisions = async () => (await t.database.db.selectFrom('decision_records').select('id').execute()).length === 1;
      await bothOrNeither(
        t,
        'decision',
        () =>
          t.services.decisionLog.recordDecision(w.staff, {
            projectId: w.projectId,
            proposalId: null,
            meetingId: null,
            decided: 'Soup on Mondays',
            why: 'Most people asked for it',
            takingPart: w.takingPart,
          }),
        decisions,
      );
      const decision = await t.database.db.selectFrom('decision_records').select('id').executeTakeFirstOrThrow();
      const added = await t.services.decisionLog.addAction(w.admin, w.projectId, decision.id, {
        what: 'Tell the kitchen',
        ownerId: w.ids.fay,
        dueOn: day(t, 7),
      });
      assert.ok(added.ok);
      const done = async () =>
        (await t.database.db.selectFrom('decision_actions').select('status').executeTakeFirstOrThrow()).status === 'done';
      await bothOrNeither(
        t,
        'decision-update',
        () =>
          t.services.decisionLog.updateAction(w.admin, w.projectId, decision.id, added.id, {
            status: 'done',
            whatWeDid: 'The kitchen makes soup on Mondays now',
          }),
        done,
      );
    });

    withWorld('review invitations', async (t, w) => {
      const made = await t.services.reviews.create(w.staff, {
        title: 'How are we doing?',
        projectId: w.projectId,
        opensOn: day(t, 0),
        closesOn: day(t, 14),
        schedule: 'none',
        gapThresholdTenths: 10,
      });
      assert.ok(made.ok);
      const invited = async () => (await t.services.reviews.invited(w.organisationId, made.id)).size > 0;
      await bothOrNeither(t, 'survey', () => t.services.reviews.sendInvitations(w.staff, made.id), invited);
    });

    withWorld('outcome surveys', async (t, w) => {
      await t.services.outcomes.addOutcome(w.admin, w.projectId, {
        title: 'I enjoy lunch',
        measure: 'scale',
        question: 'How much do you enjoy lunch?',
        unit: null,
        agreedHow: 'Together',
      });
      const round = await t.services.outcomes.surveys.addRound(w.admin, w.projectId, {
        phase: 'before',
        opensOn: day(t, 0),
        closesOn: day(t, 14),
      });
      assert.ok(round.ok);
      const sent = async () =>
        Boolean(
          (await t.database.db.selectFrom('survey_rounds').select('sent_at').where('id', '=', round.id).executeTakeFirstOrThrow()).sent_at,
        );
      await bothOrNeither(t, 'survey', () => t.services.outcomes.surveys.send(w.admin, round.id), sent);
    });

    withWorld('a time bank swap: asking, and saying it happened', async (t, w) => {
      const fay = await userOf(t, w.ids.fay);
      const mo = await userOf(t, w.ids.mo);
      const listing = await t.services.timebank.exchanges.post(mo, {
        kind: 'request',
        title: 'Help in my garden',
        description: 'Weeding',
        minutes: 60,
      });
      const swaps = async () => (await t.database.db.selectFrom('timebank_exchanges').select('id').execute()).length === 1;
      await bothOrNeither(t, 'timebank', () => t.services.timebank.exchanges.respond(fay, listing, null), swaps);
      const swap = await t.database.db.selectFrom('timebank_exchanges').select('id').executeTakeFirstOrThrow();
      const before = await outboxCount(t.database.db, 'timebank');
      await breakOutbox(t.database);
      await assert.rejects(
        () => t.services.timebank.exchanges.propose(fay, swap.id, { minutes: 60, happenedOn: day(t, 0) }),
        /injected failure/,
      );
      assert.equal((await t.database.db.selectFrom('timebank_exchanges').select('status').executeTakeFirstOrThrow()).status, 'asked');
      await mendOutbox(t.database);
      await t.services.timebank.exchanges.propose(fay, swap.id, { minutes: 60, happenedOn: day(t, 0) });
      assert.equal((await t.database.db.selectFrom('timebank_exchanges').select('status').executeTakeFirstOrThrow()).status, 'proposed');
      assert.equal(await outboxCount(t.database.db, 'timebank'), before + 1);
    });
  });
}
