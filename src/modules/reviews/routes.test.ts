import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp, datesWrittenFor } from '../../../test/helpers/test-app.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { setUpReviewsWorld, type ReviewsWorld } from '../../../test/worlds/reviews.ts';

// V1, V2: reviews done together. Staff open a cycle, everyone taking part answers their own
// (staff may record answers given in person or by phone), and the results put the gap first.
const cycleForm = (over: Record<string, string> = {}) => ({
  title: 'Winter review 2026',
  scope: 'organisation',
  projectId: '',
  'opensOn-day': '1',
  'opensOn-month': '12',
  'opensOn-year': '2026',
  'closesOn-day': '31',
  'closesOn-month': '12',
  'closesOn-year': '2026',
  schedule: 'quarterly',
  gap: '1',
  ...over,
});

for (const dialect of databaseDialects()) {
  describe(`reviews over HTTP (${dialect})`, () => {
    let t: TestApp;
    let w: ReviewsWorld;
    const idFrom = (location: unknown) => String(location).split('/').pop()!;
    const answersOf = (personId: string, cycleId: string) =>
      t.database.db
        .selectFrom('review_answers')
        .selectAll()
        .where('cycle_id', '=', cycleId)
        .where('person_id', '=', personId)
        .orderBy('statement')
        .execute();
    const projectCycleForm = () =>
      cycleForm({ title: 'Lunches check', scope: 'project', projectId: w.projectId, schedule: 'none', gap: '1.5' });
    /** Fay starts the two reviews the first test starts: the organisation's, every 3 months, and the project's. */
    const startReviews = async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get('/reviews/new');
      const made = await fay.post('/reviews/new', cycleForm());
      assert.equal(made.statusCode, 303);
      await fay.get('/reviews/new');
      const projectMade = await fay.post('/reviews/new', projectCycleForm());
      assert.equal(projectMade.statusCode, 303);
      return { cycleId: idFrom(made.headers.location), projectCycleId: idFrom(projectMade.headers.location) };
    };
    /** Three people with lived experience rate 2, three staff rate 4, so the gap is 2 points. */
    const answerWithAGap = async (cycleId: string) => {
      for (const p of [w.ids.lily, w.ids.sue, w.ids.dennis]) await w.answerAll(cycleId, p, 2, { P7: 'dont-know' });
      for (const p of [w.ids.pat, w.ids.max, w.admin.personId]) await w.answerAll(cycleId, p, 4, { S3: 3 });
    };
    /** Both reviews started, and the organisation's answered with a gap and closed, as the closing test does. */
    const startReviewsAndCloseOne = async () => {
      const cycles = await startReviews();
      await answerWithAGap(cycles.cycleId);
      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get(`/reviews/${cycles.cycleId}`);
      assert.equal((await admin.post(`/reviews/${cycles.cycleId}/close`)).statusCode, 303);
      return cycles;
    };
    beforeEach(async () => {
      t = await makeTestApp({ dialect, startAt: datesWrittenFor });
      w = await setUpReviewsWorld(t);
    });
    afterEach(() => t.close());

    test('staff start a review; bad input shows every problem and keeps what was typed', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      const page = await fay.get('/reviews/new');
      assert.equal(page.statusCode, 200);
      const bad = await fay.post(
        '/reviews/new',
        cycleForm({ title: '  ', 'closesOn-day': '30', 'closesOn-month': '11', gap: 'lots', scope: 'project' }),
      );
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /There is a problem/);
      assert.match(bad.body, /Enter a name for the review/);
      assert.match(bad.body, /Enter a number of points from 0.5 to 4/);
      assert.match(bad.body, /Choose a project/);
      assert.match(bad.body, /name="gap" type="text" value="lots"|value="lots"/);
      assert.match(bad.body, /name="closesOn-day" type="text" value="30"|value="30"/);
      const backwards = await fay.post('/reviews/new', cycleForm({ 'closesOn-day': '30', 'closesOn-month': '11' }));
      assert.equal(backwards.statusCode, 400);
      assert.match(backwards.body, /The date it closes must be on or after the date it opens/);
      assert.match(backwards.body, /value="Winter review 2026"/);
      const made = await fay.post('/reviews/new', cycleForm());
      assert.equal(made.statusCode, 303);
      const cycleId = idFrom(made.headers.location);
      const cycle = await fay.get(`/reviews/${cycleId}`);
      assert.equal(cycle.statusCode, 200);
      assert.match(cycle.body, /Winter review 2026/);
      assert.match(cycle.body, /Every 3 months/);
      assert.match(cycle.body, /Record answers for Dennis Whitfield/);
      const projectMade = await fay.post('/reviews/new', projectCycleForm());
      assert.equal(projectMade.statusCode, 303);
      const projectCycleId = idFrom(projectMade.headers.location);
      const row = await t.database.db.selectFrom('review_cycles').selectAll().where('id', '=', projectCycleId).executeTakeFirstOrThrow();
      assert.deepEqual(
        [row.project_id, row.gap_threshold_tenths, row.schedule, row.organisation_id],
        [w.projectId, 15, 'none', w.organisationId],
      );
    });

    test('a member answers their own, a page at a time, can stop part-way, and a comment needs an answer', async () => {
      const { cycleId } = await startReviews();
      const mo = await signedInClient(t, 'mo@example.com');
      const list = await mo.get(`/reviews/${cycleId}/answer`);
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /You have finished 0 of 5 parts/);
      assert.match(list.body, /Not started/);
      await mo.get(`/reviews/${cycleId}/answer/culture`);
      const bad = await mo.post(`/reviews/${cycleId}/answer/culture`, {
        'rating-C1': '4',
        'comment-C2': 'Leaders say yes but do little',
        'rating-C3': '9',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Choose an answer for this statement, or Don&#39;t know|Choose an answer for this statement, or Don't know/);
      assert.match(bad.body, /Choose one of the answers/);
      assert.match(bad.body, /Leaders say yes but do little/);
      assert.match(bad.body, /value="4" checked/);
      assert.equal((await answersOf(w.ids.mo, cycleId)).length, 0, 'nothing saved from a page with a problem');

      const ok = await mo.post(`/reviews/${cycleId}/answer/culture`, {
        'rating-C1': '4',
        'rating-C2': 'dont-know',
        'comment-C2': 'Leaders say yes but do little',
        'rating-C3': '2',
      });
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, `/reviews/${cycleId}/answer/structure`);
      const later = await mo.post(`/reviews/${cycleId}/answer/structure`, { 'rating-S1': '1', later: 'yes' });
      assert.equal(later.headers.location, `/reviews/${cycleId}/answer`);
      const saved = await answersOf(w.ids.mo, cycleId);
      assert.deepEqual(
        saved.map((r) => [r.statement, r.rating, r.dont_know, r.way, r.recorded_by]),
        [
          ['C1', 4, 0, 'self', null],
          ['C2', null, 1, 'self', null],
          ['C3', 2, 0, 'self', null],
          ['S1', 1, 0, 'self', null],
        ],
      );
      const back = await mo.get(`/reviews/${cycleId}/answer`);
      assert.match(back.body, /You have finished 1 of 5 parts/);
      assert.match(back.body, /1 of 5 answered/);
      // Coming back shows what was saved.
      const culture = await mo.get(`/reviews/${cycleId}/answer/culture`);
      assert.match(culture.body, /value="dont-know" checked/);
      assert.match(culture.body, /Leaders say yes but do little/);
    });

    test('a member answers only their own: no recording for others, no staff pages, no results while open', async () => {
      const { cycleId, projectCycleId } = await startReviews();
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get(`/reviews/${cycleId}/answer`);
      assert.equal((await mo.get(`/reviews/${cycleId}/record/${w.ids.dennis}`)).statusCode, 403);
      assert.equal(
        (await mo.post(`/reviews/${cycleId}/record/${w.ids.dennis}/culture`, { how: 'phone', 'rating-C1': '5' })).statusCode,
        403,
      );
      assert.equal((await mo.get('/reviews/new')).statusCode, 403);
      assert.equal((await mo.get('/reviews/compare')).statusCode, 403);
      assert.equal((await mo.post(`/reviews/${cycleId}/close`)).statusCode, 403);
      assert.equal((await mo.post(`/reviews/${cycleId}/invitations`)).statusCode, 403);
      assert.equal((await mo.get(`/reviews/${cycleId}/results`)).statusCode, 404);
      assert.equal((await mo.get(`/reviews/${cycleId}`)).statusCode, 303, 'members go to their own answers');
      assert.equal((await answersOf(w.ids.dennis, cycleId)).length, 0);
      // Len is not in the project: its review does not exist for him.
      const len = await signedInClient(t, 'len@example.com');
      assert.equal((await len.get(`/reviews/${projectCycleId}/answer`)).statusCode, 404);
      assert.equal((await len.post(`/reviews/${projectCycleId}/answer/culture`, { 'rating-C1': '3' })).statusCode, 404);
      const lenList = await len.get('/reviews');
      assert.doesNotMatch(lenList.body, /Lunches check/);
      assert.match(lenList.body, /Winter review 2026/);
    });

    test('another organisation finds nothing', async () => {
      const { cycleId } = await startReviews();
      const other = await signedInClient(t, 'admin@riverside.test');
      for (const url of [
        `/reviews/${cycleId}`,
        `/reviews/${cycleId}/answer`,
        `/reviews/${cycleId}/answer/culture`,
        `/reviews/${cycleId}/results`,
        `/reviews/${cycleId}/record/${w.ids.dennis}`,
      ]) {
        assert.equal((await other.get(url)).statusCode, 404, url);
      }
      await other.get('/reviews');
      assert.equal((await other.post(`/reviews/${cycleId}/answer/culture`, { 'rating-C1': '1' })).statusCode, 404);
      assert.equal((await other.post(`/reviews/${cycleId}/close`)).statusCode, 404);
      assert.equal((await other.post(`/reviews/${cycleId}/invitations`)).statusCode, 404);
      const list = await other.get('/reviews');
      assert.doesNotMatch(list.body, /Winter review 2026/);
    });

    test('staff record answers given by phone: marked so, and written to the history', async () => {
      const { cycleId, projectCycleId } = await startReviews();
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/reviews/${cycleId}/record/${w.ids.dennis}/culture`);
      const noWay = await fay.post(`/reviews/${cycleId}/record/${w.ids.dennis}/culture`, {
        'rating-C1': '2',
        'comment-C1': 'Nobody asked me',
      });
      assert.equal(noWay.statusCode, 400);
      assert.match(noWay.body, /Choose in person or by phone/);
      assert.match(noWay.body, /Nobody asked me/);
      const res = await fay.post(`/reviews/${cycleId}/record/${w.ids.dennis}/culture`, {
        how: 'phone',
        'rating-C1': '2',
        'comment-C1': 'Nobody asked me',
        later: 'yes',
      });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/reviews/${cycleId}/record/${w.ids.dennis}`);
      const saved = await answersOf(w.ids.dennis, cycleId);
      assert.deepEqual(
        saved.map((r) => [r.statement, r.rating, r.way, r.recorded_by, r.comment]),
        [['C1', 2, 'phone', w.ids.fay, 'Nobody asked me']],
      );
      const audit = await t.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('subject_type', '=', 'review')
        .where('on_behalf_of_person_id', '=', w.ids.dennis)
        .execute();
      assert.equal(audit.length, 1);
      assert.deepEqual([audit[0]!.actor_person_id, audit[0]!.action, audit[0]!.subject_id], [w.ids.fay, 'answers-recorded-phone', cycleId]);
      const page = await fay.get(`/reviews/${cycleId}`);
      assert.match(page.body, /Recorded by staff/);
      // Someone outside a project's review cannot be recorded in it.
      assert.equal((await fay.get(`/reviews/${projectCycleId}/record/${w.ids.sue}`)).statusCode, 404);
    });

    test("invitations go by each person's channel once; people without sign-in are told staff will ask", async () => {
      const { projectCycleId } = await startReviews();
      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get(`/reviews/${projectCycleId}`);
      const first = await admin.post(`/reviews/${projectCycleId}/invitations`);
      assert.equal(first.statusCode, 303);
      const sent = await t.database.db.selectFrom('outbox').selectAll().where('about_id', '=', projectCycleId).execute();
      assert.deepEqual(
        sent.map((m) => m.kind),
        ['survey', 'survey', 'survey'],
      );
      const toMo = sent.find((m) => m.person_id === w.ids.mo)!;
      assert.equal(toMo.channel, 'email');
      // A personal link that works without signing in (issue 16).
      assert.match(toMo.body_text, /http:\/\/localhost:3000\/act\/[\w-]+\.[\w-]+/);
      const toDennis = sent.find((m) => m.person_id === w.ids.dennis)!;
      assert.equal(toDennis.channel, 'phone');
      assert.match(toDennis.body_text, /record their answers/);
      await admin.get(`/reviews/${projectCycleId}`);
      await admin.post(`/reviews/${projectCycleId}/invitations`);
      assert.equal(
        (await t.database.db.selectFrom('outbox').select('id').where('about_id', '=', projectCycleId).execute()).length,
        3,
        'nobody is invited twice',
      );
      const page = await admin.get(`/reviews/${projectCycleId}`);
      assert.match(page.body, /Sent on 1 December 2026/);
    });

    test("the organisation's review is sent to everyone who signs in, not only the first 2,000 by name", async () => {
      const { cycleId } = await startReviews();
      const at = datesWrittenFor.toISOString();
      const many = Array.from({ length: 2100 }, (_, i) => ({
        id: crypto.randomUUID(),
        organisation_id: w.organisationId,
        full_name: `Member ${String(i).padStart(4, '0')}`,
        email: `member${i}@example.org`,
        contact_order: '["email"]',
        created_at: at,
        updated_at: at,
      }));
      for (let i = 0; i < many.length; i += 500) {
        const part = many.slice(i, i + 500);
        await t.database.db.insertInto('people').values(part).execute();
        await t.database.db
          .insertInto('accounts')
          .values(
            part.map((p) => ({
              id: crypto.randomUUID(),
              organisation_id: w.organisationId,
              person_id: p.id,
              email: p.email,
              role: 'member' as const,
              password_hash: null,
              active: 1,
              created_at: at,
            })),
          )
          .execute();
      }
      const accounts = await t.database.db
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('organisation_id', '=', w.organisationId)
        .where('active', '=', 1)
        .executeTakeFirstOrThrow();
      const result = await t.services.reviews.sendInvitations(w.staff, cycleId);
      assert.equal(result.sent, Number(accounts.n));
      const last = await t.database.db
        .selectFrom('outbox')
        .select('id')
        .where('about_id', '=', cycleId)
        .where('person_id', '=', many[2099]!.id)
        .execute();
      assert.equal(last.length, 1, 'Member 2099 is invited too');
    });

    test('staff close a scheduled review: results show the gap first, the level and flags; the next cycle is made once', async () => {
      const { cycleId } = await startReviews();
      await answerWithAGap(cycleId);
      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get(`/reviews/${cycleId}`);
      const [a, b] = await Promise.all([admin.post(`/reviews/${cycleId}/close`), admin.post(`/reviews/${cycleId}/close`)]);
      assert.deepEqual([a.statusCode, b.statusCode], [303, 303]);
      const next = await t.database.db.selectFrom('review_cycles').selectAll().where('follows_cycle_id', '=', cycleId).execute();
      assert.equal(next.length, 1);
      assert.deepEqual([next[0]!.opens_on, next[0]!.closes_on, next[0]!.schedule], ['2027-03-01', '2027-03-31', 'quarterly']);
      await admin.get(`/reviews/${cycleId}`);
      const again = await admin.post(`/reviews/${cycleId}/next`);
      assert.equal(again.headers.location, `/reviews/${next[0]!.id}`);
      assert.equal(
        (await t.database.db.selectFrom('review_cycles').select('id').where('follows_cycle_id', '=', cycleId).execute()).length,
        1,
      );

      const results = await admin.get(`/reviews/${cycleId}/results`);
      assert.equal(results.statusCode, 200);
      const body = results.body;
      const headlineAt = body.indexOf('The gap between staff and people with lived experience');
      assert.ok(
        headlineAt > 0 && headlineAt < body.indexOf('Estimated level') && headlineAt < body.indexOf('By piece of the jigsaw'),
        'the gap comes first',
      );
      assert.match(body, /Staff rate things 2.0 points higher than people with lived experience/);
      assert.match(body, /Estimated level: Descriptive/);
      assert.match(body, /How we estimate the level/);
      assert.match(body, /Statements where the groups differ by 1.0 points or more/);
      // Every statement differs by 1 point or more and is flagged, except P7: everyone with
      // lived experience said "don't know" there, so that group has no average and no gap.
      const flaggedFrom = body.indexOf('Statements where the groups differ');
      const flaggedTo = body.indexOf('What the app shows about culture and practice today');
      assert.ok(flaggedFrom > 0 && flaggedTo > flaggedFrom, 'the flagged statements come before the evidence');
      const flagged = body.slice(flaggedFrom, flaggedTo);
      assert.match(flagged, /S1 Involved from the start<\/strong>/);
      assert.match(flagged, /S3 Money and time to do it<\/strong>/);
      assert.doesNotMatch(flagged, /P7 Choosing services together<\/strong>/);
      // Don't know is shown as a count, not averaged.
      const standing = await t.services.reviews.standing(w.organisationId);
      assert.equal(standing?.cycle.id, cycleId);
      const p7 = standing!.statements.find((s) => s.code === 'P7')!;
      assert.deepEqual([p7.livedExperience.average, p7.livedExperience.dontKnow, p7.staff.average], [null, 3, 4]);

      // Members see the results once closed; nobody can answer a closed review.
      const mo = await signedInClient(t, 'mo@example.com');
      assert.equal((await mo.get(`/reviews/${cycleId}/results`)).statusCode, 200);
      const closed = await mo.get(`/reviews/${cycleId}/answer/culture`);
      assert.match(closed.body, /This review is not open for answers/);
      await mo.get(`/reviews/${cycleId}/answer`);
      assert.equal((await mo.post(`/reviews/${cycleId}/answer/culture`, { 'rating-C1': '5' })).statusCode, 409);
    });

    test('compare cycles side by side; standing and history follow the scope', async () => {
      await startReviewsAndCloseOne();
      const admin = await signedInClient(t, 'admin@northshire.test');
      const page = await admin.get('/reviews/compare');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Winter review 2026/);
      assert.match(page.body, /L 2.0, S 4.0, gap \+2.0/);
      assert.doesNotMatch(page.body, /Lunches check/);
      const projectPage = await admin.get(`/reviews/compare?projectId=${w.projectId}`);
      assert.match(projectPage.body, /Lunches check/);
      assert.doesNotMatch(projectPage.body, /Winter review 2026/);

      const history = await t.services.reviews.cycleHistory(w.organisationId);
      assert.deepEqual(
        history.map((h) => h.cycle.title),
        ['Winter review 2026'],
        'the next cycle is not open yet, so it has no place',
      );
      const project = await t.services.reviews.standing(w.organisationId, { projectId: w.projectId });
      assert.equal(project?.cycle.title, 'Lunches check');
      assert.equal(project?.cycle.status, 'open');
      assert.equal(await t.services.reviews.standing(w.organisationId, { from: '2027-01-01', to: '2027-01-31' }), null);
      assert.equal(await t.services.reviews.standing(w.other.organisationId), null);
    });

    test('every review page for staff and members renders', async () => {
      const { projectCycleId } = await startReviewsAndCloseOne();
      const admin = await signedInClient(t, 'admin@northshire.test');
      for (const url of [
        '/reviews',
        '/reviews/new',
        '/reviews/compare',
        `/reviews/${projectCycleId}`,
        `/reviews/${projectCycleId}/results`,
        `/reviews/${projectCycleId}/answer`,
        `/reviews/${projectCycleId}/answer/principles`,
        `/reviews/${projectCycleId}/record/${w.ids.dennis}`,
      ]) {
        assert.equal((await admin.get(url)).statusCode, 200, url);
      }
      assert.equal((await admin.get('/reviews/not-an-id')).statusCode, 404);
      assert.equal((await admin.get(`/reviews/${projectCycleId}/answer/nonsense`)).statusCode, 404);
      const mo = await signedInClient(t, 'mo@example.com');
      const list = await mo.get('/reviews');
      assert.match(list.body, /Give your answers/);
      assert.match(list.body, /See the results/);
    });

    test("members find their project's open review on the project page and home page, and answer it there", async () => {
      const { projectCycleId } = await startReviewsAndCloseOne();
      const mo = await signedInClient(t, 'mo@example.com');
      const project = await mo.get(`/projects/${w.projectId}`);
      assert.equal(project.statusCode, 200);
      assert.match(
        project.body,
        new RegExp(`<a class="govuk-link" href="/reviews/${projectCycleId}/answer">Have your say: Lunches check</a>`),
      );
      const home = await mo.get('/');
      assert.match(
        home.body,
        new RegExp(`href="/reviews/${projectCycleId}/answer">Have your say: Lunches check</a>: Closes on 31 December 2026`),
      );
      assert.doesNotMatch(home.body, /Have your say: Winter review 2026/, 'a closed review is not asked for');
      await mo.get(`/reviews/${projectCycleId}/answer/culture`);
      const saved = await mo.post(`/reviews/${projectCycleId}/answer/culture`, { 'rating-C1': '3' });
      assert.equal(saved.statusCode, 303);
      assert.deepEqual(
        (await answersOf(w.ids.mo, projectCycleId)).map((r) => [r.statement, r.rating]),
        [['C1', 3]],
      );
      // Staff see the project's reviews and can start one for it.
      const fay = await signedInClient(t, 'fay@example.com');
      const staffPage = await fay.get(`/projects/${w.projectId}`);
      assert.match(staffPage.body, new RegExp(`href="/reviews/${projectCycleId}">Lunches check</a>`));
      assert.match(staffPage.body, new RegExp(`href="/reviews/new\\?projectId=${w.projectId}"`));
      const startForm = await fay.get(`/reviews/new?projectId=${w.projectId}`);
      assert.match(startForm.body, new RegExp(`value="${w.projectId}" selected`));
      // Len is not a member: no project page, nothing on his home page, no review.
      const len = await signedInClient(t, 'len@example.com');
      assert.equal((await len.get(`/projects/${w.projectId}`)).statusCode, 404);
      assert.doesNotMatch((await len.get('/')).body, /Lunches check/);
      assert.equal((await len.get(`/reviews/${projectCycleId}/answer/culture`)).statusCode, 404);
    });

    test('answers before the opening date or after the closing date are refused plainly; staff are told to close it', async () => {
      const made = await t.services.reviews.create(w.staff, {
        title: 'January check',
        projectId: w.projectId,
        opensOn: '2027-01-10',
        closesOn: '2027-01-20',
        schedule: 'none',
        gapThresholdTenths: 10,
      });
      assert.ok(made.ok);
      const id = made.id;
      // Moving the clock on weeks ends sessions, so people sign in again each time.
      let mo = await signedInClient(t, 'mo@example.com');
      let fay: Awaited<ReturnType<typeof signedInClient>>;
      try {
        // Before it opens.
        const early = await mo.get(`/reviews/${id}/answer`);
        assert.equal(early.statusCode, 200);
        assert.match(early.body, /This review opens on 10 January 2027\. You can answer from then\./);
        assert.match((await mo.get(`/reviews/${id}/answer/culture`)).body, /This review opens on 10 January 2027/);
        const tooEarly = await mo.post(`/reviews/${id}/answer/culture`, { 'rating-C1': '4' });
        assert.equal(tooEarly.statusCode, 409);
        assert.match(tooEarly.body, /This review is not open yet/);
        assert.doesNotMatch((await mo.get('/')).body, /January check/);
        assert.doesNotMatch((await mo.get('/reviews')).body, new RegExp(`href="/reviews/${id}/answer"`), 'no answer link before it opens');

        // While open, it can be answered.
        t.clock.now = new Date('2027-01-15T10:00:00Z');
        mo = await signedInClient(t, 'mo@example.com');
        await mo.get(`/reviews/${id}/answer/culture`);
        assert.equal((await mo.post(`/reviews/${id}/answer/culture`, { 'rating-C1': '4' })).statusCode, 303);
        // Once she has given any answer, her home lists it as answered, with a way to change or add to it.
        assert.match(
          (await mo.get('/')).body,
          /You have answered: January check\. <a class="govuk-link" href="\/reviews\/[^"]+\/answer">Change your answer/,
        );
        assert.match(
          (await mo.get('/reviews')).body,
          new RegExp(`January check<br><a class="govuk-link" href="/reviews/${id}/answer">Give your answers`),
        );

        // After the closing date: still open until staff close it, but nobody can answer.
        t.clock.now = new Date('2027-01-21T10:00:00Z');
        mo = await signedInClient(t, 'mo@example.com');
        fay = await signedInClient(t, 'fay@example.com');
        const late = await mo.get(`/reviews/${id}/answer`);
        assert.match(late.body, /This review closed on 20 January 2027\. You can no longer answer\./);
        assert.doesNotMatch(late.body, /You have finished/);
        const tooLate = await mo.post(`/reviews/${id}/answer/culture`, { 'rating-C1': '1' });
        assert.equal(tooLate.statusCode, 409);
        assert.match(tooLate.body, /This review has closed/);
        await fay.get(`/reviews/${id}/record/${w.ids.dennis}/culture`);
        const recordLate = await fay.post(`/reviews/${id}/record/${w.ids.dennis}/culture`, { how: 'phone', 'rating-C1': '2' });
        assert.equal(recordLate.statusCode, 409);
        assert.deepEqual(
          (await answersOf(w.ids.mo, id)).map((r) => [r.statement, r.rating]),
          [['C1', 4]],
          'the late answer was not saved',
        );
        assert.equal((await answersOf(w.ids.dennis, id)).length, 0);
        assert.doesNotMatch((await mo.get('/')).body, /January check/);
        // The list says plainly it has closed, and offers no answers.
        const lateList = (await mo.get('/reviews')).body;
        assert.match(lateList, /January check<br><span class="govuk-body-s">Closed on 20 January 2027<\/span>/);
        assert.doesNotMatch(lateList, new RegExp(`href="/reviews/${id}/answer"`));

        const page = await fay.get(`/reviews/${id}`);
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /This review is past its closing date \(20 January 2027\)/);
        assert.match(page.body, /Close now/);
        assert.doesNotMatch(page.body, /Record answers for/);
        assert.equal((await t.services.reviews.load(w.organisationId, id)).status, 'open', 'only staff close a review');
        const closed = await fay.post(`/reviews/${id}/close`);
        assert.equal(closed.statusCode, 303);
        const after = await fay.get(`/reviews/${id}`);
        assert.doesNotMatch(after.body, /Close now/);
        assert.equal((await t.services.reviews.load(w.organisationId, id)).status, 'closed');
        assert.equal((await mo.post(`/reviews/${id}/answer/culture`, { 'rating-C1': '1' })).statusCode, 409);
      } finally {
        t.clock.now = new Date('2026-12-01T10:00:00Z');
      }
    });

    test("a big organisation's review lists its people a page at a time, and staff can record for anyone in it", async () => {
      const { cycleId } = await startReviews();
      // 120 more people, named to sort after everyone in the world, so the last is on page 3.
      const at = datesWrittenFor.toISOString();
      const many = Array.from({ length: 120 }, (_, i) => ({
        id: crypto.randomUUID(),
        organisation_id: w.organisationId,
        full_name: `Zed Person ${String(i).padStart(3, '0')}`,
        contact_order: '[]',
        created_at: at,
        updated_at: at,
      }));
      await t.database.db.insertInto('people').values(many).execute();
      await w.answerAll(cycleId, many[119]!.id, 3);
      const fay = await signedInClient(t, 'fay@example.com');
      const first = await fay.get(`/reviews/${cycleId}`);
      assert.equal(first.statusCode, 200);
      const total = await t.services.people.count(w.organisationId);
      assert.match(first.body, new RegExp(`${total} people are taking part. Answers so far: 1.`));
      assert.doesNotMatch(first.body, /Zed Person 119/);
      assert.match(first.body, new RegExp(`href="/reviews/${cycleId}\\?page=2"`));
      const last = await fay.get(`/reviews/${cycleId}?page=3`);
      assert.match(last.body, /Zed Person 119/);
      assert.match(last.body, /Zed Person 119<\/th>\s*<td class="govuk-table__cell">[^<]*of/);
      assert.equal((await fay.get(`/reviews/${cycleId}?page=nonsense`)).statusCode, 200);
      // Recording for someone far down the list: the page is theirs, not "not found".
      const record = await fay.get(`/reviews/${cycleId}/record/${many[100]!.id}`);
      assert.equal(record.statusCode, 200);
      assert.match(record.body, /Zed Person 100/);
    });
  });
}
