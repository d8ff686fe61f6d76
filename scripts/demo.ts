// `npm run demo`: fills a fresh database with demo organisations, people and projects.
// It refuses to touch a database that already has an organisation in it.
import { loadConfig } from '../src/config.ts';
import { connect } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { makeServices } from '../src/services.ts';
import { systemClock } from '../src/platform/time.ts';
import { sessionSecretFor } from '../src/platform/instance-secret.ts';
import { demoPassword, seedDemo } from './demo-data.ts';

const config = loadConfig();
const db = connect(config.database);
try {
  await migrateToLatest(db);
  // The same secret the app will use, so links in demo messages work.
  const secret = await sessionSecretFor(db, config.sessionSecret);
  const services = makeServices({ db, config, now: systemClock, delivery: null, secret });
  if (await services.organisations.isSetUp()) {
    console.error(
      'This database already has an organisation, so the demo data was not added.\nUse a fresh database: for example, delete the data/ folder (this deletes everything in it) or set DATA_DIR to an empty folder.',
    );
    process.exitCode = 1;
  } else {
    const demo = await seedDemo(services, db, systemClock);
    console.log(
      `Added 2 organisations, ${demo.peopleCount} people, ${demo.projectCount} projects, venues and meetings (${config.database.kind}).`,
    );
    console.log(`\nSign in at ${config.publicUrl}/sign-in with any of these. The password for all of them is: ${demoPassword}\n`);
    for (const s of demo.signIns) console.log(`  ${s.organisation.padEnd(28)} ${s.role.padEnd(12)} ${s.email}`);
  }
} finally {
  await db.destroy();
}
