import type { Db, Executor } from '../../db/connection.ts';
import { writeAudit } from '../../platform/audit.ts';
import { isStaff, type CurrentUser, type Actor } from '../../platform/auth.ts';
import { Conflict, Forbidden, NotFound } from '../../platform/errors.ts';
import type { Translate } from '../../platform/i18n.ts';
import { newId } from '../../platform/ids.ts';
import { pageOf, type Page } from '../../platform/pagination.ts';
import { londonToday, type Clock } from '../../platform/time.ts';
import type { Notices } from '../outbox/notices.ts';
import type { PeopleService, Person } from '../people/service.ts';
import type { ProjectService } from '../projects/service.ts';
import { composeDecisionNotice, composeUpdateNotice } from './messages.ts';
import * as repo from './repository.ts';
import {
  canChangeStatus,
  isOverdue,
  progressOf,
  takingPartProblem,
  windowStart,
  type ActionStatus,
  type Progress,
  type TakingPart,
} from './rules.ts';
import { z } from 'zod';
import { readJson } from '../../platform/json-column.ts';
import { perspectiveGroups } from '../../platform/perspective-groups.ts';

export type DecisionInput = {
  projectId: string;
  proposalId: string | null;
  meetingId: string | null;
  decided: string;
  why: string;
  /** Left out (null) when a decision made at a meeting was not counted. */
  takingPart: TakingPart | null;
  /** The London date it was made; today when left out (a vote that has just closed). */
  decidedOn?: string;
};
export type ActionInput = { what: string; ownerId: string; dueOn: string };
export type ProgressInput = { status: ActionStatus; whatWeDid: string | null };

export type DecisionAction = {
  id: string;
  decisionId: string;
  what: string;
  ownerId: string;
  ownerName: string;
  dueOn: string;
  status: ActionStatus;
  whatWeDid: string | null;
  doneOn: string | null;
  overdue: boolean;
};
export type DecisionNote = { id: string; text: string; addedAt: string; addedByName: string | null };
export type Decision = {
  id: string;
  projectId: string;
  projectTitle: string;
  proposalId: string | null;
  meeting: { id: string; title: string; startsAt: string } | null;
  decided: string;
  why: string;
  takingPart: TakingPart | null;
  decidedOn: string;
  recordedAt: string;
  recordedByName: string | null;
  sentAt: string | null;
  notes: DecisionNote[];
  actions: DecisionAction[];
  progress: Progress;
};

type Deps = { db: Db; now: Clock; t: Translate; publicUrl: string; people: PeopleService; projects: ProjectService; notices: Notices };

/** Who took part, as numbers only: written by recordDecision. */
const storedTakingPart: z.ZodType<TakingPart> = z.object({
  invited: z.number(),
  tookPart: z.number(),
  byPerspective: z.array(z.object({ group: z.enum(perspectiveGroups), invited: z.number(), tookPart: z.number() })),
});

function readTakingPart(text: string | null): TakingPart | null {
  if (!text) return null;
  return readJson(storedTakingPart, text, 'decision_records.taking_part');
}

/**
 * The decision log (P2, S4): what a project decided, why and who took part; follow-up
 * actions, and "you said, we did" when they are done. Every decision and every finished
 * action goes to the project's members by their own channel.
 */
