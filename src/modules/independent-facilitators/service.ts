// Issue 22: an independent facilitator comes from outside the organisation to run meetings
// fairly. Their account has a role of its own; an admin names them on a project (all its
// meetings) or on one meeting. What they may open follows from those namings alone: the
// meetings they run, and the pages a meeting needs, never money or other people's records.
import type { Db } from '../../db/connection.ts';
import { writeAudit } from '../../platform/audit.ts';
import { isIndependentFacilitator, type RoleActor } from '../../platform/auth.ts';
import { Conflict, Forbidden, NotFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Page } from '../../platform/pagination.ts';
import type { Clock } from '../../platform/time.ts';
import * as repo from './repository.ts';

export type NamedOn = { projectId: string } | { meetingId: string };

function mustBeAdmin(actor: RoleActor) {
  if (actor.role !== 'admin') throw new Forbidden();
}
function mustBeIndependent(actor: RoleActor) {
  if (!isIndependentFacilitator(actor)) throw new Forbidden();
}

export function makeIndependentFacilitatorService({ db, now }: { db: Db; now: Clock }) {
  /** The project or meeting a naming is about, checked to be this organisation's. */
  async function place(organisationId: string, where: NamedOn) {
    if ('projectId' in where) {
      const project = await repo.projectTitle(db, organisationId, where.projectId);
      if (!project) throw new NotFound();
      return { kind: 'project' as const, id: project.id, title: project.title, projectTitle: project.title, startsAt: null };
    }
    const meeting = await repo.meetingBrief(db, organisationId, where.meetingId);
    if (!meeting) throw new NotFound();
    return {
      kind: 'meeting' as const,
      id: meeting.id,
      title: meeting.title,
      projectTitle: meeting.project_title,
      startsAt: meeting.starts_at,
    };
  }

  return {
    /** May this independent facilitator run this meeting? Named on it or on its project. */
    mayRun(organisationId: string, personId: string, meeting: { id: string; projectId: string }) {
      return repo.mayRun(db, organisationId, personId, meeting.id, meeting.projectId);
    },

    /** Of these meetings (linked from one they run), the ones they may open too. */
    runnableAmong(organisationId: string, personId: string, meetings: ReadonlyArray<{ id: string; projectId: string }>) {
      return repo.runnableAmong(db, organisationId, personId, meetings);
    },

    /** Where the signed-in independent facilitator works. */
    async places(actor: RoleActor, page: Page) {
      mustBeIndependent(actor);
      const { rows, total } = await repo.placesOf(db, actor.organisationId, actor.personId, page);
      return {
        total,
        places: rows.map((r) =>
          r.project_id
            ? {
                kind: 'project' as const,
                href: `/facilitating/projects/${r.project_id}`,
                title: r.project_title ?? '',
                startsAt: null,
                projectTitle: null,
              }
            : {
                kind: 'meeting' as const,
                href: `/meetings/${r.meeting_id}`,
                title: r.meeting_title ?? '',
                startsAt: r.starts_at,
                projectTitle: r.meeting_project_title,
              },
        ),
      };
    },

    /** A project they are named on, with its meetings a page at a time; any other reads as not found. */
    async project(actor: RoleActor, projectId: string, page: Page) {
      mustBeIndependent(actor);
      if (!(await repo.namedOnProject(db, actor.organisationId, actor.personId, projectId))) throw new NotFound();
      const [project, meetings] = await Promise.all([
        repo.projectTitle(db, actor.organisationId, projectId),
        repo.projectMeetings(db, actor.organisationId, projectId, page),
      ]);
      if (!project) throw new NotFound();
      return {
        project,
        total: meetings.total,
        meetings: meetings.rows.map((m) => ({
          id: m.id,
          title: m.title,
          startsAt: m.starts_at,
          endsAt: m.ends_at,
          cancelled: m.cancelled_at !== null,
        })),
      };
    },

    /** Admins: every independent facilitator of the organisation. */
    async facilitators(actor: RoleActor, page: Page) {
      mustBeAdmin(actor);
      const { rows, total } = await repo.facilitatorsPage(db, actor.organisationId, page);
      return {
        total,
        people: rows.map((r) => ({ personId: r.person_id, name: r.full_name, active: Number(r.active) === 1, places: Number(r.places) })),
      };
    },

    /** Admins: who is named on a project or meeting, and who could be. */
    async naming(actor: RoleActor, where: NamedOn) {
      mustBeAdmin(actor);
      const [what, named, choosable] = await Promise.all([
        place(actor.organisationId, where),
        repo.namedOn(db, actor.organisationId, where),
        repo.choosable(db, actor.organisationId),
      ]);
      const namedIds = new Set(named.map((n) => n.person_id));
      return {
        place: what,
        named: named.map((n) => ({ id: n.id, personId: n.person_id, name: n.full_name, namedAt: n.named_at })),
        choices: choosable.filter((c) => !namedIds.has(c.person_id)).map((c) => ({ personId: c.person_id, name: c.full_name })),
      };
    },

    async name(actor: RoleActor, personId: string, where: NamedOn) {
      mustBeAdmin(actor);
      const what = await place(actor.organisationId, where);
      if (!(await repo.isChoosable(db, actor.organisationId, personId))) throw new NotFound();
      const named = await repo.namedOn(db, actor.organisationId, where);
      if (named.some((n) => n.person_id === personId)) throw new Conflict();
      const at = now();
      await db.transaction().execute(async (trx) => {
        await repo.insertNaming(trx, {
          id: newId(),
          organisation_id: actor.organisationId,
          person_id: personId,
          project_id: what.kind === 'project' ? what.id : null,
          meeting_id: what.kind === 'meeting' ? what.id : null,
          named_by_person_id: actor.personId,
          named_at: at.toISOString(),
        });
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          subjectType: what.kind,
          subjectId: what.id,
          action: 'independent-facilitator-named',
          changes: [{ field: 'independentFacilitator', to: personId }],
          at,
        });
      });
      return what;
    },

    /** Ends a naming; returns where it was, for the page to go back to. */
    async remove(actor: RoleActor, namingId: string) {
      mustBeAdmin(actor);
      const naming = await repo.findNaming(db, actor.organisationId, namingId);
      if (!naming) throw new NotFound();
      const at = now();
      await db.transaction().execute(async (trx) => {
        await repo.endNaming(trx, actor.organisationId, namingId, at.toISOString());
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          subjectType: naming.project_id ? 'project' : 'meeting',
          subjectId: (naming.project_id ?? naming.meeting_id)!,
          action: 'independent-facilitator-removed',
          changes: [{ field: 'independentFacilitator', from: naming.person_id }],
          at,
        });
      });
      return naming.project_id
        ? `/projects/${naming.project_id}/independent-facilitator`
        : `/meetings/${naming.meeting_id}/independent-facilitator`;
    },

    /** For the review: did this project have an independent facilitator at any time, ended or not? */
    projectHadOne(organisationId: string, projectId: string) {
      return repo.projectHadOne(db, organisationId, projectId);
    },
  };
}

export type IndependentFacilitatorService = ReturnType<typeof makeIndependentFacilitatorService>;
