// `npm run bench`: how fast each page is at county size, against what this machine can do.
//
// It starts the real app on a loopback port over a county-sized organisation (built once and
// kept in .bench/, see scripts/county-data.ts), signs in as each role, finds every page the
// role can open from the app's own route table, and for each page measures:
//   - one person alone: p50 and p95 over --alone requests (default 20) after --warm ones (default
//     20; a running server's connections have parsed its queries already), to a tenth of a
//     millisecond, and database queries per request;
//   - 50 connections for 10 s with autocannon: requests/s, p50, p97.5, p99, errors;
//   - the floor: the very same bytes served by plain node:http, measured the same way, so the
//     page's throughput can be read as a share of what the machine can do at all;
//   - weight over the wire: the page gzipped, with its CSS and JavaScript.
// Filters: --role admin,member  --page /impact  --db postgres  --size small  --seconds 3
//          --skip '/data\.' (leave out pages whose label matches: a quicker run of every page)
//          --alone 200 (more requests alone: steadier medians for pages of a few ms)
//          --connections 50  --fresh (rebuild the data)  --no-load (alone only: quick)
//          --slow (print the queries each page spends most time on)  --workers 2 (load the built server with 2 workers)
// It exits non-zero when a page breaks the weight budget (100 KB a page, our own JS 20 KB).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { loadConfig, testDatabaseUrl } from '../src/config.ts';
import { connect, type DatabaseTarget } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { makeServices } from '../src/services.ts';
import { systemClock } from '../src/platform/time.ts';
import { seedDemo, demoPassword } from './demo-data.ts';
import { busiestRecords, growCounty, pagesToVisit, sizePresets } from './county-data.ts';
import { buildStylesheet, stylesheetIsStale } from './build.mjs';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: 'county' },
    db: { type: 'string', default: 'sqlite' },
    role: { type: 'string', default: 'admin,facilitator,member' },
    page: { type: 'string', multiple: true },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    fresh: { type: 'boolean', default: false },
    'no-load': { type: 'boolean', default: false },
    slow: { type: 'boolean', default: false },
    workers: { type: 'string' },
    warm: { type: 'string', default: '20' },
    alone: { type: 'string', default: '20' },
    skip: { type: 'string', multiple: true },
  },
});
const seconds = Number(args.seconds);
const connections = Number(args.connections);
const pageBudget = 100 * 1024;
const scriptBudget = 20 * 1024;
const sizeName = args.size as keyof typeof sizePresets | 'demo';
if (sizeName !== 'demo' && !(sizeName in sizePresets))
  throw new Error(`--size must be demo or one of ${Object.keys(sizePresets).join(', ')}`);

// The data set: built once per size and database, then reused, because a county takes minutes.
type Prepared = { adminEmail: string; signIns: Array<{ organisation: string; role: string; email: string }>; organisationId: string };
const cacheDir = path.resolve('.bench');
fs.mkdirSync(cacheDir, { recursive: true });
const pgUrl = process.env.BENCH_DATABASE_URL ?? testDatabaseUrl();
const target: DatabaseTarget =
  args.db === 'postgres'
    ? {
        kind: 'postgres',
        url: pgUrl ?? fail('set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to bench on PostgreSQL'),
        schema: `bench_${sizeName}`,
        // DATABASE_NAMED_STATEMENTS=off measures PostgreSQL without them, as a pooler would run it.
        namedStatements: process.env.DATABASE_NAMED_STATEMENTS !== 'off',
      }
    : { kind: 'sqlite', file: path.join(cacheDir, sizeName, 'coproduce.sqlite') };
const preparedFile = path.join(cacheDir, `${sizeName}-${target.kind}.json`);
const config = loadConfig({ DATA_DIR: cacheDir, LOG_LEVEL: 'silent', SIGN_IN_RATE_LIMIT: '10000' });
const secret = 'bench-secret-that-is-long-enough-for-sessions';

function fail(message: string): never {
  throw new Error(message);
}

