import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { setUpDecisionWorld, type DecisionWorld } from '../../../test/worlds/decision-log.ts';

// S4: decisions and what was done about them go to every member by their own channel.
for (const dialect of databaseDialects()) {
  describe(`recording decisions (${dialect})`, () => {
    let t: TestApp;
    let w: DecisionWorld;
    const outbox = (aboutId: string, kind: 'decision' | 'decision-update') =>
      t.database.db
        .selectFrom('outbox')
        .select(['person_id', 'channel', 'recipient', 'body_text', 'status', 'subject'])
        .where('about_id', '=', aboutId)
        .where('kind', '=', kind)
        .orderBy('recipient')
        .execute();
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      w = await setUpDecisionWorld(t);
    });
    afterEach(() => t.close());

    test('a decision from a vote is recorded once, and goes to each member once by their channel', async () => {
      const proposalId = 'b1a7c9de-0000-4000-8000-000000000001';
      const { id } = await t.services.decisionLog.recordDecision(w.staff, {
        projectId: w.projectId,
        proposalId,
        meetingId: null,
        decided: 'Lunch will start at 12:30',
        why: 'Most people said the bus gets in at 12.',
        takingPart: w.takingPart,
      });
      const sent = await outbox(id, 'decision');
      assert.equal(sent.length, 5, 'one for each of the five members');
      const byPerson = new Map(sent.map((m) => [m.person_id, m]));
      assert.equal(byPerson.get(w.ids.mo)?.channel, 'email');
      assert.equal(byPerson.get(w.ids.sue)?.channel, 'text');
      assert.equal(byPerson.get(w.ids.dennis)?.channel, 'letter');
      assert.equal(byPerson.get(w.ids.dennis)?.status, 'to-print');
      assert.equal(byPerson.get(w.ids.eileen)?.channel, 'phone');
      assert.equal(byPerson.get(w.ids.len), undefined, 'Len is not in this project');
      assert.match(byPerson.get(w.ids.mo)!.body_text, /We decided:\nLunch will start at 12:30\./);
      assert.match(byPerson.get(w.ids.mo)!.body_text, /4 of the 5 people asked took part\./);
      assert.match(byPerson.get(w.ids.mo)!.body_text, new RegExp(`/projects/${w.projectId}/decisions/${id}`));
      assert.ok(byPerson.get(w.ids.sue)!.body_text.length <= 306);
      assert.match(byPerson.get(w.ids.eileen)!.body_text, /^Hello Eileen Murphy\. I am calling about Better day centre lunches\./);

      await assert.rejects(
        t.services.decisionLog.recordDecision(w.staff, {
          projectId: w.projectId,
          proposalId,
          meetingId: null,
          decided: 'Again',
          why: 'Again',
          takingPart: null,
        }),
        (e: { status?: number }) => e.status === 409,
      );
      const rows = await t.database.db.selectFrom('decision_records').select('id').where('proposal_id', '=', proposalId).execute();
      assert.equal(rows.length, 1);
      assert.equal((await outbox(id, 'decision')).length, 5, 'nothing sent twice');
      // Sending again (after an interruption) queues nothing new.
      await t.services.decisionLog.resend(w.admin, w.projectId, id);
      assert.equal((await outbox(id, 'decision')).length, 5);
    });

    test('two records for one proposal at the same moment: one is kept', async () => {
      const proposalId = 'b1a7c9de-0000-4000-8000-000000000002';
      const input = {
        projectId: w.projectId,
        proposalId,
        meetingId: null,
        decided: 'Soup on Mondays',
        why: 'People liked it.',
        takingPart: null,
      };
      const results = await Promise.allSettled([
        t.services.decisionLog.recordDecision(w.staff, input),
        t.services.decisionLog.recordDecision(w.staff, input),
      ]);
      assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
      const rows = await t.database.db.selectFrom('decision_records').select('id').where('proposal_id', '=', proposalId).execute();
      assert.equal(rows.length, 1);
    });

    test("decisions without a proposal can be many; another organisation's project is not found", async () => {
      const a = await t.services.decisionLog.recordDecision(w.staff, {
        projectId: w.projectId,
        proposalId: null,
        meetingId: w.meetingId,
        decided: 'A',
        why: 'B',
        takingPart: null,
      });
      const b = await t.services.decisionLog.recordDecision(w.staff, {
        projectId: w.projectId,
        proposalId: null,
        meetingId: null,
        decided: 'C',
        why: 'D',
        takingPart: null,
      });
      assert.notEqual(a.id, b.id);
      await assert.rejects(
        t.services.decisionLog.recordDecision(w.staff, {
          projectId: w.otherOrgProjectId,
          proposalId: null,
          meetingId: null,
          decided: 'X',
          why: 'Y',
          takingPart: null,
        }),
        (e: { status?: number }) => e.status === 404,
      );
      // A meeting of another project is not this project's.
      const otherMeeting = await t.services.meetings.create(w.staff, w.otherProjectId, {
        title: 'Digging',
        purpose: 'Dig',
        startsAt: '2026-11-20T10:30:00.000Z',
        endsAt: '2026-11-20T12:30:00.000Z',
        format: 'in-person',
        venueId: null,
        joiningDetails: null,
        membersOnly: false,
        arrangements: [],
        interpreterLanguages: [],
      });
      await assert.rejects(
        t.services.decisionLog.recordDecision(w.staff, {
          projectId: w.projectId,
          proposalId: null,
          meetingId: otherMeeting,
          decided: 'X',
          why: 'Y',
          takingPart: null,
        }),
        (e: { status?: number }) => e.status === 404,
      );
      await assert.rejects(
        t.services.decisionLog.recordDecision(w.staff, {
          projectId: w.projectId,
          proposalId: null,
          meetingId: null,
          decided: 'X',
          why: 'Y',
          takingPart: { invited: 2, tookPart: 3, byPerspective: [] },
        }),
        /more-than-invited/,
      );
    });

    test('when an action is done, "you said, we did" goes to each member once', async () => {
      const { id } = await t.services.decisionLog.recordDecision(w.staff, {
        projectId: w.projectId,
        proposalId: null,
        meetingId: null,
        decided: 'Leek soup on Mondays',
        why: 'It won the tasting.',
        takingPart: null,
      });
      const added = await t.services.decisionLog.addAction(w.admin, w.projectId, id, {
        what: 'Tell the cook',
        ownerId: w.ids.fay,
        dueOn: '2026-11-30',
      });
      assert.ok(added.ok);
      const actionId = added.ok ? added.id : '';
      const progress = await t.services.decisionLog.updateAction(w.admin, w.projectId, id, actionId, {
        status: 'in-progress',
        whatWeDid: null,
      });
      assert.deepEqual(progress, { ok: true });
      assert.equal((await outbox(id, 'decision-update')).length, 0, 'nothing goes out until it is done');
      const missing = await t.services.decisionLog.updateAction(w.admin, w.projectId, id, actionId, { status: 'done', whatWeDid: null });
      assert.deepEqual(missing, { ok: false, errors: { whatWeDid: 'decision-log:errors.whatWeDidRequired' } });
      await t.services.decisionLog.updateAction(w.admin, w.projectId, id, actionId, {
        status: 'done',
        whatWeDid: 'The cook now makes leek soup every Monday',
      });
      const sent = await outbox(id, 'decision-update');
      assert.equal(sent.length, 5);
      assert.match(
        sent.find((m) => m.channel === 'email')!.body_text,
        /You said:\nLeek soup on Mondays\.\n\nThe job was:\nTell the cook\.\n\nWe did:\nThe cook now makes leek soup every Monday\./,
      );
      await assert.rejects(
        t.services.decisionLog.updateAction(w.admin, w.projectId, id, actionId, { status: 'done', whatWeDid: 'Again' }),
        (e: { status?: number }) => e.status === 409,
      );
      assert.equal((await outbox(id, 'decision-update')).length, 5, 'the update goes once');
    });

    test("the home page's recent decisions: a member's own projects only; staff every project of theirs, not another organisation's", async () => {
      const record = (projectId: string, decided: string) =>
        t.services.decisionLog.recordDecision(w.staff, {
          projectId,
          proposalId: null,
          meetingId: null,
          decided,
          why: 'Asked',
          takingPart: null,
        });
      await record(w.projectId, 'Lunch at 12:30');
      await record(w.otherProjectId, 'Beans in the garden');
      await t.services.decisionLog.recordDecision(
        { organisationId: w.other.organisationId, personId: w.other.adminPersonId },
        { projectId: w.otherOrgProjectId, proposalId: null, meetingId: null, decided: 'Walk on Fridays', why: 'Asked', takingPart: null },
      );
      const decided = async (user: Parameters<typeof t.services.decisionLog.recent>[0]) =>
        (await t.services.decisionLog.recent(user)).map((d) => d.decided).sort();
      const member = (personId: string) => ({ ...w.admin, personId, role: 'member' as const });
      assert.deepEqual(await decided(member(w.ids.mo)), ['Lunch at 12:30']);
      assert.deepEqual(await decided(member(w.ids.len)), ['Beans in the garden']);
      assert.deepEqual(await decided(w.admin), ['Beans in the garden', 'Lunch at 12:30']);
    });
  });
}
