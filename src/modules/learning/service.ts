import type { Db } from '../../db/connection.ts';
import { diffFields, writeAudit } from '../../platform/audit.ts';
import { isStaff, type CurrentUser } from '../../platform/auth.ts';
import { Forbidden, NotFound } from '../../platform/errors.ts';
import type { FieldErrors } from '../../platform/forms.ts';
import { newId } from '../../platform/ids.ts';
import { londonToday, type Clock } from '../../platform/time.ts';
import { pageOf, type Page } from '../../platform/pagination.ts';
import type { PeopleService } from '../people/service.ts';
import type { ProjectService } from '../projects/service.ts';
import { actionTiming, doneNeedsWhatChanged, dueWindowFilter, type DueWindow } from './due.ts';
import { cleanCodes, type RecommendationCode } from './recommendations.ts';
import * as repo from './repository.ts';
import type { ActionStatus } from './vocabulary.ts';

export type { RecommendationCode } from './recommendations.ts';
export type { ActionStatus } from './vocabulary.ts';

export type ImprovementAction = {
  id: string;
  what: string;
  ownerPersonId: string;
  ownerName: string;
  dueOn: string;
  status: ActionStatus;
  whatChanged: string | null;
  doneOn: string | null;
  projectId: string | null;
  projectTitle: string | null;
  reviewCycleId: string | null;
  recommendations: RecommendationCode[];
  overdue: boolean;
  daysOverdue: number;
  dueSoon: boolean;
  href: string;
};

/** An open action that is overdue or due within 14 days (the contract with impact). */
export type DueAction = Omit<ImprovementAction, 'status' | 'whatChanged' | 'doneOn' | 'dueSoon'> & {
  status: 'not-started' | 'in-progress';
};

export type ActionInput = {
  what: string;
  ownerPersonId: string;
  dueOn: string;
  status: ActionStatus;
  whatChanged: string | null;
  projectId: string | null;
  reviewCycleId: string | null;
  recommendations: string[];
};

export type Lesson = {
  id: string;
  title: string;
  worked: string | null;
  didNotWork: string | null;
  doDifferently: string | null;
  projectId: string | null;
  projectTitle: string | null;
  recommendations: RecommendationCode[];
  createdAt: string;
  /** Set once the lesson has been changed after it was added. */
  changedAt: string | null;
};

export type LessonInput = {
  title: string;
  worked: string | null;
  didNotWork: string | null;
  doDifferently: string | null;
  projectId: string | null;
  recommendations: string[];
};
export type Saved = { ok: true; id: string } | { ok: false; errors: FieldErrors };

/** What the staff list of actions can be narrowed to. */
export type ActionListFilter = {
  status?: ActionStatus;
  code?: string;
  projectId?: string;
  reviewCycleId?: string;
  /** Only the actions of the signed-in person. */
  mine?: boolean;
  due?: DueWindow;
};

/**
 * How many actions a home page or the impact dashboard lists at most: "the next few", with
 * the count from the database and a link to the whole list a page at a time.
 */
export const fewActionsShown = 10;

type Deps = { db: Db; now: Clock; people: PeopleService; projects: ProjectService };

