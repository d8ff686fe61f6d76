// S4: each project agrees with its members how each kind of thing is shared and how often.
// Staff and the project's own members may change it, audited; members see it; the app holds
// notices for the digests it asks for (platform/digest-holds.ts) and shows where it is not met.
import type { Db } from '../../db/connection.ts';
import type { PlanFrequency, PlanTopic } from '../../db/schema/communication-plans.ts';
import { writeAudit } from '../../platform/audit.ts';
import { isStaff, type CurrentUser } from '../../platform/auth.ts';
import { planTopics } from '../../platform/digests.ts';
import { Forbidden } from '../../platform/errors.ts';
import { countEachTime, type KeepFigure } from '../../platform/kept-figures.ts';
import type { Page } from '../../platform/pagination.ts';
import { londonToday, type Clock } from '../../platform/time.ts';
import type { ProjectService } from '../projects/service.ts';
import { appChannels, planChannels, planNotMet, type PlanChannel } from './plan-not-met.ts';
import * as repo from './repository.ts';

export type TopicPlan = { topic: PlanTopic; frequency: PlanFrequency; channels: PlanChannel[]; groups: string | null };
export type PlanInput = { agreedHow: string | null; topics: TopicPlan[] };

/** No plan yet: everything as it happens, each person their own way: what the app did before plans. */
export const defaultTopic = (topic: PlanTopic): TopicPlan => ({
  topic,
  frequency: 'as-it-happens',
  channels: [...appChannels],
  groups: null,
});

const column: Record<PlanChannel, 'by_meetings' | 'by_phone' | 'by_online' | 'by_email' | 'by_text' | 'by_letter' | 'by_word_of_mouth'> = {
  meetings: 'by_meetings',
  phone: 'by_phone',
  online: 'by_online',
  email: 'by_email',
  text: 'by_text',
  letter: 'by_letter',
  'word-of-mouth': 'by_word_of_mouth',
};

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** A decision this old that nobody was told about is late whatever the plan's digest (the longest is a month). */
export const untoldAfterDays = 30;
/** A project review open this long with nobody asked to answer it has been missed. */
export const reviewInviteDays = 7;

type Deps = { db: Db; now: Clock; projects: Pick<ProjectService, 'get' | 'isMember' | 'projectIdsOf'>; keep?: KeepFigure };

