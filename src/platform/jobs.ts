import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/connection.ts';
import { deliverDue, recoverInterrupted } from './outbox.ts';
import type { Delivery } from './delivery/delivery.ts';
import { deleteExpiredSessions } from './session.ts';
import type { Clock } from './time.ts';

/** Background work for a running server: queue reminders, close reviews that are due, deliver the outbox, tidy old sessions. */
export async function startBackgroundJobs(opts: {
  db: Db;
  delivery: Delivery | null;
  now: Clock;
  pollSeconds: number;
  log: FastifyBaseLogger;
  /** Queues meeting reminders that are due; returns how many. */
  sendReminders?: () => Promise<number>;
  /** Closes reviews past their closing day and starts the next of a series; returns how many. */
  closeReviews?: () => Promise<number>;
}): Promise<() => Promise<void>> {
  const { db, delivery, now, log, sendReminders, closeReviews } = opts;
  await recoverInterrupted(db);
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = (async () => {
      // Reminders first, so those due go out in the same round.
      const reminded = sendReminders ? await sendReminders() : 0;
      if (reminded > 0) log.info({ reminded }, 'meeting reminders queued');
      const closed = closeReviews ? await closeReviews() : 0;
      if (closed > 0) log.info({ closed }, 'reviews closed on their closing date');
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
