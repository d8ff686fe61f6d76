import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import { databaseDialects, freshDatabase } from '../../../test/helpers/databases.ts';
import { down, up } from '../../db/migrations/2026-12-10T0300_community_groups.ts';

// S5: time bank partners become entries of the directory. A database from before the
// directory has partners only as named ledger accounts; the upgrade gives each an entry,
// marked as a time bank partner, and points its account at it.
for (const dialect of databaseDialects()) {
  describe(`moving time bank partners into the directory (${dialect})`, () => {
    test('each partner account gets one directory entry; people and the organisation do not', async () => {
      const database = await freshDatabase(dialect);
      try {
        const db = database.db as unknown as Kysely<any>;
        await down(db);
        const org = '00000000-0000-4000-8000-000000000001';
        await db
          .insertInto('organisations')
          .values({ id: org, name: 'Northshire', area: 'Northshire', created_at: '2026-01-01T00:00:00.000Z' })
          .execute();
        const account = (id: string, kind: string, name: string | null) => ({
          id,
          organisation_id: org,
          kind,
          person_id: null,
          name,
          created_at: '2026-02-01T00:00:00.000Z',
        });
        await db
          .insertInto('timebank_accounts')
          .values([
            account('00000000-0000-4000-8000-0000000000a1', 'partner', 'Northby Leisure Centre'),
            account('00000000-0000-4000-8000-0000000000a2', 'partner', 'Riverside Café'),
            account('00000000-0000-4000-8000-0000000000a3', 'organisation', null),
          ])
          .execute();
        await up(db);
        const groups = await db.selectFrom('community_groups').selectAll().orderBy('name').execute();
        assert.deepEqual(
          groups.map((g) => [g.name, g.name_key, g.kind, Number(g.timebank_partner), g.organisation_id]),
          [
            ['Northby Leisure Centre', 'northby leisure centre', 'partner', 1, org],
            ['Riverside Café', 'riverside café', 'partner', 1, org],
          ],
        );
        const accounts = await db.selectFrom('timebank_accounts').select(['id', 'community_group_id']).orderBy('id').execute();
        assert.deepEqual(
          accounts.map((a) => a.community_group_id),
          [groups[0]!.id, groups[1]!.id, null],
        );
      } finally {
        await database.close();
      }
    });
  });
}
