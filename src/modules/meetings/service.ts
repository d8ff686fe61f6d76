import type { Db } from '../../db/connection.ts';
import type { MeetingRow } from '../../db/schema.ts';
import { diffFields, auditWriter } from '../../platform/audit.ts';
import { isIndependentFacilitator, isStaff, type CurrentUser, type Actor } from '../../platform/auth.ts';
import { Conflict, NotFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Clock } from '../../platform/time.ts';
import type { AccessNeedsService } from '../people/access-needs.ts';
import type { PeopleService } from '../people/service.ts';
import { hasLivedExperience } from '../people/vocabulary.ts';
import type { ProjectService } from '../projects/service.ts';
import type { Venue, VenueService } from '../venues/service.ts';
import { accessCheck, type AccessCheck, type PersonForCheck } from './access-check.ts';
import * as repo from './repository.ts';
import type { Page } from '../../platform/pagination.ts';
import { participationFigures, type FiguresScope, type ParticipationFigures } from './participation-figures.ts';
import { arrangements as allArrangements, meetingFormats, type Arrangement, type MeetingFormat } from './vocabulary.ts';
import { readJson, storedStrings } from '../../platform/json-column.ts';

export type MeetingInput = {
  title: string;
  purpose: string;
  startsAt: string;
  endsAt: string;
  format: MeetingFormat;
  venueId: string | null;
  joiningDetails: string | null;
  membersOnly: boolean;
  arrangements: Arrangement[];
  interpreterLanguages: string[];
  /** A pre-meeting: the meeting of the same project members prepare for; left as it is when absent. */
  preMeetingOf?: string | null;
};

export type Meeting = MeetingInput & {
  id: string;
  projectId: string;
  projectTitle: string;
  venue: Venue | null;
  cancelled: boolean;
  invitationsSentAt: string | null;
  updatedAt: string;
};

const pick = <T extends string>(known: readonly T[], values: unknown): T[] =>
  Array.isArray(values) ? values.filter((v): v is T => (known as readonly string[]).includes(v)) : [];

export const splitLanguages = (text: string | null): string[] =>
  (text ?? '')
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

function toMeeting(row: MeetingRow, projectTitle: string, venue: Venue | null): Meeting {
  return {
    id: row.id,
    projectId: row.project_id,
    projectTitle,
    title: row.title,
    purpose: row.purpose,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    format: (meetingFormats as readonly string[]).includes(row.format) ? row.format : 'in-person',
    venueId: row.venue_id,
    venue,
    joiningDetails: row.joining_details,
    membersOnly: row.members_only === 1,
    arrangements: pick(allArrangements, readJson(storedStrings, row.arrangements, 'meetings.arrangements')),
    interpreterLanguages: splitLanguages(row.interpreter_languages),
    preMeetingOf: row.pre_meeting_of ?? null,
    cancelled: row.cancelled_at !== null,
    invitationsSentAt: row.invitations_sent_at,
    updatedAt: row.updated_at,
  };
}

const columns = (input: MeetingInput) => ({
  title: input.title,
  purpose: input.purpose,
  starts_at: input.startsAt,
  ends_at: input.endsAt,
  format: input.format,
  venue_id: input.venueId,
  joining_details: input.joiningDetails,
  members_only: input.membersOnly ? 1 : 0,
  arrangements: JSON.stringify(input.arrangements),
  interpreter_languages: input.interpreterLanguages.length ? input.interpreterLanguages.join(', ') : null,
  ...(input.preMeetingOf === undefined ? {} : { pre_meeting_of: input.preMeetingOf }),
});

type Deps = {
  db: Db;
  now: Clock;
  people: PeopleService;
  projects: ProjectService;
  venues: VenueService;
  accessNeeds: AccessNeedsService;
  /** The paper formats every paper of a meeting already has (the papers module's, which uses this one). */
  paperFormatsReady?: (organisationId: string, meetingId: string) => Promise<readonly string[]>;
  /** Whether an independent facilitator is named on the meeting or its project (issue 22). */
  independentMayRun?: (organisationId: string, personId: string, meeting: { id: string; projectId: string }) => Promise<boolean>;
};

