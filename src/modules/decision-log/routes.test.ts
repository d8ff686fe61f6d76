import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp, datesWrittenFor } from '../../../test/helpers/test-app.ts';
import { setUpDecisionWorld, type DecisionWorld } from '../../../test/worlds/decision-log.ts';

// P2, S4: every member can read what their project decided and why, and hears what was
// done about it. Staff record decisions; nobody outside the project can see them.
const decisionForm = {
  decided: 'Lunch will start at 12:30',
  why: 'Most people said the bus gets in at 12.',
  'decidedOn-day': '20',
  'decidedOn-month': '11',
  'decidedOn-year': '2026',
  invited: '5',
  tookPart: '4',
  'draws-on-care-invited': '2',
  'draws-on-care-tookPart': '2',
  'carer-invited': '1',
  'carer-tookPart': '1',
};

for (const dialect of databaseDialects()) {
  describe(`decision log pages (${dialect})`, () => {
    let t: TestApp;
    let w: DecisionWorld;
    let decisionId = '';
    let actionId = '';
    let faysActionId = '';
    const log = () => `/projects/${w.projectId}/decisions`;
    const page = () => `${log()}/${decisionId}`;
    beforeEach(async () => {
      t = await makeTestApp({ dialect, startAt: datesWrittenFor });
      w = await setUpDecisionWorld(t);
      decisionId = '';
      actionId = '';
      faysActionId = '';
    });
    afterEach(() => t.close());

    /** Fay records the lunch decision made at the meeting, as the first test does: it is sent to the five members. */
    const recordLunchDecision = async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`${log()}/new`);
      const res = await fay.post(`${log()}/new`, { ...decisionForm, meetingId: w.meetingId });
      assert.equal(res.statusCode, 303);
      decisionId = String(res.headers.location).split('/').pop()!;
    };
    /** An earlier decision (18 November), made together, not at a meeting, with nobody counted. */
    const recordBigRoomDecision = async () => {
      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get(`${log()}/new`);
      const res = await admin.post(`${log()}/new`, {
        decided: 'Use the big room',
        why: 'It has a hearing loop.',
        'decidedOn-day': '18',
        'decidedOn-month': '11',
        'decidedOn-year': '2026',
      });
      assert.equal(res.statusCode, 303);
    };
    /** Fay adds the lunch decision's two jobs: asking the cook (hers) and the poster (Mo's, due 1 November, so late). */
    const addTheJobs = async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`${page()}/actions/new`);
      const jobs = [
        { what: 'Ask the cook to start lunch at 12:30', ownerId: w.ids.fay, 'dueOn-day': '30' },
        { what: 'Change the bus times poster', ownerId: w.ids.mo, 'dueOn-day': '1' },
      ];
      for (const job of jobs) {
        const res = await fay.post(`${page()}/actions/new`, { ...job, 'dueOn-month': '11', 'dueOn-year': '2026' });
        assert.equal(res.statusCode, 303, job.what);
      }
      const rows = await t.database.db
        .selectFrom('decision_actions')
        .select(['id', 'owner_person_id'])
        .where('decision_id', '=', decisionId)
        .orderBy('due_on')
        .execute();
      assert.deepEqual(
        rows.map((r) => r.owner_person_id),
        [w.ids.mo, w.ids.fay],
      );
      actionId = rows[0]!.id; // the poster, due first and late, Mo's job
      faysActionId = rows[1]!.id;
    };

    test('staff record a decision made at a meeting; it is sent to each member once', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      const project = await fay.get(`/projects/${w.projectId}`);
      assert.match(project.body, new RegExp(`href="/projects/${w.projectId}/decisions"`));
      const empty = await fay.get(log());
      assert.equal(empty.statusCode, 200);
      assert.match(empty.body, /This project has not made any decisions yet/);
      const form = await fay.get(`${log()}/new`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Menu tasting/);
      const res = await fay.post(`${log()}/new`, { ...decisionForm, meetingId: w.meetingId });
      assert.equal(res.statusCode, 303);
      decisionId = String(res.headers.location).split('/').pop()!;
      const shown = await fay.get(page());
      assert.equal(shown.statusCode, 200);
      assert.match(shown.body, /Decision recorded and sent to members/);
      assert.match(shown.body, /At the meeting Menu tasting/);
      assert.match(shown.body, /4 of the 5 people asked took part\./);
      assert.match(shown.body, /People who draw on care and support: 2 of 2\./);
      assert.doesNotMatch(shown.body, /Family and community:/, 'groups left blank are not shown');
      const sent = await t.database.db
        .selectFrom('outbox')
        .select(['person_id', 'channel'])
        .where('about_id', '=', decisionId)
        .where('kind', '=', 'decision')
        .execute();
      assert.deepEqual(sent.map((s) => s.channel).sort(), ['email', 'email', 'letter', 'phone', 'text']);
      const row = await t.database.db.selectFrom('decision_records').selectAll().where('id', '=', decisionId).executeTakeFirstOrThrow();
      assert.deepEqual([row.decided_on, row.meeting_id, row.proposal_id, row.recorded_by], ['2026-11-20', w.meetingId, null, w.ids.fay]);
      assert.ok(row.sent_at);
    });

    test('bad input shows every problem and keeps what was typed; nothing is recorded', async () => {
      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get(`${log()}/new`);
      const before = await t.database.db.selectFrom('decision_records').select('id').execute();
      const res = await admin.post(`${log()}/new`, {
        decided: 'Buy a <new> kettle',
        why: '',
        'decidedOn-day': '31',
        'decidedOn-month': '2',
        'decidedOn-year': '2026',
        invited: '3',
        tookPart: '7',
        'carer-invited': 'two',
      });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /There is a problem/);
      assert.match(res.body, /Say why it was decided/);
      assert.match(res.body, /Enter a real date/);
      assert.match(res.body, /More people cannot take part than were asked/);
      assert.match(res.body, /Enter a whole number, like 12/);
      assert.match(res.body, /Buy a &lt;new&gt; kettle/);
      assert.match(res.body, /name="carer-invited" type="text" value="two"|value="two"/);
      assert.match(res.body, /name="decidedOn-day"[^>]*value="31"|value="31"/);
      const future = await admin.post(`${log()}/new`, { ...decisionForm, 'decidedOn-year': '2027' });
      assert.equal(future.statusCode, 400);
      assert.match(future.body, /cannot be in the future/);
      const half = await admin.post(`${log()}/new`, { ...decisionForm, invited: '', tookPart: '' });
      assert.equal(half.statusCode, 400, 'groups without the totals');
      assert.match(half.body, /Enter how many were asked and how many took part/);
      assert.equal((await t.database.db.selectFrom('decision_records').select('id').execute()).length, before.length);
    });

    test('taking part can be left out when nobody counted', async () => {
      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get(`${log()}/new`);
      const res = await admin.post(`${log()}/new`, {
        decided: 'Use the big room',
        why: 'It has a hearing loop.',
        'decidedOn-day': '18',
        'decidedOn-month': '11',
        'decidedOn-year': '2026',
      });
      assert.equal(res.statusCode, 303);
      const shown = await admin.get(String(res.headers.location));
      assert.match(shown.body, /We did not count who took part\./);
      assert.match(shown.body, /Together, not at a meeting/);
    });

    test('staff add a job; bad input keeps what was typed', async () => {
      await recordLunchDecision();
      const fay = await signedInClient(t, 'fay@example.com');
      const form = await fay.get(`${page()}/actions/new`);
      assert.equal(form.statusCode, 200);
      const bad = await fay.post(`${page()}/actions/new`, {
        what: 'Ask the cook',
        ownerId: '',
        'dueOn-day': '',
        'dueOn-month': '',
        'dueOn-year': '',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Choose who will do it/);
      assert.match(bad.body, /Enter the date to do it by/);
      assert.match(bad.body, />Ask the cook<\/textarea>/);
      const ok = await fay.post(`${page()}/actions/new`, {
        what: 'Ask the cook to start lunch at 12:30',
        ownerId: w.ids.fay,
        'dueOn-day': '30',
        'dueOn-month': '11',
        'dueOn-year': '2026',
      });
      assert.equal(ok.statusCode, 303);
      await fay.post(`${page()}/actions/new`, {
        what: 'Change the bus times poster',
        ownerId: w.ids.mo,
        'dueOn-day': '1',
        'dueOn-month': '11',
        'dueOn-year': '2026',
      });
      const rows = await t.database.db
        .selectFrom('decision_actions')
        .selectAll()
        .where('decision_id', '=', decisionId)
        .orderBy('due_on')
        .execute();
      assert.equal(rows.length, 2);
      actionId = rows[0]!.id; // the poster, due first and late, Mo's job
      faysActionId = rows[1]!.id;
      const shown = await fay.get(page());
      assert.match(shown.body, /0 of 2 jobs done\./);
      assert.match(shown.body, /1 late\./, 'the poster was due on 1 November; today is 23 November');
      assert.match(shown.body, /govuk-tag--red">\s*Late/);
    });

    test('a member of the project reads the log in plain words, and can change nothing but their own job', async () => {
      await recordLunchDecision();
      await recordBigRoomDecision();
      await addTheJobs();
      const mo = await signedInClient(t, 'mo@example.com');
      const res = await mo.get(log());
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /We decided/);
      assert.match(res.body, /Lunch will start at 12:30/);
      assert.match(res.body, /Why/);
      assert.match(res.body, /Who took part/);
      assert.match(res.body, /Ask the cook to start lunch at 12:30/);
      assert.doesNotMatch(res.body, /Record a decision/);
      // Newest first: the decision of 20 November comes before the one of 18 November.
      assert.ok(res.body.indexOf('Lunch will start') < res.body.indexOf('Use the big room'));
      const one = await mo.get(page());
      assert.equal(one.statusCode, 200);
      assert.doesNotMatch(one.body, /Add a note|Add a job to do/);
      // Mo owns the poster job, so it alone offers "Update"; Fay's job does not.
      assert.equal(one.body.match(/>Update<span/g)?.length, 1);
      assert.ok(one.body.includes(`/actions/${actionId}"`));
      assert.ok(!one.body.includes(`/actions/${faysActionId}"`));
      for (const url of [`${log()}/new`, `${page()}/actions/new`, `${page()}/actions/${faysActionId}`])
        assert.equal((await mo.get(url)).statusCode, 403, url);
      await mo.get(page());
      for (const url of [
        `${log()}/new`,
        `${page()}/notes`,
        `${page()}/send`,
        `${page()}/actions/new`,
        `${page()}/actions/${faysActionId}`,
      ]) {
        assert.equal((await mo.post(url, { ...decisionForm, text: 'x', status: 'done', whatWeDid: 'x' })).statusCode, 403, url);
      }
      const home = await mo.get('/');
      assert.match(home.body, /Decisions in the last 30 days/);
      assert.match(home.body, /Lunch will start at 12:30/);
    });

    test('members of other projects and other organisations find nothing (404)', async () => {
      await recordLunchDecision();
      await addTheJobs();
      const len = await signedInClient(t, 'len@example.com');
      for (const url of [log(), page()]) assert.equal((await len.get(url)).statusCode, 404, url);
      assert.doesNotMatch((await len.get('/')).body, /Lunch will start at 12:30/);
      const other = await signedInClient(t, 'admin@riverside.test');
      for (const url of [log(), page(), `${log()}/new`, `${page()}/actions/new`, `${page()}/actions/${actionId}`])
        assert.equal((await other.get(url)).statusCode, 404, url);
      await other.get('/');
      for (const url of [`${log()}/new`, `${page()}/notes`, `${page()}/send`, `${page()}/actions/new`, `${page()}/actions/${actionId}`]) {
        assert.equal(
          (
            await other.post(url, {
              ...decisionForm,
              text: 'x',
              what: 'x',
              ownerId: w.ids.fay,
              'dueOn-day': '1',
              'dueOn-month': '12',
              'dueOn-year': '2026',
              status: 'done',
              whatWeDid: 'x',
            })
          ).statusCode,
          404,
          url,
        );
      }
      // Their own project's log is found, but holds none of ours.
      assert.equal((await other.get(`/projects/${w.otherOrgProjectId}/decisions`)).statusCode, 200);
      assert.equal((await other.get(`/projects/${w.otherOrgProjectId}/decisions/${decisionId}`)).statusCode, 404);
      assert.equal((await other.get(`/projects/${w.projectId}/decisions/not-a-uuid`)).statusCode, 404);
      const notes = await t.database.db.selectFrom('decision_notes').select('id').execute();
      assert.equal(notes.length, 0);
    });

    test('a correction is a note with its date; the decision itself does not change', async () => {
      await recordLunchDecision();
      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get(page());
      const empty = await admin.post(`${page()}/notes`, { text: '  ' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /Write the note/);
      const res = await admin.post(`${page()}/notes`, { text: 'The bus now gets in at 12:15, so lunch is still at 12:30.' });
      assert.equal(res.statusCode, 303);
      const shown = await admin.get(page());
      assert.match(shown.body, /23 November 2026, by Ada Admin/);
      assert.match(shown.body, /The bus now gets in at 12:15/);
      assert.match(shown.body, /Lunch will start at 12:30/);
      const mo = await signedInClient(t, 'mo@example.com');
      assert.match((await mo.get(log())).body, /The bus now gets in at 12:15/);
    });

    test('sending again (after an interruption) queues nothing new for people who have it', async () => {
      await recordLunchDecision();
      const count = async () =>
        (await t.database.db.selectFrom('outbox').select('id').where('about_id', '=', decisionId).where('kind', '=', 'decision').execute())
          .length;
      assert.equal(await count(), 5);
      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get(page());
      assert.equal((await admin.post(`${page()}/send`)).statusCode, 303);
      assert.equal(await count(), 5);
      assert.match((await admin.get(page())).body, /Decision sent to members/);
    });

    test('the member who owns a job reports how it is going themselves, and that is audited', async () => {
      await recordLunchDecision();
      await addTheJobs();
      const mo = await signedInClient(t, 'mo@example.com');
      const form = await mo.get(`${page()}/actions/${actionId}`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Change the bus times poster/);
      const moved = await mo.post(`${page()}/actions/${actionId}`, { status: 'in-progress', whatWeDid: '' });
      assert.equal(moved.statusCode, 303);
      const row = await t.database.db
        .selectFrom('decision_actions')
        .select(['status', 'updated_by'])
        .where('id', '=', actionId)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { status: 'in-progress', updated_by: w.ids.mo });
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['actor_person_id', 'changes'])
        .where('subject_id', '=', decisionId)
        .where('action', '=', 'action-progress')
        .execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.actor_person_id, w.ids.mo);
      assert.match(audit[0]!.changes, /in-progress/);
      // Nobody else in the project is told until the job is done.
      const updates = await t.database.db
        .selectFrom('outbox')
        .select('id')
        .where('about_id', '=', decisionId)
        .where('kind', '=', 'decision-update')
        .execute();
      assert.equal(updates.length, 0);
    });

    test('marking a job done needs "what we did", and the update goes to members once', async () => {
      await recordLunchDecision();
      await addTheJobs();
      const fay = await signedInClient(t, 'fay@example.com');
      const form = await fay.get(`${page()}/actions/${actionId}`);
      assert.equal(form.statusCode, 200);
      const noStatus = await fay.post(`${page()}/actions/${actionId}`, { whatWeDid: '' });
      assert.equal(noStatus.statusCode, 400);
      assert.match(noStatus.body, /Choose how it is going/);
      const missing = await fay.post(`${page()}/actions/${actionId}`, { status: 'done', whatWeDid: '' });
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /Say what we did, so members can be told/);
      assert.match(missing.body, /value="done" checked/);
      const updates = () =>
        t.database.db
          .selectFrom('outbox')
          .select(['person_id', 'body_text', 'channel'])
          .where('about_id', '=', decisionId)
          .where('kind', '=', 'decision-update')
          .execute();
      assert.equal((await updates()).length, 0);
      const done = await fay.post(`${page()}/actions/${actionId}`, {
        status: 'done',
        whatWeDid: 'New posters are up at the day centre and the bus stop.',
      });
      assert.equal(done.statusCode, 303);
      const sent = await updates();
      assert.equal(sent.length, 5);
      assert.equal(new Set(sent.map((s) => s.person_id)).size, 5, 'once per member');
      assert.match(sent.find((s) => s.channel === 'text')!.body_text, /You said, we did\. We did: New posters are up/);
      // Done is done: the form is gone and a second post is refused, sending nothing more.
      assert.equal((await fay.get(`${page()}/actions/${actionId}`)).statusCode, 404);
      await fay.get(page());
      assert.equal((await fay.post(`${page()}/actions/${actionId}`, { status: 'done', whatWeDid: 'Again' })).statusCode, 409);
      assert.equal((await updates()).length, 5);
      const shown = await fay.get(log());
      assert.match(shown.body, /1 of 2 jobs done\./);
      assert.doesNotMatch(shown.body, /1 late\./, 'a done job is never late');
      assert.match(shown.body, /What we did:<\/strong> New posters are up/);
    });
  });
}
