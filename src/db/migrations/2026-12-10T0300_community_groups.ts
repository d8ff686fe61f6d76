import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';

// Issue 20 (S5): build on the groups, networks and places people already belong to. A
// directory of them with who they reach (the equality groups of "who is missing"), the
// people who are the link, and outreach actions that close a gap. Time bank partners
// become entries of the directory: their ledger accounts point at the entry.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('community_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // The name in lower case with spaces squeezed: one entry per name, so imports do not double up.
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('what_they_do', 'text')
    .addColumn('contact_name', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('address', 'text')
    .addColumn('website', 'text')
    .addColumn('best_way', 'text')
    .addColumn('contact_notes', 'text')
    .addColumn('timebank_partner', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addUniqueConstraint('community_groups_name', ['organisation_id', 'name_key'])
    .execute();
  await db.schema.createIndex('community_groups_kind').on('community_groups').columns(['organisation_id', 'kind', 'name_key']).execute();
  await db.schema
    .createIndex('community_groups_timebank')
    .on('community_groups')
    .columns(['organisation_id', 'timebank_partner', 'name_key'])
    .execute();

  // Who a group reaches: one row per equality group key ("ethnicGroup.gypsy-irish-traveller").
  await db.schema
    .createTable('community_group_reach')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('community_group_id', 'text', (c) => c.notNull().references('community_groups.id').onDelete('cascade'))
    .addColumn('reach', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('community_group_reach_pk', ['community_group_id', 'reach'])
    .execute();
  await db.schema
    .createIndex('community_group_reach_filter')
    .on('community_group_reach')
    .columns(['organisation_id', 'reach', 'community_group_id'])
    .execute();

  // The people at the group who are the link: not people on our records, so no person id.
  await db.schema
    .createTable('community_group_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('community_group_id', 'text', (c) => c.notNull().references('community_groups.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('community_group_contacts_group')
    .on('community_group_contacts')
    .columns(['organisation_id', 'community_group_id'])
    .execute();

  await db.schema
    .createTable('outreach_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text')
    .addColumn('reach', 'text', (c) => c.notNull())
    .addColumn('community_group_id', 'text', (c) => c.notNull().references('community_groups.id'))
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('owner_person_id', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('outcome', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  // The To do line and the list: open ones by due date.
  await db.schema.createIndex('outreach_actions_due').on('outreach_actions').columns(['organisation_id', 'closed_at', 'due_on']).execute();
  await db.schema
    .createIndex('outreach_actions_project')
    .on('outreach_actions')
    .columns(['organisation_id', 'project_id', 'due_on'])
    .execute();
  await db.schema.createIndex('outreach_actions_group').on('outreach_actions').columns(['organisation_id', 'community_group_id']).execute();

  // Time bank partners were ledger accounts with a name. Each becomes a directory entry, and
  // its account points at it; the ledger itself is not touched.
  await db.schema.alterTable('timebank_accounts').addColumn('community_group_id', 'text').execute();
  await db.schema
    .createIndex('timebank_accounts_community_group')
    .on('timebank_accounts')
    .columns(['organisation_id', 'community_group_id'])
    .execute();
  const partners = await db
    .selectFrom('timebank_accounts')
    .select(['id', 'organisation_id', 'name', 'created_at'])
    .where('kind', '=', 'partner')
    .execute();
  const taken = new Map<string, string>();
  for (const p of partners as Array<{ id: string; organisation_id: string; name: string | null; created_at: string }>) {
    const name = (p.name ?? '').trim() || 'Time bank partner';
    const key = `${p.organisation_id} ${name.toLowerCase().replace(/\s+/g, ' ')}`;
    let groupId = taken.get(key);
    if (!groupId) {
      groupId = randomUUID();
      taken.set(key, groupId);
      await db
        .insertInto('community_groups')
        .values({
          id: groupId,
          organisation_id: p.organisation_id,
          name,
          name_key: name.toLowerCase().replace(/\s+/g, ' '),
          kind: 'partner',
          timebank_partner: 1,
          created_at: p.created_at,
          updated_at: p.created_at,
        })
        .execute();
    }
    await db.updateTable('timebank_accounts').set({ community_group_id: groupId }).where('id', '=', p.id).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('timebank_accounts_community_group').execute();
  await db.schema.alterTable('timebank_accounts').dropColumn('community_group_id').execute();
  await db.schema.dropTable('outreach_actions').execute();
  await db.schema.dropTable('community_group_contacts').execute();
  await db.schema.dropTable('community_group_reach').execute();
  await db.schema.dropTable('community_groups').execute();
}
