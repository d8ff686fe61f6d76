import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeTestApp } from '../../../test/helpers/test-app.ts';
import { setUpImpactWorld } from '../../../test/worlds/impact.ts';

// Fifty staff opening the dashboard at once share one count of the figures; one after
// another, each gets a fresh count, so a change is seen at once.
test('requests for the same figures at the same moment share one count, and later ones count again', async () => {
  let queries = 0;
  const t = await makeTestApp({ onQuery: () => void queries++ });
  try {
    const w = await setUpImpactWorld(t);
    const period = { from: '2026-01-01', to: '2026-12-31' };
    const cost = async (run: () => Promise<unknown>) => {
      const before = queries;
      await run();
      return queries - before;
    };
    const one = await cost(() => t.services.impact.dashboard(w.admin, period));
    const tenAtOnce = await cost(() => Promise.all(Array.from({ length: 10 }, () => t.services.impact.dashboard(w.admin, period))));
    const again = await cost(() => t.services.impact.dashboard(w.admin, period));
    assert.equal(again, one, 'a later request counts again');
    assert.ok(tenAtOnce < 10 * one, `ten at once: ${tenAtOnce} queries, one alone: ${one}`);
    const [a, b] = await Promise.all([t.services.impact.dashboard(w.admin, period), t.services.impact.dashboard(w.admin, period)]);
    assert.deepEqual(a.participation, b.participation);
  } finally {
    await t.close();
  }
});
