import type { Executor } from '../../db/connection.ts';

export async function countOrganisations(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('organisations')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertOrganisation(db: Executor, row: { id: string; name: string; area: string; created_at: string }) {
  await db.insertInto('organisations').values(row).execute();
}

/** Every organisation on this instance by name: a few, where people choose theirs before signing in. */
export async function organisationNames(db: Executor) {
  return db.selectFrom('organisations').select(['id', 'name']).orderBy('name').limit(500).execute();
}

export async function findOrganisation(db: Executor, id: string) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setReplyContact(db: Executor, id: string, contact: { reply_phone: string | null; reply_address: string | null }) {
  await db.updateTable('organisations').set(contact).where('id', '=', id).execute();
}
