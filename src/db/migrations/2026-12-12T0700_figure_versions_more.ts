import type { Kysely } from 'kysely';
import { addFigureVersionTriggers, dropFigureVersionTriggers } from '../figure-version-triggers.ts';

// More kept figures (decision 0014): Learn progress and the self-assessment's Learn evidence
// are counted from completions, who is missing from the equality answers and circumstances,
// and the charter evidence from its answers. Their changes move the figure version on too.
const tables = ['learn_completions', 'equality_answers', 'equality_circumstances', 'charter_answers'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await addFigureVersionTriggers(db, tables);
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropFigureVersionTriggers(db, tables);
}
