import type { Db } from '../../db/connection.ts';
import type { Counted } from '../../platform/counts.ts';
import type { OutreachResult } from '../../db/schema/community-groups.ts';
import { writeAudit } from '../../platform/audit.ts';
import { isStaff, type CurrentUser, type RoleActor } from '../../platform/auth.ts';
import { Forbidden, NotFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Page } from '../../platform/pagination.ts';
import { londonToday, type Clock } from '../../platform/time.ts';
import type { PeopleService } from '../people/service.ts';
import type { ProjectService } from '../projects/service.ts';
import { outreachState } from './outreach-state.ts';
import { isReachKey } from './reach.ts';
import * as repo from './repository.ts';

export type OutreachInput = {
  reach: string;
  projectId: string | null;
  groupId: string;
  what: string;
  ownerId: string;
  dueOn: string;
};

type Row = NonNullable<Awaited<ReturnType<typeof repo.outreach>>>;

/**
 * Outreach actions (S5): a gap "who is missing" shows (a group, for the organisation or a
 * project) and the directory entry asked to help close it, with an owner, a due date, and
 * later what came of it.
 */
export function makeOutreachService({
  db,
  now,
  people,
  projects,
  staff,
}: {
  db: Db;
  now: Clock;
  people: Pick<PeopleService, 'summaries'>;
  projects: Pick<ProjectService, 'exists' | 'titleOf' | 'projectIdsOf'>;
  staff: { activeStaff(organisationId: string): Promise<Array<{ personId: string }>> };
}) {
  const staffOnly = (actor: RoleActor) => {
    if (!isStaff(actor)) throw new Forbidden();
  };
  const today = () => londonToday(now());

  /** Rows as pages show them, with owners' names in one query. */
  async function present(organisationId: string, rows: Row[]) {
    const owners = await people.summaries(organisationId, [...new Set(rows.map((r) => r.owner_person_id))]);
    const ownerName = new Map(owners.map((o) => [o.id, o.name]));
    const day = today();
    return rows.map((r) => ({
      id: r.id,
      projectId: r.project_id,
      reach: r.reach,
      groupId: r.community_group_id,
      groupName: r.group_name,
      what: r.what,
      ownerId: r.owner_person_id,
      ownerName: ownerName.get(r.owner_person_id) ?? '',
      dueOn: r.due_on,
      result: r.result ?? null,
      outcome: r.outcome ?? null,
      closedAt: r.closed_at ?? null,
      state: outreachState({ dueOn: r.due_on, result: r.result ?? null }, day),
    }));
  }

  /** The staff who can own an action, by name. */
  async function owners(organisationId: string) {
    const ids = (await staff.activeStaff(organisationId)).map((s) => s.personId);
    return (await people.summaries(organisationId, ids)).sort((a, b) => a.name.localeCompare(b.name));
  }

  return {
    owners,

    async create(
      actor: RoleActor,
      input: OutreachInput,
    ): Promise<{ ok: true; id: string } | { ok: false; errors: Record<string, string> }> {
      staffOnly(actor);
      const errors: Record<string, string> = {};
      if (!isReachKey(input.reach)) errors.reach = 'community-groups:outreach.errors.reach';
      if (input.projectId && !(await projects.exists(actor.organisationId, input.projectId)))
        errors.projectId = 'community-groups:outreach.errors.project';
      if (!(await repo.group(db, actor.organisationId, input.groupId))) errors.groupId = 'community-groups:outreach.errors.group';
      if (!(await owners(actor.organisationId)).some((o) => o.id === input.ownerId))
        errors.ownerId = 'community-groups:outreach.errors.owner';
      if (Object.keys(errors).length) return { ok: false, errors };
      const id = newId();
      const at = now();
      await repo.insertOutreach(db, {
        id,
        organisation_id: actor.organisationId,
        project_id: input.projectId,
        reach: input.reach,
        community_group_id: input.groupId,
        what: input.what,
        owner_person_id: input.ownerId,
        due_on: input.dueOn,
        created_at: at.toISOString(),
        created_by: actor.personId,
      });
      await writeAudit(db, {
        organisationId: actor.organisationId,
        actorPersonId: actor.personId,
        subjectType: 'outreach',
        subjectId: id,
        action: 'outreach-planned',
        at,
      });
      return { ok: true, id };
    },

    async get(actor: RoleActor, id: string) {
      staffOnly(actor);
      const row = await repo.outreach(db, actor.organisationId, id);
      if (!row) throw new NotFound();
      const [shown] = await present(actor.organisationId, [row]);
      return { ...shown!, projectTitle: row.project_id ? await projects.titleOf(actor.organisationId, row.project_id) : null };
    },

    /** mine: only those the actor owns or that belong to their projects. */
    async page(actor: RoleActor, given: Omit<repo.OutreachFilter, 'mine'> & { mine?: boolean }, page: Page) {
      staffOnly(actor);
      const { mine, ...rest } = given;
      const filter: repo.OutreachFilter = mine
        ? { ...rest, mine: { projectIds: await projects.projectIdsOf(actor.organisationId, actor.personId), personId: actor.personId } }
        : rest;
      const day = today();
      const [rows, total] = await Promise.all([
        repo.outreachPage(db, actor.organisationId, filter, day, page),
        repo.countOutreach(db, actor.organisationId, filter, day),
      ]);
      return { actions: await present(actor.organisationId, rows), total };
    },

    /** What came of it; an action is closed once. */
    async close(actor: RoleActor, id: string, input: { result: OutreachResult; outcome: string }) {
      staffOnly(actor);
      const at = now();
      const closed = await repo.closeOutreach(db, actor.organisationId, id, {
        result: input.result,
        outcome: input.outcome,
        closed_at: at.toISOString(),
        closed_by: actor.personId,
      });
      if (!closed) throw new NotFound();
      await writeAudit(db, {
        organisationId: actor.organisationId,
        actorPersonId: actor.personId,
        subjectType: 'outreach',
        subjectId: id,
        action: 'outreach-closed',
        at,
      });
    },

    /** A project's outreach, for its page and its review: the first few and how many in all. */
    async forProject(organisationId: string, projectId: string) {
      const [rows, total] = await Promise.all([
        repo.forProject(db, organisationId, projectId, 10),
        repo.countForProject(db, organisationId, projectId),
      ]);
      return { actions: await present(organisationId, rows), total };
    },

    /**
     * Overdue actions for the To do page, asked with its other counts: admins count the
     * organisation's; others those they own or of their projects (`projectIds`: the
     * facilitator's, when the caller has them).
     */
    async overdueCount(user: CurrentUser, projectIds?: readonly string[]): Promise<Counted> {
      if (!isStaff(user)) return 0;
      const mine =
        user.role === 'admin'
          ? null
          : { projectIds: projectIds ?? (await projects.projectIdsOf(user.organisationId, user.personId)), personId: user.personId };
      return repo.overdueCount(db, user.organisationId, today(), mine);
    },
  };
}

export type OutreachService = ReturnType<typeof makeOutreachService>;
