import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { anotherOrganisation } from '../../../test/helpers/fixtures.ts';
import { lunchesAmongManyProjects, readsEveryProject } from '../../../test/helpers/many-projects.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import type { Client } from '../../../test/helpers/browser-like-client.ts';
import { londonToday } from '../../platform/time.ts';
import { largestListOfProjects } from '../projects/finder.ts';

// A county has a thousand projects. The actions list loaded every project's title though its
// filter no longer shows them, and saving an action loaded them all to check that its project
// is one of ours: one lookup by id does.

for (const dialect of databaseDialects()) {
  describe(`learning actions never load every project (${dialect})`, () => {
    let t: TestApp;
    let admin: Client;
    let lunches = '';
    let ownerPersonId = '';
    let sql: string[] = [];

    beforeEach(async () => {
      sql = [];
      t = await makeTestApp({ dialect, onQuery: (q) => void sql.push(q) });
      const world = await lunchesAmongManyProjects(t, largestListOfProjects + 50);
      ({ lunches, admin } = world);
      ownerPersonId = world.org.adminPersonId;
    });
    afterEach(() => t.close());

    const action = (projectId: string) => {
      const [year, month, day] = londonToday(t.now()).split('-');
      return {
        what: 'Print menus in large print',
        ownerPersonId,
        status: 'not-started',
        'dueOn-day': String(Number(day)),
        'dueOn-month': String(Number(month)),
        'dueOn-year': year!,
        projectId,
      };
    };

    test("saving an action checks its project by id, and refuses another organisation's", async () => {
      await admin.get('/learning/actions/new');
      sql = [];
      const saved = await admin.post('/learning/actions/new', action(lunches));
      assert.equal(saved.statusCode, 303);
      assert.deepEqual(sql.filter(readsEveryProject), [], 'saving loaded every project');
      const row = await t.database.db.selectFrom('improvement_actions').select('project_id').executeTakeFirstOrThrow();
      assert.equal(row.project_id, lunches);

      const riverside = await anotherOrganisation(t);
      const theirs = await t.services.projects.create(
        { organisationId: riverside.organisationId, personId: riverside.adminPersonId },
        {
          title: 'Riverside lunches',
          purpose: 'Menus',
          activities: ['co-design'],
          levelAim: 'intermediate',
          stage: 'designing',
          startDate: '2026-01-05',
        },
      );
      const refused = await admin.post('/learning/actions/new', action(theirs));
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /Choose one of the options/);
      assert.equal((await t.database.db.selectFrom('improvement_actions').select('id').execute()).length, 1);
    });

    test('the actions list and its filter read no list of every project', async () => {
      await admin.get('/learning/actions/new');
      assert.equal((await admin.post('/learning/actions/new', action(lunches))).statusCode, 303);
      sql = [];
      const list = await admin.get('/learning?status=not-started');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /Print menus in large print/);
      assert.deepEqual(sql.filter(readsEveryProject), [], 'the list loaded every project');
    });
  });
}
