import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { hasSelectOf, lunchesAmongManyProjects, radiosOf } from '../../../test/helpers/many-projects.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import type { Client } from '../../../test/helpers/browser-like-client.ts';
import { newId } from '../../platform/ids.ts';
import { largestListOfProjects } from '../projects/finder.ts';

// A county has a thousand projects: the people list's project filter listed them all in a
// select. With more than a form lists, staff find the project by name; Find is a GET like
// the filter, so the other filters stay as they were and the list stays in pages.

/** People in the lunches project: more than a page of them. */
const lunchGoers = 60;

for (const dialect of databaseDialects()) {
  describe(`the people list finds its project filter by name in a large organisation (${dialect})`, () => {
    let t: TestApp;
    let admin: Client;
    let lunches = '';

    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      const world = await lunchesAmongManyProjects(t, largestListOfProjects + 50);
      const { org, staff } = world;
      ({ lunches, admin } = world);
      await t.services.people.create(staff, { fullName: 'Zara Zephaniah', perspectives: ['community'], mobile: null });
      const at = t.now().toISOString();
      const ids = Array.from({ length: lunchGoers }, () => newId());
      await t.database.db
        .insertInto('people')
        .values(
          ids.map((id, i) => ({
            id,
            organisation_id: org.organisationId,
            full_name: `Lunch Goer ${String(i + 1).padStart(3, '0')}`,
            contact_order: '[]',
            created_at: at,
            updated_at: at,
          })),
        )
        .execute();
      await t.database.db
        .insertInto('project_members')
        .values(
          ids.map((id) => ({
            organisation_id: org.organisationId,
            project_id: lunches,
            person_id: id,
            role: 'member' as const,
            joined_on: '2026-01-05',
          })),
        )
        .execute();
    });
    afterEach(() => t.close());

    test('the filter no longer lists every project: a name box and a Find button instead', async () => {
      const page = await admin.get('/people');
      assert.equal(page.statusCode, 200);
      assert.equal(hasSelectOf(page.body, 'project'), false, 'the filter lists every project');
      assert.doesNotMatch(page.body, /Project 001 Filler|Better day centre lunches/);
      assert.match(page.body, /<input[^>]*id="project-name" name="project-name"/);
      assert.match(page.body, /<button[^>]*value="project" name="find"/);
      assert.deepEqual(
        radiosOf(page.body, 'project').map((r) => [r.label, r.checked]),
        [['Any project', true]],
      );
    });

    test('Find keeps the other filters; the project chosen filters the list, in pages that keep the filter', async () => {
      const found = await admin.get('/people?q=goer&perspective=&project=&project-name=LUNCHES&find=project');
      assert.equal(found.statusCode, 200);
      assert.match(found.body, /<input[^>]*name="q"[^>]*value="goer"/);
      assert.deepEqual(
        radiosOf(found.body, 'project').map((r) => [r.value, r.label, r.checked]),
        [
          ['', 'Any project', true],
          [lunches, 'Better day centre lunches', false],
        ],
      );
      assert.match(found.body, new RegExp(`${lunchGoers} people`));

      const chosen = await admin.get(`/people?q=&perspective=&project=${lunches}&project-name=LUNCHES`);
      assert.equal(chosen.statusCode, 200);
      assert.match(chosen.body, new RegExp(`${lunchGoers} people`));
      assert.doesNotMatch(chosen.body, /Zara Zephaniah/);
      assert.deepEqual(
        radiosOf(chosen.body, 'project')
          .filter((r) => r.checked)
          .map((r) => r.label),
        ['Better day centre lunches'],
      );
      const next = new RegExp(`href="(/people\\?[^"]*page=2[^"]*)"`).exec(chosen.body)?.[1]?.replaceAll('&amp;', '&');
      assert.ok(next, 'no link to the next page');
      assert.match(next, new RegExp(`project=${lunches}`));
      const second = await admin.get(next);
      assert.equal(second.statusCode, 200);
      assert.match(second.body, /Lunch Goer 060/);
      assert.doesNotMatch(second.body, /Zara Zephaniah/);
      // The second page shows the project still chosen, with nothing typed.
      assert.deepEqual(
        radiosOf(second.body, 'project').map((r) => [r.label, r.checked]),
        [
          ['Any project', false],
          ['Better day centre lunches', true],
        ],
      );
    });
  });
}
