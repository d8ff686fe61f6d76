import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { addProjects } from '../../../test/helpers/many-projects.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { setUpLearningWorld, type LearningWorld } from '../../../test/worlds/learning.ts';

// V4 at county size: the outcomes overview lists a thousand projects 50 a page, each with
// its figures counted by the database, instead of every project and every outcome at once.
for (const dialect of databaseDialects()) {
  describe(`outcomes overview in pages (${dialect})`, () => {
    let t: TestApp;
    let w: LearningWorld;
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      w = await setUpLearningWorld(t);
    });
    afterEach(() => t.close());

    const rows = (html: string) =>
      [
        ...html.matchAll(
          /<tr class="govuk-table__row">\s*<td class="govuk-table__cell"><a class="govuk-link" href="\/outcomes\/projects\/([^"]+)">([^<]+)<\/a><\/td>\s*<td[^>]*>(\d+)<\/td>\s*<td[^>]*>(\d+)<\/td>/g,
        ),
      ].map((m) => ({ id: m[1]!, title: m[2]!, outcomes: Number(m[3]), openRounds: Number(m[4]) }));

    test('every project appears once across the pages, with its own outcomes counted', async () => {
      await addProjects(t, w.organisationId, 70);
      await t.services.outcomes.addOutcome(w.admin, w.projectId, {
        title: 'I feel listened to',
        measure: 'scale',
        question: 'How much do you feel listened to?',
        unit: null,
        agreedHow: null,
      });
      const all = await t.database.db.selectFrom('projects').select('id').where('organisation_id', '=', w.organisationId).execute();
      const fay = await signedInClient(t, 'fay@example.com');
      const first = await fay.get('/outcomes');
      assert.equal(first.statusCode, 200);
      assert.match(first.body, new RegExp(`${all.length} projects, newest first`));
      assert.match(first.body, /href="\/outcomes\?page=2"/);
      const second = await fay.get('/outcomes?page=2');
      const seen = [...rows(first.body), ...rows(second.body)];
      assert.equal(rows(first.body).length, 50);
      assert.deepEqual(seen.map((r) => r.id).sort(), all.map((p) => p.id).sort());
      assert.equal(seen.find((r) => r.id === w.projectId)!.outcomes, 1);
      assert.equal(seen.filter((r) => r.outcomes > 0).length, 1);
      // Another organisation's overview holds none of these projects.
      const other = await signedInClient(t, 'admin@riverside.test');
      assert.doesNotMatch((await other.get('/outcomes')).body, new RegExp(w.projectId));
    });
  });
}
