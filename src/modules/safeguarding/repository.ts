import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { SafeguardingConcernsTable, SafeguardingSettingsTable } from '../../db/schema/safeguarding.ts';
import type { Page } from '../../platform/pagination.ts';

export async function settings(db: Executor, organisationId: string) {
  return db.selectFrom('safeguarding_settings').selectAll().where('organisation_id', '=', organisationId).executeTakeFirst();
}

export async function saveSettings(db: Executor, row: Insertable<SafeguardingSettingsTable>) {
  const { organisation_id: _, ...change } = row;
  await db
    .insertInto('safeguarding_settings')
    .values(row)
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet(change))
    .execute();
}

export async function insertConcern(db: Executor, row: Insertable<SafeguardingConcernsTable>) {
  await db.insertInto('safeguarding_concerns').values(row).execute();
}

export async function referenceTaken(db: Executor, organisationId: string, reference: string) {
  return Boolean(
    await db
      .selectFrom('safeguarding_concerns')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .where('reference', '=', reference)
      .executeTakeFirst(),
  );
}

export async function concern(db: Executor, organisationId: string, id: string) {
  return db
    .selectFrom('safeguarding_concerns')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Open or closed concerns, newest first, one page; no text of the concern, only what a list needs. */
export async function concernsPage(db: Executor, organisationId: string, open: boolean, page: Page) {
  return db
    .selectFrom('safeguarding_concerns')
    .select(['id', 'reference', 'raised_at', 'acknowledge_by', 'acknowledged_at', 'referred_to', 'closed_at', 'escalated_at', 'danger_now'])
    .where('organisation_id', '=', organisationId)
    .where('closed_at', open ? 'is' : 'is not', null)
    .orderBy('raised_at', 'desc')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countConcerns(db: Executor, organisationId: string, open: boolean) {
  const row = await db
    .selectFrom('safeguarding_concerns')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('closed_at', open ? 'is' : 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countUnacknowledged(db: Executor, organisationId: string) {
  const row = await db
    .selectFrom('safeguarding_concerns')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('acknowledged_at', 'is', null)
    .where('closed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Changes a concern only while it is in the state the change expects; false if someone else got there first. */
export async function updateConcern(
  db: Executor,
  organisationId: string,
  id: string,
  change: Updateable<SafeguardingConcernsTable>,
  unless: 'acknowledged_at' | 'referred_at' | 'closed_at',
) {
  const result = await db
    .updateTable('safeguarding_concerns')
    .set(change)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where(unless, 'is', null)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Concerns nobody acknowledged in time and nobody has escalated yet, oldest first. */
export async function overdueUnescalated(db: Executor, at: string, limit: number) {
  return db
    .selectFrom('safeguarding_concerns')
    .select(['id', 'organisation_id', 'reference'])
    .where('acknowledged_at', 'is', null)
    .where('escalated_at', 'is', null)
    .where('acknowledge_by', '<', at)
    .orderBy('acknowledge_by')
    .limit(limit)
    .execute();
}