export function makeCommunicationPlanService({ db, now, projects, keep = countEachTime }: Deps) {
  function window(at = now()): repo.GapWindow {
    const today = londonToday(at);
    return {
      decidedBy: addDays(today, -untoldAfterDays),
      decidedFrom: addDays(today, -365),
      startedFrom: new Date(at.getTime() - 365 * 86_400_000).toISOString(),
      now: at.toISOString(),
      invitedBy: new Date(at.getTime() + 7 * 86_400_000).toISOString(),
      summariesBy: new Date(at.getTime() - untoldAfterDays * 86_400_000).toISOString(),
      reviewsOpenBy: addDays(today, -reviewInviteDays),
    };
  }

  async function planOf(organisationId: string, projectId: string) {
    const [row, rows] = await Promise.all([repo.plan(db, organisationId, projectId), repo.choices(db, organisationId, projectId)]);
    const topics = planTopics.map((topic): TopicPlan => {
      const r = rows.find((c) => c.topic === topic);
      if (!r) return defaultTopic(topic);
      return { topic, frequency: r.frequency, channels: planChannels.filter((c) => Number(r[column[c]]) === 1), groups: r.groups };
    });
    return { made: Boolean(row), agreedHow: row?.agreed_how ?? null, updatedAt: row?.updated_at ?? null, topics };
  }

  /** Staff, and the project's own members, may change the plan: it is made with them. */
  async function mayEdit(user: CurrentUser, projectId: string) {
    return isStaff(user) || projects.isMember(user.organisationId, projectId, user.personId);
  }

  /** Admins look at every project; facilitators at theirs. */
  async function scopeOf(user: CurrentUser): Promise<string[] | null> {
    if (!isStaff(user)) throw new Forbidden();
    return user.role === 'admin' ? null : projects.projectIdsOf(user.organisationId, user.personId);
  }

  /**
   * "Plan not met" is kept (decision 0014): its tables move the figure version on, and the
   * window's next change in time ends a kept answer, so the To do line on every staff home
   * page does not read a year of meetings each time.
   */
  async function keptInWindow<T>(user: CurrentUser, what: string, count: (w: repo.GapWindow) => Promise<T>) {
    const whose = user.role === 'admin' ? 'all' : user.personId;
    return keep(
      user.organisationId,
      `plan-not-met|${whose}|${what}`,
      async () => {
        const at = now();
        const w = window(at);
        const [answer, until] = await Promise.all([count(w), repo.windowChangesAt(db, user.organisationId, w, untoldAfterDays, at)]);
        return { answer, until };
      },
      (kept) => kept.until,
    );
  }

  return {
    /** The plan, with where it is not met. Not found for another organisation's project or one a member is not in. */
    async forProject(user: CurrentUser, projectId: string) {
      const project = await projects.get(user, projectId);
      const [plan, counts, editable] = await Promise.all([
        planOf(user.organisationId, project.id),
        repo.gapsFor(db, user.organisationId, project.id, window()),
        mayEdit(user, project.id),
      ]);
      const checks = planNotMet(
        planTopics,
        (topic) => plan.topics.find((t) => t.topic === topic)!.channels,
        counts ?? { decisions: 0, papers: 0, meetings: 0, news: 0, reviews: 0 },
      );
      return { project, plan, checks, mayEdit: editable };
    },

    async forEditing(user: CurrentUser, projectId: string) {
      const project = await projects.get(user, projectId);
      if (!(await mayEdit(user, project.id))) throw new Forbidden();
      return { project, plan: await planOf(user.organisationId, project.id) };
    },

    async save(user: CurrentUser, projectId: string, input: PlanInput): Promise<void> {
      const project = await projects.get(user, projectId);
      if (!(await mayEdit(user, project.id))) throw new Forbidden();
      const before = await planOf(user.organisationId, project.id);
      const at = now();
      const describe = (t: TopicPlan) => `${t.frequency}: ${t.channels.join(', ')}${t.groups ? ` (${t.groups})` : ''}`;
      const changes: Array<{ field: string; from: string; to: string }> = input.topics
        .map((t) => ({ field: t.topic as string, from: describe(before.topics.find((b) => b.topic === t.topic)!), to: describe(t) }))
        .filter((c) => c.from !== c.to);
      if (before.agreedHow !== input.agreedHow)
        changes.push({ field: 'agreedHow', from: before.agreedHow ?? '', to: input.agreedHow ?? '' });
      await db.transaction().execute(async (trx) => {
        await repo.savePlan(
          trx,
          {
            organisation_id: user.organisationId,
            project_id: project.id,
            agreed_how: input.agreedHow,
            updated_at: at.toISOString(),
            updated_by: user.personId,
          },
          input.topics.map((t) => ({
            organisation_id: user.organisationId,
            project_id: project.id,
            topic: t.topic,
            frequency: t.frequency,
            groups: t.channels.includes('word-of-mouth') ? t.groups : null,
            ...Object.fromEntries(planChannels.map((c) => [column[c], t.channels.includes(c) ? 1 : 0])),
          })),
        );
        await writeAudit(trx, {
          organisationId: user.organisationId,
          actorPersonId: user.personId,
          subjectType: 'communication-plan',
          subjectId: project.id,
          action: before.made ? 'changed' : 'made',
          changes,
          at,
        });
      });
    },

    /** For the To do page: how many things the plans say should have been shared and were not. */
    async notMetCount(user: CurrentUser): Promise<number> {
      const scope = await scopeOf(user);
      return (await keptInWindow(user, 'count', async (w) => (await repo.gapTotals(db, user.organisationId, scope, w)).things)).answer;
    },

    /** Projects not meeting their plan, a page at a time, with how many projects in all. */
    async notMetPage(user: CurrentUser, page: Page) {
      const scope = await scopeOf(user);
      return (await keptInWindow(user, `page|${page.offset}|${page.limit}`, (w) => repo.gapsPage(db, user.organisationId, scope, w, page)))
        .answer;
    },
  };
}

export type CommunicationPlanService = ReturnType<typeof makeCommunicationPlanService>;
