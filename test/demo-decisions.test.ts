import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedDemo } from '../scripts/demo-data.ts';
import { aYearApart, makeTestApp, type TestApp } from './helpers/test-app.ts';

// The demo shows shared decisions: one open, two closed with results.
for (const { label, startAt } of aYearApart())
  describe(`demo proposals (${label})`, () => {
    let t: TestApp;
    before(async () => {
      t = await makeTestApp({ startAt });
      await seedDemo(t.services, t.database.db, t.now);
    });
    after(() => t.close());

    test('an open consent proposal, a closed majority vote and a closed secret budget, with votes', async () => {
      const rows = await t.database.db
        .selectFrom('proposals')
        .select(['id', 'method', 'secret', 'opens_at', 'closes_at'])
        .orderBy('method')
        .execute();
      const nowIso = t.now().toISOString();
      assert.deepEqual(
        rows.map((r) => [r.method, r.closes_at > nowIso ? 'open' : 'closed']),
        [
          ['budget', 'closed'],
          ['consent', 'open'],
          ['majority', 'closed'],
        ],
      );
      const budget = rows.find((r) => r.method === 'budget')!;
      const ballots = await t.database.db
        .selectFrom('proposal_ballots')
        .select('voter_person_id')
        .where('proposal_id', '=', budget.id)
        .execute();
      assert.equal(ballots.length, 5);
      assert.ok(ballots.every((b) => b.voter_person_id === null));
      const org = (await t.database.db.selectFrom('proposals').select('organisation_id').executeTakeFirstOrThrow()).organisation_id;
      const p = await t.services.proposals.load(org, budget.id);
      const results = await t.services.votes.results(org, p);
      assert.ok(results.counted.method === 'budget');
      // Chairs (3 backers) £900 and the hearing loop (4 backers) £600 fill the £1,500.
      assert.deepEqual(
        results.counted.result.funded.map((id) => p.options.find((o) => o.id === id)!.title),
        ['A hearing loop', 'New chairs with arms'],
      );
    });
  });
