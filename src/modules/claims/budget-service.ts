import type { Db } from '../../db/connection.ts';
import { auditWriter } from '../../platform/audit.ts';
import { isStaff, type CurrentUser } from '../../platform/auth.ts';
import { Forbidden, NotFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Clock } from '../../platform/time.ts';
import type { ProjectService } from '../projects/service.ts';
import { budgetLines, type Spend } from './budget.ts';
import * as repo from './repository.ts';
import { budgetCategories, type BudgetCategory, type SpendCategory } from './vocabulary.ts';

export type SpendInput = {
  category: SpendCategory;
  description: string;
  amountPence: number;
  spentOn: string;
  status: 'committed' | 'paid';
};

const isCategory = <T extends string>(values: readonly T[], v: string): v is T => (values as readonly string[]).includes(v);

/**
 * A project's co-production budget (S3): planned by category, against claims approved and
 * paid for its meetings and work, and what staff record for venues, interpreters and more.
 */
export function makeBudgetService({ db, now, projects }: { db: Db; now: Clock; projects: ProjectService }) {
  const staffOnly = (user: CurrentUser) => {
    if (!isStaff(user)) throw new Forbidden();
  };
  const audit = auditWriter(db, now, 'project');

  return {
    /** Staff, and members of the project, can see it: the cost of co-production is no secret. */
    /** With a period, only claims and spending dated in it count; the plan is always the whole project's. */
    async forProject(user: CurrentUser, projectId: string, period?: repo.DatePeriod) {
      const project = await projects.get(user, projectId);
      const [planned, allSpend, claimTotals] = await Promise.all([
        repo.plannedBudget(db, user.organisationId, project.id),
        repo.listSpend(db, user.organisationId, project.id),
        repo.projectClaimTotals(db, user.organisationId, project.id, period),
      ]);
      const spendRows = period ? allSpend.filter((s) => s.spent_on >= period.from && s.spent_on <= period.to) : allSpend;
      const plan: Partial<Record<BudgetCategory, number>> = {};
      for (const p of planned) if (isCategory(budgetCategories, p.category)) plan[p.category] = Number(p.planned_pence);
      const spend: Spend[] = [
        ...claimTotals.map((c) => ({
          category: (c.kind === 'expense' ? 'expenses' : 'payments') as BudgetCategory,
          status: c.status === 'paid' ? ('paid' as const) : ('committed' as const),
          amountPence: c.totalPence,
        })),
        ...spendRows
          .filter((s) => isCategory(budgetCategories, s.category))
          .map((s) => ({ category: s.category as BudgetCategory, status: s.status, amountPence: Number(s.amount_pence) })),
      ];
      return {
        project,
        planned: plan,
        hasPlan: planned.length > 0,
        ...budgetLines(plan, spend),
        entries: spendRows.map((s) => ({
          id: s.id,
          category: s.category,
          description: s.description,
          amountPence: Number(s.amount_pence),
          spentOn: s.spent_on,
          status: s.status,
        })),
      };
    },

    /**
     * Staff: the budget of one project, or of every project added together, for a period:
     * the whole plan, what was agreed and paid for work and costs dated in the period, and
     * what is left of the whole plan after everything agreed or paid so far. Null when no
     * project has a plan or any money against it.
     */
    async totals(user: CurrentUser, projectId: string | undefined, period: repo.DatePeriod) {
      staffOnly(user);
      if (projectId) await projects.get(user, projectId);
      const t = await repo.moneyTotals(db, user.organisationId, projectId, period, budgetCategories);
      if (t.planRows === 0 && t.whole.committedPence === 0 && t.whole.paidPence === 0) return null;
      const leftPence = t.plannedPence - t.whole.committedPence - t.whole.paidPence;
      return { plannedPence: t.plannedPence, ...t.inPeriod, leftPence, over: leftPence < 0 };
    },

    /** A line left out is planned at nothing. */
    async setPlanned(user: CurrentUser, projectId: string, planned: Partial<Record<BudgetCategory, number>>): Promise<void> {
      staffOnly(user);
      const project = await projects.get(user, projectId);
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        for (const category of budgetCategories) {
          await repo.setPlanned(trx, {
            organisation_id: user.organisationId,
            project_id: project.id,
            category,
            planned_pence: planned[category] ?? 0,
            updated_at: at,
            updated_by: user.personId,
          });
        }
      });
      await audit(
        user,
        project.id,
        'budget-planned',
        budgetCategories.map((c) => ({ field: c, to: planned[c] ?? 0 })),
      );
    },

    async addSpend(user: CurrentUser, projectId: string, input: SpendInput): Promise<void> {
      staffOnly(user);
      const project = await projects.get(user, projectId);
      const id = newId();
      await repo.insertSpend(db, {
        id,
        organisation_id: user.organisationId,
        project_id: project.id,
        category: input.category,
        description: input.description,
        amount_pence: input.amountPence,
        spent_on: input.spentOn,
        status: input.status,
        created_at: now().toISOString(),
        created_by: user.personId,
      });
      await audit(user, project.id, 'spend-added', [
        { field: 'spend', to: id },
        { field: 'amountPence', to: input.amountPence },
      ]);
    },

    async markSpendPaid(user: CurrentUser, projectId: string, id: string): Promise<void> {
      staffOnly(user);
      const project = await projects.get(user, projectId);
      if (!(await repo.markSpendPaid(db, user.organisationId, project.id, id))) throw new NotFound();
      await audit(user, project.id, 'spend-paid', [{ field: 'spend', to: id }]);
    },
  };
}

export type BudgetService = ReturnType<typeof makeBudgetService>;
