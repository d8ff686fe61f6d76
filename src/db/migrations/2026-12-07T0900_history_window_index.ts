import type { Kysely } from 'kysely';

// A person's history is paged by time (issue 14): each page asks the time bank for the few
// transactions on their account just older than a moment. The older index holds only the
// account, so a member with years of credits had every entry read and sorted for each page.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('timebank_entries_account_time')
    .on('timebank_entries')
    .columns(['organisation_id', 'account_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('timebank_entries_account_time').execute();
}