async function prepare(): Promise<Prepared> {
  if (!args.fresh && fs.existsSync(preparedFile)) return JSON.parse(fs.readFileSync(preparedFile, 'utf8')) as Prepared;
  if (target.kind === 'sqlite') {
    fs.rmSync(path.join(cacheDir, sizeName), { recursive: true, force: true });
  } else {
    const admin = connect({ kind: 'postgres', url: target.url });
    await sql`drop schema if exists ${sql.id(target.schema!)} cascade`.execute(admin);
    await sql`create schema ${sql.id(target.schema!)}`.execute(admin);
    await admin.destroy();
  }
  const db = connect(target);
  await migrateToLatest(db);
  const services = makeServices({ db, config, now: systemClock, delivery: null, secret });
  const started = performance.now();
  const demo = await seedDemo(services, db, systemClock);
  if (sizeName !== 'demo') {
    console.log(`Building the ${sizeName} data set on ${target.kind} (once; --fresh rebuilds it):`);
    await growCounty(db, demo.organisationId, demo.staffPersonId, sizePresets[sizeName], systemClock(), (l) => console.log(l));
  }
  // Fresh statistics, and on PostgreSQL a vacuumed table with its visibility map, as a database
  // that has been running a while would have (autovacuum): without it a count reads every row
  // from the table, not just the index (claims: 24 ms a count, 5 ms after).
  await (target.kind === 'postgres' ? sql`vacuum analyze` : sql`analyze`).execute(db);
  console.log(`Data set ready in ${Math.round((performance.now() - started) / 1000)} s.\n`);
  await db.destroy();
  const prepared: Prepared = { adminEmail: demo.adminEmail, signIns: demo.signIns, organisationId: demo.organisationId };
  fs.writeFileSync(preparedFile, JSON.stringify(prepared));
  return prepared;
}

// Pages link the built stylesheet and scripts; build them as `npm test` does.
if (stylesheetIsStale() || !fs.existsSync('public/build/govuk-frontend.min.js')) await buildStylesheet();
const prepared = await prepare();
// A data set built before the latest migrations gets them, as a deployment would.
await (async () => {
  const m = connect(target);
  await migrateToLatest(m);
  await m.destroy();
})();
let queries = 0;
let slowest: Array<{ sql: string; ms: number }> = [];
const db = connect(target, {
  onQuery: (text, ms) => {
    queries++;
    if (args.slow) slowest.push({ sql: text, ms });
  },
});
const services = makeServices({ db, config, now: systemClock, delivery: null, secret });
const app = await buildApp(config, { services });
await app.listen({ port: 0, host: '127.0.0.1' });
let base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

// --workers N: the load runs against the built server started with WEB_CONCURRENCY=N over
// the same SQLite file, to show what the second core adds. Queries are counted in-process
// only, so that column is left empty.
let server: ChildProcess | null = null;
if (args.workers) {
  if (target.kind !== 'sqlite') throw new Error('--workers runs the built server over the SQLite data set');
  if (spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { stdio: 'inherit' }).status !== 0) throw new Error('build failed');
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  server = spawn(process.execPath, ['dist/server.js'], {
    env: {
      ...process.env,
      DATA_DIR: path.dirname(target.file),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WEB_CONCURRENCY: args.workers,
      SIGN_IN_RATE_LIMIT: '10000',
    },
    stdio: 'inherit',
  });
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (
      (await fetch(`${base}/health`).then(
        (r) => r.status,
        () => 0,
      )) === 200
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function signIn(email: string): Promise<string> {
  let cookie = '';
  const keep = (res: Response) => {
    const set = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    if (set) cookie = set;
  };
  const form = await fetch(`${base}/sign-in`);
  keep(form);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email, password: demoPassword }),
  });
  keep(res);
  if (res.status !== 303) throw new Error(`bench sign-in as ${email} failed: ${res.status}`);
  return cookie;
}

