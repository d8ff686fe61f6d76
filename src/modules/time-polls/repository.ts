import type { Insertable } from 'kysely';
import { countNow, type Counted } from '../../platform/counts.ts';
import type { Executor } from '../../db/connection.ts';
import type { TimePollAnswer, TimePollAnsweredHow, TimePollOptionsTable, TimePollsTable } from '../../db/schema/time-polls.ts';

// Every query names the organisation: one organisation never reaches another's polls.

export async function insertPoll(
  db: Executor,
  poll: Insertable<TimePollsTable>,
  options: ReadonlyArray<Insertable<TimePollOptionsTable>>,
  personIds: readonly string[],
) {
  await db.insertInto('time_polls').values(poll).execute();
  await db
    .insertInto('time_poll_options')
    .values([...options])
    .execute();
  if (personIds.length)
    await db
      .insertInto('time_poll_invitees')
      .values(personIds.map((person_id) => ({ organisation_id: poll.organisation_id, poll_id: poll.id, person_id })))
      .execute();
}

export async function findPoll(db: Executor, organisationId: string, id: string) {
  return db
    .selectFrom('time_polls as t')
    .innerJoin('projects as p', (j) => j.onRef('p.id', '=', 't.project_id').onRef('p.organisation_id', '=', 't.organisation_id'))
    .leftJoin('people as d', (j) => j.onRef('d.id', '=', 't.decided_by').onRef('d.organisation_id', '=', 't.organisation_id'))
    .leftJoin('people as c', (j) => j.onRef('c.id', '=', 't.cancelled_by').onRef('c.organisation_id', '=', 't.organisation_id'))
    .selectAll('t')
    .select(['p.title as project_title', 'd.full_name as decider_name', 'c.full_name as canceller_name'])
    .where('t.organisation_id', '=', organisationId)
    .where('t.id', '=', id)
    .executeTakeFirst();
}

export async function options(db: Executor, organisationId: string, pollId: string) {
  return db
    .selectFrom('time_poll_options')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('poll_id', '=', pollId)
    .orderBy('position')
    .execute();
}

export async function invitees(db: Executor, organisationId: string, pollId: string) {
  return (
    db
      .selectFrom('time_poll_invitees as i')
      .innerJoin('people as p', (j) => j.onRef('p.id', '=', 'i.person_id').onRef('p.organisation_id', '=', 'i.organisation_id'))
      .leftJoin('people as r', (j) => j.onRef('r.id', '=', 'i.answered_by').onRef('r.organisation_id', '=', 'i.organisation_id'))
      // The supporter who answered for the person, named as the supporters module names them.
      .leftJoin('supporters as s', (j) =>
        j.onRef('s.id', '=', 'i.answered_supporter_id').onRef('s.organisation_id', '=', 'i.organisation_id'),
      )
      .leftJoin('people as sp', (j) => j.onRef('sp.id', '=', 's.supporter_person_id').onRef('sp.organisation_id', '=', 'i.organisation_id'))
      .selectAll('i')
      .select([
        'p.full_name',
        'p.preferred_name',
        'r.full_name as recorder_name',
        'r.preferred_name as recorder_preferred',
        'sp.full_name as supporter_full_name',
        's.contact_name as supporter_contact_name',
      ])
      .where('i.organisation_id', '=', organisationId)
      .where('i.poll_id', '=', pollId)
      .orderBy('p.full_name')
      .orderBy('i.person_id')
      .execute()
  );
}

export async function answers(db: Executor, organisationId: string, pollId: string, personId?: string) {
  return db
    .selectFrom('time_poll_answers')
    .select(['option_id', 'person_id', 'answer'])
    .where('organisation_id', '=', organisationId)
    .where('poll_id', '=', pollId)
    .$if(personId !== undefined, (q) => q.where('person_id', '=', personId!))
    .execute();
}

