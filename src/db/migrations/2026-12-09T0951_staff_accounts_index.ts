import type { Kysely } from 'kysely';

// Choosing a safeguarding lead lists the organisation's staff: by role, not by reading every account.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('accounts_organisation_role').on('accounts').columns(['organisation_id', 'role']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('accounts_organisation_role').execute();
}
