import type { Db, Executor } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';

/** Every sending of one meeting's papers, oldest first. */
export async function sendingsOfMeeting(db: Db, organisationId: string, meetingId: string) {
  return db
    .selectFrom('paper_sendings')
    .select(['person_id', 'paper_id', 'file_id', 'format', 'channel', 'sent_at', 'late', 'post_by'])
    .where('organisation_id', '=', organisationId)
    .where('meeting_id', '=', meetingId)
    .orderBy('sent_at')
    .orderBy('id')
    .execute();
}

export async function insertSendings(db: Executor, rows: ReadonlyArray<Database['paper_sendings']>) {
  if (rows.length === 0) return;
  // A second press of the button racing the first cannot send a version twice.
  await db
    .insertInto('paper_sendings')
    .values([...rows])
    .onConflict((oc) => oc.columns(['organisation_id', 'person_id', 'file_id']).doNothing())
    .execute();
}

/** The file a person was sent, with its organisation: only a sending makes a paper link good. */
export async function sentFile(db: Db, personId: string, fileId: string) {
  return db
    .selectFrom('paper_sendings as s')
    .innerJoin('meeting_paper_files as f', (j) => j.onRef('f.id', '=', 's.file_id').onRef('f.organisation_id', '=', 's.organisation_id'))
    .select(['s.organisation_id', 's.meeting_id', 'f.id', 'f.file_name', 'f.stored_name', 'f.media_type', 'f.size_bytes'])
    .where('s.person_id', '=', personId)
    .where('s.file_id', '=', fileId)
    .executeTakeFirst();
}

/**
 * Invitees of meetings still to come who have not had some paper of their meeting in any
 * version. From the invitees, each checked against the (organisation, person, paper) index.
 */
function waiting(db: Db, organisationId: string, nowIso: string) {
  return db
    .selectFrom('meeting_invitees as i')
    .innerJoin('meetings as m', (j) => j.onRef('m.id', '=', 'i.meeting_id').onRef('m.organisation_id', '=', 'i.organisation_id'))
    .where('i.organisation_id', '=', organisationId)
    .where('m.cancelled_at', 'is', null)
    .where('m.starts_at', '>', nowIso)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('meeting_papers as mp')
          .select('mp.id')
          .whereRef('mp.meeting_id', '=', 'i.meeting_id')
          .whereRef('mp.organisation_id', '=', 'i.organisation_id')
          .where((inner) =>
            inner.not(
              inner.exists(
                inner
                  .selectFrom('paper_sendings as s')
                  .select('s.id')
                  .whereRef('s.organisation_id', '=', 'mp.organisation_id')
                  .whereRef('s.person_id', '=', 'i.person_id')
                  .whereRef('s.paper_id', '=', 'mp.id'),
              ),
            ),
          ),
      ),
    );
}

export async function waitingPage(db: Db, organisationId: string, nowIso: string, limit: number, offset: number) {
  return waiting(db, organisationId, nowIso)
    .innerJoin('people as p', (j) => j.onRef('p.id', '=', 'i.person_id').onRef('p.organisation_id', '=', 'i.organisation_id'))
    .select(['i.meeting_id', 'i.person_id', 'm.title', 'm.starts_at', 'p.full_name', 'p.preferred_name'])
    .orderBy('m.starts_at')
    .orderBy('i.meeting_id')
    .orderBy('i.person_id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countWaiting(db: Db, organisationId: string, nowIso: string): Promise<number> {
  const row = await waiting(db, organisationId, nowIso)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
