import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyBaseLogger } from 'fastify';
import { makeTestApp } from '../../test/helpers/test-app.ts';
import { startBackgroundJobs } from './jobs.ts';

test('each round of background work sends due reminders and closes due reviews, and logs what it did', async () => {
  const t = await makeTestApp({ dialect: 'sqlite' });
  try {
    const calls: string[] = [];
    const logged: unknown[] = [];
    const log = { info: (o: unknown) => logged.push(o), error: (o: unknown) => logged.push(o) } as unknown as FastifyBaseLogger;
    const stop = await startBackgroundJobs({
      db: t.database.db,
      delivery: null,
      now: () => t.clock.now,
      pollSeconds: 3600,
      log,
      tasks: [
        { name: 'reminded', message: 'meeting reminders queued', run: async () => (calls.push('reminders'), 0) },
        { name: 'closed', message: 'reviews closed on their closing date', run: async () => (calls.push('reviews'), 2) },
      ],
    });
    await stop();
    assert.deepEqual(calls, ['reminders', 'reviews']);
    assert.deepEqual(logged, [{ closed: 2 }]);
  } finally {
    await t.close();
  }
});
