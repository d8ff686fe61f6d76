import { sql, type Kysely } from 'kysely';
import { addFigureVersionTriggers, dropFigureVersionTriggers, type FigureRows } from '../figure-version-triggers.ts';

// "Plan not met" (the To do line and its page) is counted from these tables and from the
// outbox's messages about decisions: their changes move the organisation's figure version on,
// so the count can be kept (decision 0014). Other outbox messages leave it as it is: a county
// queues thousands a day, and none of them tells anyone about a decision.
const tables = ['decision_records', 'meeting_papers', 'paper_sendings', 'meeting_notes', 'communication_plan_choices'] as const;
const aboutDecisions: FigureRows = (row) =>
  sql`${sql.raw(row)}.kind in ('decision', 'decision-update') and ${sql.raw(row)}.organisation_id is not null`;

export async function up(db: Kysely<any>): Promise<void> {
  await addFigureVersionTriggers(db, tables);
  await addFigureVersionTriggers(db, ['outbox'], aboutDecisions);
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropFigureVersionTriggers(db, ['outbox'], aboutDecisions);
  await dropFigureVersionTriggers(db, tables);
}
