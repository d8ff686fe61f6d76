import { sql, type Kysely } from 'kysely';

// The time bank: accounts, a double-entry ledger that is only ever added to, offers and
// requests between members, the exchanges that follow, and partners who accept credits.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('timebank_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.references('people.id'))
    .addColumn('name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // One account per person, one per partner name, and one for the organisation itself:
  // two first transfers at once cannot make two accounts. NULLs never clash.
  await db.schema
    .createIndex('timebank_accounts_person')
    .on('timebank_accounts')
    .columns(['organisation_id', 'person_id'])
    .unique()
    .execute();
  await db.schema.createIndex('timebank_accounts_partner').on('timebank_accounts').columns(['organisation_id', 'name']).unique().execute();
  await db.schema
    .createIndex('timebank_accounts_own')
    .on('timebank_accounts')
    .column('organisation_id')
    .unique()
    .where(sql.ref('kind'), '=', 'organisation')
    .execute();

  await db.schema
    .createTable('timebank_transactions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('memo', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('reverses_id', 'text', (c) => c.references('timebank_transactions.id'))
    .addColumn('recorded_by', 'text')
    .addColumn('on_behalf_of', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // The database, not only the code, refuses a second credit for the same thing and a
  // second undoing of the same transaction.
  await db.schema
    .createIndex('timebank_transactions_reference')
    .on('timebank_transactions')
    .columns(['organisation_id', 'reference'])
    .unique()
    .execute();
  await db.schema.createIndex('timebank_transactions_reverses').on('timebank_transactions').column('reverses_id').unique().execute();
  await db.schema
    .createIndex('timebank_transactions_org_time')
    .on('timebank_transactions')
    .columns(['organisation_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('timebank_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('transaction_id', 'text', (c) => c.notNull().references('timebank_transactions.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('timebank_accounts.id'))
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('timebank_entries_account').on('timebank_entries').columns(['organisation_id', 'account_id']).execute();
  await db.schema.createIndex('timebank_entries_transaction').on('timebank_entries').columns(['transaction_id']).execute();

  await db.schema
    .createTable('timebank_settings')
    .addColumn('organisation_id', 'text', (c) => c.primaryKey().references('organisations.id'))
    .addColumn('floor_minutes', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('timebank_listings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('timebank_listings_org')
    .on('timebank_listings')
    .columns(['organisation_id', 'closed_at', 'created_at'])
    .execute();

  await db.schema
    .createTable('timebank_exchanges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('listing_id', 'text', (c) => c.references('timebank_listings.id'))
    .addColumn('giver_person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('receiver_person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('minutes', 'integer')
    .addColumn('happened_on', 'text')
    .addColumn('proposed_by', 'text')
    .addColumn('proposed_at', 'text')
    .addColumn('confirmed_by', 'text')
    .addColumn('confirmed_at', 'text')
    .addColumn('transaction_id', 'text', (c) => c.unique().references('timebank_transactions.id'))
    .addColumn('recorded_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('timebank_exchanges_giver')
    .on('timebank_exchanges')
    .columns(['organisation_id', 'giver_person_id'])
    .execute();
  await db.schema
    .createIndex('timebank_exchanges_receiver')
    .on('timebank_exchanges')
    .columns(['organisation_id', 'receiver_person_id'])
    .execute();
  await db.schema.createIndex('timebank_exchanges_listing').on('timebank_exchanges').columns(['organisation_id', 'listing_id']).execute();

  await db.schema
    .createTable('timebank_partner_offers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('partner_account_id', 'text', (c) => c.notNull().references('timebank_accounts.id'))
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema
    .createIndex('timebank_partner_offers_org')
    .on('timebank_partner_offers')
    .columns(['organisation_id', 'withdrawn_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'timebank_partner_offers',
    'timebank_exchanges',
    'timebank_listings',
    'timebank_settings',
    'timebank_entries',
    'timebank_transactions',
    'timebank_accounts',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
