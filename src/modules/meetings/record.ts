import type { Db } from '../../db/connection.ts';
import type { ActionStatus, AttendanceStatus } from '../../db/schema.ts';
import { auditWriter } from '../../platform/audit.ts';
import { Conflict, NotFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Clock } from '../../platform/time.ts';
import type { LanguageService } from '../languages/service.ts';
import type { PeopleService } from '../people/service.ts';
import { perspectiveGroupOf, perspectiveGroups, type PerspectiveGroup } from '../../platform/perspective-groups.ts';
import type { Actor } from '../../platform/auth.ts';

export type AttendanceEntry = { personId: string; status: AttendanceStatus; arrivedAt: string | null; leftAt: string | null };
/** `whatWelsh`: the Welsh staff wrote beside the English (issue 24), when the organisation speaks Welsh. */
export type ActionInput = { what: string; whatWelsh?: string | null; ownerPersonId: string | null; dueOn: string | null };
/** A meeting's notes; `summaryWelsh` left out leaves the Welsh kept as it was. */
export type NotesInput = { discussed: string; summary: string | null; summaryWelsh?: string | null };

/** The Welsh staff write beside a meeting's summary (issue 24), kept by the languages module. */
export const welshSummaryOf = (meetingId: string) => ({ type: 'meeting' as const, id: meetingId, field: 'summary' as const });

