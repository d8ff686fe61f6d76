import type { Kysely } from 'kysely';

// Two-step sign-in with an authenticator app, recovery codes, and each organisation's
// sign-in rules and identity provider (issue 18, decision 0019).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('two_step_authenticators')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('sealed_secret', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('last_time_step', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('two_step_authenticators_org')
    .on('two_step_authenticators')
    .columns(['organisation_id', 'account_id'])
    .execute();

  await db.schema
    .createTable('two_step_recovery_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('two_step_recovery_codes_account')
    .on('two_step_recovery_codes')
    .columns(['account_id', 'code_hash'])
    .execute();

  await db.schema
    .createTable('sign_in_settings')
    .addColumn('organisation_id', 'text', (c) => c.primaryKey().references('organisations.id'))
    .addColumn('two_step_required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sso_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sso_issuer', 'text')
    .addColumn('sso_client_id', 'text')
    .addColumn('sso_sealed_client_secret', 'text')
    .addColumn('sso_email_domain', 'text')
    .addColumn('sso_only', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('accept_provider_two_step', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // One organisation per email domain: the address typed on the sign-in page picks the provider.
  await db.schema.createIndex('sign_in_settings_domain').unique().on('sign_in_settings').column('sso_email_domain').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sign_in_settings').execute();
  await db.schema.dropTable('two_step_recovery_codes').execute();
  await db.schema.dropTable('two_step_authenticators').execute();
}
