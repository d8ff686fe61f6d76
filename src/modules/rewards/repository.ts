import type { Database } from '../../db/schema.ts';
import type { Executor } from '../../db/connection.ts';
import type { MeetingCreditsRule } from '../../db/schema/rewards.ts';

// Policies, choices and limits are append-only: there are deliberately no updates or
// deletes for them here. Only the consented benefits record and the settings change.

export async function listPolicies(db: Executor, organisationId: string) {
  return db
    .selectFrom('payment_policies')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('effective_from', 'desc')
    .execute();
}

export async function policyStartingOn(db: Executor, organisationId: string, date: string) {
  return db
    .selectFrom('payment_policies')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('effective_from', '=', date)
    .executeTakeFirst();
}

export async function insertPolicy(db: Executor, row: Database['payment_policies']) {
  await db.insertInto('payment_policies').values(row).execute();
}

export async function listChoices(db: Executor, organisationId: string, personId: string) {
  return db
    .selectFrom('reward_choices as c')
    .leftJoin('people as p', (j) => j.onRef('p.id', '=', 'c.recorded_by').onRef('p.organisation_id', '=', 'c.organisation_id'))
    .selectAll('c')
    .select('p.full_name as recorderName')
    .where('c.organisation_id', '=', organisationId)
    .where('c.person_id', '=', personId)
    .orderBy('c.starts_on', 'desc')
    .orderBy('c.seq', 'desc')
    .execute();
}

/** The person's first choice ever, for work done before they had chosen. */
export async function firstChoice(db: Executor, organisationId: string, personId: string) {
  return db
    .selectFrom('reward_choices')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .orderBy('starts_on', 'asc')
    .orderBy('seq', 'asc')
    .limit(1)
    .executeTakeFirst();
}

/** Every choice of some people, oldest first: a few rows each, for choosing as of a date in code. */
export async function choicesOf(db: Executor, organisationId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('reward_choices')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('person_id', 'in', personIds)
    .orderBy('starts_on', 'asc')
    .orderBy('seq', 'asc')
    .execute();
}

export async function choiceOn(db: Executor, organisationId: string, personId: string, date: string) {
  return db
    .selectFrom('reward_choices')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('starts_on', '<=', date)
    .orderBy('starts_on', 'desc')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function nextChoiceSeq(db: Executor, organisationId: string, personId: string): Promise<number> {
  const row = await db
    .selectFrom('reward_choices')
    .select((eb) => eb.fn.max('seq').as('last'))
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  // max() comes back as a string from pg and a number from SQLite.
  return Number(row?.last ?? 0) + 1;
}

export async function insertChoice(db: Executor, row: Database['reward_choices']) {
  await db.insertInto('reward_choices').values(row).execute();
}

export async function findBenefitsRecord(db: Executor, organisationId: string, personId: string) {
  return db
    .selectFrom('benefits_records as b')
    .leftJoin('people as p', (j) => j.onRef('p.id', '=', 'b.consent_recorded_by').onRef('p.organisation_id', '=', 'b.organisation_id'))
    .selectAll('b')
    .select('p.full_name as recorderName')
    .where('b.organisation_id', '=', organisationId)
    .where('b.person_id', '=', personId)
    .executeTakeFirst();
}

export async function deleteBenefitsRecord(db: Executor, organisationId: string, personId: string) {
  await db.deleteFrom('benefits_records').where('organisation_id', '=', organisationId).where('person_id', '=', personId).execute();
}

export async function insertBenefitsRecord(db: Executor, row: Database['benefits_records']) {
  await db.insertInto('benefits_records').values(row).execute();
}

export async function listLimits(db: Executor, organisationId: string) {
  return db
    .selectFrom('benefit_limits')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('kind')
    .orderBy('effective_from', 'desc')
    .execute();
}

export async function limitStartingOn(db: Executor, organisationId: string, kind: Database['benefit_limits']['kind'], date: string) {
  return db
    .selectFrom('benefit_limits')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('kind', '=', kind)
    .where('effective_from', '=', date)
    .executeTakeFirst();
}

export async function insertLimit(db: Executor, row: Database['benefit_limits']) {
  await db.insertInto('benefit_limits').values(row).execute();
}

export async function findSettings(db: Executor, organisationId: string) {
  return db.selectFrom('rewards_settings').selectAll().where('organisation_id', '=', organisationId).executeTakeFirst();
}

/** Saves the settings given and leaves the others as they are (or at their defaults). */
export async function saveSettings(
  db: Executor,
  row: { organisation_id: string; updated_at: string; updated_by: string | null } & Partial<{
    vouchers_count_as_earnings: number;
    meeting_credits: MeetingCreditsRule;
  }>,
) {
  const { organisation_id: _organisation, ...changes } = row;
  await db
    .insertInto('rewards_settings')
    .values(row)
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet(changes))
    .execute();
}
