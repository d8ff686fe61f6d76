import type { Kysely } from 'kysely';

// The number a text was sent to (issue 16): on an instance of several organisations, a text
// from a number nobody has is filed with the organisation whose own reply phone number it
// was sent to, and the operator sees it on the unfiled list otherwise.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('received_texts').addColumn('to_number', 'varchar(40)').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('received_texts').dropColumn('to_number').execute();
}
