import cluster from 'node:cluster';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { connect } from './db/connection.ts';
import { migrateToLatest } from './db/migrate.ts';
import { sessionSecretFor } from './platform/instance-secret.ts';
import { startBackgroundJobs } from './platform/jobs.ts';
import { makeDelivery } from './platform/delivery/delivery.ts';
import { systemClock } from './platform/time.ts';
import { makeServices } from './services.ts';

// WEB_CONCURRENCY above 1: this process migrates once, then starts that many workers that
// share the port (node:cluster). Everything shared lives in the database (sessions, sign-in
// limits, the outbox), so workers agree; background jobs run in worker 0 only.
const workerEnv = 'COPRODUCE_WORKER';

async function primary(config: Config) {
  const db = connect(config.database);
  await migrateToLatest(db);
  await sessionSecretFor(db, config.sessionSecret);
  await db.destroy();
  let stopping = false;
  const start = (index: number) => cluster.fork({ [workerEnv]: String(index) }).on('exit', () => !stopping && start(index));
  for (let i = 0; i < config.webConcurrency; i++) start(i);
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log(`Coproduce is starting ${config.webConcurrency} workers on ${config.publicUrl} (${config.database.kind})`);
}

async function serve(config: Config, runJobs: boolean) {
  const db = connect(config.database);
  await migrateToLatest(db);
  const sessionSecret = await sessionSecretFor(db, config.sessionSecret);
  const delivery = makeDelivery(config);
  // One set of services, shared by the app and the background jobs.
  const services = makeServices({ db, config, now: systemClock, delivery, secret: sessionSecret });
  const { invitations, reviews, accessReviews } = services;
  const app = await buildApp(config, { services });
  const stopJobs = runJobs
    ? await startBackgroundJobs({
        db,
        delivery,
        now: systemClock,
        pollSeconds: config.outboxPollSeconds,
        log: app.log,
        tasks: [
          { name: 'reminded', message: 'meeting reminders queued', run: () => invitations.sendDueReminders() },
          { name: 'closed', message: 'reviews closed on their closing date', run: () => reviews.closeDue() },
          {
            name: 'textsReceived',
            message: 'texts received from Notify',
            run: () => services.texts.fetchFromNotify(config.receivedTextsPollSeconds),
          },
          { name: 'needsAsked', message: 'yearly access needs checks asked', run: () => accessReviews.sendDueAsks() },
          { name: 'papersSent', message: 'papers sent for meetings past their notice date', run: () => services.paperSending.sendDue() },
          {
            name: 'retentionRemoved',
            message: 'sensitive records past their keeping time removed',
            run: () => services.dataRights.retention.removeDue(),
          },
          { name: 'ballotsSealed', message: 'closed secret votes sealed', run: () => services.votes.sealClosed() },
          {
            name: 'concernsEscalated',
            message: 'safeguarding concerns not picked up in time told to admins',
            run: () => services.safeguarding.escalateOverdue(),
          },
          // Before delivery: a digest queued now goes out in the same round.
          { name: 'digestsQueued', message: 'digests of held notices queued', run: () => services.digests.sendDue() },
          // Asks for a sign-in link are worked on as soon as they are answered; this catches any left behind.
          { name: 'signInLinks', message: 'sign-in links queued', run: () => services.identity.sendRequestedSignInLinks() },
        ],
      })
    : async () => {};

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await stopJobs();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  if (runJobs) app.log.info(`Coproduce is running on ${config.publicUrl} (${config.database.kind})`);
}

async function main() {
  const config = loadConfig();
  if (cluster.isPrimary && config.webConcurrency > 1) return primary(config);
  return serve(config, !cluster.isWorker || process.env[workerEnv] === '0');
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
