import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Accounts without email (docs/decisions/0016-accounts-without-email.md). An account may be
// opened by an email address, a mobile number or both; the same address may open accounts
// in several organisations (one in each at most). Sign-in links now prove an email address
// rather than open one account, and codes by text prove a mobile number.
//
// Links waiting when this runs are dropped: they last minutes, and the person asks again.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sign_in_tokens').execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table accounts drop constraint accounts_email_key`.execute(db);
    await db.schema
      .alterTable('accounts')
      .alterColumn('email', (c) => c.dropNotNull())
      .execute();
    await db.schema.alterTable('accounts').addColumn('mobile', 'text').execute();
  } else {
    // SQLite cannot drop a column's UNIQUE or NOT NULL: the table is built again. Nothing
    // refers to accounts now that sign_in_tokens is gone, so the copy keeps every id.
    await db.schema
      .createTable('accounts_new')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('person_id', 'text', (c) => c.notNull().unique().references('people.id'))
      .addColumn('email', 'text')
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text')
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('mobile', 'text')
      .execute();
    await sql`insert into accounts_new (id, organisation_id, person_id, email, role, password_hash, active, created_at)
      select id, organisation_id, person_id, email, role, password_hash, active, created_at from accounts`.execute(db);
    await db.schema.dropTable('accounts').execute();
    await db.schema.alterTable('accounts_new').renameTo('accounts').execute();
    // The figure version triggers (2026-12-06T0100) went with the old table.
    for (const [op, row] of [
      ['insert', 'new'],
      ['update', 'new'],
      ['delete', 'old'],
    ] as const)
      await sql`
        create trigger ${sql.id(`accounts_figure_version_${op}`)} after ${sql.raw(op)} on accounts
        begin
          insert into figure_versions (organisation_id, version) values (${sql.raw(row)}.organisation_id, 1)
            on conflict (organisation_id) do update set version = version + 1;
        end`.execute(db);
  }

  // One account per address in each organisation; the address first, so sign-in finds every
  // account an address opens from the index.
  await db.schema.createIndex('accounts_email_organisation').unique().on('accounts').columns(['email', 'organisation_id']).execute();
  await db.schema.createIndex('accounts_mobile_organisation').unique().on('accounts').columns(['mobile', 'organisation_id']).execute();

  await db.schema
    .createTable('sign_in_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  await db.schema
    .createTable('sign_in_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mobile', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('tries', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sign_in_codes_mobile_created').on('sign_in_codes').columns(['mobile', 'created_at']).execute();
}
