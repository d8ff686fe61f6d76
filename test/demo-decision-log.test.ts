import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { demoPassword, seedDemo } from '../scripts/demo-data.ts';
import { databaseDialects } from './helpers/databases.ts';
import { signedInClient } from './helpers/fixtures.ts';
import { aYearApart, makeTestApp } from './helpers/test-app.ts';

for (const dialect of databaseDialects())
  for (const { label, startAt } of aYearApart()) {
    describe(`demo decisions (${dialect}, ${label})`, () => {
      test('the lunches project has decisions with jobs, one done with "what we did", and members were told', async () => {
        const t = await makeTestApp({ dialect, startAt });
        try {
          const demo = await seedDemo(t.services, t.database.db, t.now);
          const db = t.database.db;
          const decisions = await db.selectFrom('decision_records').select(['project_id']).execute();
          // Two with jobs from the decisions demo (lunches and letters); the communication plans
          // demo adds one to lunches that its plan holds for the weekly digest, and one on the
          // transport log that nobody was told about; the commissioning demo publishes its
          // round's result as a decision of the round's own project.
          assert.equal(decisions.filter((d) => d.project_id === demo.sampleProjectId).length, 2);
          assert.equal(decisions.length, 5);
          const done = await db.selectFrom('decision_actions').selectAll().where('status', '=', 'done').execute();
          assert.equal(done.length, 1);
          assert.match(done[0]!.what_we_did ?? '', /Leek soup is on the menu/);
          assert.ok((await db.selectFrom('outbox').select('id').where('kind', '=', 'decision').execute()).length >= 8);
          assert.ok((await db.selectFrom('outbox').select('id').where('kind', '=', 'decision-update').execute()).length >= 4);
          const grace = await signedInClient(t, 'grace@example.org', demoPassword);
          const log = await grace.get(`/projects/${demo.sampleProjectId}/decisions`);
          assert.equal(log.statusCode, 200);
          assert.match(log.body, /Leek soup and lentil soup will go on the menu/);
          assert.match(log.body, /What we did:<\/strong> Leek soup is on the menu every Monday/);
          assert.match(log.body, /People who draw on care and support: \d+ of \d+\./);
        } finally {
          await t.close();
        }
      });
    });
  }