/** A person's answers replace any they gave before, with who gave them and how. */
export async function saveAnswers(
  db: Executor,
  row: {
    organisationId: string;
    pollId: string;
    personId: string;
    at: string;
    how: TimePollAnsweredHow;
    by: string | null;
    supporterId: string | null;
  },
  given: ReadonlyArray<{ optionId: string; answer: TimePollAnswer }>,
) {
  await db
    .deleteFrom('time_poll_answers')
    .where('organisation_id', '=', row.organisationId)
    .where('poll_id', '=', row.pollId)
    .where('person_id', '=', row.personId)
    .execute();
  await db
    .insertInto('time_poll_answers')
    .values(
      given.map((g) => ({
        organisation_id: row.organisationId,
        poll_id: row.pollId,
        option_id: g.optionId,
        person_id: row.personId,
        answer: g.answer,
      })),
    )
    .execute();
  await db
    .updateTable('time_poll_invitees')
    .set({ answered_at: row.at, answered_how: row.how, answered_by: row.by, answered_supporter_id: row.supporterId })
    .where('organisation_id', '=', row.organisationId)
    .where('poll_id', '=', row.pollId)
    .where('person_id', '=', row.personId)
    .execute();
}

export async function markSent(db: Executor, organisationId: string, id: string, at: string) {
  await db.updateTable('time_polls').set({ sent_at: at }).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

/** Picks a time; false when the poll was decided already (two people pressing at once). */
export async function claimDecision(
  db: Executor,
  organisationId: string,
  id: string,
  change: { optionId: string; by: string | null; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('time_polls')
    .set({ status: 'decided', chosen_option_id: change.optionId, decided_by: change.by, decided_at: change.at })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setMeeting(db: Executor, organisationId: string, id: string, meetingId: string | null) {
  await db
    .updateTable('time_polls')
    .set({ meeting_id: meetingId })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

export async function reopen(db: Executor, organisationId: string, id: string) {
  await db
    .updateTable('time_polls')
    .set({ status: 'open', chosen_option_id: null, decided_by: null, decided_at: null })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

/** A project's polls, newest first, each with how many were asked and how many answered (counted by the database). */
export async function projectPage(db: Executor, organisationId: string, projectId: string, limit: number, offset: number) {
  const scope = db.selectFrom('time_polls as t').where('t.organisation_id', '=', organisationId).where('t.project_id', '=', projectId);
  const [rows, total] = await Promise.all([
    scope
      .select(['t.id', 't.title', 't.status', 't.closes_at', 't.meeting_id', 't.created_at'])
      .select((eb) => [
        eb
          .selectFrom('time_poll_invitees as i')
          .whereRef('i.poll_id', '=', 't.id')
          .where('i.organisation_id', '=', organisationId)
          .select(eb.fn.countAll().as('n'))
          .as('invited'),
        eb
          .selectFrom('time_poll_invitees as i')
          .whereRef('i.poll_id', '=', 't.id')
          .where('i.organisation_id', '=', organisationId)
          .where('i.answered_at', 'is not', null)
          .select(eb.fn.countAll().as('n'))
          .as('answered'),
      ])
      .orderBy('t.created_at', 'desc')
      .orderBy('t.id')
      .limit(limit)
      .offset(offset)
      .execute(),
    scope.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, invited: Number(r.invited ?? 0), answered: Number(r.answered ?? 0) })),
    total: Number(total.n),
  };
}

type Scope = { organisationId: string; projectIds: readonly string[] | null };
/** chase: still taking answers, with someone yet to answer; decide: past closing, no time picked. */
export type WaitingKind = 'chase' | 'decide';

/** Open polls waiting for staff, of the organisation or of these projects. */
function waiting(db: Executor, scope: Scope, kind: WaitingKind, at: string) {
  return db
    .selectFrom('time_polls as t')
    .where('t.organisation_id', '=', scope.organisationId)
    .where('t.status', '=', 'open')
    .$if(scope.projectIds !== null, (q) => q.where('t.project_id', 'in', scope.projectIds!))
    .$if(kind === 'decide', (q) => q.where('t.closes_at', '<=', at))
    .$if(kind === 'chase', (q) =>
      q
        .where('t.closes_at', '>', at)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('time_poll_invitees as i')
              .select('i.person_id')
              .whereRef('i.poll_id', '=', 't.id')
              .where('i.organisation_id', '=', scope.organisationId)
              .where('i.answered_at', 'is', null),
          ),
        ),
    );
}

export async function countWaiting(db: Executor, scope: Scope, kind: WaitingKind, at: string): Promise<number> {
  return countNow(db, waitingCount(db, scope, kind, at));
}

/** The count above, to be asked with others (platform/counts.ts). */
export function waitingCount(db: Executor, scope: Scope, kind: WaitingKind, at: string): Counted {
  if (scope.projectIds && !scope.projectIds.length) return 0;
  return waiting(db, scope, kind, at).select((eb) => eb.fn.countAll<number>().as('n'));
}

/** A page of the polls waiting, soonest closing first, with their project's title. */
export async function waitingPage(db: Executor, scope: Scope, kind: WaitingKind, at: string, limit: number, offset: number) {
  if (scope.projectIds && !scope.projectIds.length) return [];
  return waiting(db, scope, kind, at)
    .innerJoin('projects as p', (j) => j.onRef('p.id', '=', 't.project_id').onRef('p.organisation_id', '=', 't.organisation_id'))
    .select(['t.id', 't.title', 't.closes_at', 'p.title as project_title'])
    .select((eb) => [
      eb
        .selectFrom('time_poll_invitees as i')
        .whereRef('i.poll_id', '=', 't.id')
        .where('i.organisation_id', '=', scope.organisationId)
        .select(eb.fn.countAll().as('n'))
        .as('invited'),
      eb
        .selectFrom('time_poll_invitees as i')
        .whereRef('i.poll_id', '=', 't.id')
        .where('i.organisation_id', '=', scope.organisationId)
        .where('i.answered_at', 'is not', null)
        .select(eb.fn.countAll().as('n'))
        .as('answered'),
    ])
    .orderBy('t.closes_at')
    .orderBy('t.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** Open polls (of one project, or of all) that this person was asked in, soonest closing first (a handful at most). */
export async function openForPerson(db: Executor, organisationId: string, projectId: string | null, personId: string, at: string) {
  return db
    .selectFrom('time_poll_invitees as i')
    .innerJoin('time_polls as t', (j) => j.onRef('t.id', '=', 'i.poll_id').onRef('t.organisation_id', '=', 'i.organisation_id'))
    .select(['t.id', 't.title', 't.closes_at', 'i.answered_at', 'i.answered_supporter_id'])
    .where('i.organisation_id', '=', organisationId)
    .where('i.person_id', '=', personId)
    .$if(projectId !== null, (q) => q.where('t.project_id', '=', projectId!))
    .where('t.status', '=', 'open')
    .where('t.closes_at', '>', at)
    .orderBy('t.closes_at')
    .orderBy('t.id')
    .limit(20)
    .execute();
}

/** Whether this person was asked in this poll. */
export async function isInvited(db: Executor, organisationId: string, pollId: string, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('time_poll_invitees')
    .select('person_id')
    .where('organisation_id', '=', organisationId)
    .where('poll_id', '=', pollId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row !== undefined;
}

// Changing and cancelling a poll ---------------------------------------------------------

/** The new wording and closing date of a poll still taking answers; false when it is no longer open. */
export async function updatePoll(
  db: Executor,
  organisationId: string,
  id: string,
  change: { title: string; purpose: string; closesAt: string },
): Promise<boolean> {
  const result = await db
    .updateTable('time_polls')
    .set({ title: change.title, purpose: change.purpose, closes_at: change.closesAt })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Takes times away, with every answer given to them. */
export async function removeOptions(db: Executor, organisationId: string, pollId: string, optionIds: readonly string[]) {
  if (!optionIds.length) return;
  await db
    .deleteFrom('time_poll_answers')
    .where('organisation_id', '=', organisationId)
    .where('poll_id', '=', pollId)
    .where('option_id', 'in', optionIds)
    .execute();
  await db
    .deleteFrom('time_poll_options')
    .where('organisation_id', '=', organisationId)
    .where('poll_id', '=', pollId)
    .where('id', 'in', optionIds)
    .execute();
}

export async function insertOptions(db: Executor, options: ReadonlyArray<Insertable<TimePollOptionsTable>>) {
  if (options.length)
    await db
      .insertInto('time_poll_options')
      .values([...options])
      .execute();
}

/** Cancels a poll still open; false when it was picked or cancelled already (two people pressing at once). */
export async function claimCancel(
  db: Executor,
  organisationId: string,
  id: string,
  change: { by: string; at: string; reason: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('time_polls')
    .set({ status: 'cancelled', cancelled_by: change.by, cancelled_at: change.at, cancel_reason: change.reason })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
