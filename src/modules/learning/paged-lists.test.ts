import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp, datesWrittenFor } from '../../../test/helpers/test-app.ts';
import { setUpLearningWorld, type LearningWorld } from '../../../test/worlds/learning.ts';

// V3 at county size: every action and every lesson can be reached, a page at a time; none
// is dropped at a cap, and none is on two pages. The clock stands at 23 November 2026.
const many = 120;
const linked = (body: string, kind: 'actions' | 'lessons') =>
  [...body.matchAll(new RegExp(`href="/learning/${kind}/([0-9a-f-]{36})"`, 'g'))].map((m) => m[1]!);

for (const dialect of databaseDialects()) {
  describe(`learning lists a page at a time (${dialect})`, () => {
    let t: TestApp;
    let w: LearningWorld;
    beforeEach(async () => {
      t = await makeTestApp({ dialect, startAt: datesWrittenFor });
      w = await setUpLearningWorld(t);
    });
    afterEach(() => t.close());
    const at = datesWrittenFor.toISOString();

    /** `many` open actions owned by Fay, all due on the same day and made at the same moment. */
    const manyActions = async (dueOn: string) => {
      const rows = Array.from({ length: many }, (_, i) => ({
        id: crypto.randomUUID(),
        organisation_id: w.organisationId,
        what: `Job ${String(i).padStart(3, '0')}`,
        owner_person_id: w.ids.fay,
        due_on: dueOn,
        status: 'not-started' as const,
        created_at: at,
        updated_at: at,
      }));
      await t.database.db.insertInto('improvement_actions').values(rows).execute();
      await t.database.db
        .insertInto('learning_codes')
        .values(rows.map((r) => ({ organisation_id: w.organisationId, subject_type: 'action', subject_id: r.id, code: 'P1' })))
        .execute();
      return rows.map((r) => r.id);
    };

    test('staff page through every action, with the filters kept and the counts from the database', async () => {
      const ids = await manyActions('2026-11-01');
      const fay = await signedInClient(t, 'fay@example.com');
      const first = await fay.get('/learning?code=P1');
      assert.equal(first.statusCode, 200);
      assert.match(first.body, new RegExp(`${many} actions are overdue`));
      assert.match(first.body, new RegExp(`>${many} actions<`));
      assert.match(first.body, /href="\/learning\?code=P1&amp;page=2"/);
      const seen: string[] = [];
      for (const page of [1, 2, 3]) {
        const found = linked((await fay.get(`/learning?code=P1&page=${page}`)).body, 'actions');
        assert.equal(found.length, page < 3 ? 50 : many - 100, `page ${page}`);
        seen.push(...found);
      }
      assert.equal(new Set(seen).size, seen.length, 'no action is on two pages');
      assert.deepEqual([...seen].sort(), [...ids].sort(), 'every action is on a page');
      assert.deepEqual(linked((await fay.get('/learning?code=P1&page=4')).body, 'actions'), []);
      // The overdue window and "mine" lists page too, keeping their filter.
      const overdue = await fay.get('/learning?due=overdue&page=3');
      assert.equal(linked(overdue.body, 'actions').length, many - 100);
      assert.match(overdue.body, /href="\/learning\?due=overdue&amp;page=2"/);
      assert.equal(linked((await fay.get('/learning?due=soon')).body, 'actions').length, 0);
      const mine = await fay.get('/learning?mine=yes&page=2');
      assert.equal(linked(mine.body, 'actions').length, 50);
      assert.match(mine.body, /Your actions/);
      assert.match(mine.body, /href="\/learning\?mine=yes&amp;page=3"/);
    });

    test('the home page and the dashboard list the first few actions, say how many, and link to them all', async () => {
      await manyActions('2026-11-01');
      const fay = await signedInClient(t, 'fay@example.com');
      const home = (await fay.get('/')).body;
      assert.match(home, new RegExp(`You have ${many} jobs. Here are the 10 that are due first.`));
      assert.match(home, /href="\/learning\?mine=yes">See all your jobs/);
      assert.match(home, new RegExp(`${many} actions are overdue. Here are the 10 that were due first.`));
      assert.match(home, /href="\/learning\?due=overdue">See all overdue actions/);
      const due = await t.services.learning.actionsDue(w.organisationId);
      assert.deepEqual([due.overdue.length, due.overdueTotal, due.dueSoon.length, due.dueSoonTotal], [10, many, 0, 0]);
      const dashboard = await fay.get('/impact');
      assert.equal(dashboard.statusCode, 200);
      assert.match(dashboard.body, /href="\/learning\?due=overdue">See all overdue actions/);
    });

    test('lessons come a page at a time, with the words searched for kept in the links', async () => {
      const rows = Array.from({ length: many }, (_, i) => ({
        id: crypto.randomUUID(),
        organisation_id: w.organisationId,
        title: `Lesson ${String(i).padStart(3, '0')}`,
        worked: 'Soup tasting',
        created_at: at,
        created_by: null,
        updated_at: at,
      }));
      await t.database.db.insertInto('lessons').values(rows).execute();
      const fay = await signedInClient(t, 'fay@example.com');
      const first = await fay.get('/learning/lessons?q=soup');
      assert.match(first.body, new RegExp(`${many} lessons`));
      assert.match(first.body, /href="\/learning\/lessons\?q=soup&amp;page=2"/);
      const seen: string[] = [];
      for (const page of [1, 2, 3]) seen.push(...linked((await fay.get(`/learning/lessons?q=soup&page=${page}`)).body, 'lessons'));
      assert.equal(new Set(seen).size, seen.length, 'no lesson is on two pages');
      assert.deepEqual([...seen].sort(), rows.map((r) => r.id).sort(), 'every lesson is on a page');
      assert.match((await fay.get('/learning/lessons?q=nothing+like+this')).body, /No lessons match/);
    });
  });
}
