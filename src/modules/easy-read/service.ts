import type { Db } from '../../db/connection.ts';
import { writeAudit } from '../../platform/audit.ts';
import { Forbidden } from '../../platform/errors.ts';
import { isIndependentFacilitator, isStaff, mayOpenPersonalRecord, type RoleActor } from '../../platform/auth.ts';
import type { Clock } from '../../platform/time.ts';
import type { PeopleService } from '../people/service.ts';
import * as repo from './repository.ts';

type Deps = { db: Db; now: Clock; people: PeopleService };

/**
 * What is sent about a meeting after it: what was talked about, decided, and what happens next
 * (the actions as the caller gave them: the meetings module words them for each reader).
 */
export type MeetingSummary<Action = string> = { discussed: string; decisions: string[]; actions: Action[] };

/** A meeting's easy read texts: the summary, and each decision's by the decision's id. */
export type MeetingVersions = { summary: string | null; decisions: Record<string, string> };

/**
 * Easy read (issue 24, P1, P2): who reads in easy read by default, and the easy read versions
 * staff write of a meeting's summary and its decisions, which easy read readers are sent.
 */
export function makeEasyReadService({ db, now, people }: Deps) {
  return {
    isReader: (organisationId: string, personId: string) => repo.isReader(db, organisationId, personId),

    /** Whether the session's account reads in easy read, read with the session (switching.ts). */
    ofSession: (sessionId: string) => repo.readerOfSession(db, sessionId),

    readersAmong: (organisationId: string, personIds: readonly string[]) => repo.readersAmong(db, organisationId, personIds),

    /** The setting on a person's record: the person sees their own, staff anyone's. */
    async settingOf(user: RoleActor, personId: string) {
      const person = await people.getForUser(user, personId);
      return { person: { id: person.id, name: person.name }, on: await repo.isReader(db, user.organisationId, personId) };
    },

    /** The person makes easy read their default, or staff set it for someone who asked. */
    async set(user: RoleActor, personId: string, on: boolean): Promise<void> {
      if (!mayOpenPersonalRecord(user, personId)) throw new Forbidden();
      await people.get(user.organisationId, personId);
      const at = now();
      await db.transaction().execute(async (trx) => {
        await repo.setReader(trx, user.organisationId, personId, on, user.personId, at.toISOString());
        await writeAudit(trx, {
          organisationId: user.organisationId,
          actorPersonId: user.personId,
          onBehalfOfPersonId: isStaff(user) && user.personId !== personId ? personId : null,
          subjectType: 'person',
          subjectId: personId,
          action: on ? 'easy-read-on' : 'easy-read-off',
          at,
        });
      });
    },

    async versionsOfMeeting(organisationId: string, meetingId: string): Promise<MeetingVersions> {
      const rows = await repo.versionsOfMeeting(db, organisationId, meetingId);
      const decisions: Record<string, string> = {};
      let summary: string | null = null;
      for (const r of rows) {
        if (r.kind === 'summary') summary = r.body;
        else decisions[r.subject_id] = r.body;
      }
      return { summary, decisions };
    },

    /**
     * Staff, or the independent facilitator running the meeting (the caller opened it with
     * meetings.getForUser), write (or change, or clear) a meeting's easy read texts; decision
     * ids are the meeting's own.
     */
    async writeForMeeting(
      user: RoleActor,
      meetingId: string,
      decisionIds: readonly string[],
      texts: { summary: string; decisions: Record<string, string> },
    ): Promise<void> {
      if (!isStaff(user) && !isIndependentFacilitator(user)) throw new Forbidden();
      const at = now();
      const rows = [
        { kind: 'summary' as const, subjectId: meetingId, body: texts.summary },
        ...decisionIds.map((id) => ({ kind: 'decision' as const, subjectId: id, body: texts.decisions[id] ?? '' })),
      ];
      await db.transaction().execute(async (trx) => {
        await repo.saveVersionsOfMeeting(trx, user.organisationId, meetingId, rows, user.personId, at.toISOString());
        await writeAudit(trx, {
          organisationId: user.organisationId,
          actorPersonId: user.personId,
          subjectType: 'meeting',
          subjectId: meetingId,
          action: 'easy-read-written',
          at,
        });
      });
    },

    /**
     * The summary an easy read reader is sent: the easy read summary and decisions where staff
     * wrote them, the plain ones where not. Null when staff wrote neither (everyone gets the same).
     */
    async easyReadSummary<Action>(
      organisationId: string,
      meetingId: string,
      summary: { discussed: string; decisions: ReadonlyArray<{ id: string; text: string }>; actions: Action[] },
    ): Promise<MeetingSummary<Action> | null> {
      const versions = await this.versionsOfMeeting(organisationId, meetingId);
      if (versions.summary === null && Object.keys(versions.decisions).length === 0) return null;
      // "**" marks key words in bold on a page; in a letter, email or text it would only confuse.
      const unmarked = (text: string) => text.replace(/\*\*/g, '');
      return {
        discussed: unmarked(versions.summary ?? summary.discussed),
        decisions: summary.decisions.map((d) => unmarked(versions.decisions[d.id] ?? d.text)),
        actions: summary.actions,
      };
    },
  };
}

export type EasyReadService = ReturnType<typeof makeEasyReadService>;