export function makeDecisionLogService({ db, now, t, publicUrl, people, projects, notices }: Deps) {
  const today = () => londonToday(now());
  const link = (projectId: string, id: string) => `${publicUrl}/projects/${projectId}/decisions/${id}`;

  function toAction(r: repo.ActionRow, on: string): DecisionAction {
    const action = {
      id: r.id,
      decisionId: r.decision_id,
      what: r.what,
      ownerId: r.owner_person_id,
      ownerName: r.owner_preferred_name || r.owner_full_name,
      dueOn: r.due_on,
      status: r.status,
      whatWeDid: r.what_we_did,
      doneOn: r.done_on,
    };
    return { ...action, overdue: isOverdue(action, on) };
  }

  async function assemble(organisationId: string, rows: repo.RecordRow[]): Promise<Decision[]> {
    const ids = rows.map((r) => r.id);
    const [notes, actions] = await Promise.all([repo.notesFor(db, organisationId, ids), repo.actionsFor(db, organisationId, ids)]);
    const on = today();
    return rows.map((r) => {
      const own = actions.filter((a) => a.decision_id === r.id).map((a) => toAction(a, on));
      return {
        id: r.id,
        projectId: r.project_id,
        projectTitle: r.project_title,
        proposalId: r.proposal_id,
        meeting:
          r.meeting_id && r.meeting_title ? { id: r.meeting_id, title: r.meeting_title, startsAt: String(r.meeting_starts_at) } : null,
        decided: r.decided,
        why: r.why,
        takingPart: readTakingPart(r.taking_part),
        decidedOn: r.decided_on,
        recordedAt: r.recorded_at,
        recordedByName: r.recorder_name,
        sentAt: r.sent_at,
        notes: notes
          .filter((n) => n.decision_id === r.id)
          .map((n) => ({ id: n.id, text: n.text, addedAt: n.added_at, addedByName: n.added_by_name })),
        actions: own,
        progress: progressOf(own, on),
      };
    });
  }

  /** Everyone in the project, loaded in full before any transaction (SQLite has one connection). */
  async function membersOf(organisationId: string, projectId: string): Promise<Person[]> {
    const out: Person[] = [];
    for (const id of await repo.memberIds(db, organisationId, projectId)) out.push(await people.get(organisationId, id));
    return out;
  }

  async function loadRecord(organisationId: string, projectId: string, id: string): Promise<repo.RecordRow> {
    const row = await repo.findRecord(db, organisationId, projectId, id);
    if (!row) throw new NotFound();
    return row;
  }

  type News = {
    id: string;
    projectId: string;
    projectTitle: string;
    decided: string;
    why: string;
    decidedOn: string;
    takingPart: TakingPart | null;
  };
  const newsOf = (row: repo.RecordRow): News => ({
    id: row.id,
    projectId: row.project_id,
    projectTitle: row.project_title,
    decided: row.decided,
    why: row.why,
    decidedOn: row.decided_on,
    takingPart: readTakingPart(row.taking_part),
  });

  /**
   * Sends a decision to the project's members, in the caller's transaction so the decision
   * and its messages are kept together. A repeat sends nothing new (dedupe by decision and person).
   */
  async function sendOut(organisationId: string, news: News, members: Person[], trx: Executor) {
    const d = {
      projectTitle: news.projectTitle,
      decided: news.decided,
      why: news.why,
      decidedOn: news.decidedOn,
      takingPart: news.takingPart,
      link: link(news.projectId, news.id),
    };
    const result = await notices.send(
      {
        organisationId,
        kind: 'decision',
        aboutId: news.id,
        projectId: news.projectId,
        dedupeKey: (p) => `decision:${news.id}:${p.id}`,
        compose: (p) => composeDecisionNotice(t, d, p.name),
      },
      members,
      trx,
    );
    await repo.markSent(trx, organisationId, news.id, now().toISOString());
    return result;
  }

  /** Staff see every project's decisions; members only their own projects'. Anyone else: not found. */
  async function visibleProject(user: CurrentUser, projectId: string) {
    return projects.get(user, projectId);
  }

  return {
    /**
     * Records a decision and sends it to the project's members. Called by staff from the
     * form and by proposals when a vote closes. One record per proposal: a second is refused.
     */
    async recordDecision(actor: Actor, input: DecisionInput): Promise<{ id: string }> {
      const { organisationId } = actor;
      const projectTitle = await repo.projectTitle(db, organisationId, input.projectId);
      if (projectTitle === null) throw new NotFound();
      if (input.meetingId && !(await repo.meetingOfProject(db, organisationId, input.projectId, input.meetingId))) throw new NotFound();
      if (input.takingPart && takingPartProblem(input.takingPart))
        throw new Error(`Taking part cannot be right: ${takingPartProblem(input.takingPart)}`);
      if (!input.decided.trim() || !input.why.trim()) throw new Error('A decision needs what was decided and why');
      if (input.proposalId && (await repo.proposalRecorded(db, organisationId, input.proposalId)))
        throw new Conflict('decision-log:errors.alreadyRecorded');
      const id = newId();
      const at = now();
      const members = await membersOf(organisationId, input.projectId);
      const decidedOn = input.decidedOn ?? londonToday(at);
      const added = await db.transaction().execute(async (trx) => {
        const inserted = await repo.insertRecord(trx, {
          id,
          organisation_id: organisationId,
          project_id: input.projectId,
          proposal_id: input.proposalId,
          meeting_id: input.meetingId,
          decided: input.decided.trim(),
          why: input.why.trim(),
          taking_part: input.takingPart ? JSON.stringify(input.takingPart) : null,
          decided_on: decidedOn,
          recorded_at: at.toISOString(),
          recorded_by: actor.personId,
        });
        if (!inserted) return false;
        await writeAudit(trx, {
          organisationId,
          actorPersonId: actor.personId,
          subjectType: 'decision',
          subjectId: id,
          action: 'recorded',
          changes: [{ field: 'project', to: input.projectId }, ...(input.proposalId ? [{ field: 'proposal', to: input.proposalId }] : [])],
          at,
        });
        const news = {
          id,
          projectId: input.projectId,
          projectTitle,
          decided: input.decided.trim(),
          why: input.why.trim(),
          decidedOn,
          takingPart: input.takingPart ?? null,
        };
        await sendOut(organisationId, news, members, trx);
        return true;
      });
      if (!added) throw new Conflict('decision-log:errors.alreadyRecorded');
      return { id };
    },

    /** Sends again a decision whose sending was interrupted; people who already have it get nothing new. */
    async resend(user: CurrentUser, projectId: string, id: string) {
      if (!isStaff(user)) throw new Forbidden();
      const row = await loadRecord(user.organisationId, projectId, id);
      const members = await membersOf(user.organisationId, projectId);
      return db.transaction().execute((trx) => sendOut(user.organisationId, newsOf(row), members, trx));
    },

    /** A page of a project's decisions, newest first, and how many it has made. */
    async log(user: CurrentUser, projectId: string, page: Page = pageOf(1)) {
      const project = await visibleProject(user, projectId);
      const filter = { projectIds: [project.id] };
      const [rows, total] = await Promise.all([
        repo.listRecords(db, user.organisationId, filter, page),
        repo.countRecords(db, user.organisationId, filter),
      ]);
      return { project, decisions: await assemble(user.organisationId, rows), total };
    },

    /** The project whose log this is, for the form that adds to it; not found when the person may not see it. */
    project: visibleProject,

    /** The decision recorded from a proposal's vote, or null while there is none. */
    async recordOfProposal(user: CurrentUser, projectId: string, proposalId: string): Promise<{ id: string } | null> {
      await visibleProject(user, projectId);
      const id = await repo.recordIdOfProposal(db, user.organisationId, projectId, proposalId);
      return id ? { id } : null;
    },

    async get(user: CurrentUser, projectId: string, id: string) {
      const project = await visibleProject(user, projectId);
      const [decision] = await assemble(user.organisationId, [await loadRecord(user.organisationId, projectId, id)]);
      return { project, decision: decision! };
    },

    /** Decisions made in the last `days` days (today included) in the projects this person sees. */
    async recent(user: CurrentUser, days = 30): Promise<Decision[]> {
      const projectIds = isStaff(user) ? 'all' : { memberOf: user.personId };
      // The home page shows a few; each project's log has them all, a page at a time.
      const rows = await repo.listRecords(db, user.organisationId, { projectIds, decidedFrom: windowStart(today(), days) }, pageOf(1, 10));
      return assemble(user.organisationId, rows);
    },

    /** Meetings of the project a decision can belong to, newest first. */
    async meetingChoices(user: CurrentUser, projectId: string) {
      await visibleProject(user, projectId);
      return (await repo.meetingsOfProject(db, user.organisationId, projectId)).map((m) => ({
        id: m.id,
        title: m.title,
        startsAt: String(m.starts_at),
      }));
    },

    /** A correction or later word: the decision itself never changes once sent. */
    async addNote(user: CurrentUser, projectId: string, id: string, text: string): Promise<void> {
      if (!isStaff(user)) throw new Forbidden();
      await loadRecord(user.organisationId, projectId, id);
      const at = now();
      await db.transaction().execute(async (trx) => {
        await repo.insertNote(trx, {
          id: newId(),
          organisation_id: user.organisationId,
          decision_id: id,
          text,
          added_at: at.toISOString(),
          added_by: user.personId,
        });
        await writeAudit(trx, {
          organisationId: user.organisationId,
          actorPersonId: user.personId,
          subjectType: 'decision',
          subjectId: id,
          action: 'note-added',
          at,
        });
      });
    },

    /** A follow-up action with an owner in the organisation and a due date. */
    async addAction(
      user: CurrentUser,
      projectId: string,
      decisionId: string,
      input: ActionInput,
    ): Promise<{ ok: true; id: string } | { ok: false; errors: Record<string, string> }> {
      if (!isStaff(user)) throw new Forbidden();
      await loadRecord(user.organisationId, projectId, decisionId);
      if ((await people.summaries(user.organisationId, [input.ownerId])).length === 0)
        return { ok: false, errors: { ownerId: 'decision-log:errors.ownerRequired' } };
      const id = newId();
      const at = now();
      await db.transaction().execute(async (trx) => {
        await repo.insertAction(trx, {
          id,
          organisation_id: user.organisationId,
          decision_id: decisionId,
          what: input.what,
          owner_person_id: input.ownerId,
          due_on: input.dueOn,
          status: 'not-started',
          created_at: at.toISOString(),
          created_by: user.personId,
          updated_at: at.toISOString(),
          updated_by: user.personId,
        });
        await writeAudit(trx, {
          organisationId: user.organisationId,
          actorPersonId: user.personId,
          subjectType: 'decision',
          subjectId: decisionId,
          action: 'action-added',
          changes: [{ field: 'action', to: id }],
          at,
        });
      });
      return { ok: true, id };
    },

    /** Staff, and the member who owns the job, may see and move it on. */
    async action(user: CurrentUser, projectId: string, decisionId: string, actionId: string) {
      const { project, decision } = await this.get(user, projectId, decisionId);
      const action = decision.actions.find((a) => a.id === actionId);
      if (!action) throw new NotFound();
      return { project, decision, action };
    },

    /**
     * Moves an action on. Done needs "what we did", and then the update goes to every
     * member once ("you said, we did"). A done action stays done.
     */
    async updateAction(
      user: CurrentUser,
      projectId: string,
      decisionId: string,
      actionId: string,
      input: ProgressInput,
    ): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
      const { decision, action } = await this.action(user, projectId, decisionId, actionId);
      if (!mayUpdateAction(user, action)) throw new Forbidden();
      if (!canChangeStatus(action.status)) throw new Conflict('decision-log:errors.alreadyDone');
      const done = input.status === 'done';
      if (done && !input.whatWeDid) return { ok: false, errors: { whatWeDid: 'decision-log:errors.whatWeDidRequired' } };
      const at = now();
      const doneOn = done ? londonToday(at) : null;
      const members = done ? await membersOf(user.organisationId, projectId) : [];
      const changed = await db.transaction().execute(async (trx) => {
        const ok = await repo.updateActionProgress(trx, user.organisationId, actionId, {
          status: input.status,
          what_we_did: done ? input.whatWeDid : null,
          done_on: doneOn,
          updated_at: at.toISOString(),
          updated_by: user.personId,
        });
        if (!ok) return false;
        await writeAudit(trx, {
          organisationId: user.organisationId,
          actorPersonId: user.personId,
          subjectType: 'decision',
          subjectId: decisionId,
          action: 'action-progress',
          changes: [
            { field: 'action', to: actionId },
            { field: 'status', from: action.status, to: input.status },
          ],
          at,
        });
        if (done) {
          // "You said, we did" goes with the change, in the same transaction.
          const a = {
            projectTitle: decision.projectTitle,
            decided: decision.decided,
            what: action.what,
            whatWeDid: input.whatWeDid!,
            doneOn: doneOn!,
            link: link(projectId, decisionId),
          };
          await notices.send(
            {
              organisationId: user.organisationId,
              kind: 'decision-update',
              aboutId: decisionId,
              projectId,
              dedupeKey: (p) => `decision-update:${actionId}:${p.id}`,
              compose: (p) => composeUpdateNotice(t, a, p.name),
            },
            members,
            trx,
          );
        }
        return true;
      });
      if (!changed) throw new Conflict('decision-log:errors.alreadyDone');
      return { ok: true };
    },
  };
}

/**
 * Whoever owns a follow-up job can report on it, member or staff: a person who draws on
 * care and support who took a job on should not need staff to say it is done.
 */
export function mayUpdateAction(user: CurrentUser, action: { ownerId: string }) {
  return isStaff(user) || action.ownerId === user.personId;
}

export type DecisionLogService = ReturnType<typeof makeDecisionLogService>;
