import { connect } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { sql } from 'kysely';
const db = connect({ kind: 'sqlite', file: ':memory:' });
await migrateToLatest(db);
const t = await sql<{name:string}>`select name from sqlite_master where type='table' order by name`.execute(db);
for (const r of t.rows) { const cols = await sql<{name:string}>`select name from pragma_table_info(${r.name})`.execute(db); console.log(r.name, cols.rows.some(c=>c.name==='organisation_id') ? 'ORG' : '-- ' + cols.rows.map(c=>c.name).join(',')); }
await db.destroy();
