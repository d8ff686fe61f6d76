import type { Kysely } from 'kysely';

// Sign-in that cannot be hammered (issue 18). Everything lives in the database, so every
// worker and every machine counts against the same allowance.
// - sign_in_lockouts: wrong passwords in a row for an email address (known or not, so the
//   answer never tells which), the wait before the next try, and the lock after too many.
// - sign_in_link_requests: asks for a sign-in link, queued as they come so the page answers
//   at once and in the same time whether or not the address has an account.
// - sessions know their account and when it signed in, so a password or role change can end
//   that account's other sessions, and a session ends some hours after sign-in however busy.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sign_in_lockouts')
    .addColumn('address', 'varchar(320)', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('not_before', 'varchar(40)')
    .addColumn('locked_until', 'varchar(40)')
    .addColumn('locks', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('sign_in_lockouts_last_failure').on('sign_in_lockouts').column('last_failure_at').execute();

  await db.schema
    .createTable('sign_in_link_requests')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('email', 'varchar(320)', (c) => c.notNull())
    .addColumn('requested_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sign_in_link_requests_requested').on('sign_in_link_requests').columns(['requested_at', 'id']).execute();

  await db.schema.alterTable('sessions').addColumn('account_id', 'varchar(36)').execute();
  await db.schema.alterTable('sessions').addColumn('signed_in_at', 'varchar(40)').execute();
  await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sessions_account').execute();
  await db.schema.alterTable('sessions').dropColumn('signed_in_at').execute();
  await db.schema.alterTable('sessions').dropColumn('account_id').execute();
  await db.schema.dropTable('sign_in_link_requests').execute();
  await db.schema.dropTable('sign_in_lockouts').execute();
}
