import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/connection.ts';
import { deliverDue, recoverInterrupted, type MailTransport } from './outbox.ts';
import { deleteExpiredSessions } from './session.ts';
import type { Clock } from './time.ts';

/** Background work for a running server: deliver the outbox, tidy old sessions. */
export async function startBackgroundJobs(opts: {
  db: Db;
  transport: MailTransport | null;
  now: Clock;
  pollSeconds: number;
  log: FastifyBaseLogger;
}): Promise<() => Promise<void>> {
  const { db, transport, now, log } = opts;
  await recoverInterrupted(db);
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = (async () => {
      if (transport) {
        const sent = await deliverDue(db, transport, now());
        if (sent > 0) log.info({ sent }, 'outbox delivered');
      }
      await deleteExpiredSessions(db, now());
    })().catch((err) => log.error({ err: (err as Error).message }, 'background job failed'));
  };
  const timer = setInterval(tick, opts.pollSeconds * 1000);
  tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
