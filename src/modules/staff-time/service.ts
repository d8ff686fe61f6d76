// P4: frontline staff need the time to co-produce, not only the wish. Staff say each week how
// long they spent on each project (the form starts from the meetings they were at); the
// organisation says how much time each role is given; the summary puts the two side by side
// by team, or by role where there are no teams, so a review can see whether the time is real.
import type { Db } from '../../db/connection.ts';
import { writeAudit } from '../../platform/audit.ts';
import { isStaff, type RoleActor } from '../../platform/auth.ts';
import { Forbidden, NotFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Page } from '../../platform/pagination.ts';
import { londonToday, type Clock } from '../../platform/time.ts';
import { givenAgainstUsed, mondayOf, weeksIn, type Allowances, type GroupInput } from './given-against-used.ts';
import * as repo from './repository.ts';

export type StaffRole = repo.StaffRole;
export const staffRoles: readonly StaffRole[] = ['admin', 'facilitator'];

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

function mustBeStaff(actor: RoleActor) {
  if (!isStaff(actor)) throw new Forbidden();
}
function mustBeAdmin(actor: RoleActor) {
  if (actor.role !== 'admin') throw new Forbidden();
}

export function makeStaffTimeService({ db, now }: { db: Db; now: Clock }) {
  async function allowancesOf(organisationId: string): Promise<Allowances> {
    const rows = await repo.allowances(db, organisationId);
    return Object.fromEntries(rows.map((r) => [r.role, r.minutes_a_week]));
  }

  return {
    /** This week's Monday, London time. */
    thisWeek: () => mondayOf(londonToday(now())),

    async week(actor: RoleActor, weekStart: string) {
      mustBeStaff(actor);
      const start = mondayOf(weekStart);
      const [projects, meetings] = await Promise.all([
        repo.weekProjects(db, actor.organisationId, actor.personId, start),
        repo.weekMeetings(
          db,
          actor.organisationId,
          actor.personId,
          `${addDays(start, -1)}T00:00:00.000Z`,
          `${addDays(start, 8)}T00:00:00.000Z`,
        ),
      ]);
      // A week's meetings of one person are a handful of rows; they only suggest the minutes.
      // Meetings are kept in UTC: the day is checked in London time, as people count weeks.
      const fromMeetings = new Map<string, number>();
      for (const m of meetings) {
        if (mondayOf(londonToday(new Date(m.starts_at))) !== start) continue;
        const minutes = m.minutes_present ?? Math.max(0, Math.round((Date.parse(m.ends_at) - Date.parse(m.starts_at)) / 60_000));
        fromMeetings.set(m.project_id, (fromMeetings.get(m.project_id) ?? 0) + minutes);
      }
      // Links reach back a year and stop at this week: time is written down after it is
      // spent, and a chain of weeks without end would have no last page.
      const thisWeek = mondayOf(londonToday(now()));
      return {
        weekStart: start,
        previous: start > addDays(thisWeek, -7 * 52) ? addDays(start, -7) : null,
        next: start < thisWeek ? addDays(start, 7) : null,
        rows: projects.map((p) => ({ id: p.id, title: p.title, minutes: p.minutes ?? null, fromMeetings: fromMeetings.get(p.id) ?? 0 })),
      };
    },

    /** Saves the minutes a person spent on projects in a week; 0 (or blank) clears a project's line. */
    async saveWeek(actor: RoleActor, weekStart: string, entries: ReadonlyArray<{ projectId: string; minutes: number }>) {
      mustBeStaff(actor);
      const start = mondayOf(weekStart);
      const known = new Set(
        await repo.projectsOf(
          db,
          actor.organisationId,
          entries.map((e) => e.projectId),
        ),
      );
      if (entries.some((e) => !known.has(e.projectId))) throw new NotFound();
      const at = now();
      await db.transaction().execute(async (trx) => {
        await repo.saveWeek(trx, actor.organisationId, actor.personId, start, entries, at.toISOString());
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          subjectType: 'staff-time',
          subjectId: actor.personId,
          action: 'week-recorded',
          changes: [{ field: 'week', to: start }],
          at,
        });
      });
    },

    async settings(actor: RoleActor, page: Page) {
      mustBeAdmin(actor);
      const [allowances, teams, staff] = await Promise.all([
        allowancesOf(actor.organisationId),
        repo.teams(db, actor.organisationId),
        repo.staffPage(db, actor.organisationId, page),
      ]);
      return { allowances, teams: teams.map((t) => ({ ...t, members: Number(t.members) })), staff };
    },

    async saveAllowances(actor: RoleActor, minutes: Record<StaffRole, number>) {
      mustBeAdmin(actor);
      const at = now();
      await db.transaction().execute(async (trx) => {
        for (const role of staffRoles) await repo.saveAllowance(trx, actor.organisationId, role, minutes[role], at.toISOString());
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          subjectType: 'staff-time',
          subjectId: actor.organisationId,
          action: 'allowances-set',
          changes: staffRoles.map((r) => ({ field: r, to: minutes[r] })),
          at,
        });
      });
    },

    async addTeam(actor: RoleActor, name: string): Promise<'added' | 'taken'> {
      mustBeAdmin(actor);
      if (await repo.teamNamed(db, actor.organisationId, name)) return 'taken';
      const at = now();
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await repo.addTeam(trx, { id, organisation_id: actor.organisationId, name, created_at: at.toISOString() });
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          subjectType: 'staff-time',
          subjectId: id,
          action: 'team-added',
          changes: [{ field: 'name', to: name }],
          at,
        });
      });
      return 'added';
    },

    async removeTeam(actor: RoleActor, teamId: string) {
      mustBeAdmin(actor);
      const at = now();
      await db.transaction().execute(async (trx) => {
        if (!(await repo.removeTeam(trx, actor.organisationId, teamId))) throw new NotFound();
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          subjectType: 'staff-time',
          subjectId: teamId,
          action: 'team-removed',
          at,
        });
      });
    },

    async setTeam(actor: RoleActor, personId: string, teamId: string | null) {
      mustBeAdmin(actor);
      if (!(await repo.isStaffPerson(db, actor.organisationId, personId))) throw new NotFound();
      if (teamId && !(await repo.teamExists(db, actor.organisationId, teamId))) throw new NotFound();
      const at = now();
      await db.transaction().execute(async (trx) => {
        await repo.setTeam(trx, actor.organisationId, personId, teamId);
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          subjectType: 'staff-time',
          subjectId: personId,
          action: 'team-set',
          changes: [{ field: 'team', to: teamId }],
          at,
        });
      });
    },

    /** Time given against time used over a period (inclusive ISO dates), by team or by role. */
    async summary(actor: RoleActor, from: string, to: string, page: Page) {
      mustBeStaff(actor);
      const fromWeek = mondayOf(from);
      const toWeek = mondayOf(to);
      const [allowances, teams] = await Promise.all([allowancesOf(actor.organisationId), repo.teams(db, actor.organisationId)]);
      const byTeam = teams.length > 0;
      const [{ counts, used }, projects] = await Promise.all([
        repo.summary(db, actor.organisationId, fromWeek, toWeek, byTeam),
        repo.byProject(db, actor.organisationId, fromWeek, toWeek, page),
      ]);
      const groups = new Map<string, GroupInput & { staff: Partial<Record<StaffRole, number>> }>();
      const keyOf = (g: string | null) => g ?? '';
      for (const c of counts) {
        const g = groups.get(keyOf(c.grp)) ?? { key: keyOf(c.grp), staff: {}, usedMinutes: 0 };
        g.staff[c.role] = Number(c.n);
        groups.set(g.key, g);
      }
      for (const u of used) {
        const g = groups.get(keyOf(u.grp)) ?? { key: keyOf(u.grp), staff: {}, usedMinutes: 0 };
        g.usedMinutes = Number(u.minutes);
        groups.set(g.key, g);
      }
      const names = new Map(teams.map((t) => [t.id, t.name]));
      const ordered = byTeam
        ? [...teams.map((t) => t.id).filter((id) => groups.has(id)), ...(groups.has('') ? [''] : [])]
        : staffRoles.filter((r) => groups.has(r));
      const weeks = weeksIn(fromWeek, addDays(toWeek, 6));
      const figures = givenAgainstUsed(
        allowances,
        weeks,
        ordered.map((k) => groups.get(k)!),
      );
      return {
        by: byTeam ? ('team' as const) : ('role' as const),
        weeks,
        allowances,
        rows: figures.map((f) => ({ ...f, name: byTeam ? (names.get(f.key) ?? null) : f.key })),
        projects: {
          items: projects.items.map((p) => ({ ...p, minutes: Number(p.minutes), people: Number(p.people) })),
          total: projects.total,
        },
      };
    },
  };
}

export type StaffTimeService = ReturnType<typeof makeStaffTimeService>;
