import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp, datesWrittenFor } from '../../../test/helpers/test-app.ts';
import { setUpLearningWorld, type LearningWorld } from '../../../test/worlds/learning.ts';
import type { ActionInput, LessonInput } from './service.ts';

// V3: findings are used to improve. Actions with owners and dates, and a lessons log.
// The clock stands at 23 November 2026.
for (const dialect of databaseDialects()) {
  describe(`learning loop (${dialect})`, () => {
    let t: TestApp;
    let w: LearningWorld;
    const due = (day: string, month: string, year = '2026') => ({ 'dueOn-day': day, 'dueOn-month': month, 'dueOn-year': year });
    beforeEach(async () => {
      t = await makeTestApp({ dialect, startAt: datesWrittenFor });
      w = await setUpLearningWorld(t);
    });
    afterEach(() => t.close());
    const addAction = async (input: Omit<ActionInput, 'whatChanged' | 'reviewCycleId'>) => {
      const made = await t.services.learning.addAction(w.admin, { ...input, whatChanged: null, reviewCycleId: null });
      assert.ok(made.ok);
      return made.id;
    };
    // Due on 1 December, a week ahead: due soon, not overdue.
    const addSendPapersEarly = () =>
      addAction({
        what: 'Send papers a week early',
        ownerPersonId: w.ids.fay,
        dueOn: '2026-12-01',
        status: 'not-started',
        projectId: w.projectId,
        recommendations: ['P2', 'V3'],
      });
    // Mo's job, due on 10 November: overdue.
    const addBookStepFreeRoom = () =>
      addAction({
        what: 'Book a step-free room',
        ownerPersonId: w.ids.mo,
        dueOn: '2026-11-10',
        status: 'in-progress',
        projectId: null,
        recommendations: ['P1'],
      });
    const addLesson = async (input: Partial<LessonInput> & { title: string }) => {
      const made = await t.services.learning.addLesson(w.admin, {
        worked: null,
        didNotWork: null,
        doDifferently: null,
        projectId: null,
        recommendations: [],
        ...input,
      });
      assert.ok(made.ok);
      return made.id;
    };
    // The three lessons staff add: one in Mo's project, one in no project, one in a project Mo is not in.
    const addThreeLessons = async () => {
      await addLesson({
        title: 'Tasting day',
        worked: 'Members chose the soups',
        didNotWork: 'The room was too LOUD',
        doDifferently: 'Book the quiet room',
        projectId: w.projectId,
        recommendations: ['P1', 'S1'],
      });
      await addLesson({ title: 'Budget talks', worked: 'Open books', recommendations: ['S3'] });
      await addLesson({ title: 'Café rota', worked: 'Carers ran it', projectId: w.otherProjectId, recommendations: ['S5'] });
    };

    test('staff add an action; bad input comes back with what they typed', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      assert.equal((await fay.get('/learning/actions/new')).statusCode, 200);
      const bad = await fay.post('/learning/actions/new', {
        what: 'Send papers a week early',
        ownerPersonId: '',
        ...due('31', '2'),
        status: 'done',
        recommendations: ['P2', 'V3'],
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /There is a problem/);
      assert.match(bad.body, /Choose who will make sure it happens/);
      assert.match(bad.body, /The due date must be a real date/);
      assert.match(bad.body, />Send papers a week early</);
      assert.match(bad.body, /value="P2" checked/);
      assert.match(bad.body, /name="dueOn-day" type="text" value="31"|value="31"/);
      // Done with nothing written about what changed is refused, keeping the rest.
      const noChange = await fay.post('/learning/actions/new', {
        what: 'Send papers a week early',
        ownerPersonId: w.ids.fay,
        ...due('1', '12'),
        status: 'done',
        whatChanged: '',
      });
      assert.equal(noChange.statusCode, 400);
      assert.match(noChange.body, /Say what changed before you mark the action done/);

      const made = await fay.post('/learning/actions/new', {
        what: 'Send papers a week early',
        ownerPersonId: w.ids.fay,
        ...due('1', '12'),
        status: 'not-started',
        projectId: w.projectId,
        recommendations: ['P2', 'V3'],
      });
      assert.equal(made.statusCode, 303);
      const page = await fay.get(made.headers.location as string);
      assert.match(page.body, /Fay Facilitator/);
      assert.match(page.body, /1 December 2026/);
      assert.match(page.body, /Better day centre lunches/);
      assert.match(page.body, /<abbr[^>]*>P2<\/abbr>, <abbr[^>]*>V3<\/abbr>/);
    });

    test('an overdue action shows on the staff home page and the list; members see only their own', async () => {
      await addSendPapersEarly();
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get('/learning/actions/new');
      const made = await fay.post('/learning/actions/new', {
        what: 'Book a step-free room',
        ownerPersonId: w.ids.mo,
        ...due('10', '11'),
        status: 'in-progress',
        recommendations: ['P1'],
      });
      assert.equal(made.statusCode, 303);
      const home = await fay.get('/');
      assert.match(home.body, /Overdue actions/);
      assert.match(home.body, /Book a step-free room<\/a>: Mo Member, due 10 November 2026/);
      const overdueSection = home.body.slice(home.body.indexOf('Overdue actions'), home.body.indexOf('See all actions to improve'));
      assert.doesNotMatch(overdueSection, /Send papers a week early/, 'an action due in the future is not overdue');
      const list = await fay.get('/learning');
      assert.match(list.body, /1 action is overdue/);
      const byCode = await fay.get('/learning?code=P1');
      assert.match(byCode.body, /Book a step-free room/);
      assert.doesNotMatch(byCode.body, /Send papers a week early/);

      const mo = await signedInClient(t, 'mo@example.com');
      const moHome = (await mo.get('/')).body;
      assert.doesNotMatch(moHome, /Overdue actions/);
      assert.match(moHome, /Your jobs to make things better/);
      assert.match(moHome, /Book a step-free room<\/a>: due 10 November 2026 <strong[^>]*>Late/);
      assert.equal((await mo.get('/learning')).statusCode, 403);
      assert.equal((await mo.get('/learning/actions/new')).statusCode, 403);
      assert.equal((await mo.post('/learning/actions/new', { what: 'x' })).statusCode, 403);
      const id = (made.headers.location as string).split('/').pop()!;
      // Mo owns it: Mo can open it and say how it is going, but not change what it is.
      const own = await mo.get(`/learning/actions/${id}`);
      assert.equal(own.statusCode, 200);
      assert.match(own.body, /Say how it is going/);
      assert.doesNotMatch(own.body, /Change this action/);
      assert.equal((await mo.get(`/learning/actions/${id}/edit`)).statusCode, 403);
      assert.equal((await mo.post(`/learning/actions/${id}/edit`, { what: 'x' })).statusCode, 403);
      const len = await signedInClient(t, 'len@example.com');
      assert.doesNotMatch((await len.get('/')).body, /Your jobs to make things better/);
      assert.equal((await len.get(`/learning/actions/${id}`)).statusCode, 403);
      assert.equal((await len.get(`/learning/actions/${id}/progress`)).statusCode, 403);
      assert.equal((await len.post(`/learning/actions/${id}/progress`, { status: 'done', whatChanged: 'x' })).statusCode, 403);
      const other = await signedInClient(t, 'admin@riverside.test');
      assert.equal((await other.get(`/learning/actions/${id}`)).statusCode, 404);
      assert.equal((await other.get(`/learning/actions/${id}/edit`)).statusCode, 404);
      assert.equal((await other.post(`/learning/actions/${id}/edit`, { what: 'Stolen' })).statusCode, 404);
      assert.equal((await other.get(`/learning/actions/${id}/progress`)).statusCode, 404);
      assert.equal((await other.post(`/learning/actions/${id}/progress`, { status: 'done', whatChanged: 'x' })).statusCode, 404);
      assert.doesNotMatch((await other.get('/')).body, /Book a step-free room/);
    });

    test('marking an action done records what changed and the history', async () => {
      await addBookStepFreeRoom();
      const admin = await signedInClient(t, 'admin@northshire.test');
      const {
        actions: [action],
      } = await t.services.learning.actions(w.admin, { code: 'P1' });
      assert.ok(action);
      const form = await admin.get(`/learning/actions/${action.id}/edit`);
      assert.match(form.body, /Book a step-free room/);
      const done = await admin.post(`/learning/actions/${action.id}/edit`, {
        what: action.what,
        ownerPersonId: w.ids.mo,
        ...due('10', '11'),
        status: 'done',
        whatChanged: 'We now meet at the library, which has a ramp',
        recommendations: ['P1'],
      });
      assert.equal(done.statusCode, 303);
      const after = await t.services.learning.getAction(w.admin, action.id);
      assert.deepEqual([after.status, after.doneOn, after.overdue], ['done', '2026-11-23', false]);
      assert.doesNotMatch((await admin.get('/')).body, /Book a step-free room/);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('subject_id', '=', action.id)
        .where('action', '=', 'changed')
        .executeTakeFirstOrThrow();
      assert.match(audit.changes, /"field":"status","from":"in-progress","to":"done"/);
      const other = await t.services.learning.actionsDue(w.other.organisationId);
      assert.deepEqual(other, { overdue: [], dueSoon: [], overdueTotal: 0, dueSoonTotal: 0 });
    });

    test('the member who owns an action says how it is going; done needs what changed; the history names them', async () => {
      const made = await t.services.learning.addAction(w.admin, {
        what: 'Ask members which day suits',
        ownerPersonId: w.ids.mo,
        dueOn: '2026-12-10',
        status: 'not-started',
        whatChanged: null,
        projectId: w.projectId,
        reviewCycleId: null,
        recommendations: ['S4'],
      });
      assert.ok(made.ok);
      const url = `/learning/actions/${made.id}/progress`;
      const mo = await signedInClient(t, 'mo@example.com');
      const form = await mo.get(url);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /How is it going\?/);
      assert.match(form.body, /value="not-started" checked/);
      const noStatus = await mo.post(url, { whatChanged: '' });
      assert.equal(noStatus.statusCode, 400);
      const missing = await mo.post(url, { status: 'done', whatChanged: '' });
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /value="done" checked/);
      assert.equal((await t.services.learning.getAction(w.admin, made.id)).status, 'not-started', 'nothing saved');
      assert.equal((await mo.post(url, { status: 'in-progress', whatChanged: 'Asked 6 people so far' })).statusCode, 303);
      let after = await t.services.learning.getAction(w.admin, made.id);
      assert.deepEqual([after.status, after.whatChanged, after.doneOn], ['in-progress', 'Asked 6 people so far', null]);
      await mo.get(url);
      assert.equal(
        (await mo.post(url, { status: 'done', whatChanged: 'Tuesday suits most people; we moved to Tuesdays' })).statusCode,
        303,
      );
      after = await t.services.learning.getAction(w.admin, made.id);
      assert.deepEqual([after.status, after.doneOn], ['done', '2026-11-23']);
      const history = await t.database.db
        .selectFrom('audit_log')
        .select(['actor_person_id', 'changes'])
        .where('subject_id', '=', made.id)
        .where('action', '=', 'changed')
        .execute();
      assert.equal(history.length, 2);
      assert.ok(history.every((h) => h.actor_person_id === w.ids.mo));
      assert.doesNotMatch((await mo.get('/')).body, /Ask members which day suits/, 'a done action leaves the home page');
      // Staff can say how any action is going too.
      const fay = await signedInClient(t, 'fay@example.com');
      assert.equal((await fay.get(url)).statusCode, 200);
    });

    test('actionsDue gives overdue and due within 14 days, with owner names', async () => {
      await addSendPapersEarly();
      const add = (
        what: string,
        dueOn: string,
        status: 'not-started' | 'in-progress' | 'done' = 'not-started',
        projectId: string | null = null,
      ) =>
        t.services.learning.addAction(w.admin, {
          what,
          ownerPersonId: w.ids.fay,
          dueOn,
          status,
          whatChanged: status === 'done' ? 'Done it' : null,
          projectId,
          reviewCycleId: null,
          recommendations: ['V1'],
        });
      await add('Late one', '2026-11-01');
      await add('Due in two weeks', '2026-12-07', 'in-progress', w.projectId);
      await add('Due in three weeks', '2026-12-14');
      await add('Done late one', '2026-11-02', 'done');
      const due = await t.services.learning.actionsDue(w.organisationId);
      assert.deepEqual(
        due.overdue.map((a) => [a.what, a.daysOverdue, a.ownerName]),
        [['Late one', 22, 'Fay Facilitator']],
      );
      assert.deepEqual(
        due.dueSoon.map((a) => a.what),
        ['Send papers a week early', 'Due in two weeks'],
      );
      const forProject = await t.services.learning.actionsDue(w.organisationId, { projectId: w.projectId });
      assert.deepEqual(
        forProject.dueSoon.map((a) => [a.what, a.projectTitle]),
        [
          ['Send papers a week early', 'Better day centre lunches'],
          ['Due in two weeks', 'Better day centre lunches'],
        ],
      );
      assert.deepEqual(forProject.overdue, []);
    });

    test('lessons: staff add them; searchable by recommendation and by words', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      assert.equal((await fay.get('/learning/lessons/new')).statusCode, 200);
      const empty = await fay.post('/learning/lessons/new', {
        title: 'Tasting day',
        worked: '',
        didNotWork: '',
        doDifferently: '',
        recommendations: ['S1'],
      });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /Fill in what worked/);
      assert.match(empty.body, /value="Tasting day"/);
      const made = await fay.post('/learning/lessons/new', {
        title: 'Tasting day',
        worked: 'Members chose the soups',
        didNotWork: 'The room was too LOUD',
        doDifferently: 'Book the quiet room',
        projectId: w.projectId,
        recommendations: ['P1', 'S1'],
      });
      assert.equal(made.statusCode, 303);
      await fay.get('/learning/lessons/new');
      await fay.post('/learning/lessons/new', { title: 'Budget talks', worked: 'Open books', recommendations: ['S3'] });
      await fay.get('/learning/lessons/new');
      await fay.post('/learning/lessons/new', {
        title: 'Café rota',
        worked: 'Carers ran it',
        projectId: w.otherProjectId,
        recommendations: ['S5'],
      });

      const byCode = await fay.get('/learning/lessons?code=P1');
      assert.match(byCode.body, /Tasting day/);
      assert.doesNotMatch(byCode.body, /Budget talks/);
      const byWords = await fay.get('/learning/lessons?q=loud+room');
      assert.match(byWords.body, /Tasting day/);
      assert.match(byWords.body, /1 lesson</);
      assert.match((await fay.get('/learning/lessons?q=nothing+like+this')).body, /No lessons match/);
      assert.match((await fay.get('/learning/lessons?q=100%25')).body, /No lessons match/);
      const all = await fay.get('/learning/lessons');
      assert.match(all.body, /3 lessons/);
    });

    test('members read only the lessons of their own projects; other organisations find nothing', async () => {
      await addThreeLessons();
      const { lessons } = await t.services.learning.lessons(w.admin);
      const tasting = lessons.find((l) => l.title === 'Tasting day')!;
      const budget = lessons.find((l) => l.title === 'Budget talks')!;
      const cafe = lessons.find((l) => l.title === 'Café rota')!;
      const mo = await signedInClient(t, 'mo@example.com');
      const list = await mo.get(`/learning/lessons?projectId=${w.projectId}`);
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /Tasting day/);
      assert.doesNotMatch(list.body, /Add a lesson/);
      const everything = await mo.get('/learning/lessons');
      assert.match(everything.body, /Tasting day/);
      assert.doesNotMatch(everything.body, /Budget talks|Café rota/);
      assert.equal((await mo.get(`/learning/lessons/${tasting.id}`)).statusCode, 200);
      assert.match((await mo.get(`/learning/lessons/${tasting.id}`)).body, /Book the quiet room/);
      assert.equal((await mo.get(`/learning/lessons/${budget.id}`)).statusCode, 404);
      assert.equal((await mo.get(`/learning/lessons/${cafe.id}`)).statusCode, 404);
      assert.equal((await mo.get(`/learning/lessons?projectId=${w.otherProjectId}`)).statusCode, 404);
      assert.equal((await mo.get('/learning/lessons/new')).statusCode, 403);
      assert.equal((await mo.post('/learning/lessons/new', { title: 'x', worked: 'y' })).statusCode, 403);
      const other = await signedInClient(t, 'admin@riverside.test');
      assert.equal((await other.get(`/learning/lessons/${tasting.id}`)).statusCode, 404);
      assert.match((await other.get('/learning/lessons')).body, /0 lessons/);
      assert.equal((await other.get('/learning/lessons/not-an-id')).statusCode, 404);
      assert.doesNotMatch((await mo.get(`/learning/lessons/${tasting.id}`)).body, /Change this lesson/);
      assert.equal((await mo.get(`/learning/lessons/${tasting.id}/edit`)).statusCode, 403);
      assert.equal((await mo.post(`/learning/lessons/${tasting.id}/edit`, { title: 'x', worked: 'y' })).statusCode, 403);
      assert.equal((await other.get(`/learning/lessons/${tasting.id}/edit`)).statusCode, 404);
      assert.equal((await other.post(`/learning/lessons/${tasting.id}/edit`, { title: 'Taken over', worked: 'y' })).statusCode, 404);
      assert.equal((await t.services.learning.lesson(w.admin, tasting.id)).title, 'Tasting day');
    });

    test('staff put a lesson right; bad input keeps what was typed; the history keeps what it said', async () => {
      await addThreeLessons();
      const tasting = (await t.services.learning.lessons(w.admin)).lessons.find((l) => l.title === 'Tasting day')!;
      const fay = await signedInClient(t, 'fay@example.com');
      const page = await fay.get(`/learning/lessons/${tasting.id}`);
      assert.match(page.body, /Change this lesson/);
      assert.doesNotMatch(page.body, /and changed on/);
      const form = await fay.get(`/learning/lessons/${tasting.id}/edit`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Change a lesson/);
      assert.match(form.body, />The room was too LOUD<\/textarea>/);
      assert.match(form.body, /value="P1" checked/);
      const bad = await fay.post(`/learning/lessons/${tasting.id}/edit`, {
        title: '',
        worked: '',
        didNotWork: '',
        doDifferently: 'Book the quiet room early',
        projectId: w.projectId,
        recommendations: ['P1'],
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter what the lesson is about/);
      assert.match(bad.body, />Book the quiet room early<\/textarea>/);
      assert.equal((await t.services.learning.lesson(w.admin, tasting.id)).doDifferently, 'Book the quiet room', 'nothing saved');
      const clockWas = t.clock.now;
      t.clock.now = new Date(clockWas.getTime() + 5 * 60_000);
      const saved = await fay.post(`/learning/lessons/${tasting.id}/edit`, {
        title: 'Tasting day',
        worked: 'Members chose the soups',
        didNotWork: 'The room was too loud',
        doDifferently: 'Book the quiet room early',
        projectId: w.projectId,
        recommendations: ['P1'],
      });
      assert.equal(saved.statusCode, 303);
      const after = await t.services.learning.lesson(w.admin, tasting.id);
      assert.equal(after.didNotWork, 'The room was too loud');
      assert.deepEqual(after.recommendations, ['P1']);
      assert.match((await fay.get(`/learning/lessons/${tasting.id}`)).body, /and changed on 23 November 2026/);
      t.clock.now = clockWas;
      const history = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'changes', 'actor_person_id'])
        .where('subject_id', '=', tasting.id)
        .where('action', '=', 'changed')
        .execute();
      assert.equal(history.length, 1);
      assert.match(history[0]!.changes, /too LOUD/);
      assert.match(history[0]!.changes, /S1/);
      // Searching by the code it no longer has finds it no more.
      assert.doesNotMatch((await fay.get('/learning/lessons?code=S1')).body, /Tasting day/);
    });

    test('a signed-out visitor is sent to sign in', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/learning/lessons' });
      assert.notEqual(res.statusCode, 200);
    });
  });
}
