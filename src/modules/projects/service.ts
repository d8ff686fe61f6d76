import type { Db } from '../../db/connection.ts';
import type { ProjectRow } from '../../db/schema.ts';
import { diffFields, writeAudit, auditWriter } from '../../platform/audit.ts';
import type { CurrentUser, Actor } from '../../platform/auth.ts';
import { Conflict, NotFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { londonToday, type Clock } from '../../platform/time.ts';
import type { PeopleService } from '../people/service.ts';
import { involvement } from './involvement.ts';
import * as repo from './repository.ts';
import type { Page } from '../../platform/pagination.ts';
import { activities as allActivities, levels, stages, type Activity, type Level, type MemberRole, type Stage } from './vocabulary.ts';
import { readJson, storedStrings } from '../../platform/json-column.ts';

export type ProjectInput = { title: string; purpose: string; activities: Activity[]; levelAim: Level; stage: Stage; startDate: string };
export type Project = ProjectInput & { id: string };
export type Member = { personId: string; name: string; perspectives: string[]; role: MemberRole; joinedOn: string };

function toProject(row: ProjectRow): Project {
  const acts = readJson(storedStrings, row.activities, 'projects.activities').filter((a): a is Activity =>
    (allActivities as readonly string[]).includes(a),
  );
  return {
    id: row.id,
    title: row.title,
    purpose: row.purpose,
    activities: acts,
    levelAim: (levels as readonly string[]).includes(row.level_aim) ? (row.level_aim as Level) : 'descriptive',
    stage: (stages as readonly string[]).includes(row.stage) ? (row.stage as Stage) : 'setting-up',
    startDate: row.start_date,
  };
}

export function makeProjectService({ db, now, people }: { db: Db; now: Clock; people: PeopleService }) {
  const today = () => londonToday(now());

  async function findRow(organisationId: string, id: string) {
    const row = await repo.findProject(db, organisationId, id);
    if (!row) throw new NotFound();
    return row;
  }

  async function members(organisationId: string, projectId: string): Promise<Member[]> {
    const rows = await repo.memberRows(db, organisationId, projectId);
    const summaries = new Map(
      (
        await people.summaries(
          organisationId,
          rows.map((r) => r.person_id),
        )
      ).map((s) => [s.id, s]),
    );
    const roleOrder = { lead: 0, 'co-chair': 1, member: 2 };
    return rows
      .map((r) => ({
        personId: r.person_id,
        name: summaries.get(r.person_id)?.name ?? '',
        perspectives: summaries.get(r.person_id)?.perspectives ?? [],
        role: r.role,
        joinedOn: r.joined_on,
      }))
      .sort((a, b) => roleOrder[a.role] - roleOrder[b.role] || a.name.localeCompare(b.name));
  }

  async function isMember(organisationId: string, projectId: string, personId: string): Promise<boolean> {
    return Boolean(await repo.findMember(db, organisationId, projectId, personId));
  }

  const audit = auditWriter(db, now, 'project');

  return {
    members,
    isMember,

    /**
     * The project, if this user may see it: staff see every project in their organisation,
     * members only the projects they belong to. Anything else is "not found".
     */
    async get(user: CurrentUser, id: string): Promise<Project> {
      const row = await findRow(user.organisationId, id);
      if (user.role === 'member' && !(await isMember(user.organisationId, id, user.personId))) throw new NotFound();
      return toProject(row);
    },

    async list(user: CurrentUser): Promise<Array<Project & { memberCount: number }>> {
      const rows = await repo.listProjects(db, user.organisationId, user.role === 'member' ? { memberPersonId: user.personId } : {});
      return rows.map((r) => ({ ...toProject(r), memberCount: Number(r.memberCount ?? 0) }));
    },

    /** One page of the projects this user may see (members: their own), newest first, and how many in all. */
    async page(user: CurrentUser, page: Page): Promise<{ projects: Array<Project & { memberCount: number }>; total: number }> {
      const mine = user.role === 'member' ? { memberPersonId: user.personId } : {};
      const [rows, total] = await Promise.all([
        repo.listProjects(db, user.organisationId, { ...mine, limit: page.limit, offset: page.offset }),
        repo.countProjects(db, user.organisationId, mine),
      ]);
      return { projects: rows.map((r) => ({ ...toProject(r), memberCount: Number(r.memberCount ?? 0) })), total };
    },

    async titles(organisationId: string): Promise<Array<{ id: string; title: string }>> {
      return repo.projectTitles(db, organisationId);
    },

    /** One project's title (or null), by id: not a list of them all. */
    async titleOf(organisationId: string, id: string): Promise<string | null> {
      return (await repo.projectTitlesOf(db, organisationId, [id]))[0]?.title ?? null;
    },

    /** True when the organisation has this project: one lookup by id, not a list of them all. */
    async exists(organisationId: string, id: string): Promise<boolean> {
      return (await repo.projectTitlesOf(db, organisationId, [id])).length === 1;
    },

    /** The ids of the projects a person is in, for other modules to filter by. */
    async projectIdsOf(organisationId: string, personId: string): Promise<string[]> {
      return repo.projectIdsOf(db, organisationId, personId);
    },

    /** The projects a person is in. A member looking at their own record sees only those. */
    async membershipsOf(organisationId: string, personId: string, _opts: { forUser: CurrentUser }) {
      return repo.membershipsOf(db, organisationId, personId);
    },

    async create(actor: Actor, input: ProjectInput): Promise<string> {
      const id = newId();
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertProject(trx, {
          id,
          organisation_id: actor.organisationId,
          title: input.title,
          purpose: input.purpose,
          activities: JSON.stringify(input.activities),
          level_aim: input.levelAim,
          stage: input.stage,
          start_date: input.startDate,
          created_at: at,
          updated_at: at,
        });
        await repo.insertStageChange(trx, {
          id: newId(),
          organisation_id: actor.organisationId,
          project_id: id,
          stage: input.stage,
          changed_on: today(),
          changed_at: at,
        });
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          subjectType: 'project',
          subjectId: id,
          action: 'created',
          at: now(),
        });
      });
      return id;
    },

    async update(actor: Actor, id: string, input: ProjectInput): Promise<void> {
      const before = toProject(await findRow(actor.organisationId, id));
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.updateProject(trx, actor.organisationId, id, {
          title: input.title,
          purpose: input.purpose,
          activities: JSON.stringify(input.activities),
          level_aim: input.levelAim,
          stage: input.stage,
          start_date: input.startDate,
          updated_at: at,
        });
        if (before.stage !== input.stage) {
          await repo.insertStageChange(trx, {
            id: newId(),
            organisation_id: actor.organisationId,
            project_id: id,
            stage: input.stage,
            changed_on: today(),
            changed_at: at,
          });
        }
        const { id: _id, ...old } = before;
        const changes = diffFields(old as Record<string, unknown>, { ...input });
        if (changes.length)
          await writeAudit(trx, {
            organisationId: actor.organisationId,
            actorPersonId: actor.personId,
            subjectType: 'project',
            subjectId: id,
            action: 'changed',
            changes,
            at: now(),
          });
      });
    },

    async stageHistory(organisationId: string, projectId: string) {
      const rows = await repo.stageChanges(db, organisationId, projectId);
      return rows.map((r) => ({ stage: r.stage as Stage, changedOn: r.changed_on }));
    },

    /** Whether people with lived experience have been there from the start, and warnings. */
    async involvementFor(organisationId: string, project: Project, memberList: Member[]) {
      const stageChanges = await this.stageHistory(organisationId, project.id);
      return involvement({ startDate: project.startDate, today: today(), stageChanges, members: memberList });
    },

    async addMember(actor: Actor, projectId: string, personId: string, role: MemberRole, joinedOn: string): Promise<void> {
      await findRow(actor.organisationId, projectId);
      // The person must be in the same organisation; summaries leaves out anyone else.
      if ((await people.summaries(actor.organisationId, [personId])).length === 0) throw new NotFound();
      if (await isMember(actor.organisationId, projectId, personId)) throw new Conflict('projects:errors.alreadyMember');
      await repo.insertMember(db, {
        organisation_id: actor.organisationId,
        project_id: projectId,
        person_id: personId,
        role,
        joined_on: joinedOn,
      });
      await audit(actor, projectId, 'member-added', [
        { field: 'member', to: personId },
        { field: 'role', to: role },
        { field: 'joinedOn', to: joinedOn },
      ]);
    },

    async changeMember(actor: Actor, projectId: string, personId: string, role: MemberRole, joinedOn: string): Promise<void> {
      const row = await repo.findMember(db, actor.organisationId, projectId, personId);
      if (!row) throw new NotFound();
      await repo.updateMember(db, actor.organisationId, projectId, personId, { role, joined_on: joinedOn });
      await audit(actor, projectId, 'member-changed', [
        { field: 'member', to: personId },
        ...diffFields({ role: row.role, joinedOn: row.joined_on }, { role, joinedOn }),
      ]);
    },

    async removeMember(actor: Actor, projectId: string, personId: string): Promise<void> {
      if (!(await repo.deleteMember(db, actor.organisationId, projectId, personId))) throw new NotFound();
      await audit(actor, projectId, 'member-removed', [{ field: 'member', from: personId }]);
    },
  };
}

export type ProjectService = ReturnType<typeof makeProjectService>;
