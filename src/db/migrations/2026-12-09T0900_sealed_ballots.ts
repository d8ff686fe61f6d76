import { sql, type Kysely } from 'kysely';

// Issue 18: a secret vote's ballots are written again in a shuffled order when it closes,
// so the physical order of rows (and on PostgreSQL their transaction ids) no longer follows
// the order people voted. The time it was done says the ballots can now be counted.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('proposals').addColumn('ballots_sealed_at', 'text').execute();
  // The background task finds secret votes still to seal; once sealed they leave the index.
  await db.schema
    .createIndex('proposals_to_seal')
    .on('proposals')
    .column('closes_at')
    .where(sql.ref('secret'), '=', 1)
    .where(sql.ref('ballots_sealed_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('proposals_to_seal').execute();
  await db.schema.alterTable('proposals').dropColumn('ballots_sealed_at').execute();
}
