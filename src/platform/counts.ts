import { sql, type Expression, type SelectQueryBuilder } from 'kysely';
import { genericPlan, type Executor } from '../db/connection.ts';

/**
 * A count not yet asked: a query giving one row with `n`. A page that shows many counts (the
 * To do list has twenty) asks them all in one query, so PostgreSQL is one round trip, not
 * twenty; each module still writes its own count and owns its tables.
 */
export type CountQuery = Expression<{ n: number | string | bigint | null }>;

/** A count a module has already made (it needed more than one query), or one still to ask. */
export type Counted = number | CountQuery;

/** Every count asked together in one query; counts already made are passed through. */
export async function countTogether<K extends string>(db: Executor, counts: Record<K, Counted>): Promise<Record<K, number>> {
  const keys = Object.keys(counts) as K[];
  const asked = keys.filter((k) => typeof counts[k] !== 'number');
  const out = Object.fromEntries(keys.map((k) => [k, typeof counts[k] === 'number' ? counts[k] : 0])) as Record<K, number>;
  if (asked.length === 0) return out;
  const columns = asked.map((k, i) => sql`(${counts[k] as CountQuery}) as ${sql.id(`c${i}`)}`);
  // Counts asked together (the To do's) are each an index count whatever the values asked,
  // so one plan serves every run; a count asked alone keeps PostgreSQL's own choice.
  const plan = sql.raw(asked.length > 1 ? `${genericPlan} ` : '');
  const { rows } = await sql<Record<string, unknown>>`select ${plan}${sql.join(columns)}`.execute(db);
  asked.forEach((k, i) => (out[k] = Number(rows[0]?.[`c${i}`] ?? 0)));
  return out;
}

/** One count asked now, for a caller that wants only it. */
export async function countNow(db: Executor, count: Counted): Promise<number> {
  return (await countTogether(db, { n: count })).n;
}

/**
 * Whether a list has more than `n` rows, for a choice that changes past a size (a finder past
 * 300 people): it reads the row after the first `n` of an index instead of counting a county.
 */
export async function moreThan<DB, TB extends keyof DB, O>(rows: SelectQueryBuilder<DB, TB, O>, n: number): Promise<boolean> {
  return (await rows.limit(1).offset(n).executeTakeFirst()) !== undefined;
}