/** What happened at a meeting: who came and for how long, notes, decisions and actions. */
export function makeMeetingRecordService({
  db,
  now,
  people,
  languages,
}: {
  db: Db;
  now: Clock;
  people: PeopleService;
  languages: Pick<LanguageService, 'saveWelshVersion'>;
}) {
  const audit = auditWriter(db, now, 'meeting');

  return {
    async attendance(organisationId: string, meetingId: string) {
      const rows = await db
        .selectFrom('meeting_attendance')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('meeting_id', '=', meetingId)
        .execute();
      return new Map(
        rows.map((r) => [r.person_id, { status: r.status, arrivedAt: r.arrived_at, leftAt: r.left_at, minutesPresent: r.minutes_present }]),
      );
    },

    /**
     * Saves the register. Real minutes present are stored, not the meeting's length:
     * payments and time credits are worked out from them later.
     */
    async saveAttendance(actor: Actor, meetingId: string, entries: readonly AttendanceEntry[]): Promise<void> {
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        for (const e of entries) {
          const present = e.status === 'present';
          const minutes = present && e.arrivedAt && e.leftAt ? Math.round((Date.parse(e.leftAt) - Date.parse(e.arrivedAt)) / 60_000) : null;
          const row = {
            status: e.status,
            arrived_at: present ? e.arrivedAt : null,
            left_at: present ? e.leftAt : null,
            minutes_present: minutes,
            recorded_by: actor.personId,
            recorded_at: at,
          };
          await trx
            .insertInto('meeting_attendance')
            .values({ organisation_id: actor.organisationId, meeting_id: meetingId, person_id: e.personId, ...row })
            .onConflict((oc) => oc.columns(['meeting_id', 'person_id']).doUpdateSet(row))
            .execute();
        }
      });
      await audit(actor, meetingId, 'attendance-recorded');
    },

    async notes(organisationId: string, meetingId: string) {
      const [notes, decisions, actions] = await Promise.all([
        db
          .selectFrom('meeting_notes')
          .selectAll()
          .where('organisation_id', '=', organisationId)
          .where('meeting_id', '=', meetingId)
          .executeTakeFirst(),
        db
          .selectFrom('meeting_decisions')
          .selectAll()
          .where('organisation_id', '=', organisationId)
          .where('meeting_id', '=', meetingId)
          .orderBy('created_at')
          .orderBy('id')
          .execute(),
        db
          .selectFrom('meeting_actions as a')
          .leftJoin('people as p', (j) => j.onRef('p.id', '=', 'a.owner_person_id').onRef('p.organisation_id', '=', 'a.organisation_id'))
          .selectAll('a')
          .select(['p.full_name as owner_full_name', 'p.preferred_name as owner_preferred_name'])
          .where('a.organisation_id', '=', organisationId)
          .where('a.meeting_id', '=', meetingId)
          .orderBy('a.created_at')
          .orderBy('a.id')
          .execute(),
      ]);
      return {
        discussed: notes?.discussed ?? '',
        summary: notes?.summary ?? '',
        publishedAt: notes?.summary_published_at ?? null,
        decisions: decisions.map((d) => ({ id: d.id, text: d.text, welsh: d.text_welsh ?? null })),
        actions: actions.map((a) => ({
          id: a.id,
          what: a.what,
          whatWelsh: a.what_welsh ?? null,
          ownerPersonId: a.owner_person_id,
          ownerName: a.owner_preferred_name || a.owner_full_name || null,
          dueOn: a.due_on,
          status: a.status,
        })),
      };
    },

    /**
     * Saves the notes and the Welsh summary together or not at all: a failure between them
     * would leave a Welsh summary that no longer says what the English does.
     */
    async saveNotes(actor: Actor, meetingId: string, notes: NotesInput): Promise<void> {
      const at = now().toISOString();
      const row = { discussed: notes.discussed, summary: notes.summary, updated_at: at, updated_by: actor.personId };
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('meeting_notes')
          .values({ meeting_id: meetingId, organisation_id: actor.organisationId, ...row })
          .onConflict((oc) => oc.column('meeting_id').doUpdateSet(row))
          .execute();
        if (notes.summaryWelsh !== undefined)
          await languages.saveWelshVersion(actor.organisationId, welshSummaryOf(meetingId), notes.summaryWelsh ?? '', trx);
        await audit(actor, meetingId, 'notes-saved', undefined, null, trx);
      });
    },

    /** The English and its Welsh (issue 24) go in one row, so neither can be kept without the other. */
    async addDecision(actor: Actor, meetingId: string, text: string, welsh: string | null = null): Promise<void> {
      await db
        .insertInto('meeting_decisions')
        .values({
          id: newId(),
          organisation_id: actor.organisationId,
          meeting_id: meetingId,
          text,
          text_welsh: welsh,
          created_at: now().toISOString(),
        })
        .execute();
      await audit(actor, meetingId, 'decision-added');
    },

    async removeDecision(actor: Actor, meetingId: string, id: string): Promise<void> {
      const result = await db
        .deleteFrom('meeting_decisions')
        .where('organisation_id', '=', actor.organisationId)
        .where('meeting_id', '=', meetingId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numDeletedRows) !== 1) throw new NotFound();
      await audit(actor, meetingId, 'decision-removed');
    },

    async addAction(actor: Actor, meetingId: string, input: ActionInput): Promise<void> {
      if (input.ownerPersonId && (await people.summaries(actor.organisationId, [input.ownerPersonId])).length === 0) throw new NotFound();
      const at = now().toISOString();
      await db
        .insertInto('meeting_actions')
        .values({
          id: newId(),
          organisation_id: actor.organisationId,
          meeting_id: meetingId,
          what: input.what,
          what_welsh: input.whatWelsh ?? null,
          owner_person_id: input.ownerPersonId,
          due_on: input.dueOn,
          status: 'to-do',
          created_at: at,
          updated_at: at,
        })
        .execute();
      await audit(actor, meetingId, 'action-added');
    },

    async setActionStatus(actor: Actor, meetingId: string, id: string, status: ActionStatus): Promise<void> {
      const result = await db
        .updateTable('meeting_actions')
        .set({ status, updated_at: now().toISOString() })
        .where('organisation_id', '=', actor.organisationId)
        .where('meeting_id', '=', meetingId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new NotFound();
      await audit(actor, meetingId, 'action-changed');
    },

    /** Marks the summary as published; refuses a second time so nobody is sent it twice. */
    async markPublished(actor: Actor, meetingId: string): Promise<void> {
      const result = await db
        .updateTable('meeting_notes')
        .set({ summary_published_at: now().toISOString() })
        .where('organisation_id', '=', actor.organisationId)
        .where('meeting_id', '=', meetingId)
        .where('summary_published_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new Conflict('meetings:errors.alreadyPublished');
      await audit(actor, meetingId, 'summary-published');
    },

    /**
     * Who came to each past meeting of a project, by perspective group. Someone with two
     * perspectives (a carer who is also a practitioner) counts in both groups.
     */
    async attendanceByPerspective(organisationId: string, meetingIds: readonly string[]) {
      if (meetingIds.length === 0) return new Map<string, Record<PerspectiveGroup, number> & { total: number }>();
      const rows = await db
        .selectFrom('meeting_attendance')
        .select(['meeting_id', 'person_id'])
        .where('organisation_id', '=', organisationId)
        .where('meeting_id', 'in', meetingIds)
        .where('status', '=', 'present')
        .execute();
      const perspectives = new Map(
        (await people.summaries(organisationId, [...new Set(rows.map((r) => r.person_id))])).map((s) => [s.id, s.perspectives]),
      );
      const out = new Map<string, Record<PerspectiveGroup, number> & { total: number }>();
      for (const r of rows) {
        const counts =
          out.get(r.meeting_id) ??
          ({ ...Object.fromEntries(perspectiveGroups.map((g) => [g, 0])), total: 0 } as Record<PerspectiveGroup, number> & {
            total: number;
          });
        counts.total++;
        for (const g of new Set((perspectives.get(r.person_id) ?? []).map(perspectiveGroupOf))) counts[g]++;
        out.set(r.meeting_id, counts);
      }
      return out;
    },
  };
}

export type MeetingRecordService = ReturnType<typeof makeMeetingRecordService>;
