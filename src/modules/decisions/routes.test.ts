import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { afterClosing, during, setUpDecisionsWorld, type DecisionsWorld } from '../../../test/worlds/decisions.ts';

// Co-decision with power shared: every vote weighs the same, one vote each, only while
// voting is open, only for the project's own members, and secret votes kept apart from people.
for (const dialect of databaseDialects()) {
  describe(`proposals and voting (${dialect})`, () => {
    let t: TestApp;
    let w: DecisionsWorld;
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      w = await setUpDecisionsWorld(t);
    });
    afterEach(() => t.close());

    test('staff write a proposal with the form; errors keep what was typed; members cannot write one', async () => {
      t.clock.now = new Date('2026-11-23T10:00:00Z');
      const fay = await signedInClient(t, 'fay@example.com');
      const form = await fay.get(`/projects/${w.projectId}/proposals/new`);
      assert.equal(form.statusCode, 200);
      const bad = await fay.post(`/projects/${w.projectId}/proposals/new`, {
        question: 'Which soup?',
        method: 'majority',
        secret: 'no',
        who: 'everyone',
        quorumKind: 'people',
        quorumValue: 'lots',
        option1Title: 'Leek',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /There is a problem/);
      assert.match(bad.body, /Give at least two options/);
      assert.match(bad.body, /Enter the number of people/);
      assert.match(bad.body, /Enter the date voting opens/);
      assert.match(bad.body, /value="Leek"/);
      const ok = await fay.post(`/projects/${w.projectId}/proposals/new`, {
        question: 'Which soup?',
        background: 'Pick one',
        method: 'majority',
        secret: 'no',
        who: 'everyone',
        quorumKind: 'people',
        quorumValue: '2',
        option1Title: 'Leek',
        option2Title: 'Tomato',
        'opens-day': '24',
        'opens-month': '11',
        'opens-year': '2026',
        opensTime: '9am',
        'closes-day': '30',
        'closes-month': '11',
        'closes-year': '2026',
        closesTime: '5:00pm',
      });
      assert.equal(ok.statusCode, 303);
      const id = ok.headers.location!.split('/').pop()!;
      const row = await t.database.db.selectFrom('proposals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(
        [row.opens_at, row.closes_at, JSON.parse(row.settings)],
        ['2026-11-24T09:00:00.000Z', '2026-11-30T17:00:00.000Z', { quorum: { kind: 'people', minimum: 2 } }],
      );
      const page = await fay.get(`/proposals/${id}`);
      assert.match(page.body, /Which soup\?/);
      assert.match(page.body, /Not open yet/);
      const project = await fay.get(`/projects/${w.projectId}`);
      assert.match(project.body, new RegExp(`href="/proposals/${id}">Which soup\\?`));
      const mo = await signedInClient(t, 'mo@example.com');
      assert.equal((await mo.get(`/projects/${w.projectId}/proposals/new`)).statusCode, 403);
      assert.equal((await mo.get(`/proposals/${id}/edit`)).statusCode, 403);
      // Once open, the proposal cannot be changed.
      t.clock.now = during;
      const edit = await fay.get(`/proposals/${id}/edit`);
      assert.equal(edit.statusCode, 303);
    });

    test('consent: a reason is needed to disagree or block; one vote each; not before opening or after closing', async () => {
      t.clock.now = new Date('2026-11-23T10:00:00Z');
      const id = await w.propose();
      let mo = await signedInClient(t, 'mo@example.com');
      await mo.get(`/proposals/${id}/vote`);
      assert.match(mo.last!.body, /Voting opens on 24 November 2026 at 9:00am/);
      const early = await mo.post(`/proposals/${id}/vote`, { response: 'agree' });
      assert.equal(early.statusCode, 409);
      assert.match(early.body, /Voting has not started/);

      t.clock.now = during;
      mo = await signedInClient(t, 'mo@example.com');
      await mo.get(`/proposals/${id}/vote`);
      const noReason = await mo.post(`/proposals/${id}/vote`, { response: 'block', reason: '  ' });
      assert.equal(noReason.statusCode, 400);
      assert.match(noReason.body, /Say why you block it/);
      assert.match(noReason.body, /value="block" checked/);
      const voted = await mo.post(`/proposals/${id}/vote`, { response: 'block', reason: 'Too late for my tablets' });
      assert.equal(voted.statusCode, 303);
      const again = await mo.post(`/proposals/${id}/vote`, { response: 'agree' });
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /You have already voted/);
      const page = await mo.get(`/proposals/${id}/vote`);
      assert.match(page.body, /You can only vote once/);
      assert.match(page.body, /Your vote: Block: Too late for my tablets/);

      // Two attempts at the same moment: the database keeps one.
      const sue = await signedInClient(t, 'sue@example.com');
      await sue.get(`/proposals/${id}/vote`);
      const [a, b] = await Promise.all([
        sue.post(`/proposals/${id}/vote`, { response: 'agree' }),
        sue.post(`/proposals/${id}/vote`, { response: 'agree' }),
      ]);
      assert.deepEqual([a.statusCode, b.statusCode].sort(), [303, 409]);
      const taking = await t.database.db.selectFrom('proposal_participation').select('person_id').where('proposal_id', '=', id).execute();
      assert.equal(taking.length, 2);

      // Results are for after closing, for everyone, staff included.
      const fay = await signedInClient(t, 'fay@example.com');
      assert.doesNotMatch((await fay.get(`/proposals/${id}/results`)).body, /Not agreed/);
      t.clock.now = afterClosing;
      const late = await signedInClient(t, 'fay@example.com');
      await late.get(`/proposals/${id}/vote`);
      assert.match(late.last!.body, /Voting has closed/);
      const closed = await late.post(`/proposals/${id}/vote`, { response: 'agree' });
      assert.equal(closed.statusCode, 409);
      mo = await signedInClient(t, 'mo@example.com');
      const results = await mo.get(`/proposals/${id}/results`);
      assert.match(results.body, /Not agreed: someone blocked it/);
      assert.match(results.body, /Too late for my tablets/);
      // Named: who voted how is shown, so a small group is not hidden "to keep votes private".
      assert.match(results.body, /Sue Carer/);
      assert.match(results.body, /too few people in this group voted to say what the group thinks/);
      assert.doesNotMatch(results.body, /keep their votes private/);
    });

    test('nobody outside the project, or in another organisation, can see or vote', async () => {
      t.clock.now = during;
      const id = await w.propose({ question: 'Private to the project?' });
      const len = await signedInClient(t, 'len@example.com');
      for (const path of ['', '/vote', '/results']) assert.equal((await len.get(`/proposals/${id}${path}`)).statusCode, 404);
      assert.equal((await len.get(`/projects/${w.projectId}/proposals`)).statusCode, 404);
      await len.get('/');
      assert.equal((await len.post(`/proposals/${id}/vote`, { response: 'agree' })).statusCode, 404);
      const other = await signedInClient(t, 'admin@riverside.test');
      for (const path of ['', '/vote', '/results', '/participation', '/edit'])
        assert.equal((await other.get(`/proposals/${id}${path}`)).statusCode, 404);
      await other.get('/');
      assert.equal((await other.post(`/proposals/${id}/vote`, { response: 'agree' })).statusCode, 404);
      assert.equal((await other.post(`/proposals/${id}/record/${w.ids.mo}`, { response: 'agree', how: 'phone' })).statusCode, 404);
      assert.equal((await other.get(`/projects/${w.projectId}/proposals/new`)).statusCode, 404);
      // A member of the project who is not chosen sees it but cannot vote.
      const chosen = await w.propose({ question: 'Panel only?', everyone: false, voterIds: [w.ids.sue] });
      const mo = await signedInClient(t, 'mo@example.com');
      assert.match((await mo.get(`/proposals/${chosen}`)).body, /You are not asked to vote on this one/);
      await mo.get(`/proposals/${chosen}/vote`);
      assert.equal((await mo.post(`/proposals/${chosen}/vote`, { response: 'agree' })).statusCode, 404);
    });

    test('staff record a vote given by phone: shown on the list and in the audit log, counted the same', async () => {
      t.clock.now = during;
      const id = await w.propose({ question: 'Move the lunch room?' });
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/proposals/${id}/record/${w.ids.dennis}`);
      const missingHow = await fay.post(`/proposals/${id}/record/${w.ids.dennis}`, { response: 'agree' });
      assert.equal(missingHow.statusCode, 400);
      assert.match(missingHow.body, /Say how they gave their vote/);
      assert.equal((await fay.post(`/proposals/${id}/record/${w.ids.dennis}`, { response: 'agree', how: 'phone' })).statusCode, 303);
      const list = await fay.get(`/proposals/${id}/participation`);
      assert.match(list.body, /recorded by Fay Facilitator \(by phone\)/);
      assert.match(list.body, /1 of 5 people have taken part/);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('subject_type', '=', 'proposal')
        .where('subject_id', '=', id)
        .where('action', '=', 'vote-recorded')
        .executeTakeFirstOrThrow();
      assert.deepEqual([audit.actor_person_id, audit.on_behalf_of_person_id], [w.ids.fay, w.ids.dennis]);
      assert.doesNotMatch(audit.changes, /agree/);
      // Members cannot record votes for others.
      const mo = await signedInClient(t, 'mo@example.com');
      assert.equal((await mo.get(`/proposals/${id}/record/${w.ids.pat}`)).statusCode, 403);
      // A second vote for Dennis is refused.
      await fay.get(`/proposals/${id}/record/${w.ids.dennis}`);
      assert.equal(
        (await fay.post(`/proposals/${id}/record/${w.ids.dennis}`, { response: 'block', reason: 'x', how: 'in-person' })).statusCode,
        409,
      );
    });

    test('a secret ballot keeps no link to the person: no person id, no time, counted by one group', async () => {
      t.clock.now = during;
      const id = await w.propose({ question: 'Secret: new cook?', secret: true });
      for (const email of ['mo@example.com', 'sue@example.com']) {
        const c = await signedInClient(t, email);
        await c.get(`/proposals/${id}/vote`);
        assert.equal(
          (await c.post(`/proposals/${id}/vote`, { response: email.startsWith('mo') ? 'agree' : 'disagree', reason: 'Prefer the old one' }))
            .statusCode,
          303,
        );
      }
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/proposals/${id}/record/${w.ids.pat}`);
      await fay.post(`/proposals/${id}/record/${w.ids.pat}`, { response: 'agree', how: 'in-person' });
      const ballots = await t.database.db.selectFrom('proposal_ballots').selectAll().where('proposal_id', '=', id).execute();
      assert.equal(ballots.length, 3);
      const people = Object.values(w.ids);
      for (const b of ballots) {
        assert.equal(b.voter_person_id, null);
        assert.deepEqual(Object.keys(b).sort(), ['body', 'id', 'organisation_id', 'perspective_groups', 'proposal_id', 'voter_person_id']);
        for (const p of people) assert.ok(!JSON.stringify(b).includes(p), 'a ballot names nobody');
      }
      // Pat is staff and a carer: on a secret ballot they count once, as a carer (the first of their groups).
      assert.deepEqual(ballots.map((b) => b.perspective_groups).sort(), ['["carer"]', '["carer"]', '["draws-on-care"]']);
      const taking = await t.database.db.selectFrom('proposal_participation').selectAll().where('proposal_id', '=', id).execute();
      assert.deepEqual(taking.map((r) => r.person_id).sort(), [w.ids.mo, w.ids.sue, w.ids.pat].sort());
      t.clock.now = afterClosing;
      const results = await (await signedInClient(t, 'fay@example.com')).get(`/proposals/${id}/results`);
      assert.match(results.body, /This vote was secret/);
      assert.doesNotMatch(results.body, /Mo Member/);
      // Carers: 2 ballots, people who draw on care: 1 — both too few to show.
      assert.match(results.body, /Not shown: too few people in this group voted/);
    });

    test('participatory budget by allocation: over the budget is refused and kept; the result funds what fits', async () => {
      t.clock.now = during;
      const id = await w.propose({
        question: 'How should we spend £1,000?',
        method: 'budget',
        settings: { budgetPence: 100000, budgetWay: 'allocate' },
        options: [
          { id: null, title: 'Garden', description: null, costPence: 60000 },
          { id: null, title: 'Trips', description: null, costPence: 50000 },
          { id: null, title: 'Radio', description: null, costPence: 30000 },
        ],
      });
      const [garden, trips, radio] = await w.optionIds(id);
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get(`/proposals/${id}/vote`);
      const over = await mo.post(`/proposals/${id}/vote`, { [`allocate-${garden}`]: '800', [`allocate-${trips}`]: '300' });
      assert.equal(over.statusCode, 400);
      assert.match(over.body, /You have shared out more than the budget/);
      assert.match(over.body, /value="800"/);
      assert.equal(
        (await mo.post(`/proposals/${id}/vote`, { [`allocate-${garden}`]: '700', [`allocate-${radio}`]: '300' })).statusCode,
        303,
      );
      const sue = await signedInClient(t, 'sue@example.com');
      await sue.get(`/proposals/${id}/vote`);
      assert.equal(
        (await sue.post(`/proposals/${id}/vote`, { [`allocate-${trips}`]: '600', [`allocate-${radio}`]: '400' })).statusCode,
        303,
      );
      t.clock.now = afterClosing;
      const results = await (await signedInClient(t, 'sue@example.com')).get(`/proposals/${id}/results`);
      // Garden £700, Radio £700 (a tie: the cheaper Radio first), Trips £600: Radio and Garden funded; Trips does not fit in £100.
      assert.match(results.body, /Funded: Radio, Garden/);
      assert.match(results.body, /Did not fit: £100.00 was left/);
    });

    test('reminders go only to those who have not voted, once a day, by their own channel', async () => {
      t.clock.now = during;
      const id = await w.propose({ question: 'Reminder test?' });
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get(`/proposals/${id}/vote`);
      await mo.post(`/proposals/${id}/vote`, { response: 'agree' });
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/proposals/${id}/participation`);
      const sent = await fay.post(`/proposals/${id}/invitations`);
      assert.equal(sent.statusCode, 303);
      await fay.get(`/proposals/${id}/participation`);
      await fay.post(`/proposals/${id}/reminders`);
      await fay.post(`/proposals/${id}/reminders`);
      const rows = await t.database.db.selectFrom('outbox').select(['person_id', 'kind', 'channel']).where('about_id', '=', id).execute();
      const reminded = rows
        .filter((r) => r.kind === 'vote-reminder')
        .map((r) => r.person_id)
        .sort();
      assert.deepEqual(reminded, [w.ids.fay, w.ids.sue].sort(), 'people with an email who have not voted, once each');
      assert.equal(rows.filter((r) => r.kind === 'vote-invitation').length, 3);
      const members = await signedInClient(t, 'mo@example.com');
      assert.equal((await members.post(`/proposals/${id}/reminders`)).statusCode, 403);
    });

    test("scoring panel: each member's scores and the moderated result; staff record the decision in the log", async () => {
      t.clock.now = during;
      const id = await w.propose({
        question: 'Which provider?',
        method: 'scoring',
        everyone: false,
        voterIds: [w.ids.mo, w.ids.fay],
        settings: {
          criteria: [
            { id: 'quality', name: 'Quality', weight: 2 },
            { id: 'cost', name: 'Value', weight: 1 },
          ],
        },
        options: [
          { id: null, title: 'Acorn Care', description: null, costPence: null },
          { id: null, title: 'Birch Homecare', description: null, costPence: null },
        ],
      });
      const [acorn, birch] = await w.optionIds(id);
      for (const [email, scores] of [
        ['mo@example.com', [5, 4, 2, 3]],
        ['fay@example.com', [3, 2, 4, 4]],
      ] as const) {
        const c = await signedInClient(t, email);
        await c.get(`/proposals/${id}/vote`);
        const res = await c.post(`/proposals/${id}/vote`, {
          [`score-${acorn}-quality`]: String(scores[0]),
          [`score-${acorn}-cost`]: String(scores[1]),
          [`score-${birch}-quality`]: String(scores[2]),
          [`score-${birch}-cost`]: String(scores[3]),
        });
        assert.equal(res.statusCode, 303);
      }
      t.clock.now = afterClosing;
      const fay = await signedInClient(t, 'fay@example.com');
      const results = await fay.get(`/proposals/${id}/results`);
      assert.match(results.body, /Each panel member&#39;s scores|Each panel member's scores/);
      assert.match(results.body, /Mo Member<\/td>\s*<td[^>]*>14<\/td>\s*<td[^>]*>7<\/td>/);
      assert.match(results.body, /Highest score: Acorn Care/);
      await fay.get(`/proposals/${id}/agreed-scores`);
      assert.equal((await fay.post(`/proposals/${id}/agreed-scores`, { [`agreed-${birch}-quality`]: '5' })).statusCode, 303);
      assert.match((await fay.get(`/proposals/${id}/results`)).body, /13\.5/);
      const form = await fay.get(`/proposals/${id}/record-decision`);
      assert.match(form.body, /Highest score/);
      const saved = await fay.post(`/proposals/${id}/record-decision`, { decided: 'We chose Acorn Care.', why: 'It scored highest.' });
      assert.equal(saved.statusCode, 303);
      assert.match(saved.headers.location!, new RegExp(`^/projects/${w.projectId}/decisions/[0-9a-f-]{36}$`));
      const record = await t.database.db.selectFrom('decision_records').selectAll().where('proposal_id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(record.taking_part!).tookPart, 2);
      assert.match((await fay.get(`/proposals/${id}/results`)).body, /See the decision in the log/);
      const again = await fay.get(`/proposals/${id}/record-decision`);
      assert.equal(again.headers.location, saved.headers.location);
    });

    test('papers and the meeting come from this project only; staff change a proposal before it opens', async () => {
      t.clock.now = new Date('2026-11-23T10:00:00Z');
      const meetingId = await t.services.meetings.create(w.admin, w.projectId, {
        title: 'Menu meeting',
        purpose: 'Talk about menus',
        startsAt: '2026-11-20T10:00:00.000Z',
        endsAt: '2026-11-20T11:00:00.000Z',
        format: 'in-person',
        venueId: null,
        joiningDetails: null,
        membersOnly: false,
        arrangements: [],
        interpreterLanguages: [],
      });
      const otherProject = await t.services.projects.create(w.admin, {
        title: 'Another project',
        purpose: 'Other',
        activities: ['co-design'],
        levelAim: 'descriptive',
        stage: 'designing',
        startDate: '2026-11-01',
      });
      const otherMeeting = await t.services.meetings.create(w.admin, otherProject, {
        title: 'Other meeting',
        purpose: 'Other',
        startsAt: '2026-11-20T10:00:00.000Z',
        endsAt: '2026-11-20T11:00:00.000Z',
        format: 'in-person',
        venueId: null,
        joiningDetails: null,
        membersOnly: false,
        arrangements: [],
        interpreterLanguages: [],
      });
      const paper = (id: string, meeting: string, title: string) => ({
        id,
        organisation_id: w.organisationId,
        meeting_id: meeting,
        title,
        created_at: '2026-11-19T10:00:00.000Z',
      });
      const ours = '5f0f4a8e-3c1b-4c8e-9d6a-1b2c3d4e5f60';
      const theirs = '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
      await t.database.db
        .insertInto('meeting_papers')
        .values([paper(ours, meetingId, 'Menu ideas'), paper(theirs, otherMeeting, 'Other paper')])
        .execute();
      const fay = await signedInClient(t, 'fay@example.com');
      const form = await fay.get(`/projects/${w.projectId}/proposals/new`);
      assert.match(form.body, /Menu ideas/);
      assert.doesNotMatch(form.body, /Other paper/);
      const fields = {
        question: 'Add a salad bar?',
        method: 'consent',
        secret: 'no',
        who: 'everyone',
        meetingId,
        paperIds: ours,
        'opens-day': '24',
        'opens-month': '11',
        'opens-year': '2026',
        opensTime: '9am',
        'closes-day': '30',
        'closes-month': '11',
        'closes-year': '2026',
        closesTime: '5pm',
      };
      assert.equal((await fay.post(`/projects/${w.projectId}/proposals/new`, { ...fields, paperIds: theirs })).statusCode, 404);
      await fay.get(`/projects/${w.projectId}/proposals/new`);
      assert.equal((await fay.post(`/projects/${w.projectId}/proposals/new`, { ...fields, meetingId: otherMeeting })).statusCode, 404);
      await fay.get(`/projects/${w.projectId}/proposals/new`);
      const made = await fay.post(`/projects/${w.projectId}/proposals/new`, fields);
      assert.equal(made.statusCode, 303);
      const id = made.headers.location!.split('/').pop()!;
      const page = await fay.get(`/proposals/${id}`);
      assert.match(page.body, new RegExp(`href="/meetings/${meetingId}/papers">Menu ideas`));
      assert.match(page.body, new RegExp(`href="/meetings/${meetingId}">Menu meeting`));
      const edit = await fay.get(`/proposals/${id}/edit`);
      assert.match(edit.body, /value="Add a salad bar\?"|>Add a salad bar\?</);
      assert.equal((await fay.post(`/proposals/${id}/edit`, { ...fields, question: 'Add a salad bar on Fridays?' })).statusCode, 303);
      assert.match((await fay.get(`/proposals/${id}`)).body, /Add a salad bar on Fridays\?/);
      const audit = await t.database.db.selectFrom('audit_log').select('action').where('subject_id', '=', id).execute();
      assert.deepEqual(audit.map((a) => a.action).sort(), ['changed', 'created']);
    });

    test('majority, ranked choice and dot voting over plain forms, and what members may not do', async () => {
      t.clock.now = during;
      const options = ['Leek', 'Tomato', 'Pea'].map((title) => ({ id: null, title, description: null, costPence: null }));
      const majority = await w.propose({
        question: 'Which soup?',
        method: 'majority',
        options,
        settings: { quorum: { kind: 'people', minimum: 3 } },
      });
      const ranked = await w.propose({ question: 'Soups in order?', method: 'ranked-choice', options });
      const dots = await w.propose({ question: 'Soup priorities?', method: 'dot-voting', options, settings: { dotsEach: 3 } });
      const [mLeek] = await w.optionIds(majority);
      const [rLeek, rTomato, rPea] = await w.optionIds(ranked);
      const [dLeek, , dPea] = await w.optionIds(dots);
      for (const email of ['mo@example.com', 'sue@example.com']) {
        const c = await signedInClient(t, email);
        await c.get(`/proposals/${majority}/vote`);
        assert.equal((await c.post(`/proposals/${majority}/vote`, { choice: mLeek! })).statusCode, 303);
        await c.get(`/proposals/${ranked}/vote`);
        const twice = await c.post(`/proposals/${ranked}/vote`, { [`rank-${rLeek}`]: '1', [`rank-${rTomato}`]: '1' });
        assert.match(twice.body, /Give each option a different number/);
        assert.match(twice.body, /<option value="1" selected>1<\/option>/);
        assert.equal((await c.post(`/proposals/${ranked}/vote`, { [`rank-${rPea}`]: '1', [`rank-${rLeek}`]: '2' })).statusCode, 303);
        await c.get(`/proposals/${dots}/vote`);
        assert.match(
          (await c.post(`/proposals/${dots}/vote`, { [`dots-${dLeek}`]: '3', [`dots-${dPea}`]: '1' })).body,
          /You have used too many dots/,
        );
        assert.equal((await c.post(`/proposals/${dots}/vote`, { [`dots-${dLeek}`]: '2', [`dots-${dPea}`]: '1' })).statusCode, 303);
      }
      const mo = await signedInClient(t, 'mo@example.com');
      for (const path of ['participation', 'record-decision', 'agreed-scores', `record/${w.ids.sue}`])
        assert.equal((await mo.get(`/proposals/${majority}/${path}`)).statusCode, 403, path);
      t.clock.now = afterClosing;
      const sue = await signedInClient(t, 'sue@example.com');
      // Two of five took part and the quorum was three: no decision.
      assert.match((await sue.get(`/proposals/${majority}/results`)).body, /No decision: only 2 people took part, and 3 were needed/);
      assert.match((await sue.get(`/proposals/${ranked}/results`)).body, /Pea won/);
      assert.match((await sue.get(`/proposals/${dots}/results`)).body, /Top priority: Leek/);
    });

    test('home page lists open proposals a member has not voted on', async () => {
      t.clock.now = during;
      const id = await w.propose({ question: 'Home page question?' });
      const sue = await signedInClient(t, 'sue@example.com');
      assert.match((await sue.get('/')).body, new RegExp(`href="/proposals/${id}/vote">Home page question\\?`));
      await sue.get(`/proposals/${id}/vote`);
      await sue.post(`/proposals/${id}/vote`, { response: 'agree' });
      assert.doesNotMatch((await sue.get('/')).body, /Home page question\?/);
    });
  });
}
