import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Balances and the ledger's total are sums of minutes by account: with the minutes in the
  // index, the database adds them up without reading the 500,000 entries themselves.
  await db.schema.dropIndex('timebank_entries_account').execute();
  await db.schema
    .createIndex('timebank_entries_account')
    .on('timebank_entries')
    .columns(['organisation_id', 'account_id', 'minutes'])
    .execute();
  // A claim's page lists its corrections and the parts split from it.
  await db.schema.createIndex('claims_corrects').on('claims').columns(['organisation_id', 'corrects_claim_id']).execute();
  await db.schema.createIndex('claims_split_from').on('claims').columns(['organisation_id', 'split_from_claim_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('claims_split_from').execute();
  await db.schema.dropIndex('claims_corrects').execute();
  await db.schema.dropIndex('timebank_entries_account').execute();
  await db.schema.createIndex('timebank_entries_account').on('timebank_entries').columns(['organisation_id', 'account_id']).execute();
}
