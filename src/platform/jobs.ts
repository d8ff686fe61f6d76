import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/connection.ts';
import { deliverDue, recoverInterrupted } from './outbox.ts';
import type { Delivery } from './delivery/delivery.ts';
import { deleteExpiredSessions } from './session.ts';
import type { Clock } from './time.ts';

/**
 * A piece of domain work the server does every round (queue due reminders, close reviews
 * past their date ...). It returns how many things it did, logged as { [name]: n }.
 */
export type BackgroundTask = { name: string; message: string; run: () => Promise<number> };

/** Background work for a running server: the domain's tasks, then deliver the outbox and tidy old sessions. */
export async function startBackgroundJobs(opts: {
  db: Db;
  delivery: Delivery | null;
  now: Clock;
  pollSeconds: number;
  log: FastifyBaseLogger;
  /** Run in order before delivery, so messages they queue go out in the same round. */
  tasks?: readonly BackgroundTask[];
}): Promise<() => Promise<void>> {
  const { db, delivery, now, log, tasks = [] } = opts;
  await recoverInterrupted(db);
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = (async () => {
      for (const task of tasks) {
        const done = await task.run();
        if (done > 0) log.info({ [task.name]: done }, task.message);
      }
      if (delivery) {
        const sent = await deliverDue(db, delivery, now());
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
