import type { Kysely } from 'kysely';

// Facilitators read and hand-send the messages of their own projects (S4), so each message
// knows its project; and a letter is addressed to a person, not only a house (someone in a
// residential home may never get "4 Mill Lane" alone), so it keeps the name it goes to.
// Messages already written learn both from what they are about and whom they are for.
const projectOf: Array<[table: string, column: string]> = [
  ['meetings', 'project_id'],
  ['proposals', 'project_id'],
  ['decision_records', 'project_id'],
  ['survey_rounds', 'project_id'],
  ['review_cycles', 'project_id'],
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('project_id', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('recipient_name', 'text').execute();
  // A facilitator's list: their organisation's messages of some projects, newest first.
  await db.schema.createIndex('outbox_org_project_created').on('outbox').columns(['organisation_id', 'project_id', 'created_at']).execute();

  for (const [table, column] of projectOf) {
    await db
      .updateTable('outbox')
      .set((eb) => ({
        project_id: eb
          .selectFrom(`${table} as about`)
          .select(`about.${column}`)
          .whereRef('about.id', '=', 'outbox.about_id')
          .whereRef('about.organisation_id', '=', 'outbox.organisation_id'),
      }))
      .where('project_id', 'is', null)
      .where('about_id', 'in', db.selectFrom(table).select('id'))
      .execute();
  }
  await db
    .updateTable('outbox')
    .set((eb) => ({
      recipient_name: eb
        .selectFrom('people')
        .select('people.full_name')
        .whereRef('people.id', '=', 'outbox.person_id')
        .whereRef('people.organisation_id', '=', 'outbox.organisation_id'),
    }))
    .where('channel', '=', 'letter')
    .where('person_id', 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_org_project_created').execute();
  await db.schema.alterTable('outbox').dropColumn('recipient_name').execute();
  await db.schema.alterTable('outbox').dropColumn('project_id').execute();
}
