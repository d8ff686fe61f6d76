import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { databaseDialects } from '../../test/helpers/databases.ts';
import { organisationWithAdmin } from '../../test/helpers/fixtures.ts';
import { makeTestApp } from '../../test/helpers/test-app.ts';
import { countNow, countTogether, moreThan } from './counts.ts';

// Many counts, one query: the To do page's twenty lines were twenty round trips to PostgreSQL.

for (const dialect of databaseDialects()) {
  describe(`counts asked together (${dialect})`, () => {
    test('each count comes back under its name, made counts pass through, and the database is asked once', async () => {
      let queries = 0;
      const t = await makeTestApp({ dialect, onQuery: () => void queries++ });
      try {
        const org = await organisationWithAdmin(t);
        const db = t.database.db;
        const people = (full: boolean) =>
          db
            .selectFrom('people')
            .where('organisation_id', '=', org.organisationId)
            .$if(!full, (q) => q.where('full_name', '=', 'Nobody at all'))
            .select((eb) => eb.fn.countAll<number>().as('n'));
        const before = queries;
        const counts = await countTogether(db, { everyone: people(true), nobody: people(false), made: 7, none: 0 });
        assert.equal(queries - before, 1);
        assert.deepEqual(counts, { everyone: 1, nobody: 0, made: 7, none: 0 });
        assert.equal(typeof counts.everyone, 'number');

        const onlyMade = queries;
        assert.deepEqual(await countTogether(db, { a: 2, b: 3 }), { a: 2, b: 3 });
        assert.equal(queries - onlyMade, 0, 'nothing to ask, nothing asked');
        assert.equal(await countNow(db, people(true)), 1);
      } finally {
        await t.close();
      }
    });

    test('more than n: true past n rows, false at n or fewer', async () => {
      const t = await makeTestApp({ dialect });
      try {
        const org = await organisationWithAdmin(t);
        const rows = t.database.db.selectFrom('people').select('id').where('organisation_id', '=', org.organisationId);
        // The organisation's admin is its one person.
        assert.equal(await moreThan(rows, 0), true);
        assert.equal(await moreThan(rows, 1), false);
        assert.equal(await moreThan(rows, 300), false);
      } finally {
        await t.close();
      }
    });
  });
}
