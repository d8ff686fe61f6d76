import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { isPostgres } from '../../db/connection.ts';
import { loadCatalogue } from '../../platform/i18n.ts';
import { databaseDialects, freshDatabase } from '../../../test/helpers/databases.ts';
import { looksLikePerson, notAPerson, personColumnsEmptied, personLinks } from './person-data-map.ts';

// The map of where people's data lives must know every column that names a person, in the
// database as migrated today: a new table with a person_id (or a *_by, or an account_id)
// that is not in the map fails here, so its module decides what a copy and an erasure do.
const contactColumn = (column: string) => /^(email|mobile|phone|from_number|recipient)$/.test(column);

for (const dialect of databaseDialects()) {
  describe(`the person data map covers every table (${dialect})`, () => {
    test('every column that names a person or their contact details is mapped, and every mapped column exists', async () => {
      const database = await freshDatabase(dialect);
      try {
        const { db } = database;
        const schema = isPostgres(db) ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s : undefined;
        const tables = (await db.introspection.getTables()).filter(
          (t) => !t.name.startsWith('kysely_') && (!schema || t.schema === schema),
        );
        const columns = new Map(tables.map((t) => [t.name, new Set(t.columns.map((c) => c.name))]));
        const mapped = new Set(personLinks.map((l) => `${l.table}.${l.column}`));
        const missing: string[] = [];
        for (const t of tables)
          for (const c of t.columns) {
            const key = `${t.name}.${c.name}`;
            if ((looksLikePerson(c.name) || contactColumn(c.name)) && !mapped.has(key) && !(key in notAPerson)) missing.push(key);
          }
        assert.deepEqual(missing, [], 'add these to personLinks in person-data-map.ts (or to notAPerson, saying why)');

        const stale = personLinks.filter((l) => !columns.get(l.table)?.has(l.column)).map((l) => `${l.table}.${l.column}`);
        assert.deepEqual(stale, [], 'mapped columns that no longer exist');
        const staleNewest = personLinks
          .filter((l) => l.newest && !columns.get(l.table)?.has(l.newest))
          .map((l) => `${l.table}.${l.newest}`);
        assert.deepEqual(staleNewest, [], 'a part is ordered by a column that exists');
        const stalePages = personLinks.flatMap((l) =>
          (l.pageBy ?? []).filter((c) => !columns.get(l.table)?.has(c)).map((c) => `${l.table}.${c}`),
        );
        assert.deepEqual(stalePages, [], 'a large part is read in the order of columns that exist');
        const staleScrubs = personLinks.flatMap((l) =>
          l.erase.kind === 'scrub'
            ? Object.keys(l.erase.set)
                .filter((c) => !columns.get(l.table)?.has(c))
                .map((c) => `${l.table}.${c}`)
            : [],
        );
        assert.deepEqual(staleScrubs, [], 'columns an erasure empties must exist');
        const people = columns.get('people')!;
        assert.deepEqual(
          Object.keys(personColumnsEmptied).filter((c) => !people.has(c)),
          [],
        );
        // Every text column of people is emptied or is the name, which becomes "A person who was removed".
        const textOfPeople = tables
          .find((t) => t.name === 'people')!
          .columns.filter((c) => /char|text/i.test(c.dataType))
          .map((c) => c.name);
        const keptInPeople = ['id', 'organisation_id', 'full_name', 'created_at', 'updated_at'];
        assert.deepEqual(
          textOfPeople.filter((c) => !keptInPeople.includes(c) && !(c in personColumnsEmptied)),
          [],
          'a new column of people must be emptied by an erasure (personColumnsEmptied)',
        );
      } finally {
        await database.close();
      }
    });
  });
}

test('every part of a copy has words a person can read', () => {
  const words = loadCatalogue('en')['data-rights'] as { table: Record<string, string> };
  const unnamed = [...new Set(personLinks.map((l) => l.table))].filter((table) => !words.table[table]);
  assert.deepEqual(unnamed, []);
});
