import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Delivery } from '../../src/platform/delivery/delivery.ts';
import { makeServices } from '../../src/services.ts';
import { freshDatabase, type TestDatabase } from './databases.ts';

export type TestApp = {
  app: FastifyInstance;
  database: TestDatabase;
  services: ReturnType<typeof makeServices>;
  config: Config;
  clock: { now: Date };
  close(): Promise<void>;
};

/** The app's secret in tests; links the app signs can be made by tests too. */
export const testSessionSecret = 'test-secret-that-is-long-enough-for-sessions';

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ LOG_LEVEL: 'silent', SIGN_IN_RATE_LIMIT: '1000', PUBLIC_URL: 'http://localhost:3000', ...env });
}

/** A whole app over a fresh database, with a clock the test can move. */
export async function makeTestApp(
  opts: { dialect?: 'sqlite' | 'postgres'; env?: Record<string, string>; delivery?: Delivery | null } = {},
): Promise<TestApp> {
  const database = await freshDatabase(opts.dialect ?? 'sqlite');
  const config = testConfig(opts.env);
  const clock = { now: new Date('2026-11-23T10:00:00Z') };
  const now = () => new Date(clock.now);
  const app = await buildApp(config, { db: database.db, sessionSecret: testSessionSecret, delivery: opts.delivery ?? null, now });
  // The app's own services are built inside buildApp; this second set shares the same
  // database and clock, so tests can arrange data through the real domain rules.
  const services = makeServices({ db: database.db, config, now, delivery: opts.delivery ?? null, secret: testSessionSecret });
  return {
    app,
    database,
    services,
    config,
    clock,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
