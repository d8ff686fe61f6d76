import type { Executor } from '../../db/connection.ts';

export async function settingsOf(db: Executor, organisationId: string, personId: string) {
  return db
    .selectFrom('display_settings')
    .select(['text_size', 'contrast', 'motion', 'read_aloud'])
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export async function saveSettings(
  db: Executor,
  row: {
    organisation_id: string;
    person_id: string;
    text_size: string;
    contrast: string;
    motion: string;
    read_aloud: number;
    updated_at: string;
  },
) {
  const { organisation_id: _o, person_id: _p, ...changes } = row;
  await db
    .insertInto('display_settings')
    .values(row)
    .onConflict((oc) => oc.columns(['organisation_id', 'person_id']).doUpdateSet(changes))
    .execute();
}