/** The learning loop (V3): findings become actions with an owner and a date, and lessons are kept. */
export function makeLearningService({ db, now, people, projects }: Deps) {
  const today = () => londonToday(now());

  const staffOnly = (user: CurrentUser) => {
    if (!isStaff(user)) throw new Forbidden();
  };

  async function toActions(organisationId: string, rows: repo.ActionRow[]): Promise<ImprovementAction[]> {
    const codes = await repo.codesFor(
      db,
      organisationId,
      'action',
      rows.map((r) => r.id),
    );
    const day = today();
    return rows.map((r) => ({
      id: r.id,
      what: r.what,
      ownerPersonId: r.owner_person_id,
      ownerName: r.owner_preferred_name || r.owner_full_name,
      dueOn: r.due_on,
      status: r.status,
      whatChanged: r.what_changed,
      doneOn: r.done_on,
      projectId: r.project_id,
      projectTitle: r.project_title ?? null,
      reviewCycleId: r.review_cycle_id,
      recommendations: cleanCodes(codes.get(r.id) ?? []),
      ...actionTiming({ status: r.status, dueOn: r.due_on }, day),
      href: `/learning/actions/${r.id}`,
    }));
  }

  const toLesson = (r: repo.LessonRow, codes: Map<string, string[]>): Lesson => ({
    id: r.id,
    title: r.title,
    worked: r.worked,
    didNotWork: r.did_not_work,
    doDifferently: r.do_differently,
    projectId: r.project_id,
    projectTitle: r.project_title ?? null,
    recommendations: cleanCodes(codes.get(r.id) ?? []),
    createdAt: r.created_at,
    changedAt: r.updated_at !== r.created_at ? r.updated_at : null,
  });

  /** The owner must be a person of the organisation, and the project one of its projects. */
  async function checkLinks(user: CurrentUser, input: { ownerPersonId?: string; projectId: string | null }): Promise<FieldErrors> {
    const errors: FieldErrors = {};
    if (input.ownerPersonId && (await people.summaries(user.organisationId, [input.ownerPersonId])).length === 0)
      errors.ownerPersonId = 'learning:errors.ownerRequired';
    if (input.projectId && !(await projects.exists(user.organisationId, input.projectId))) errors.projectId = 'errors:invalidChoice';
    return errors;
  }

  const audit = (
    user: CurrentUser,
    subjectType: 'improvement-action' | 'lesson',
    subjectId: string,
    action: string,
    changes?: Array<{ field: string; from?: unknown; to?: unknown }>,
  ) =>
    writeAudit(db, {
      organisationId: user.organisationId,
      actorPersonId: user.personId,
      subjectType,
      subjectId,
      action,
      changes,
      at: now(),
    });

  /** The day an action was done: kept once set, today when it becomes done, none while open. */
  const doneOnFor = (before: ImprovementAction, status: ActionStatus) =>
    status === 'done' ? (before.status === 'done' ? before.doneOn : today()) : null;

  /** Staff see every action; anyone else only the ones they own. */
  async function getAction(user: CurrentUser, id: string): Promise<ImprovementAction> {
    const row = await repo.findAction(db, user.organisationId, id);
    if (!row) throw new NotFound();
    if (!isStaff(user) && row.owner_person_id !== user.personId) throw new Forbidden();
    return (await toActions(user.organisationId, [row]))[0]!;
  }

  return {
    /**
     * Staff: a page of actions, soonest due first, filtered by status, project,
     * recommendation, owner or due window; with how many match and how many are overdue.
     */
    async actions(
      user: CurrentUser,
      filter: ActionListFilter = {},
      page: Page = pageOf(1),
    ): Promise<{ actions: ImprovementAction[]; total: number; overdueTotal: number }> {
      staffOnly(user);
      const { mine, due, ...rest } = filter;
      const chosen: repo.ActionFilter = {
        ...rest,
        ...(mine ? { ownerPersonId: user.personId } : {}),
        ...(due ? dueWindowFilter(due, today()) : {}),
      };
      const [rows, total, overdueTotal] = await Promise.all([
        repo.listActions(db, user.organisationId, chosen, page),
        repo.countActions(db, user.organisationId, chosen),
        repo.countActions(db, user.organisationId, dueWindowFilter('overdue', today())),
      ]);
      return { actions: await toActions(user.organisationId, rows), total, overdueTotal };
    },

    getAction,

    /** For their home page: the few open actions this person owns that are due first, and how many they own. */
    async mine(user: CurrentUser): Promise<{ actions: ImprovementAction[]; total: number }> {
      const filter = { ownerPersonId: user.personId, openOnly: true };
      const [rows, total] = await Promise.all([
        repo.listActions(db, user.organisationId, filter, pageOf(1, fewActionsShown)),
        repo.countActions(db, user.organisationId, filter),
      ]);
      return { actions: await toActions(user.organisationId, rows), total };
    },

    /**
     * How an action is going, from its owner (member or staff) or any staff member. Done
     * needs a few words on what changed. Only staff change what the action is.
     */
    async updateProgress(user: CurrentUser, id: string, input: { status: ActionStatus; whatChanged: string | null }): Promise<Saved> {
      const before = await getAction(user, id);
      if (!doneNeedsWhatChanged(input.status, input.whatChanged))
        return { ok: false, errors: { whatChanged: 'learning:errors.whatChangedRequired' } };
      const changes = diffFields({ status: before.status, whatChanged: before.whatChanged }, input);
      if (!changes.length) return { ok: true, id };
      await repo.updateAction(db, user.organisationId, id, {
        status: input.status,
        what_changed: input.whatChanged,
        done_on: doneOnFor(before, input.status),
        updated_at: now().toISOString(),
      });
      await audit(user, 'improvement-action', id, 'changed', changes);
      return { ok: true, id };
    },

    async addAction(user: CurrentUser, input: ActionInput): Promise<Saved> {
      staffOnly(user);
      const errors = await checkLinks(user, input);
      if (!doneNeedsWhatChanged(input.status, input.whatChanged)) errors.whatChanged = 'learning:errors.whatChangedRequired';
      if (Object.keys(errors).length) return { ok: false, errors };
      const id = newId();
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertAction(trx, {
          id,
          organisation_id: user.organisationId,
          what: input.what,
          owner_person_id: input.ownerPersonId,
          due_on: input.dueOn,
          status: input.status,
          what_changed: input.status === 'done' ? input.whatChanged : null,
          done_on: input.status === 'done' ? today() : null,
          project_id: input.projectId,
          review_cycle_id: input.reviewCycleId,
          created_at: at,
          created_by: user.personId,
          updated_at: at,
        });
        await repo.setCodes(trx, user.organisationId, 'action', id, cleanCodes(input.recommendations));
      });
      await audit(user, 'improvement-action', id, 'created', [{ field: 'status', to: input.status }]);
      return { ok: true, id };
    },

    /** Changes an action; marking it done needs what changed, and records the day. */
    async changeAction(user: CurrentUser, id: string, input: ActionInput): Promise<Saved> {
      staffOnly(user);
      const before = await getAction(user, id);
      const errors = await checkLinks(user, input);
      if (!doneNeedsWhatChanged(input.status, input.whatChanged)) errors.whatChanged = 'learning:errors.whatChangedRequired';
      if (Object.keys(errors).length) return { ok: false, errors };
      const codes = cleanCodes(input.recommendations);
      await db.transaction().execute(async (trx) => {
        await repo.updateAction(trx, user.organisationId, id, {
          what: input.what,
          owner_person_id: input.ownerPersonId,
          due_on: input.dueOn,
          status: input.status,
          what_changed: input.whatChanged,
          done_on: doneOnFor(before, input.status),
          project_id: input.projectId,
          review_cycle_id: input.reviewCycleId,
          updated_at: now().toISOString(),
        });
        await repo.setCodes(trx, user.organisationId, 'action', id, codes);
      });
      const changes = diffFields(
        {
          what: before.what,
          ownerPersonId: before.ownerPersonId,
          dueOn: before.dueOn,
          status: before.status,
          whatChanged: before.whatChanged,
          projectId: before.projectId,
          recommendations: before.recommendations,
        },
        {
          what: input.what,
          ownerPersonId: input.ownerPersonId,
          dueOn: input.dueOn,
          status: input.status,
          whatChanged: input.whatChanged,
          projectId: input.projectId,
          recommendations: codes,
        },
      );
      if (changes.length) await audit(user, 'improvement-action', id, 'changed', changes);
      return { ok: true, id };
    },

    /**
     * For the dashboard and the home page: the first few open actions that are overdue, and
     * of those due within 14 days, each soonest first, with how many there are of each (the
     * whole lists are on /learning?due=overdue and ?due=soon). The caller checks the role.
     */
    async actionsDue(
      organisationId: string,
      opts: { projectId?: string } = {},
    ): Promise<{ overdue: DueAction[]; dueSoon: DueAction[]; overdueTotal: number; dueSoonTotal: number }> {
      const day = today();
      const window = (w: DueWindow): repo.ActionFilter => ({
        ...dueWindowFilter(w, day),
        ...(opts.projectId ? { projectId: opts.projectId } : {}),
      });
      const [overdueRows, soonRows, overdueTotal, dueSoonTotal] = await Promise.all([
        repo.listActions(db, organisationId, window('overdue'), pageOf(1, fewActionsShown)),
        repo.listActions(db, organisationId, window('soon'), pageOf(1, fewActionsShown)),
        repo.countActions(db, organisationId, window('overdue')),
        repo.countActions(db, organisationId, window('soon')),
      ]);
      const due = (a: ImprovementAction): DueAction => {
        const { whatChanged: _w, doneOn: _d, dueSoon: _s, status, ...rest } = a;
        return { ...rest, status: status === 'done' ? 'in-progress' : status };
      };
      // Both lists' codes in one query.
      const both = (await toActions(organisationId, [...overdueRows, ...soonRows])).map(due);
      return { overdue: both.slice(0, overdueRows.length), dueSoon: both.slice(overdueRows.length), overdueTotal, dueSoonTotal };
    },

    /**
     * Lessons, newest first, found by recommendation, project and words. Staff read them
     * all; members read the lessons of their own projects.
     */
    async lessons(
      user: CurrentUser,
      filter: { code?: string; q?: string; projectId?: string } = {},
      page: Page = pageOf(1),
    ): Promise<{ lessons: Lesson[]; total: number }> {
      const words = (filter.q ?? '')
        .toLowerCase()
        .replace(/[%_\\]/g, ' ')
        .split(/\s+/)
        .filter((w) => w.length > 0)
        .slice(0, 8);
      const projectIds = isStaff(user) ? undefined : await projects.projectIdsOf(user.organisationId, user.personId);
      const chosen: repo.LessonFilter = {
        ...(filter.code ? { code: filter.code } : {}),
        ...(filter.projectId ? { projectId: filter.projectId } : {}),
        ...(projectIds ? { projectIds } : {}),
        words,
      };
      const [rows, total] = await Promise.all([
        repo.listLessons(db, user.organisationId, chosen, page),
        repo.countLessons(db, user.organisationId, chosen),
      ]);
      const codes = await repo.codesFor(
        db,
        user.organisationId,
        'lesson',
        rows.map((r) => r.id),
      );
      return { lessons: rows.map((r) => toLesson(r, codes)), total };
    },

    async lesson(user: CurrentUser, id: string): Promise<Lesson> {
      const row = await repo.findLesson(db, user.organisationId, id);
      if (!row) throw new NotFound();
      if (!isStaff(user)) {
        if (!row.project_id) throw new NotFound();
        await projects.get(user, row.project_id);
      }
      return toLesson(row, await repo.codesFor(db, user.organisationId, 'lesson', [row.id]));
    },

    async addLesson(user: CurrentUser, input: LessonInput): Promise<Saved> {
      staffOnly(user);
      const errors = await checkLinks(user, { projectId: input.projectId });
      if (!input.worked && !input.didNotWork && !input.doDifferently) errors.worked = 'learning:errors.lessonEmpty';
      if (Object.keys(errors).length) return { ok: false, errors };
      const id = newId();
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertLesson(trx, {
          id,
          organisation_id: user.organisationId,
          title: input.title,
          worked: input.worked,
          did_not_work: input.didNotWork,
          do_differently: input.doDifferently,
          project_id: input.projectId,
          created_at: at,
          created_by: user.personId,
          updated_at: at,
        });
        await repo.setCodes(trx, user.organisationId, 'lesson', id, cleanCodes(input.recommendations));
      });
      await audit(user, 'lesson', id, 'created');
      return { ok: true, id };
    },

    /** Staff put a lesson right or add to it; the history keeps what each part said before. */
    async changeLesson(user: CurrentUser, id: string, input: LessonInput): Promise<Saved> {
      staffOnly(user);
      const before = await this.lesson(user, id);
      const errors = await checkLinks(user, { projectId: input.projectId });
      if (!input.worked && !input.didNotWork && !input.doDifferently) errors.worked = 'learning:errors.lessonEmpty';
      if (Object.keys(errors).length) return { ok: false, errors };
      const codes = cleanCodes(input.recommendations);
      const fields = (l: Omit<LessonInput, 'recommendations'> & { recommendations: readonly string[] }) => ({
        title: l.title,
        worked: l.worked,
        didNotWork: l.didNotWork,
        doDifferently: l.doDifferently,
        projectId: l.projectId,
        recommendations: [...l.recommendations],
      });
      const changes = diffFields(fields(before), fields({ ...input, recommendations: codes }));
      if (!changes.length) return { ok: true, id };
      await db.transaction().execute(async (trx) => {
        await repo.updateLesson(trx, user.organisationId, id, {
          title: input.title,
          worked: input.worked,
          did_not_work: input.didNotWork,
          do_differently: input.doDifferently,
          project_id: input.projectId,
          updated_at: now().toISOString(),
        });
        await repo.setCodes(trx, user.organisationId, 'lesson', id, codes);
      });
      await audit(user, 'lesson', id, 'changed', changes);
      return { ok: true, id };
    },
  };
}

export type LearningService = ReturnType<typeof makeLearningService>;
