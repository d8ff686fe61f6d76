// C3: risks named and managed together. Each project, and the organisation, keeps a risk
// log that its members help make: anyone who can see a log adds risks and comments on
// them; staff change them, note that they looked again, close them and record "positive
// risk-taking" decisions with who agreed and when. Every change is audited.
import type { Db } from '../../db/connection.ts';
import type { Counted } from '../../platform/counts.ts';
import type { Likelihood, Severity } from '../../db/schema/risks.ts';
import { diffFields, writeAudit } from '../../platform/audit.ts';
import { isStaff, type CurrentUser, type Role } from '../../platform/auth.ts';
import { Forbidden, NotFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Page } from '../../platform/pagination.ts';
import { londonToday, type Clock } from '../../platform/time.ts';
import type { PeopleService } from '../people/service.ts';
import type { ProjectService } from '../projects/service.ts';
import * as repo from './repository.ts';
import { isOverdue, reviewDue } from './review-due.ts';

export type RiskInput = {
  title: string;
  affects: string | null;
  likelihood: Likelihood;
  severity: Severity;
  plan: string | null;
  ownerPersonId: string | null;
  /** Null: the rule chooses from how likely and how bad. */
  reviewOn: string | null;
};

export type DecisionInput = { decidedOn: string; what: string; why: string; agreedBy: string[] };

/** A log: the organisation's (null) or a project's. */
export type LogId = string | null;
export type ListFilter = { log: 'organisation' | 'all' | 'mine' | string; show: repo.Show };

/** How many decisions a risk's page shows; older ones are counted, not listed. */
export const decisionsShown = 20;
/** Names shown under a decision; the rest are counted ("and 212 more"). */
export const agreementsShown = 20;

type Deps = {
  db: Db;
  now: Clock;
  people: Pick<PeopleService, 'summaries'>;
  projects: Pick<ProjectService, 'get' | 'members' | 'projectIdsOf' | 'titleOf'>;
  staff: { activeStaff(organisationId: string): Promise<Array<{ personId: string; role: Role }>> };
};

