import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { hasSelectOf, lunchesAmongManyProjects, radiosOf } from '../../../test/helpers/many-projects.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import type { Client } from '../../../test/helpers/browser-like-client.ts';
import { largestListOfProjects } from '../projects/finder.ts';

// Who is missing, for one project: a county has thousands of projects, and the filter listed
// every one in a select (a third of the page's weight, and of its time). Past a hundred, the
// project is found by name, as on the people and meetings lists.

for (const dialect of databaseDialects()) {
  describe(`who is missing finds its project by name in a large organisation (${dialect})`, () => {
    let t: TestApp;
    let admin: Client;
    let lunches = '';

    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      ({ lunches, admin } = await lunchesAmongManyProjects(t, largestListOfProjects + 5));
    });
    afterEach(() => t.close());

    test('a name box and Find instead of every project; Find keeps the other choices and shows the matches; the one chosen is used', async () => {
      const page = await admin.get('/equality/who-is-missing');
      assert.equal(page.statusCode, 200);
      assert.equal(hasSelectOf(page.body, 'projectId'), false, 'the filter lists every project');
      assert.match(page.body, /<input[^>]*id="projectId" name="projectId-name"/);
      assert.match(page.body, /<button[^>]*value="projectId" name="find"/);

      const found = await admin.get('/equality/who-is-missing?scope=project&who=attended&projectId=&projectId-name=lunches&find=projectId');
      assert.equal(found.statusCode, 200);
      assert.doesNotMatch(found.body, /govuk-error-summary/, 'finding is not a mistake');
      assert.match(found.body, /<input[^>]*name="who"[^>]*value="attended"[^>]*checked/);
      assert.deepEqual(
        radiosOf(found.body, 'projectId').map((r) => [r.value, r.label]),
        [[lunches, 'Better day centre lunches']],
      );

      const chosen = await admin.get(`/equality/who-is-missing?scope=project&who=involved&projectId=${lunches}&projectId-name=lunches`);
      assert.equal(chosen.statusCode, 200);
      assert.deepEqual(
        radiosOf(chosen.body, 'projectId')
          .filter((r) => r.checked)
          .map((r) => r.label),
        ['Better day centre lunches'],
      );
      // With nobody in the project there is nothing safe to show, and the page says so.
      assert.match(chosen.body, /govuk-inset-text|too few/i);

      // A project scope with none chosen is still a mistake, said plainly.
      const none = await admin.get('/equality/who-is-missing?scope=project&who=involved&projectId=&projectId-name=');
      assert.match(none.body, /govuk-error-summary/);
    });
  });
}
