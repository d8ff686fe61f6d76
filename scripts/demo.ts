// `npm run demo`: fills a fresh database with demo organisations, people and projects.
// `npm run demo -- --size county` then grows the council to county size (see
// scripts/county-data.ts); `--people 5000` and the like change one size.
// It refuses to touch a database that already has an organisation in it.
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { connect } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { makeServices } from '../src/services.ts';
import { systemClock } from '../src/platform/time.ts';
import { sessionSecretFor } from '../src/platform/instance-secret.ts';
import { demoPassword, seedDemo } from './demo-data.ts';
import { countySizes, growCounty, sizePresets, type CountySizes } from './county-data.ts';

const sizeNames = Object.keys(countySizes) as Array<keyof CountySizes>;
const { values: args } = parseArgs({
  allowPositionals: false,
  options: {
    size: { type: 'string' },
    ...Object.fromEntries(sizeNames.map((k) => [k, { type: 'string' as const }])),
  },
}) as { values: Record<string, string | undefined> };
const preset = args.size ? sizePresets[args.size as keyof typeof sizePresets] : undefined;
if (args.size && !preset) {
  console.error(`--size must be one of: ${Object.keys(sizePresets).join(', ')}`);
  process.exit(1);
}
const sizes: CountySizes | undefined = preset
  ? { ...preset, ...Object.fromEntries(sizeNames.filter((k) => args[k] !== undefined).map((k) => [k, Number(args[k])])) }
  : undefined;

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
    if (sizes) {
      const started = performance.now();
      console.log(`\nGrowing the council to ${args.size} size:`);
      await growCounty(db, demo.organisationId, demo.staffPersonId, sizes, systemClock(), (line) => console.log(line));
      console.log(`Done in ${Math.round((performance.now() - started) / 1000)} s.`);
    }
    console.log(`\nSign in at ${config.publicUrl}/sign-in with any of these. The password for all of them is: ${demoPassword}\n`);
    for (const s of demo.signIns) console.log(`  ${s.organisation.padEnd(28)} ${s.role.padEnd(12)} ${s.email}`);
  }
} finally {
  await db.destroy();
}
