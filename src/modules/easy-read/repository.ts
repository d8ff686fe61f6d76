import type { Executor } from '../../db/connection.ts';

export async function isReader(db: Executor, organisationId: string, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('easy_read_readers')
    .select('person_id')
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Whether the person a session's account opens reads in easy read, found from the session and
 * its account (tables of the platform and of identity, read only to find them): the session
 * store asks it alongside the session itself.
 */
export async function readerOfSession(db: Executor, sessionId: string) {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .leftJoin('easy_read_readers as e', (j) =>
      j.onRef('e.organisation_id', '=', 'a.organisation_id').onRef('e.person_id', '=', 'a.person_id'),
    )
    .select(['a.id as accountId', 'e.person_id as reader'])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
  return { accountId: row?.accountId ?? null, reader: Boolean(row?.reader) };
}

/** Which of these people read in easy read: one query, however many people. */
export async function readersAmong(db: Executor, organisationId: string, personIds: readonly string[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('easy_read_readers')
    .select('person_id')
    .where('organisation_id', '=', organisationId)
    .where('person_id', 'in', [...personIds])
    .execute();
  return new Set(rows.map((r) => r.person_id));
}

export async function setReader(db: Executor, organisationId: string, personId: string, on: boolean, setBy: string | null, at: string) {
  if (!on) {
    await db.deleteFrom('easy_read_readers').where('organisation_id', '=', organisationId).where('person_id', '=', personId).execute();
    return;
  }
  await db
    .insertInto('easy_read_readers')
    .values({ organisation_id: organisationId, person_id: personId, set_by: setBy, set_at: at })
    .onConflict((oc) => oc.columns(['organisation_id', 'person_id']).doUpdateSet({ set_by: setBy, set_at: at }))
    .execute();
}

export type VersionRow = { kind: 'summary' | 'decision'; subject_id: string; body: string };

/** A meeting's easy read summary and decisions, all in one query. */
export async function versionsOfMeeting(db: Executor, organisationId: string, meetingId: string): Promise<VersionRow[]> {
  return db
    .selectFrom('easy_read_versions')
    .select(['kind', 'subject_id', 'body'])
    .where('organisation_id', '=', organisationId)
    .where('meeting_id', '=', meetingId)
    .execute();
}

/** Replaces a meeting's easy read texts: blank ones are removed. */
export async function saveVersionsOfMeeting(
  db: Executor,
  organisationId: string,
  meetingId: string,
  rows: ReadonlyArray<{ kind: 'summary' | 'decision'; subjectId: string; body: string }>,
  writtenBy: string | null,
  at: string,
) {
  await db.deleteFrom('easy_read_versions').where('organisation_id', '=', organisationId).where('meeting_id', '=', meetingId).execute();
  const kept = rows.filter((r) => r.body.trim() !== '');
  if (kept.length === 0) return;
  await db
    .insertInto('easy_read_versions')
    .values(
      kept.map((r) => ({
        organisation_id: organisationId,
        kind: r.kind,
        subject_id: r.subjectId,
        meeting_id: meetingId,
        body: r.body.trim(),
        written_by: writtenBy,
        written_at: at,
      })),
    )
    .execute();
}
