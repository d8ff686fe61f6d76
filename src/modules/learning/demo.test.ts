import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { demoPassword, seedDemo } from '../../../scripts/demo-data.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { aYearApart, makeTestApp } from '../../../test/helpers/test-app.ts';

// The demo shows the learning loop and outcomes working: an overdue action on the staff
// home page, lessons, before-and-after results and two stories (one anonymous).
for (const { label, startAt } of aYearApart())
  describe(`demo data (${label}): learning and outcomes`, () => {
    test('actions, lessons, outcomes and stories are there and show on the pages', async () => {
      const t = await makeTestApp({ startAt });
      try {
        await seedDemo(t.services, t.database.db, t.now);
        const admin = await signedInClient(t, 'admin@northshire.example', demoPassword);
        const home = await admin.get('/');
        assert.match(home.body, /Overdue actions/);
        assert.match(home.body, /Ask Grace and Thomas to help plan the next project/);
        const done = await t.database.db.selectFrom('improvement_actions').select('what_changed').where('status', '=', 'done').execute();
        assert.equal(done.length, 1);
        assert.match((await admin.get('/learning/lessons?code=P1')).body, /The tasting day/);
        const lunches = await t.database.db
          .selectFrom('projects')
          .select(['id', 'organisation_id'])
          .where('title', '=', 'Better day centre lunches')
          .executeTakeFirstOrThrow();
        const results = await t.services.outcomes.beforeAfter(lunches.organisation_id, { projectId: lunches.id });
        const enjoy = results.find((r) => r.title === 'I enjoy my lunch');
        assert.ok(enjoy && enjoy.measure === 'scale');
        assert.equal(enjoy.before.n, 4);
        assert.ok(enjoy.before.average !== null && enjoy.after.average !== null && enjoy.after.average > enjoy.before.average);
        const stories = await t.services.outcomes.reportableStories(lunches.organisation_id);
        assert.deepEqual(stories.map((s) => s.displayName).sort(), ['Anonymous', 'Grace']);
        const grace = await signedInClient(t, 'grace@example.org', demoPassword);
        assert.match((await grace.get(`/outcomes/projects/${lunches.id}`)).body, /I feel listened to/);
      } finally {
        await t.close();
      }
    });
  });