/** Meetings of a project: planning, who is invited, and the access check (P1). */
export function makeMeetingService({ db, now, people, projects, venues, accessNeeds, paperFormatsReady, independentMayRun }: Deps) {
  async function load(organisationId: string, id: string): Promise<Meeting> {
    const row = await repo.findMeeting(db, organisationId, id);
    if (!row) throw new NotFound();
    const venue = row.venue_id ? await venues.get(organisationId, row.venue_id).catch(() => null) : null;
    return toMeeting(row, row.project_title, venue);
  }

  /** The venue must be this organisation's own; anything else reads as not found. */
  async function checkVenue(organisationId: string, venueId: string | null) {
    if (venueId) await venues.get(organisationId, venueId);
  }

  const audit = auditWriter(db, now, 'meeting');

  /** A pre-meeting prepares for a meeting of its own project that is still to come; anything else reads as not found. */
  async function checkMainMeeting(
    organisationId: string,
    projectId: string,
    input: MeetingInput,
    selfId: string | null,
    keepId: string | null,
  ) {
    if (!input.preMeetingOf) return;
    const choices = await repo.mainMeetingChoices(db, organisationId, projectId, now().toISOString(), selfId, keepId);
    if (!choices.some((c) => c.id === input.preMeetingOf)) throw new NotFound();
  }

  return {
    load,

    /** Meetings of the project a pre-meeting may prepare for (the form's choices). */
    async mainMeetingChoices(organisationId: string, projectId: string, exceptId: string | null, keepId: string | null = null) {
      const rows = await repo.mainMeetingChoices(db, organisationId, projectId, now().toISOString(), exceptId, keepId);
      return rows.map((r) => ({ id: r.id, title: r.title, startsAt: r.starts_at, endsAt: r.ends_at }));
    },

    /** What a meeting's page says about pre-meetings: the meeting it prepares for, and its own pre-meetings. */
    async preMeetings(organisationId: string, meeting: Pick<Meeting, 'id' | 'preMeetingOf'>) {
      const rows = await repo.relatedMeetings(db, organisationId, meeting.id, meeting.preMeetingOf ?? null);
      const toLine = (r: (typeof rows)[number]) => ({
        id: r.id,
        projectId: r.project_id,
        title: r.title,
        startsAt: r.starts_at,
        endsAt: r.ends_at,
      });
      const main = rows.find((r) => r.id === meeting.preMeetingOf);
      return { preparesFor: main ? toLine(main) : null, first: rows.filter((r) => r.pre_meeting_of === meeting.id).map(toLine) };
    },

    /**
     * A meeting this user may see: staff see every meeting of their organisation; members
     * only meetings of projects they belong to. Anything else is "not found".
     */
    async getForUser(user: CurrentUser, id: string): Promise<Meeting> {
      const meeting = await load(user.organisationId, id);
      // An independent facilitator opens only the meetings they are named on, or whose project they are.
      if (isIndependentFacilitator(user)) {
        if (!(await independentMayRun?.(user.organisationId, user.personId, meeting))) throw new NotFound();
        return meeting;
      }
      if (!isStaff(user) && !(await projects.isMember(user.organisationId, meeting.projectId, user.personId))) throw new NotFound();
      return meeting;
    },

    /** Meetings that have ended (not cancelled), newest first, a page at a time. */
    async ended(organisationId: string, page: Page) {
      const { rows, total } = await repo.endedMeetings(db, organisationId, now().toISOString(), page.limit, page.offset);
      return {
        total,
        meetings: rows.map((r) => ({ id: r.id, title: r.title, projectTitle: r.project_title, startsAt: r.starts_at, endsAt: r.ends_at })),
      };
    },

    /** Who took part in meetings held in a period, counted by the database (for the impact figures). */
    participationFigures(organisationId: string, scope: FiguresScope): Promise<ParticipationFigures> {
      return participationFigures(db, organisationId, scope);
    },

    async forProject(organisationId: string, projectId: string): Promise<Meeting[]> {
      const rows = await repo.listProjectMeetings(db, organisationId, projectId);
      return rows.map((r) => toMeeting(r, '', null));
    },

    /** Meetings a person is invited to that end after `since`, for their calendar. */
    async forPerson(organisationId: string, personId: string, since: string): Promise<Meeting[]> {
      const rows = await repo.meetingsForPerson(db, organisationId, personId, since);
      const places = new Map((await venues.list(organisationId)).map((v) => [v.id, v]));
      return rows.map((r) => toMeeting(r, '', r.venue_id ? (places.get(r.venue_id) ?? null) : null));
    },

    /**
     * A new meeting invites the project's members. A members-only meeting invites only
     * people who draw on care and support and carers: they meet on their own.
     */
    async create(actor: Actor, projectId: string, input: MeetingInput): Promise<string> {
      await checkVenue(actor.organisationId, input.venueId);
      await checkMainMeeting(actor.organisationId, projectId, input, null, null);
      const members = await projects.members(actor.organisationId, projectId);
      const invited = members.filter((m) => !input.membersOnly || hasLivedExperience(m.perspectives)).map((m) => m.personId);
      const id = newId();
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertMeeting(trx, {
          id,
          organisation_id: actor.organisationId,
          project_id: projectId,
          ...columns(input),
          created_at: at,
          updated_at: at,
        });
        await repo.addInvitees(trx, actor.organisationId, id, invited);
      });
      await audit(actor, id, 'created');
      return id;
    },

    async update(actor: Actor, id: string, input: MeetingInput): Promise<void> {
      const before = await load(actor.organisationId, id);
      await checkVenue(actor.organisationId, input.venueId);
      await checkMainMeeting(actor.organisationId, before.projectId, input, id, before.preMeetingOf ?? null);
      await repo.updateMeeting(db, actor.organisationId, id, { ...columns(input), updated_at: now().toISOString() });
      const old: MeetingInput = {
        title: before.title,
        purpose: before.purpose,
        startsAt: before.startsAt,
        endsAt: before.endsAt,
        format: before.format,
        venueId: before.venueId,
        joiningDetails: before.joiningDetails,
        membersOnly: before.membersOnly,
        arrangements: before.arrangements,
        interpreterLanguages: before.interpreterLanguages,
        ...(input.preMeetingOf === undefined ? {} : { preMeetingOf: before.preMeetingOf ?? null }),
      };
      const changes = diffFields(old as Record<string, unknown>, { ...input });
      if (changes.length) await audit(actor, id, 'changed', changes);
    },

    async cancel(actor: Actor, id: string): Promise<void> {
      const meeting = await load(actor.organisationId, id);
      if (meeting.cancelled) throw new Conflict('meetings:errors.alreadyCancelled');
      const at = now().toISOString();
      await repo.updateMeeting(db, actor.organisationId, id, { cancelled_at: at, updated_at: at });
      await audit(actor, id, 'cancelled');
    },

    async invitees(organisationId: string, meetingId: string) {
      const rows = await repo.invitees(db, organisationId, meetingId);
      const perspectives = new Map(
        (
          await people.summaries(
            organisationId,
            rows.map((r) => r.person_id),
          )
        ).map((s) => [s.id, s.perspectives]),
      );
      return rows.map((r) => ({
        personId: r.person_id,
        name: r.preferred_name || r.full_name,
        fullName: r.full_name,
        perspectives: perspectives.get(r.person_id) ?? [],
        channel: r.channel,
        invitedAt: r.invited_at,
        reply: r.reply,
        repliedAt: r.replied_at,
        replyRecordedByName: r.recorder_name,
        replyNote: r.reply_note,
        remindedAt: r.reminded_at,
      }));
    },

    /** Sets who is invited. Only members of the meeting's project can be invited. */
    async setInvitees(actor: Actor, meetingId: string, personIds: readonly string[]): Promise<void> {
      const meeting = await load(actor.organisationId, meetingId);
      const members = new Set((await projects.members(actor.organisationId, meeting.projectId)).map((m) => m.personId));
      const wanted = new Set(personIds.filter((p) => members.has(p)));
      const current = new Set((await repo.invitees(db, actor.organisationId, meetingId)).map((r) => r.person_id));
      await db.transaction().execute(async (trx) => {
        await repo.addInvitees(
          trx,
          actor.organisationId,
          meetingId,
          [...wanted].filter((p) => !current.has(p)),
        );
        await repo.removeInvitees(
          trx,
          actor.organisationId,
          meetingId,
          [...current].filter((p) => !wanted.has(p)),
        );
      });
      await audit(actor, meetingId, 'invitees-changed', [{ field: 'invited', to: wanted.size }]);
    },

    /**
     * The access check for everyone invited. Needs are read for planning, which is why
     * this is not logged as someone looking at each person's record.
     */
    async check(
      organisationId: string,
      meeting: Meeting,
      /** What the caller has read already (the meeting page): the invitees in order, and their needs. */
      known?: { inviteeIds: readonly string[]; needs: Awaited<ReturnType<AccessNeedsService['readMany']>> },
    ): Promise<AccessCheck> {
      const ids = known ? [...known.inviteeIds] : (await repo.invitees(db, organisationId, meeting.id)).map((r) => r.person_id);
      const [found, needs, acceptanceRows, papersReadyIn] = await Promise.all([
        people.getMany(organisationId, ids),
        known ? known.needs : accessNeeds.readMany(organisationId, ids),
        repo.gapAcceptances(db, organisationId, meeting.id),
        paperFormatsReady ? paperFormatsReady(organisationId, meeting.id) : [],
      ]);
      const byId = new Map(found.map((p) => [p.id, p]));
      const inOrder = ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
      const forCheck: PersonForCheck[] = inOrder.map((person) => ({
        personId: person.id,
        name: person.name,
        perspectives: person.perspectives,
        needs: needs.get(person.id) ?? null,
        unsuitableTimes: person.unsuitableTimes,
      }));
      const acceptances = acceptanceRows.map((a) => ({
        personId: a.person_id,
        need: a.need,
        reason: a.reason,
        acceptedByName: a.accepted_by_name,
        acceptedAt: a.accepted_at,
      }));
      return accessCheck(
        {
          format: meeting.format,
          startsAt: meeting.startsAt,
          endsAt: meeting.endsAt,
          venueFeatures: meeting.venue ? meeting.venue.features : null,
          arrangements: meeting.arrangements,
          interpreterLanguages: meeting.interpreterLanguages,
          membersOnly: meeting.membersOnly,
          papersReadyIn,
        },
        forCheck,
        acceptances,
      );
    },

    /** A facilitator accepts a gap they cannot close, and says why. */
    async acceptGap(actor: Actor & { personId: string }, meetingId: string, personId: string, need: string, reason: string): Promise<void> {
      await load(actor.organisationId, meetingId);
      await repo.acceptGap(db, {
        organisation_id: actor.organisationId,
        meeting_id: meetingId,
        person_id: personId,
        need,
        reason,
        accepted_by: actor.personId,
        accepted_at: now().toISOString(),
      });
      await audit(actor, meetingId, 'gap-accepted', [{ field: need }]);
    },

    async withdrawAcceptance(actor: Actor, meetingId: string, personId: string, need: string): Promise<void> {
      await load(actor.organisationId, meetingId);
      await repo.withdrawAcceptance(db, actor.organisationId, meetingId, personId, need);
      await audit(actor, meetingId, 'gap-reopened', [{ field: need }]);
    },
  };
}

export type MeetingService = ReturnType<typeof makeMeetingService>;
