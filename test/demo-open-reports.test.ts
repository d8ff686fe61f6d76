import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedDemo, demoPassword } from '../scripts/demo-data.ts';
import { databaseDialects } from './helpers/databases.ts';
import { makeTestApp } from './helpers/test-app.ts';
import { signedInClient } from './helpers/fixtures.ts';

// The demo shows issue 21's open reports and the review's evidence in use: one project's
// report kept inside the team, and the safeguarding facts beside the culture statements.
for (const dialect of databaseDialects())
  describe(`demo open reports and review evidence (${dialect})`, () => {
    test('one report kept inside the team; the review results show the culture evidence', async () => {
      const t = await makeTestApp({ dialect });
      try {
        const demo = await seedDemo(t.services, t.database.db, t.now);
        const kept = await t.database.db.selectFrom('kept_internal').select(['report', 'subject_id']).execute();
        assert.equal(kept.length, 1);
        assert.equal(kept[0]!.report, 'project-impact');
        const admin = await signedInClient(t, demo.adminEmail, demoPassword);
        const page = await admin.get(`/our-impact/projects/${kept[0]!.subject_id}`);
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /Members cannot read this/);
        const cycle = await t.database.db
          .selectFrom('review_cycles')
          .select('id')
          .where('organisation_id', '=', demo.organisationId)
          .where('project_id', 'is', null)
          .orderBy('opens_on')
          .executeTakeFirstOrThrow();
        const results = await admin.get(`/reviews/${cycle.id}/results`);
        assert.equal(results.statusCode, 200);
        assert.match(
          results.body,
          /safety picked up within the time the organisation set: \d+ of \d+ in the last 12 months|safety were raised in the last 12 months/,
        );
      } finally {
        await t.close();
      }
    });
  });
