import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { setUpReviewsWorld, type ReviewsWorld } from '../../../test/worlds/reviews.ts';

// Open by default (issue 21, C1, V4): members read their projects' impact reports and the
// organisation's latest review, figures only under the small-number rule; staff keep a
// report inside the team per report, audited, and members are told plainly staff chose it.
for (const dialect of databaseDialects()) {
  describe(`open by default: reports members can read (${dialect})`, () => {
    let t: TestApp;
    let w: ReviewsWorld;
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      w = await setUpReviewsWorld(t);
    });
    afterEach(() => t.close());

    const audits = (action: string) =>
      t.database.db.selectFrom('audit_log').select(['actor_person_id', 'subject_id']).where('action', '=', action).execute();

    /** The organisation's review, answered by 3 people with lived experience (2) and 3 staff (4), then closed. */
    async function closedReview() {
      const made = await t.services.reviews.create(w.staff, {
        title: 'Winter review',
        projectId: null,
        opensOn: '2026-11-25',
        closesOn: '2026-12-20',
        schedule: 'none',
        gapThresholdTenths: 10,
      });
      assert.ok(made.ok);
      for (const p of [w.ids.lily, w.ids.sue, w.ids.dennis]) await w.answerAll(made.id, p, 2);
      for (const p of [w.ids.pat, w.ids.max, w.admin.personId]) await w.answerAll(made.id, p, 4);
      await t.services.reviews.close(w.staff, made.id);
      return made.id;
    }

    test("a member reads their project's report: figures for groups only, no budget, no stories, no names", async () => {
      const mo = await signedInClient(t, 'mo@example.com');
      const index = await mo.get('/our-impact');
      assert.equal(index.statusCode, 200);
      assert.match(index.body, new RegExp(`href="/our-impact/projects/${w.projectId}"`));
      assert.match(index.body, /href="\/more"/, 'members reach it from More in their menu');
      assert.match((await mo.get('/more')).body, /href="\/our-impact"/);
      const page = await mo.get(`/our-impact/projects/${w.projectId}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /What Better day centre lunches has done/);
      assert.match(page.body, /Who took part/);
      assert.match(page.body, /never show what one person said, or anyone(&#39;|')s name/);
      assert.doesNotMatch(page.body, /Cost of co-production|Stories of what changed/);
      for (const name of ['Dennis Whitfield', 'Fay Facilitator', 'Lily Carer']) assert.ok(!page.body.includes(name), name);
      assert.doesNotMatch(page.body, /Who can read this/, 'members do not get the staff choice');
    });

    test('someone outside the project, or in another organisation, is refused', async () => {
      const lily = await signedInClient(t, 'lily@example.com');
      assert.equal((await lily.get(`/our-impact/projects/${w.projectId}`)).statusCode, 404);
      const index = await lily.get('/our-impact');
      assert.ok(!index.body.includes(w.projectId), 'not listed to someone outside it');
      const outsider = await signedInClient(t, w.other.email);
      assert.equal((await outsider.get(`/our-impact/projects/${w.projectId}`)).statusCode, 404);
      await outsider.get('/our-impact');
      assert.equal((await outsider.post(`/our-impact/projects/${w.projectId}/sharing`, { keep: 'yes' })).statusCode, 404);
      assert.equal((await t.database.db.selectFrom('kept_internal').selectAll().execute()).length, 0);
    });

    test('staff keep a report inside the team: audited; members see a plain notice that staff chose it; opened again', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      const before = await fay.get(`/our-impact/projects/${w.projectId}`);
      assert.match(before.body, /Members can read this/);
      const kept = await fay.post(`/our-impact/projects/${w.projectId}/sharing`, { keep: 'yes' });
      assert.equal(kept.statusCode, 303);
      assert.equal(kept.headers.location, `/our-impact/projects/${w.projectId}`);
      assert.deepEqual(await audits('project-impact-kept-internal'), [{ actor_person_id: w.ids.fay, subject_id: w.projectId }]);

      const mo = await signedInClient(t, 'mo@example.com');
      const page = await mo.get(`/our-impact/projects/${w.projectId}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Staff have chosen to keep this inside the team for now/);
      assert.doesNotMatch(page.body, /Who took part/, 'no figures');
      const staffView = await fay.get(`/our-impact/projects/${w.projectId}`);
      assert.match(staffView.body, /Members cannot read this/);
      assert.match(staffView.body, /Who took part/, 'staff still see what members would');

      // A member cannot change it.
      await mo.get('/our-impact');
      const refused = await mo.post(`/our-impact/projects/${w.projectId}/sharing`, { keep: 'no' });
      assert.ok([403, 404].includes(refused.statusCode), String(refused.statusCode));

      await fay.get(`/our-impact/projects/${w.projectId}`);
      assert.equal((await fay.post(`/our-impact/projects/${w.projectId}/sharing`, { keep: 'no' })).statusCode, 303);
      assert.equal((await audits('project-impact-opened-to-members')).length, 1);
      assert.match((await mo.get(`/our-impact/projects/${w.projectId}`)).body, /Who took part/);
    });

    test("a member reads the organisation's latest review: averages and protected counts, never anyone's answers", async () => {
      const mo = await signedInClient(t, 'mo@example.com');
      assert.match((await mo.get('/our-impact/review')).body, /No review has finished yet/);
      await closedReview();
      const page = await mo.get('/our-impact/review');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Winter review/);
      // Six answered: under the NHS Digital rule a count below 8 is "fewer than 8".
      assert.match(page.body, /People who answered: fewer than 8\./);
      assert.match(page.body, /2\.0/, 'the lived experience average');
      for (const name of ['Dennis Whitfield', 'Sue Carer', 'Pat Paid']) assert.ok(!page.body.includes(name), name);
    });

    test('review results kept inside the team: the member page and the results page both say staff chose it', async () => {
      const cycleId = await closedReview();
      const admin = await signedInClient(t, 'admin@northshire.test');
      const results = await admin.get(`/reviews/${cycleId}/results`);
      assert.match(results.body, /Who can read this/);
      assert.match(results.body, /6 people gave answers: 3 with lived experience and 3 staff\./, 'staff see exact counts');
      const open = await (await signedInClient(t, 'mo@example.com')).get(`/reviews/${cycleId}/results`);
      assert.match(open.body, /Fewer than 8 people gave answers: fewer than 8 with lived experience and fewer than 8 staff\./);
      assert.doesNotMatch(open.body, /\(3 people\)/, 'members get no count beside an average');
      assert.doesNotMatch(open.body, /Who can read this/);
      const kept = await admin.post(`/our-impact/reviews/${cycleId}/sharing`, { keep: 'yes', from: 'our-impact' });
      assert.equal(kept.statusCode, 303);
      assert.equal(kept.headers.location, '/our-impact/review');
      assert.equal((await audits('review-results-kept-internal')).length, 1);

      const mo = await signedInClient(t, 'mo@example.com');
      const page = await mo.get('/our-impact/review');
      assert.match(page.body, /Staff have chosen to keep this inside the team for now/);
      assert.doesNotMatch(page.body, /People who answered/);
      const own = await mo.get(`/reviews/${cycleId}/results`);
      assert.equal(own.statusCode, 200);
      assert.match(own.body, /Staff have chosen to keep this inside the team for now/);
      assert.doesNotMatch(own.body, /By piece of the jigsaw|reviews:results/);

      // Another organisation cannot touch it.
      const outsider = await signedInClient(t, w.other.email);
      await outsider.get('/our-impact');
      assert.equal((await outsider.post(`/our-impact/reviews/${cycleId}/sharing`, { keep: 'no' })).statusCode, 404);
      assert.match((await outsider.get('/our-impact/review')).body, /No review has finished yet/);
    });
  });
}
