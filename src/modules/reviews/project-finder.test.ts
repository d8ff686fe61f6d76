import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { hasSelectOf, lunchesAmongManyProjects, radiosOf } from '../../../test/helpers/many-projects.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import type { Client } from '../../../test/helpers/browser-like-client.ts';
import { londonToday } from '../../platform/time.ts';
import { largestListOfProjects } from '../projects/finder.ts';

// A county has a thousand projects: starting a review of one, and comparing one's reviews,
// listed them all in a select. With more than a form lists, staff find the project by name.

for (const dialect of databaseDialects()) {
  describe(`reviews find the project by name in a large organisation (${dialect})`, () => {
    let t: TestApp;
    let admin: Client;
    let lunches = '';
    const reviewForm = () => {
      const [year, month, day] = londonToday(t.now()).split('-');
      return {
        title: 'Lunches check',
        scope: 'project',
        'opensOn-day': String(Number(day)),
        'opensOn-month': String(Number(month)),
        'opensOn-year': year!,
        'closesOn-day': String(Number(day)),
        'closesOn-month': String(Number(month)),
        'closesOn-year': String(Number(year) + 1),
        schedule: 'none',
        gap: '1.5',
      };
    };

    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      ({ lunches, admin } = await lunchesAmongManyProjects(t, largestListOfProjects + 50));
    });
    afterEach(() => t.close());

    test('starting a review: Find keeps what was typed and starts nothing; the review is of the project found', async () => {
      const page = await admin.get('/reviews/new');
      assert.equal(page.statusCode, 200);
      assert.equal(hasSelectOf(page.body, 'projectId'), false, 'the form lists every project');
      assert.doesNotMatch(page.body, /Project 001 Filler|Better day centre lunches/);
      assert.match(page.body, /<label[^>]*>\s*Find a project by name\s*<\/label>/);

      const found = await admin.post('/reviews/new', { ...reviewForm(), find: 'projectId', 'projectId-name': 'LUNCH' });
      assert.equal(found.statusCode, 200);
      assert.doesNotMatch(found.body, /There is a problem/);
      assert.deepEqual(
        radiosOf(found.body, 'projectId').map((r) => [r.value, r.label, r.checked]),
        [[lunches, 'Better day centre lunches', false]],
      );
      assert.match(found.body, /name="title" type="text" value="Lunches check"/);
      assert.match(found.body, /value="project" checked/);
      assert.match(found.body, /name="gap" type="text" value="1.5"/);
      assert.equal(await t.database.db.selectFrom('review_cycles').select('id').executeTakeFirst(), undefined, 'Find started a review');

      // Nothing chosen: the error points at the finder, which keeps the name typed.
      const unchosen = await admin.post('/reviews/new', { ...reviewForm(), 'projectId-name': 'lunch' });
      assert.equal(unchosen.statusCode, 400);
      assert.match(unchosen.body, /There is a problem/);
      assert.match(unchosen.body, /href="#projectId"/);
      assert.equal(radiosOf(unchosen.body, 'projectId').length, 1);

      const made = await admin.post('/reviews/new', { ...reviewForm(), projectId: lunches, 'projectId-name': 'lunch' });
      assert.equal(made.statusCode, 303);
      const cycle = await t.database.db.selectFrom('review_cycles').select(['project_id', 'title']).executeTakeFirstOrThrow();
      assert.deepEqual(cycle, { project_id: lunches, title: 'Lunches check' });

      // A project's page links to a review of it: the project is shown chosen.
      const linked = await admin.get(`/reviews/new?projectId=${lunches}`);
      assert.deepEqual(
        radiosOf(linked.body, 'projectId').map((r) => [r.label, r.checked]),
        [['Better day centre lunches', true]],
      );
    });

    test("comparing reviews: the project is found by name, and the page shows that project's reviews", async () => {
      await admin.get('/reviews/new');
      assert.equal((await admin.post('/reviews/new', { ...reviewForm(), projectId: lunches })).statusCode, 303);
      assert.equal(
        (await admin.post('/reviews/new', { ...reviewForm(), title: 'Whole county review', scope: 'organisation' })).statusCode,
        303,
      );

      const page = await admin.get('/reviews/compare');
      assert.equal(page.statusCode, 200);
      assert.equal(hasSelectOf(page.body, 'projectId'), false, 'the page lists every project');
      assert.doesNotMatch(page.body, /Project 001 Filler/);
      assert.deepEqual(
        radiosOf(page.body, 'projectId').map((r) => [r.label, r.checked]),
        [['The whole organisation', true]],
      );
      assert.match(page.body, /Whole county review/);

      const found = await admin.get('/reviews/compare?projectId=&projectId-name=centre&find=projectId');
      assert.equal(found.statusCode, 200);
      assert.deepEqual(
        radiosOf(found.body, 'projectId').map((r) => [r.value, r.checked]),
        [
          ['', true],
          [lunches, false],
        ],
      );
      assert.match(found.body, /1 project found/);

      const chosen = await admin.get(`/reviews/compare?projectId=${lunches}&projectId-name=centre`);
      assert.equal(chosen.statusCode, 200);
      assert.match(chosen.body, /Lunches check/);
      assert.doesNotMatch(chosen.body, /Whole county review/);
      assert.deepEqual(
        radiosOf(chosen.body, 'projectId')
          .filter((r) => r.checked)
          .map((r) => r.label),
        ['Better day centre lunches'],
      );
    });
  });
}
