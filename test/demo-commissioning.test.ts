import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { demoPassword, seedDemo } from '../scripts/demo-data.ts';
import { databaseDialects } from './helpers/databases.ts';
import { signedInClient } from './helpers/fixtures.ts';
import { makeTestApp } from './helpers/test-app.ts';

// Issue 23 in the demo: the decided round's provider had its co-production promises checked
// in the organisation's review open now (decision 0022), so its page shows what was found;
// and its winning bid has an easy read summary for panel members who read easy read (P7).
for (const dialect of databaseDialects())
  describe(`demo commissioning (${dialect})`, () => {
    test('the decided round shows what the open review found, and its bid in easy read', async () => {
      const t = await makeTestApp({ dialect });
      try {
        const demo = await seedDemo(t.services, t.database.db, t.now);
        const db = t.database.db;
        const round = await db
          .selectFrom('commissioning_rounds')
          .select('id')
          .where('organisation_id', '=', demo.organisationId)
          .where('title', '=', 'Day opportunities in Northtown')
          .executeTakeFirstOrThrow();
        const checks = await db.selectFrom('commissioning_checks').select(['how', 'outcome']).where('round_id', '=', round.id).execute();
        assert.equal(checks.length, 6, 'three people checked both promises');
        assert.ok(checks.some((c) => c.how === 'phone'));
        const admin = await signedInClient(t, demo.adminEmail, demoPassword);
        const page = await admin.get(`/commissioning/rounds/${round.id}`);
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /What people found in the review &quot;Mid-year review&quot;/);
        assert.match(page.body, /Partly done/);
        assert.match(page.body, /In easy read:<\/strong>/);
        assert.match(page.body, /A <strong>club<\/strong> for the day\./);
        const grace = await signedInClient(t, 'grace@example.org', demoPassword);
        const seen = await grace.get(`/commissioning/rounds/${round.id}/check/evidence`);
        assert.equal(seen.statusCode, 200);
        assert.match(seen.body, /Nobody has been paid yet\./);
      } finally {
        await t.close();
      }
    });
  });
