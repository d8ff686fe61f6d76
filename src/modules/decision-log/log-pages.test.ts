import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp, datesWrittenFor } from '../../../test/helpers/test-app.ts';
import { setUpDecisionWorld, type DecisionWorld } from '../../../test/worlds/decision-log.ts';

// P2 at county size: a project's decision log comes a page at a time; no decision is
// dropped at a cap or shown twice, and a vote's record is found however old it is.
const many = 120;

for (const dialect of databaseDialects()) {
  describe(`decision log a page at a time (${dialect})`, () => {
    let t: TestApp;
    let w: DecisionWorld;
    beforeEach(async () => {
      t = await makeTestApp({ dialect, startAt: datesWrittenFor });
      w = await setUpDecisionWorld(t);
    });
    afterEach(() => t.close());

    test('members and staff page through every decision; the oldest vote is still found', async () => {
      const at = datesWrittenFor.toISOString();
      const proposalId = crypto.randomUUID();
      // Decided on the same day and recorded at the same moment: only the id tells them apart,
      // except the first, decided a year earlier, so it is last in the log.
      const rows = Array.from({ length: many }, (_, i) => ({
        id: crypto.randomUUID(),
        organisation_id: w.organisationId,
        project_id: w.projectId,
        proposal_id: i === 0 ? proposalId : null,
        meeting_id: null,
        decided: `Decision ${String(i).padStart(3, '0')}`,
        why: 'Because',
        taking_part: null,
        decided_on: i === 0 ? '2025-11-20' : '2026-11-20',
        recorded_at: at,
        recorded_by: null,
        sent_at: at,
      }));
      await t.database.db.insertInto('decision_records').values(rows).execute();
      const path = `/projects/${w.projectId}/decisions`;
      const linked = (body: string) => [...body.matchAll(new RegExp(`href="${path}/([0-9a-f-]{36})"`, 'g'))].map((m) => m[1]!);
      for (const who of ['fay@example.com', 'mo@example.com']) {
        const client = await signedInClient(t, who);
        const first = await client.get(path);
        assert.equal(first.statusCode, 200);
        assert.match(first.body, new RegExp(`>${many} decisions<`));
        assert.match(first.body, new RegExp(`href="${path}\\?page=2"`));
        const seen: string[] = [];
        for (const page of [1, 2, 3]) {
          const found = linked((await client.get(`${path}?page=${page}`)).body);
          assert.equal(found.length, page < 3 ? 50 : many - 100, `${who}, page ${page}`);
          seen.push(...found);
        }
        assert.equal(new Set(seen).size, seen.length, `${who}: no decision is on two pages`);
        assert.deepEqual([...seen].sort(), rows.map((r) => r.id).sort(), `${who}: every decision is on a page`);
        assert.equal(seen.at(-1), rows[0]!.id, 'the oldest decision is last');
      }
      assert.deepEqual(await t.services.decisionLog.recordOfProposal(w.admin, w.projectId, proposalId), { id: rows[0]!.id });
      assert.equal(await t.services.decisionLog.recordOfProposal(w.admin, w.projectId, crypto.randomUUID()), null);
    });
  });
}
