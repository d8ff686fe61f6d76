import type { Kysely } from 'kysely';

// "Messages sent" lists an organisation's messages newest first, 50 a page, with or without a
// status or channel (letters to print). At county size (50,000 messages) the list read every
// message to sort them (140 ms alone); with these it reads one page from an index.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('outbox_org_created').on('outbox').columns(['organisation_id', 'created_at', 'id']).execute();
  await db.schema
    .createIndex('outbox_org_status_created')
    .on('outbox')
    .columns(['organisation_id', 'status', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('outbox_org_channel_status_created')
    .on('outbox')
    .columns(['organisation_id', 'channel', 'status', 'created_at', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_org_channel_status_created').execute();
  await db.schema.dropIndex('outbox_org_status_created').execute();
  await db.schema.dropIndex('outbox_org_created').execute();
}