async function weight(url: string, cookie: string) {
  const res = await fetch(`${base}${url}`, { headers: { cookie, 'accept-encoding': 'gzip' } });
  const body = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type') ?? '';
  let total = zlib.gzipSync(body).length;
  let own = 0;
  if (type.startsWith('text/html')) {
    const html = body.toString('utf8');
    const assets = [...html.matchAll(/(?:href|src)="(\/(?:build|static)\/[^"]+\.(?:css|js))"/g)].map((m) => m[1]!);
    for (const asset of assets) {
      const size = zlib.gzipSync(Buffer.from(await (await fetch(`${base}${asset}`)).arrayBuffer())).length;
      total += size;
      if (asset.endsWith('.js') && asset.startsWith('/static/')) own += size;
    }
    // The GOV.UK Frontend bundle our own script imports travels too.
    if (assets.includes('/static/app.js')) total += zlib.gzipSync(fs.readFileSync('public/build/govuk-frontend.min.js')).length;
  }
  return { total, own, body, type, status: res.status };
}

async function alone(url: string, cookie: string) {
  const times: number[] = [];
  let perRequest = 0;
  for (let i = 0; i < Number(args.warm); i++)
    await (await fetch(`${base}${url}`, { headers: { cookie, 'accept-encoding': 'gzip' } })).arrayBuffer();
  const count = Math.max(2, Number(args.alone));
  for (let i = 0; i < count; i++) {
    const before = queries;
    const start = performance.now();
    const res = await fetch(`${base}${url}`, { headers: { cookie, 'accept-encoding': 'gzip' } });
    await res.arrayBuffer();
    times.push(performance.now() - start);
    perRequest = queries - before;
  }
  times.sort((a, b) => a - b);
  const at = (share: number) => times[Math.min(count - 1, Math.ceil(share * count) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), queries: perRequest };
}

