import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig, testNow, type Config } from '../../src/config.ts';
import type { Delivery } from '../../src/platform/delivery/delivery.ts';
import type { Db } from '../../src/db/connection.ts';
import type { KeepFigure } from '../../src/platform/kept-figures.ts';
import type { Clock } from '../../src/platform/time.ts';
import { makeServices } from '../../src/services.ts';
import { freshDatabase, type TestDatabase } from './databases.ts';

export type TestApp = {
  app: FastifyInstance;
  database: TestDatabase;
  services: ReturnType<typeof makeServices>;
  config: Config;
  clock: { now: Date };
  /** The app's clock, reading `clock.now`: hand it to anything else that needs "now". */
  now: () => Date;
  close(): Promise<void>;
};

/** The app's secret in tests; links the app signs can be made by tests too. */
export const testSessionSecret = 'test-secret-that-is-long-enough-for-sessions';

/**
 * For tests that write calendar dates out in full ("due on 1 December 2026"): they run at
 * this fixed moment whatever TEST_NOW says, so they never depend on the day they run.
 * New tests should rather work from `t.now()`, so that moving TEST_NOW moves them too.
 */
export const datesWrittenFor = new Date('2026-11-23T10:00:00Z');

/**
 * Two "todays" a year apart: the demo and anything else told around today are checked at
 * both, so a date written into them that passes today but not next year is caught.
 */
export function aYearApart(): Array<{ label: string; startAt: Date }> {
  const first = testNow();
  return [
    { label: first.toISOString().slice(0, 10), startAt: first },
    { label: 'a year later', startAt: new Date(first.getTime() + 365 * 86_400_000) },
  ];
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ LOG_LEVEL: 'silent', SIGN_IN_RATE_LIMIT: '1000', PUBLIC_URL: 'http://localhost:3000', ...env });
}

/** A whole app over a fresh database, with a clock the test can move. */
export async function makeTestApp(
  opts: {
    dialect?: 'sqlite' | 'postgres';
    env?: Record<string, string>;
    delivery?: Delivery | null;
    startAt?: Date;
    /** Hears of every query: for tests that count queries per page. */
    onQuery?: (sql: string, ms: number) => void;
    /** Replaces where figures are kept between requests: for tests that watch the counts. */
    keep?: (db: Db, now: Clock) => KeepFigure;
  } = {},
): Promise<TestApp> {
  const database = await freshDatabase(opts.dialect ?? 'sqlite', opts.onQuery ? { onQuery: opts.onQuery } : {});
  const config = testConfig(opts.env);
  const clock = { now: opts.startAt ?? testNow() };
  const now = () => new Date(clock.now);
  // The app's own services: tests arrange data through the same domain rules it uses.
  const services = makeServices({
    db: database.db,
    config,
    now,
    delivery: opts.delivery ?? null,
    secret: testSessionSecret,
    ...(opts.keep ? { keep: opts.keep(database.db, now) } : {}),
  });
  const app = await buildApp(config, { services });
  return {
    app,
    database,
    services,
    config,
    clock,
    now,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