export function makeRiskService({ db, now, people, projects, staff }: Deps) {
  const today = () => londonToday(now());

  /** The log's title, once the user is known to see it: members see only their own projects'. */
  async function openLog(user: CurrentUser, projectId: LogId): Promise<{ projectId: LogId; projectTitle: string | null }> {
    if (!projectId) return { projectId: null, projectTitle: null };
    const project = await projects.get(user, projectId);
    return { projectId: project.id, projectTitle: project.title };
  }

  /** A risk the user may see, or not found: another organisation's, or a project they are not in. */
  async function visibleRisk(user: CurrentUser, id: string) {
    const row = await repo.risk(db, user.organisationId, id);
    if (!row) throw new NotFound();
    const log = await openLog(user, row.project_id);
    return { row, log };
  }

  const requireStaff = (user: CurrentUser) => {
    if (!isStaff(user)) throw new Forbidden();
  };

  const nameMap = async (organisationId: string, ids: Array<string | null>) => {
    const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
    return new Map((await people.summaries(organisationId, wanted)).map((p) => [p.id, p.name]));
  };

  const audit = (user: CurrentUser, riskId: string, action: string, changes: Array<{ field: string; from?: unknown; to?: unknown }> = []) =>
    ({
      organisationId: user.organisationId,
      actorPersonId: user.personId,
      subjectType: 'risk',
      subjectId: riskId,
      action,
      changes,
      at: now(),
    }) as const;

  /** The people who can own a risk or agree to a decision: staff, and the project's members. */
  async function peopleToChoose(user: CurrentUser, projectId: LogId) {
    const staffIds = (await staff.activeStaff(user.organisationId)).map((s) => s.personId);
    const members = projectId ? await projects.members(user.organisationId, projectId) : [];
    const memberIds = new Set(members.map((m) => m.personId));
    const staffNames = await people.summaries(
      user.organisationId,
      staffIds.filter((id) => !memberIds.has(id)),
    );
    return [...members.map((m) => ({ id: m.personId, name: m.name })), ...staffNames.map((s) => ({ id: s.id, name: s.name }))].sort(
      (a, b) => a.name.localeCompare(b.name),
    );
  }

  function scopeFor(user: CurrentUser, filter: ListFilter, myProjects: string[]): repo.Scope {
    if (filter.log === 'organisation') return { log: 'organisation' };
    if (filter.log !== 'all' && filter.log !== 'mine') return { log: 'project', projectId: filter.log };
    if (!isStaff(user)) return { log: 'visible', projectIds: myProjects };
    return filter.log === 'mine' ? { log: 'mine', personId: user.personId, projectIds: myProjects } : { log: 'all' };
  }

  return {
    openLog,

    async choices(user: CurrentUser, projectId: LogId) {
      await openLog(user, projectId);
      return peopleToChoose(user, projectId);
    },

    /** One page of a log (or of every log the user can see), soonest to look at first. */
    async list(user: CurrentUser, filter: ListFilter, page: Page) {
      const log = filter.log === 'organisation' || filter.log === 'all' || filter.log === 'mine' ? null : await openLog(user, filter.log);
      const myProjects =
        !log && filter.log !== 'organisation' && (filter.log === 'mine' || !isStaff(user))
          ? await projects.projectIdsOf(user.organisationId, user.personId)
          : [];
      const scope = scopeFor(user, filter, myProjects);
      const day = today();
      const [rows, total] = await Promise.all([
        repo.risksPage(db, user.organisationId, scope, filter.show, day, page),
        repo.countRisks(db, user.organisationId, scope, filter.show, day),
      ]);
      const owners = await nameMap(
        user.organisationId,
        rows.map((r) => r.owner_person_id),
      );
      return {
        projectTitle: log?.projectTitle ?? null,
        total,
        items: rows.map((r) => ({
          id: r.id,
          projectId: r.project_id,
          projectTitle: r.project_title,
          title: r.title,
          likelihood: r.likelihood,
          severity: r.severity,
          owner: r.owner_person_id ? (owners.get(r.owner_person_id) ?? null) : null,
          reviewOn: r.review_on,
          overdue: isOverdue(r.review_on, day, Boolean(r.closed_at)),
          closedAt: r.closed_at,
        })),
      };
    },

    /** Anyone who can see the log adds a risk; the date to look again comes from the rule if none is given. */
    async add(user: CurrentUser, projectId: LogId, input: RiskInput): Promise<{ id: string } | 'not-a-choice'> {
      await openLog(user, projectId);
      if (input.ownerPersonId && !(await peopleToChoose(user, projectId)).some((p) => p.id === input.ownerPersonId)) return 'not-a-choice';
      const id = newId();
      const at = now().toISOString();
      const reviewOn = reviewDue(today(), input.likelihood, input.severity, input.reviewOn);
      await db.transaction().execute(async (trx) => {
        await repo.insertRisk(trx, {
          id,
          organisation_id: user.organisationId,
          project_id: projectId,
          title: input.title,
          affects: input.affects,
          likelihood: input.likelihood,
          severity: input.severity,
          plan: input.plan,
          owner_person_id: input.ownerPersonId,
          review_on: reviewOn,
          raised_by: user.personId,
          raised_at: at,
          updated_at: at,
        });
        await writeAudit(trx, audit(user, id, 'added', [{ field: 'project_id', to: projectId }]));
      });
      return { id };
    },

    async read(user: CurrentUser, id: string, commentsPage: Page) {
      const { row, log } = await visibleRisk(user, id);
      const [comments, commentCount, decisions, decisionCount] = await Promise.all([
        repo.commentsPage(db, user.organisationId, id, commentsPage),
        repo.countComments(db, user.organisationId, id),
        repo.decisions(db, user.organisationId, id, decisionsShown),
        repo.countDecisions(db, user.organisationId, id),
      ]);
      const agreements = await repo.agreements(
        db,
        user.organisationId,
        decisions.map((d) => d.id),
        agreementsShown,
        user.personId,
      );
      const names = await nameMap(user.organisationId, [
        row.owner_person_id,
        row.raised_by,
        row.closed_by,
        ...comments.map((c) => c.person_id),
        ...agreements.first.map((a) => a.person_id),
      ]);
      const nameOf = (pid: string | null) => (pid ? (names.get(pid) ?? null) : null);
      const day = today();
      return {
        id: row.id,
        projectId: row.project_id,
        projectTitle: log.projectTitle,
        title: row.title,
        affects: row.affects,
        likelihood: row.likelihood,
        severity: row.severity,
        plan: row.plan,
        ownerPersonId: row.owner_person_id,
        owner: nameOf(row.owner_person_id),
        reviewOn: row.review_on,
        lastReviewedOn: row.last_reviewed_on,
        overdue: isOverdue(row.review_on, day, Boolean(row.closed_at)),
        raisedBy: nameOf(row.raised_by),
        raisedAt: row.raised_at,
        closedAt: row.closed_at,
        closedBy: nameOf(row.closed_by),
        comments: comments.map((c) => ({ id: c.id, by: nameOf(c.person_id), kind: c.kind, body: c.body, at: c.created_at })),
        commentCount,
        decisionCount,
        decisions: decisions.map((d) => ({
          id: d.id,
          decidedOn: d.decided_on,
          what: d.what,
          why: d.why,
          agreed: agreements.first
            .filter((a) => a.decision_id === d.id)
            .map((a) => ({ personId: a.person_id, name: nameOf(a.person_id), on: a.agreed_on })),
          agreedCount: agreements.totals.get(d.id) ?? 0,
          youAgreed: agreements.mine.has(d.id),
        })),
      };
    },

    /** Staff change a risk; what changed is audited. */
    async change(user: CurrentUser, id: string, input: RiskInput): Promise<'changed' | 'not-a-choice'> {
      requireStaff(user);
      const { row } = await visibleRisk(user, id);
      if (input.ownerPersonId && !(await peopleToChoose(user, row.project_id)).some((p) => p.id === input.ownerPersonId))
        return 'not-a-choice';
      const after = {
        title: input.title,
        affects: input.affects,
        likelihood: input.likelihood,
        severity: input.severity,
        plan: input.plan,
        owner_person_id: input.ownerPersonId,
        review_on: input.reviewOn ?? row.review_on,
      };
      await db.transaction().execute(async (trx) => {
        await repo.updateRisk(trx, user.organisationId, id, { ...after, updated_at: now().toISOString() });
        await writeAudit(trx, audit(user, id, 'changed', diffFields(row, after)));
      });
      return 'changed';
    },

    /**
     * Anyone who can see the risk comments on it. Staff also write down what someone said on
     * the phone or at a meeting, in that person's name: many members never sign in.
     */
    async comment(user: CurrentUser, id: string, body: string, saidBy: string | null = null): Promise<'added' | 'not-a-choice'> {
      const { row } = await visibleRisk(user, id);
      const forSomeone = saidBy && saidBy !== user.personId ? saidBy : null;
      if (forSomeone) {
        requireStaff(user);
        if (!(await peopleToChoose(user, row.project_id)).some((p) => p.id === forSomeone)) return 'not-a-choice';
      }
      await db.transaction().execute(async (trx) => {
        await repo.insertComment(trx, {
          id: newId(),
          organisation_id: user.organisationId,
          risk_id: id,
          person_id: forSomeone ?? user.personId,
          kind: 'comment',
          body,
          created_at: now().toISOString(),
        });
        await writeAudit(trx, { ...audit(user, id, 'commented'), onBehalfOfPersonId: forSomeone });
      });
      return 'added';
    },

    /** Staff looked at it again: a note, and the next date (the rule's if none is given). */
    async lookedAgain(user: CurrentUser, id: string, note: string, nextOn: string | null): Promise<string> {
      requireStaff(user);
      const { row } = await visibleRisk(user, id);
      if (row.closed_at) throw new NotFound();
      const day = today();
      const next = reviewDue(day, row.likelihood, row.severity, nextOn);
      await db.transaction().execute(async (trx) => {
        await repo.updateRisk(trx, user.organisationId, id, { review_on: next, last_reviewed_on: day, updated_at: now().toISOString() });
        await repo.insertComment(trx, {
          id: newId(),
          organisation_id: user.organisationId,
          risk_id: id,
          person_id: user.personId,
          kind: 'looked-again',
          body: note,
          created_at: now().toISOString(),
        });
        await writeAudit(trx, audit(user, id, 'looked-again', [{ field: 'review_on', from: row.review_on, to: next }]));
      });
      return next;
    },

    async close(user: CurrentUser, id: string, why: string) {
      requireStaff(user);
      const { row } = await visibleRisk(user, id);
      if (row.closed_at) return false;
      await db.transaction().execute(async (trx) => {
        await repo.updateRisk(trx, user.organisationId, id, {
          closed_at: now().toISOString(),
          closed_by: user.personId,
          updated_at: now().toISOString(),
        });
        await repo.insertComment(trx, {
          id: newId(),
          organisation_id: user.organisationId,
          risk_id: id,
          person_id: user.personId,
          kind: 'comment',
          body: why,
          created_at: now().toISOString(),
        });
        await writeAudit(trx, audit(user, id, 'closed'));
      });
      return true;
    },

    /**
     * Staff record a positive risk-taking decision: what we will do despite the risk, why,
     * and who agreed (each on the day given: staff often write down what was agreed at a
     * meeting or on the phone).
     */
    async recordDecision(user: CurrentUser, id: string, input: DecisionInput): Promise<'recorded' | 'not-a-choice'> {
      requireStaff(user);
      const { row } = await visibleRisk(user, id);
      const choices = new Set((await peopleToChoose(user, row.project_id)).map((p) => p.id));
      if (input.agreedBy.some((p) => !choices.has(p))) return 'not-a-choice';
      const decisionId = newId();
      await db.transaction().execute(async (trx) => {
        await repo.insertDecision(trx, {
          id: decisionId,
          organisation_id: user.organisationId,
          risk_id: id,
          decided_on: input.decidedOn,
          what: input.what,
          why: input.why,
          recorded_by: user.personId,
          recorded_at: now().toISOString(),
        });
        await repo.insertAgreements(
          trx,
          [...new Set(input.agreedBy)].map((personId) => ({
            decision_id: decisionId,
            organisation_id: user.organisationId,
            person_id: personId,
            agreed_on: input.decidedOn,
            recorded_by: user.personId,
          })),
        );
        await writeAudit(trx, audit(user, id, 'decision-recorded', [{ field: 'agreed_by', to: input.agreedBy.length }]));
      });
      return 'recorded';
    },

    /** Anyone who can see the risk says they agree with a decision, today. */
    async agree(user: CurrentUser, id: string, decisionId: string) {
      await visibleRisk(user, id);
      if (!(await repo.decision(db, user.organisationId, id, decisionId))) throw new NotFound();
      await db.transaction().execute(async (trx) => {
        await repo.insertAgreements(trx, [
          {
            decision_id: decisionId,
            organisation_id: user.organisationId,
            person_id: user.personId,
            agreed_on: today(),
            recorded_by: user.personId,
          },
        ]);
        await writeAudit(trx, audit(user, id, 'agreed'));
      });
    },

    /**
     * For the To do page, asked with its other counts: open risks past their date to look again.
     * Admins count the organisation's; facilitators their projects' and those they own
     * (`projectIds`: the facilitator's, when the caller has them).
     */
    async dueCount(user: CurrentUser, projectIds?: readonly string[]): Promise<Counted> {
      if (!isStaff(user)) return 0;
      const scope: repo.Scope =
        user.role === 'admin'
          ? { log: 'all' }
          : {
              log: 'mine',
              personId: user.personId,
              projectIds: [...(projectIds ?? (await projects.projectIdsOf(user.organisationId, user.personId)))],
            };
      return repo.risksCount(db, user.organisationId, scope, 'due', today());
    },
  };
}

export type RiskService = ReturnType<typeof makeRiskService>;
