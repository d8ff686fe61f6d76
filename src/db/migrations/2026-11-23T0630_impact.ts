import type { Kysely } from 'kysely';

// The small-number rule each organisation uses in its impact report and dashboard (V4).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('impact_settings')
    .addColumn('organisation_id', 'text', (c) => c.primaryKey().references('organisations.id'))
    .addColumn('hide_below', 'integer', (c) => c.notNull())
    .addColumn('round_to', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('impact_settings').execute();
}
