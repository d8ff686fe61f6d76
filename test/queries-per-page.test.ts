import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { busiestRecords, growCounty, pagesToVisit, type CountySizes } from '../scripts/county-data.ts';
import { demoPassword, seedDemo } from '../scripts/demo-data.ts';
import { signedInClient } from './helpers/fixtures.ts';
import { makeTestApp } from './helpers/test-app.ts';

// Scale: a page must cost the same number of queries for a small organisation and one three
// times its size. A page whose count grows with the data has a query inside a loop over
// rows, which at county size means thousands of queries (the impact report made 8,058).
const small: CountySizes = {
  people: 60,
  projects: 3,
  meetings: 30,
  attendance: 240,
  invitations: 360,
  claims: 120,
  ledgerEntries: 400,
  proposals: 6,
  ballots: 60,
  reviewAnswers: 460,
  outbox: 50,
  audit: 200,
};
// Downloads of everything held about one person (a subject access request) ask one query for
// each part of the person data map that holds something of theirs, so a person with more kinds
// of record costs more queries (at most the map's length, never one a row). The JSON file and
// the spreadsheet also read each part 500 rows at a time, so no table is ever held whole in
// memory: their count grows by one query for each further 500 rows of that person's data, by
// design. The PDF shows at most 100 records a part: one query a part.
const growsByDesign = /^\/people\/:id\/data\.(pdf|json|xlsx)$/;
const times = (sizes: CountySizes, n: number) => Object.fromEntries(Object.entries(sizes).map(([k, v]) => [k, v * n])) as CountySizes;

async function queriesPerPage(sizes: CountySizes): Promise<Map<string, number>> {
  let queries = 0;
  const t = await makeTestApp({ onQuery: () => void queries++ });
  try {
    const demo = await seedDemo(t.services, t.database.db, t.now);
    await growCounty(t.database.db, demo.organisationId, demo.staffPersonId, sizes, t.now());
    const ids = await busiestRecords(t.database.db, demo.organisationId);
    const admin = await signedInClient(t, demo.adminEmail, demoPassword);
    const counts = new Map<string, number>();
    for (const url of pagesToVisit(t.app.routeTable, ids)) {
      await admin.get(url); // the first request may fill caches
      const before = queries;
      const res = await admin.get(url);
      if (res.statusCode === 200) counts.set(url.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id'), queries - before);
    }
    return counts;
  } finally {
    await t.close();
  }
}

describe('queries per page do not grow with the data', () => {
  // Wider: three times everything (more people, projects, meetings). Denser: the same
  // meetings and questions with three times the people at each, so a loop over a meeting's
  // people shows too.
  test('every page an admin can open costs the same number of queries in a wider and a denser organisation', async () => {
    const base = await queriesPerPage(small);
    const wider = await queriesPerPage(times(small, 3));
    const denser = await queriesPerPage({
      ...times(small, 3),
      meetings: small.meetings,
      proposals: small.proposals,
      projects: small.projects,
    });
    assert.ok(base.size > 60, `pages visited: ${base.size}`);
    const grew = [...base]
      .filter(([url]) => !growsByDesign.test(url))
      .flatMap(([url, n]) =>
        [
          ['wider', wider],
          ['denser', denser],
        ].flatMap(([label, other]) => {
          const m = (other as Map<string, number>).get(url) ?? n;
          return m > n ? [`${url} (${String(label)}): ${n} -> ${m}`] : [];
        }),
      );
    assert.deepEqual(grew, []);
  });
});
