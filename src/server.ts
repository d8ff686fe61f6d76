import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { connect } from './db/connection.ts';
import { migrateToLatest } from './db/migrate.ts';
import { sessionSecretFor } from './platform/instance-secret.ts';
import { startBackgroundJobs } from './platform/jobs.ts';
import { makeDelivery } from './platform/delivery/delivery.ts';
import { systemClock } from './platform/time.ts';
import { makeServices } from './services.ts';

async function main() {
  const config = loadConfig();
  const db = connect(config.database);
  await migrateToLatest(db);
  const sessionSecret = await sessionSecretFor(db, config.sessionSecret);
  const delivery = makeDelivery(config);
  // One set of services, shared by the app and the background jobs.
  const services = makeServices({ db, config, now: systemClock, delivery, secret: sessionSecret });
  const { invitations, reviews } = services;
  const app = await buildApp(config, { services });
  const stopJobs = await startBackgroundJobs({
    db,
    delivery,
    now: systemClock,
    pollSeconds: config.outboxPollSeconds,
    log: app.log,
    tasks: [
      { name: 'reminded', message: 'meeting reminders queued', run: () => invitations.sendDueReminders() },
      { name: 'closed', message: 'reviews closed on their closing date', run: () => reviews.closeDue() },
    ],
  });

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
  app.log.info(`Coproduce is running on ${config.publicUrl} (${config.database.kind})`);
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
