import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp, datesWrittenFor } from '../../../test/helpers/test-app.ts';
import { setUpLearningWorld, type LearningWorld } from '../../../test/worlds/learning.ts';

// V4 at county size: a project's stories come a page at a time; none is dropped at a cap,
// none is on two pages, and the outcomes overview counts them with the database.
const many = 120;
const linked = (body: string) => [...body.matchAll(/href="\/outcomes\/stories\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);

for (const dialect of databaseDialects()) {
  describe(`stories a page at a time (${dialect})`, () => {
    let t: TestApp;
    let w: LearningWorld;
    beforeEach(async () => {
      t = await makeTestApp({ dialect, startAt: datesWrittenFor });
      w = await setUpLearningWorld(t);
    });
    afterEach(() => t.close());

    test('staff and the teller page through every story of a project; the overview counts those kept', async () => {
      const at = datesWrittenFor.toISOString();
      // All told on the same day at the same moment: only the id tells them apart.
      const rows = Array.from({ length: many }, (_, i) => ({
        id: crypto.randomUUID(),
        organisation_id: w.organisationId,
        project_id: w.projectId,
        teller_person_id: w.ids.mo,
        title: `Story ${String(i).padStart(3, '0')}`,
        kind: 'text' as const,
        body_text: 'The soup got better',
        told_on: '2026-11-20',
        show_name: 1 as const,
        display_name: null,
        file_name: null,
        stored_name: null,
        media_type: null,
        size_bytes: null,
        consent_given_at: at,
        consent_recorded_by: null,
        for_reports: 0 as const,
        created_by: null,
        withdrawn_at: i === 0 ? at : null,
        created_at: at,
      }));
      await t.database.db.insertInto('stories').values(rows).execute();
      const kept = rows.filter((r) => !r.withdrawn_at).map((r) => r.id);
      for (const who of ['fay@example.com', 'mo@example.com']) {
        const client = await signedInClient(t, who);
        const path = `/outcomes/projects/${w.projectId}/stories`;
        const first = await client.get(path);
        assert.equal(first.statusCode, 200);
        assert.match(first.body, new RegExp(`>${many} stories<`));
        assert.match(first.body, new RegExp(`href="${path}\\?page=2"`));
        const seen: string[] = [];
        for (const page of [1, 2, 3]) seen.push(...linked((await client.get(`${path}?page=${page}`)).body));
        assert.equal(new Set(seen).size, seen.length, `${who}: no story is on two pages`);
        assert.deepEqual([...seen].sort(), [...kept].sort(), `${who}: every story is on a page`);
      }
      const fay = await signedInClient(t, 'fay@example.com');
      const overview = (await fay.get('/outcomes')).body;
      assert.match(overview, new RegExp(`${many - 1}<span class="govuk-visually-hidden"> [^<]*Better day centre lunches`));
    });
  });
}
