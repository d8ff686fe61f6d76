import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

export async function listVenues(db: Db, organisationId: string) {
  return db.selectFrom('venues').selectAll().where('organisation_id', '=', organisationId).orderBy('name').execute();
}

export async function findVenue(db: Db, organisationId: string, id: string) {
  return db.selectFrom('venues').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

export async function insertVenue(db: Db, row: Database['venues']) {
  await db.insertInto('venues').values(row).execute();
}

export async function updateVenue(
  db: Db,
  organisationId: string,
  id: string,
  changes: Pick<Database['venues'], 'name' | 'address' | 'run_by' | 'features' | 'notes' | 'updated_at'>,
): Promise<boolean> {
  const result = await db
    .updateTable('venues')
    .set(changes)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
