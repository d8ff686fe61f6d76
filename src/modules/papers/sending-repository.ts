import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db, Executor } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import { countNow, type CountQuery } from '../../platform/counts.ts';
import { paperFormatFor } from '../meetings/papers-notice.ts';
import type { FormatNeed } from '../people/vocabulary.ts';

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

/** The files of one meeting's papers sent to one person: the ones their paper links open. */
export async function filesSentTo(db: Db, organisationId: string, meetingId: string, personId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('paper_sendings')
    .select('file_id')
    .where('organisation_id', '=', organisationId)
    .where('meeting_id', '=', meetingId)
    .where('person_id', '=', personId)
    .execute();
  return new Set(rows.map((r) => r.file_id));
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

/** Which meetings: the organisation's, or only those of some projects (a facilitator's). */
export type PapersScope = { organisationId: string; projectIds: readonly string[] | null };

// The format needs that call for a version of a paper, with that version's format. Needs are
// stored as a JSON list of words, so "wants easy read" is a LIKE on the quoted word.
const paperNeeds = (Object.entries(paperFormatFor) as Array<[FormatNeed, string | null]>).flatMap(([need, format]) =>
  format ? [{ need, format, pattern: `%"${need}"%` }] : [],
);
/** Print or screen versions: when none of these a person wants is there yet, the standard version goes meanwhile. */
const readableNeeds = paperNeeds.filter((n) => n.need !== 'braille');

type WaitingEb = ExpressionBuilder<
  Database & { m: Database['meetings']; i: Database['meeting_invitees']; mp: Database['meeting_papers'] },
  'm' | 'i' | 'mp'
>;

/** Has this person had a version of this paper (in this format, when one is given)? From the (organisation, person, paper) index. */
const hadPaper = (eb: WaitingEb, format?: string) => {
  let had = eb
    .selectFrom('paper_sendings as s')
    .select('s.id')
    .whereRef('s.organisation_id', '=', 'mp.organisation_id')
    .whereRef('s.person_id', '=', 'i.person_id')
    .whereRef('s.paper_id', '=', 'mp.id');
  if (format) had = had.where('s.format', '=', format);
  return eb.exists(had);
};

/**
 * Invitees of meetings still to come who are still waiting for some paper of their meeting:
 * they have had no version of it, or not yet the version in a format they need (they may
 * have had the standard one meanwhile). From the meetings to come, then each invitee
 * checked against the (organisation, person, paper) index and their needs' key.
 */
function waiting(db: Db, scope: PapersScope, nowIso: string) {
  let query = db
    .selectFrom('meetings as m')
    // By the invitees' key alone: with the organisation too, SQLite reads every invitee of the
    // organisation by the (organisation, person) index instead.
    .innerJoin('meeting_invitees as i', 'i.meeting_id', 'm.id')
    .where('m.organisation_id', '=', scope.organisationId)
    .where('m.cancelled_at', 'is', null)
    .where('m.starts_at', '>', nowIso);
  if (scope.projectIds)
    query = scope.projectIds.length ? query.where('m.project_id', 'in', [...scope.projectIds]) : query.where('m.id', 'is', null);
  return query.where(({ exists, selectFrom }) =>
    exists(
      selectFrom('meeting_papers as mp')
        .select('mp.id')
        .whereRef('mp.meeting_id', '=', 'm.id')
        .whereRef('mp.organisation_id', '=', 'm.organisation_id')
        .where((eb) =>
          eb.or([
            eb.not(hadPaper(eb)),
            eb.exists(
              eb
                .selectFrom('access_needs as a')
                .select('a.person_id')
                .whereRef('a.person_id', '=', 'i.person_id')
                .whereRef('a.organisation_id', '=', 'i.organisation_id')
                .where('a.consent_given', '=', 1)
                .where((w) => w.or(paperNeeds.map((n) => w.and([w('a.formats', 'like', n.pattern), w.not(hadPaper(w, n.format))])))),
            ),
          ]),
        ),
    ),
  );
}

export async function waitingPage(db: Db, scope: PapersScope, nowIso: string, limit: number, offset: number) {
  return waiting(db, scope, nowIso)
    .innerJoin('people as p', 'p.id', 'i.person_id')
    .select(['i.meeting_id', 'i.person_id', 'm.title', 'm.starts_at', 'p.full_name', 'p.preferred_name'])
    .orderBy('m.starts_at')
    .orderBy('i.meeting_id')
    .orderBy('i.person_id')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** How many wait for papers, as a query the To do asks with its other counts (platform/counts.ts). */
export function waitingCount(db: Db, scope: PapersScope, nowIso: string): CountQuery {
  return waiting(db, scope, nowIso).select((eb) => eb.fn.countAll<number | string>().as('n'));
}

export async function countWaiting(db: Db, scope: PapersScope, nowIso: string): Promise<number> {
  return countNow(db, waitingCount(db, scope, nowIso));
}

type DueEb = ExpressionBuilder<
  Database & {
    m: Database['meetings'];
    i: Database['meeting_invitees'];
    mp: Database['meeting_papers'];
    f: Database['meeting_paper_files'];
    a: Database['access_needs'];
  },
  'm' | 'i' | 'mp' | 'f' | 'a'
>;

type FileEb = ExpressionBuilder<
  Database & { m: Database['meetings']; mp: Database['meeting_papers']; f: Database['meeting_paper_files'] },
  'm' | 'mp' | 'f'
>;

/** The person (a, left-joined: null without needs) wants versions in this file's format: the same choice as wantedFormats. */
const wantsFileFormat = (eb: DueEb) =>
  eb.or([
    ...paperNeeds.map((n) => eb.and([eb('f.format', '=', n.format), eb('a.formats', 'like', n.pattern)])),
    eb.and([
      eb('f.format', '=', 'standard'),
      eb.or([
        eb('a.person_id', 'is', null),
        eb.not(eb.or(paperNeeds.map((n) => eb('a.formats', 'like', n.pattern)))),
        // The fallback: they need a print or screen format that this paper has not got yet.
        eb.and([
          eb.or(readableNeeds.map((n) => eb('a.formats', 'like', n.pattern))),
          eb.not(
            eb.exists(
              eb
                .selectFrom('meeting_paper_files as f3')
                .select('f3.id')
                .whereRef('f3.paper_id', '=', 'mp.id')
                .whereRef('f3.organisation_id', '=', 'mp.organisation_id')
                .where((w) => w.or(readableNeeds.map((n) => w.and([w('f3.format', '=', n.format), w('a.formats', 'like', n.pattern)])))),
            ),
          ),
        ]),
      ]),
    ]),
  ]);

/**
 * Meetings, across organisations, whose papers notice date may have come (they start by
 * `untilIso`) and where someone invited has not had a version they should have: the newest
 * version of a paper in a format they want (or the standard one meanwhile). Taken in order
 * of start, a batch at a time after a cursor, from the meetings' start index.
 */
export async function meetingsWithPapersToSend(
  db: Db,
  opts: { nowIso: string; untilIso: string; after: { startsAt: string; id: string } | null; limit: number },
) {
  let query = db
    .selectFrom('meetings as m')
    .select(['m.id', 'm.organisation_id', 'm.project_id', 'm.title', 'm.starts_at', 'm.ends_at'])
    .where('m.cancelled_at', 'is', null)
    .where('m.starts_at', '>', opts.nowIso)
    .where('m.starts_at', '<=', opts.untilIso);
  const after = opts.after;
  if (after)
    query = query.where((eb) =>
      eb.or([eb('m.starts_at', '>', after.startsAt), eb.and([eb('m.starts_at', '=', after.startsAt), eb('m.id', '>', after.id)])]),
    );
  // Nested in the order of the keys (the meeting's papers, each paper's files, the meeting's
  // invitees), so each step is read by its index whatever the planner guesses.
  const someoneLacksIt = (eb: FileEb) =>
    eb.exists(
      eb
        .selectFrom('meeting_invitees as i')
        .leftJoin('access_needs as a', (j) =>
          j.onRef('a.person_id', '=', 'i.person_id').onRef('a.organisation_id', '=', 'i.organisation_id').on('a.consent_given', '=', 1),
        )
        .innerJoin('people as p', 'p.id', 'i.person_id')
        .select('i.person_id')
        .whereRef('i.meeting_id', '=', 'm.id')
        .where((w) =>
          w.and([
            // Someone we may reach: a detail to write, text or post to, or "in person" among
            // their ways. Opt-outs and the delivery set-up are left to the sending itself.
            w.or([
              ...(['p.email', 'p.mobile', 'p.landline', 'p.address'] as const).map(
                (c) => sql<SqlBool>`trim(coalesce(${w.ref(c)}, '')) <> ''`,
              ),
              w('p.contact_order', 'like', '%"in-person"%'),
            ]),
            // Not sent to them yet: the (organisation, person, file) key of the sendings.
            w.not(
              w.exists(
                w
                  .selectFrom('paper_sendings as s')
                  .select('s.id')
                  .whereRef('s.organisation_id', '=', 'f.organisation_id')
                  .whereRef('s.person_id', '=', 'i.person_id')
                  .whereRef('s.file_id', '=', 'f.id'),
              ),
            ),
            wantsFileFormat(w),
          ]),
        ),
    );
  const newestOfItsFormat = (eb: FileEb) =>
    eb.not(
      eb.exists(
        eb
          .selectFrom('meeting_paper_files as f2')
          .select('f2.id')
          .whereRef('f2.paper_id', '=', 'f.paper_id')
          .whereRef('f2.organisation_id', '=', 'f.organisation_id')
          .whereRef('f2.format', '=', 'f.format')
          .where((w) =>
            w.or([
              w('f2.uploaded_at', '>', w.ref('f.uploaded_at')),
              w.and([w('f2.uploaded_at', '=', w.ref('f.uploaded_at')), w('f2.id', '>', w.ref('f.id'))]),
            ]),
          ),
      ),
    );
  return query
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('meeting_papers as mp')
          .select('mp.id')
          .whereRef('mp.meeting_id', '=', 'm.id')
          .whereRef('mp.organisation_id', '=', 'm.organisation_id')
          .where((outer) =>
            outer.exists(
              outer
                .selectFrom('meeting_paper_files as f')
                .select('f.id')
                .whereRef('f.paper_id', '=', 'mp.id')
                .whereRef('f.organisation_id', '=', 'mp.organisation_id')
                .where((eb) => eb.and([newestOfItsFormat(eb), someoneLacksIt(eb)])),
            ),
          ),
      ),
    )
    .orderBy('m.starts_at')
    .orderBy('m.id')
    .limit(opts.limit)
    .execute();
}
