import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { Clock } from './time.ts';

type Result = { current: number; ttl: number };
type Callback = (error: Error | null, result?: Result) => void;

/**
 * A store for @fastify/rate-limit that keeps its counts in the database, so every worker
 * process and every machine behind a load balancer counts against one allowance (the
 * plugin's default store is each process's memory). One statement both starts a new
 * window and counts within the current one, so two requests at once cannot both slip in.
 */
export function databaseRateLimitStore(db: Db, now: Clock) {
  let calls = 0;
  const count = async (key: string, timeWindow: number): Promise<Result> => {
    const at = now().getTime();
    const expired = sql<boolean>`rate_limits.window_started_ms + ${timeWindow} <= ${at}`;
    const row = await db
      .insertInto('rate_limits')
      .values({ key, hits: 1, window_started_ms: at })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          hits: sql<number>`case when ${expired} then 1 else rate_limits.hits + 1 end`,
          window_started_ms: sql<number>`case when ${expired} then ${at} else rate_limits.window_started_ms end`,
        }),
      )
      .returning(['hits', 'window_started_ms'])
      .executeTakeFirstOrThrow();
    // Now and then, forget windows that ended long ago.
    if (++calls % 200 === 0)
      await db
        .deleteFrom('rate_limits')
        .where('window_started_ms', '<', at - 86_400_000)
        .execute();
    return { current: Number(row.hits), ttl: Math.max(0, Number(row.window_started_ms) + timeWindow - at) };
  };
  const read = async (key: string, timeWindow: number): Promise<Result> => {
    const at = now().getTime();
    const row = await db.selectFrom('rate_limits').select(['hits', 'window_started_ms']).where('key', '=', key).executeTakeFirst();
    if (!row || Number(row.window_started_ms) + timeWindow <= at) return { current: 0, ttl: timeWindow };
    return { current: Number(row.hits), ttl: Number(row.window_started_ms) + timeWindow - at };
  };

  class DatabaseStore implements FastifyRateLimitStore {
    // Each route counts on its own: the sign-in form and the sign-in link have separate allowances.
    private readonly prefix: string;
    constructor(route?: { method?: unknown; url?: unknown }) {
      this.prefix = typeof route?.url === 'string' ? `${String(route.method)} ${route.url}|` : '|';
    }
    incr(key: string, cb: Callback, timeWindow: number): void {
      count(this.prefix + key, timeWindow).then((r) => cb(null, r), cb);
    }
    read(key: string, cb: Callback, timeWindow: number): void {
      read(this.prefix + key, timeWindow).then((r) => cb(null, r), cb);
    }
    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): DatabaseStore {
      return new DatabaseStore(routeOptions);
    }
  }
  return DatabaseStore;
}