type Load = { rps: number; p50: number; p975: number; p99: number; errors: number };
async function load(url: string, headers: Record<string, string>): Promise<Load> {
  // The load comes from a worker thread, so its own work does not queue behind the app's
  // on one event loop (it still shares the machine's two cores, as a real client would not).
  const result = await autocannon({ url, connections, duration: seconds, headers, workers: 1 });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p975: result.latency.p97_5,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/** Waits until the app answers a small page quickly again. */
async function settle() {
  for (let i = 0; i < 600; i++) {
    const start = performance.now();
    await fetch(`${base}/health`).then((r) => r.arrayBuffer());
    if (performance.now() - start < 20) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The same bytes from plain node:http: what the machine can do with no app at all.
async function floor(body: Buffer, type: string): Promise<Load> {
  const gz = zlib.gzipSync(body);
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', 'content-length': gz.length });
    res.end(gz);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const floorUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  try {
    return await load(floorUrl, { 'accept-encoding': 'gzip' });
  } finally {
    server.close();
  }
}

const ids = await busiestRecords(db, prepared.organisationId);
slowest = [];
const allPages = pagesToVisit(app.routeTable, ids);
// The heaviest copy of a person's data as well as the busy member's: the member of staff the
// county set gives most records (52,000 weekly time entries and 18,700 actions), shown as :staff.
const heaviest = (
  await db
    .selectFrom('staff_time_entries')
    .select('person_id')
    .where('organisation_id', '=', prepared.organisationId)
    .groupBy('person_id')
    .orderBy(sql`count(*)`, 'desc')
    .executeTakeFirst()
)?.person_id;
if (heaviest) allPages.push(...['json', 'pdf', 'xlsx'].map((kind) => `/people/${heaviest}/data.${kind}`));
const labelOf = (url: string) => (heaviest ? url.replaceAll(heaviest, ':staff') : url).replace(/[0-9a-z-]{36}/g, ':id');
// --page /people matches /people and the pages under it (/people/:id ...); --page / only the
// home page; a page ending in $ (--page '/people$') only itself.
const skipped = (args.skip ?? []).map((p) => new RegExp(p));
const wanted = (url: string) => {
  const label = labelOf(url);
  if (skipped.some((p) => p.test(label))) return false;
  return (
    !args.page ||
    args.page.some((p) =>
      p.endsWith('$')
        ? url === p.slice(0, -1) || label === p.slice(0, -1)
        : url === p || label === p || (p !== '/' && (url.startsWith(`${p}/`) || label.startsWith(`${p}/`))),
    )
  );
};
const roles = args.role.split(',');
const counts = await db
  .selectFrom('people')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('organisation_id', '=', prepared.organisationId)
  .executeTakeFirstOrThrow();

console.log(
  `Coproduce bench: ${sizeName} data set (${Number(counts.n).toLocaleString('en-GB')} people), ${target.kind}, ${connections} connections for ${seconds} s a page`,
);
const header = `${'page'.padEnd(44)} ${'KB gz'.padStart(6)} ${'qry'.padStart(4)} ${'alone p50/p95 ms'.padStart(17)}${args['no-load'] ? '' : `  ${'req/s'.padStart(6)} ${'p50/p97.5/p99 ms'.padStart(18)} ${'err'.padStart(4)} ${'floor'.padStart(7)} ${'ratio'.padStart(6)}`}`;
let failed = false;
for (const role of roles) {
  const who = prepared.signIns.find((s) => s.role === role && s.organisation === prepared.signIns[0]!.organisation);
  if (!who) continue;
  const cookie = await signIn(who.email);
  console.log(`\n${role} (${who.email})\n${header}`);
  for (const url of allPages.filter(wanted)) {
    const w = await weight(url, cookie);
    if (w.status !== 200) continue; // not a page this role can open
    const a = await alone(url, cookie);
    const over = w.type.startsWith('text/html') && (w.total > pageBudget || w.own > scriptBudget);
    failed ||= over;
    let line = `${labelOf(url).padEnd(44)} ${(w.total / 1024).toFixed(1).padStart(6)} ${(args.workers ? '-' : String(a.queries)).padStart(4)} ${`${a.p50.toFixed(1)}/${a.p95.toFixed(1)}`.padStart(17)}`;
    if (!args['no-load']) {
      // The floor first: after a load the app may still be working through requests
      // autocannon gave up on, which would slow whatever is measured next.
      const f = await floor(w.body, w.type);
      const l = await load(`${base}${url}`, { cookie, 'accept-encoding': 'gzip' });
      await settle();
      line += `  ${l.rps.toFixed(0).padStart(6)} ${`${l.p50}/${l.p975}/${l.p99}`.padStart(18)} ${String(l.errors).padStart(4)} ${f.rps.toFixed(0).padStart(7)} ${(l.rps / f.rps).toFixed(3).padStart(6)}`;
    }
    console.log(`${line}${over ? '  OVER BUDGET' : ''}`);
    if (args.slow) {
      // --slow: the queries that took most time over the page's requests, each with how many
      // times it ran: a count kept after its first look shows once, a per-request cost each time.
      const bySql = new Map<string, { ms: number; runs: number }>();
      for (const q of slowest) {
        const seen = bySql.get(q.sql) ?? { ms: 0, runs: 0 };
        bySql.set(q.sql, { ms: seen.ms + q.ms, runs: seen.runs + 1 });
      }
      const all = slowest.reduce((sum, q) => sum + q.ms, 0);
      console.log(`    ${all.toFixed(0).padStart(5)} ms in all, ${slowest.length} queries (the database's share of the page)`);
      for (const [text, q] of [...bySql].sort((a, b) => b[1].ms - a[1].ms).slice(0, Number(process.env.BENCH_TOP ?? 5)))
        console.log(
          `    ${q.ms.toFixed(0).padStart(5)} ms ${`${q.runs}x`.padStart(4)}  ${text.length > 300 ? `${text.slice(0, 100)} … ${text.slice(-200)}` : text}`,
        );
    }
    slowest = [];
  }
}
console.log(
  `\nbudget: ${pageBudget / 1024} KB a page, our own JavaScript ${scriptBudget / 1024} KB; qry = database queries for one request`,
);
server?.kill('SIGTERM');
await app.close();
await db.destroy();
process.exit(failed ? 1 : 0);
