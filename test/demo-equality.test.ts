import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedDemo, demoPassword } from '../scripts/demo-data.ts';
import { growCounty, smallSizes } from '../scripts/county-data.ts';
import { databaseDialects } from './helpers/databases.ts';
import { makeTestApp } from './helpers/test-app.ts';
import { organisationWithAdmin, signedInClient } from './helpers/fixtures.ts';

// The demo and the county data carry equality monitoring answers (issue 19) that show a real
// under-representation: nobody from an Asian ethnic group against 9.3% in England and Wales.
for (const dialect of databaseDialects())
  describe(`demo equality answers (${dialect})`, () => {
    test("the carers' breaks review shows Asian groups under-represented, with small groups hidden", async () => {
      const t = await makeTestApp({ dialect });
      try {
        await seedDemo(t.services, t.database.db, t.now);
        const project = await t.database.db
          .selectFrom('projects')
          .select('id')
          .where('title', '=', "Young carers' drop-in")
          .executeTakeFirstOrThrow();
        const admin = await signedInClient(t, 'ruth@riverside-carers.example', demoPassword);
        const page = await admin.get(`/equality/who-is-missing?scope=project&projectId=${project.id}`);
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /Asian, Asian British or Asian Welsh are under-represented: 0% here against 9.3% in the area/);
        assert.match(page.body, /Too few to show/);
      } finally {
        await t.close();
      }
    });

    test('the county data answers in proportion: three in five people', async () => {
      const t = await makeTestApp({ dialect });
      try {
        const org = await organisationWithAdmin(t);
        await growCounty(t.database.db, org.organisationId, org.adminPersonId, smallSizes, t.now());
        const answered = await t.database.db
          .selectFrom('equality_answers')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow();
        const expected = Array.from({ length: smallSizes.people }, (_, p) => p % 5 < 3).filter(Boolean).length;
        assert.equal(Number(answered.n), expected);
      } finally {
        await t.close();
      }
    });
  });
