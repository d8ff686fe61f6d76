import type { Kysely } from 'kysely';
import { addFigureVersionTriggers, dropFigureVersionTriggers } from '../figure-version-triggers.ts';

// The impact report's budget is counted from claims and these two tables: their changes
// move the organisation's figure version on too (the triggers of 2026-12-06T0100).
const tables = ['project_budgets', 'project_spend'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await addFigureVersionTriggers(db, tables);
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropFigureVersionTriggers(db, tables);
}
