import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { newId } from '../../platform/ids.ts';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp, datesWrittenFor } from '../../../test/helpers/test-app.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { setUpReviewsWorld, type ReviewsWorld } from '../../../test/worlds/reviews.ts';

// The reviews list a page at a time, newest first: staff see every review; a member sees the
// organisation's and their own projects' once they have opened, found without a query for
// each review (a county has years of project reviews).

for (const dialect of databaseDialects()) {
  describe(`reviews list, a page at a time (${dialect})`, () => {
    let t: TestApp;
    let w: ReviewsWorld;
    let queries = 0;

    async function addCycles(rows: Array<{ title: string; projectId: string | null; opensOn: string; closesOn: string }>) {
      await t.database.db
        .insertInto('review_cycles')
        .values(
          rows.map((r, i) => ({
            id: newId(),
            organisation_id: w.organisationId,
            project_id: r.projectId,
            title: r.title,
            opens_on: r.opensOn,
            closes_on: r.closesOn,
            schedule: 'none',
            gap_threshold_tenths: 10,
            follows_cycle_id: null,
            invitations_sent_at: null,
            closed_at: null,
            closed_by: null,
            created_at: new Date(Date.parse('2026-01-01T00:00:00Z') + i * 1000).toISOString(),
            created_by: w.admin.personId,
          })),
        )
        .execute();
    }

    beforeEach(async () => {
      queries = 0;
      t = await makeTestApp({ dialect, startAt: datesWrittenFor, onQuery: () => void queries++ });
      w = await setUpReviewsWorld(t);
    });
    afterEach(() => t.close());

    test('staff page through every review, newest first; a member sees only theirs, once open', async () => {
      const otherProject = await t.services.projects.create(w.staff, {
        title: 'Transport plan',
        purpose: 'Buses',
        activities: ['co-design'],
        levelAim: 'intermediate',
        stage: 'designing',
        startDate: '2026-11-01',
      });
      // 55 past project reviews of Mo's project, opening a day apart (the newest on 2026-11-25).
      await addCycles(
        Array.from({ length: 55 }, (_, i) => {
          const day = new Date(Date.parse('2026-10-01T12:00:00Z') + i * 86_400_000).toISOString().slice(0, 10);
          return { title: `Lunches check ${String(i + 1).padStart(2, '0')}`, projectId: w.projectId, opensOn: day, closesOn: day };
        }),
      );
      await addCycles([
        { title: 'Winter review', projectId: null, opensOn: '2026-11-30', closesOn: '2026-12-31' },
        { title: 'Spring review', projectId: null, opensOn: '2027-03-01', closesOn: '2027-03-31' },
        { title: 'Buses review', projectId: otherProject, opensOn: '2026-11-28', closesOn: '2026-12-31' },
      ]);

      const admin = await signedInClient(t, 'admin@northshire.test');
      const first = await admin.get('/reviews');
      assert.equal(first.statusCode, 200);
      const titles = (html: string) =>
        [...html.matchAll(/<a class="govuk-link" href="\/reviews\/[0-9a-f-]{36}">([^<]+)<\/a>/g)].map((m) => m[1]);
      const firstTitles = titles(first.body);
      assert.equal(firstTitles.length, 50);
      assert.deepEqual(firstTitles.slice(0, 4), ['Spring review', 'Winter review', 'Buses review', 'Lunches check 55']);
      assert.match(first.body, /href="\/reviews\?page=2"/);
      const second = await admin.get('/reviews?page=2');
      assert.deepEqual(titles(second.body), [
        'Lunches check 08',
        'Lunches check 07',
        'Lunches check 06',
        'Lunches check 05',
        'Lunches check 04',
        'Lunches check 03',
        'Lunches check 02',
        'Lunches check 01',
      ]);

      // Mo is in the lunches project only: the organisation's open review and the lunches
      // reviews, never the buses one or the spring review that has not opened.
      const mo = await signedInClient(t, 'mo@example.com');
      const mine = await mo.get('/reviews');
      // Measured on a second look: the first after signing in also moves the session on.
      const before = queries;
      await mo.get('/reviews');
      const costFirst = queries - before;
      assert.equal(mine.statusCode, 200);
      assert.match(mine.body, /Winter review/);
      assert.match(mine.body, /Lunches check 55/);
      assert.doesNotMatch(mine.body, /Buses review|Spring review/);
      const minePage2 = await mo.get('/reviews?page=2');
      assert.match(minePage2.body, /Lunches check 01/);
      assert.doesNotMatch(minePage2.body, /Lunches check 10/);

      // Reading the list costs the same however many reviews there are.
      await addCycles(
        Array.from({ length: 30 }, (_, i) => ({
          title: `More ${i}`,
          projectId: w.projectId,
          opensOn: '2026-09-01',
          closesOn: '2026-09-02',
        })),
      );
      const again = queries;
      await mo.get('/reviews');
      assert.equal(queries - again, costFirst);

      // Len is in no project: only the organisation's review; a page past the end is empty, not an error.
      const len = await signedInClient(t, 'len@example.com');
      const lens = await len.get('/reviews');
      assert.match(lens.body, /Winter review/);
      assert.doesNotMatch(lens.body, /Lunches check|Buses review/);
      assert.equal((await len.get('/reviews?page=99')).statusCode, 200);
      assert.equal((await len.get('/reviews?page=abc')).statusCode, 200);
    });

    test('the home page offers a member the open reviews they take part in', async () => {
      const otherProject = await t.services.projects.create(w.staff, {
        title: 'Transport plan',
        purpose: 'Buses',
        activities: ['co-design'],
        levelAim: 'intermediate',
        stage: 'designing',
        startDate: '2026-11-01',
      });
      await addCycles([
        { title: 'Winter review', projectId: null, opensOn: '2026-11-30', closesOn: '2026-12-31' },
        { title: 'Lunches check', projectId: w.projectId, opensOn: '2026-11-30', closesOn: '2026-12-31' },
        { title: 'Buses review', projectId: otherProject, opensOn: '2026-11-28', closesOn: '2026-12-31' },
        { title: 'Autumn review', projectId: null, opensOn: '2026-09-01', closesOn: '2026-09-30' },
      ]);
      const mo = { ...w.admin, personId: w.ids.mo, role: 'member' as const };
      const open = await t.services.reviews.openFor(mo);
      assert.deepEqual(
        open.map((c) => c.title),
        ['Lunches check', 'Winter review'],
      );
    });
  });
}
