import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seedDemo, demoPassword } from '../../../scripts/demo-data.ts';
import { aYearApart, makeTestApp } from '../../../test/helpers/test-app.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';

// The demo's reviews: a closed organisation review with a clear gap, an open one checking a
// provider's promises, and an open project review.
for (const { label, startAt } of aYearApart())
  test(`demo data (${label}): a closed council review shows a clear gap; the lunches review is open`, async () => {
    const t = await makeTestApp({ startAt });
    try {
      await seedDemo(t.services, t.database.db, t.now);
      const council = (
        await t.database.db
          .selectFrom('organisations')
          .select('id')
          .where('name', '=', 'Northshire County Council')
          .executeTakeFirstOrThrow()
      ).id;
      const standing = await t.services.reviews.standing(council);
      assert.equal(standing?.cycle.title, 'Spring review');
      assert.equal(standing?.cycle.status, 'closed');
      assert.ok((standing?.overall.gap ?? 0) >= 1.5, `gap ${standing?.overall.gap}`);
      assert.ok(standing!.flagged.length >= 10);
      assert.equal(standing?.level.level, 'descriptive');
      // The next spring review is not open yet; the mid-year review, checking a provider's promises, is.
      const history = await t.services.reviews.cycleHistory(council);
      assert.deepEqual(history.map((h) => [h.cycle.title, h.cycle.status]).sort(), [
        ['Mid-year review', 'open'],
        ['Spring review', 'closed'],
      ]);
      const lunches = (
        await t.database.db.selectFrom('projects').select('id').where('title', '=', 'Better day centre lunches').executeTakeFirstOrThrow()
      ).id;
      const open = await t.services.reviews.standing(council, { projectId: lunches });
      assert.equal(open?.cycle.status, 'open');
      const admin = await signedInClient(t, 'admin@northshire.example', demoPassword);
      assert.equal((await admin.get(`/reviews/${standing!.cycle.id}/results`)).statusCode, 200);
      assert.match((await admin.get('/reviews')).body, /Lunches: how are we doing\?/);
    } finally {
      await t.close();
    }
  });
