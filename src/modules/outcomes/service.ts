import type { Page } from '../../platform/pagination.ts';
import type { Db } from '../../db/connection.ts';
import type { OutcomeMeasure, SurveyPhase } from '../../db/schema/outcomes.ts';
import { diffFields, writeAudit } from '../../platform/audit.ts';
import { isStaff, type CurrentUser } from '../../platform/auth.ts';
import { Forbidden, NotFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { londonToday, type Clock } from '../../platform/time.ts';
import type { ProjectService } from '../projects/service.ts';
import * as repo from './repository.ts';
import { change, countSeries, scaleSummaryOfTotal, type CountEntry, type ScaleSummary } from './results.ts';
import { roundState, type RoundState } from './survey-window.ts';

export type { ScaleSummary } from './results.ts';

export type Outcome = {
  id: string;
  projectId: string;
  projectTitle: string;
  title: string;
  measure: OutcomeMeasure;
  question: string | null;
  unit: string | null;
  agreedHow: string | null;
};

type OutcomeHead = { outcomeId: string; projectId: string; projectTitle: string; title: string };
export type OutcomeBeforeAfter =
  | (OutcomeHead & { measure: 'scale'; question: string; before: ScaleSummary; after: ScaleSummary; change: number | null })
  | (OutcomeHead & { measure: 'count'; unit: string; series: CountEntry[]; first: number | null; last: number | null });

export type SurveyRound = {
  id: string;
  projectId: string;
  phase: SurveyPhase;
  opensOn: string;
  closesOn: string;
  sentAt: string | null;
  state: RoundState;
};

export type OutcomeInput = {
  title: string;
  measure: OutcomeMeasure;
  question: string | null;
  unit: string | null;
  agreedHow: string | null;
};
/**
 * A project or the organisation, and a period of London days (both ends included). A last
 * day comes with the instant it ends, the midnight after it (impact/period.ts
 * periodInstants): answers are times, and one given in the evening of the last day counts.
 */
export type Period = { projectId?: string; from?: string } & ({ to?: undefined } | { to: string; answeredBefore: string });

const toOutcome = (r: repo.OutcomeRow): Outcome => ({
  id: r.id,
  projectId: r.project_id,
  projectTitle: r.project_title,
  title: r.title,
  measure: r.measure,
  question: r.question,
  unit: r.unit,
  agreedHow: r.agreed_how,
});

export const toRound = (r: repo.RoundRow, today: string): SurveyRound => ({
  id: r.id,
  projectId: r.project_id,
  phase: r.phase,
  opensOn: r.opens_on,
  closesOn: r.closes_on,
  sentAt: r.sent_at,
  state: roundState({ opensOn: r.opens_on, closesOn: r.closes_on }, today),
});

type Deps = { db: Db; now: Clock; projects: ProjectService };

/** The outcomes a project's members value, how they are measured, and what changed (V4). */
export function makeOutcomeCore({ db, now, projects }: Deps) {
  const today = () => londonToday(now());
  const staffOnly = (user: CurrentUser) => {
    if (!isStaff(user)) throw new Forbidden();
  };

  /**
   * Before and after for each outcome, with no period: every answer so far. With a period
   * (London days, both included), scale answers count from rounds whose days meet it, even
   * one still open, up to the end of its last day (`answeredBefore`, see
   * repo.answerTotals); counts by their own date.
   */
  async function beforeAfter(organisationId: string, opts: Period = {}): Promise<OutcomeBeforeAfter[]> {
    const outcomes = (await repo.listOutcomes(db, organisationId, opts.projectId)).map(toOutcome);
    const [totals, counts] = await Promise.all([
      repo.answerTotals(db, organisationId, opts),
      repo.listCounts(
        db,
        organisationId,
        outcomes.filter((o) => o.measure === 'count').map((o) => o.id),
        opts,
      ),
    ]);
    return outcomes.map((o): OutcomeBeforeAfter => {
      const head = { outcomeId: o.id, projectId: o.projectId, projectTitle: o.projectTitle, title: o.title };
      if (o.measure === 'count') {
        const entries = counts.filter((c) => c.outcome_id === o.id).map((c) => ({ on: c.on_date, value: Number(c.value), note: c.note }));
        return { ...head, measure: 'count', unit: o.unit ?? '', ...countSeries(entries) };
      }
      const summaryOf = (phase: SurveyPhase) => {
        const row = totals.find((r) => r.outcome_id === o.id && r.phase === phase);
        return scaleSummaryOfTotal(Number(row?.n ?? 0), Number(row?.total ?? 0));
      };
      const before = summaryOf('before');
      const after = summaryOf('after');
      return { ...head, measure: 'scale', question: o.question ?? o.title, before, after, change: change(before, after) };
    });
  }

  return {
    beforeAfter,

    /** A project's outcomes page: staff and the project's members. */
    async forProject(user: CurrentUser, projectId: string) {
      const project = await projects.get(user, projectId);
      const [outcomes, results, roundRows] = await Promise.all([
        repo.listOutcomes(db, user.organisationId, project.id),
        beforeAfter(user.organisationId, { projectId: project.id }),
        repo.listRounds(db, user.organisationId, project.id),
      ]);
      const day = today();
      return { project, outcomes: outcomes.map(toOutcome), results, rounds: roundRows.map((r) => toRound(r, day)) };
    },

    /** Staff: each project with how many outcomes, rounds and stories it has. */
    /** One page of projects, each with its outcomes, open survey rounds and stories counted by the database. */
    async overview(user: CurrentUser, page: Page) {
      staffOnly(user);
      const { projects: list, total } = await projects.page(user, page);
      const ids = list.map((p) => p.id);
      const [figures, stories] = await Promise.all([
        repo.outcomeFiguresOf(db, user.organisationId, ids, today()),
        repo.storyCountsOf(db, user.organisationId, ids),
      ]);
      return {
        total,
        projects: list.map((p) => ({
          id: p.id,
          title: p.title,
          outcomes: figures.outcomes.get(p.id) ?? 0,
          openRounds: figures.openRounds.get(p.id) ?? 0,
          stories: stories.get(p.id) ?? 0,
        })),
      };
    },

    async outcome(user: CurrentUser, outcomeId: string): Promise<Outcome> {
      const row = await repo.findOutcome(db, user.organisationId, outcomeId);
      if (!row) throw new NotFound();
      const project = await projects.get(user, row.project_id);
      return toOutcome({ ...row, project_title: project.title });
    },

    async addOutcome(user: CurrentUser, projectId: string, input: OutcomeInput): Promise<string> {
      staffOnly(user);
      const project = await projects.get(user, projectId);
      const id = newId();
      await repo.insertOutcome(db, {
        id,
        organisation_id: user.organisationId,
        project_id: project.id,
        title: input.title,
        measure: input.measure,
        question: input.measure === 'scale' ? input.question : null,
        unit: input.measure === 'count' ? input.unit : null,
        agreed_how: input.agreedHow,
        created_at: now().toISOString(),
        created_by: user.personId,
      });
      await writeAudit(db, {
        organisationId: user.organisationId,
        actorPersonId: user.personId,
        subjectType: 'outcome',
        subjectId: id,
        action: 'created',
        changes: [{ field: 'measure', to: input.measure }],
        at: now(),
      });
      return id;
    },

    /**
     * Staff put an outcome right. Once anyone has answered it or a count is written down,
     * how it is measured stays as it is, so before and after always compare the same thing;
     * only its name and how members chose it can change then.
     */
    async changeOutcome(
      user: CurrentUser,
      outcomeId: string,
      input: OutcomeInput,
    ): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
      staffOnly(user);
      const before = await this.outcome(user, outcomeId);
      const measured = await repo.isMeasured(db, user.organisationId, outcomeId);
      const after = {
        title: input.title,
        measure: input.measure,
        question: input.measure === 'scale' ? input.question : null,
        unit: input.measure === 'count' ? input.unit : null,
        agreedHow: input.agreedHow,
      };
      if (measured && (after.measure !== before.measure || after.question !== before.question || after.unit !== before.unit)) {
        return { ok: false, errors: { [before.measure === 'scale' ? 'question' : 'unit']: 'outcomes:errors.measuredLocked' } };
      }
      const changes = diffFields(
        { title: before.title, measure: before.measure, question: before.question, unit: before.unit, agreedHow: before.agreedHow },
        after,
      );
      if (!changes.length) return { ok: true };
      const at = now();
      await db.transaction().execute(async (trx) => {
        await repo.updateOutcome(trx, user.organisationId, outcomeId, {
          title: after.title,
          measure: after.measure,
          question: after.question,
          unit: after.unit,
          agreed_how: after.agreedHow,
        });
        await writeAudit(trx, {
          organisationId: user.organisationId,
          actorPersonId: user.personId,
          subjectType: 'outcome',
          subjectId: outcomeId,
          action: 'changed',
          changes,
          at,
        });
      });
      return { ok: true };
    },

    /** Whether how an outcome is measured is fixed (see changeOutcome). Scoped to the user's organisation. */
    outcomeMeasured(user: CurrentUser, outcomeId: string): Promise<boolean> {
      return repo.isMeasured(db, user.organisationId, outcomeId);
    },

    /** A number recorded on a date, for an outcome measured by a count. */
    async addCount(user: CurrentUser, outcomeId: string, input: { onDate: string; value: number; note: string | null }): Promise<Outcome> {
      staffOnly(user);
      const outcome = await this.outcome(user, outcomeId);
      if (outcome.measure !== 'count') throw new NotFound();
      const id = newId();
      await repo.insertCount(db, {
        id,
        organisation_id: user.organisationId,
        outcome_id: outcome.id,
        on_date: input.onDate,
        value: input.value,
        note: input.note,
        recorded_at: now().toISOString(),
        recorded_by: user.personId,
      });
      await writeAudit(db, {
        organisationId: user.organisationId,
        actorPersonId: user.personId,
        subjectType: 'outcome',
        subjectId: outcome.id,
        action: 'count-added',
        changes: [
          { field: 'value', to: input.value },
          { field: 'onDate', to: input.onDate },
        ],
        at: now(),
      });
      return outcome;
    },
  };
}

export type OutcomeCore = ReturnType<typeof makeOutcomeCore>;
