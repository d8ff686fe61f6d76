import { loadConfig } from '../config.ts';
import { connect } from './connection.ts';
import { migrateToLatest } from './migrate.ts';

// Exits non-zero on failure, so a deploy step can stop on it.
const config = loadConfig();
const db = connect(config.database);
try {
  await migrateToLatest(db);
  console.log(`Database is up to date (${config.database.kind}).`);
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
