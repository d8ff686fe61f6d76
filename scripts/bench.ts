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
//          --db both (alone only: each page on SQLite and PostgreSQL in turn, request by request, and the ratio)
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
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig, testDatabaseUrl } from '../src/config.ts';
import { connect, type DatabaseTarget, type Db } from '../src/db/connection.ts';
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
if (!['sqlite', 'postgres', 'both'].includes(args.db)) throw new Error('--db must be sqlite, postgres or both');
// --db both times each page on the two databases in turn, one request each, so both meet the
// same machine: runs minutes apart differ by 20 to 50 % on this machine, more than the gap
// being measured. It times pages alone only.
const paired = args.db === 'both';
const noLoad = args['no-load'] || paired;
if (paired && args.workers) throw new Error('--workers runs the built server over SQLite alone');

// The data set: built once per size and database, then reused, because a county takes minutes.
type Prepared = { adminEmail: string; signIns: Array<{ organisation: string; role: string; email: string }>; organisationId: string };
const cacheDir = path.resolve('.bench');
fs.mkdirSync(cacheDir, { recursive: true });
const pgUrl = process.env.BENCH_DATABASE_URL ?? testDatabaseUrl();
const targetFor = (kind: string): DatabaseTarget =>
  kind === 'postgres'
    ? {
        kind: 'postgres',
        url: pgUrl ?? fail('set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to bench on PostgreSQL'),
        schema: `bench_${sizeName}`,
        // DATABASE_NAMED_STATEMENTS=off measures PostgreSQL without them, as a pooler would run it.
        namedStatements: process.env.DATABASE_NAMED_STATEMENTS !== 'off',
      }
    : { kind: 'sqlite', file: path.join(cacheDir, sizeName, 'coproduce.sqlite') };
const config = loadConfig({ DATA_DIR: cacheDir, LOG_LEVEL: 'silent', SIGN_IN_RATE_LIMIT: '10000' });
const secret = 'bench-secret-that-is-long-enough-for-sessions';

function fail(message: string): never {
  throw new Error(message);
}

async function prepare(target: DatabaseTarget): Promise<Prepared> {
  const preparedFile = path.join(cacheDir, `${sizeName}-${target.kind}.json`);
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

/** One database's app, listening, with what the bench needs to find and time its pages. */
type Side = {
  kind: DatabaseTarget['kind'];
  prepared: Prepared;
  db: Db;
  app: FastifyInstance;
  base: string;
  queries: number;
  slowest: Array<{ sql: string; ms: number }>;
  /** Every page to visit, with its label: the url with its ids as :id. */
  pages: Array<{ url: string; label: string }>;
};

async function startSide(kind: string): Promise<Side> {
  const target = targetFor(kind);
  const prepared = await prepare(target);
  // A data set built before the latest migrations gets them, as a deployment would.
  const m = connect(target);
  await migrateToLatest(m);
  await m.destroy();
  const side = { kind: target.kind, prepared, queries: 0, slowest: [], pages: [] } as unknown as Side;
  side.db = connect(target, {
    onQuery: (text, ms) => {
      side.queries++;
      if (args.slow) side.slowest.push({ sql: text, ms });
    },
  });
  const services = makeServices({ db: side.db, config, now: systemClock, delivery: null, secret });
  side.app = await buildApp(config, { services });
  await side.app.listen({ port: 0, host: '127.0.0.1' });
  side.base = `http://127.0.0.1:${(side.app.server.address() as AddressInfo).port}`;
  const ids = await busiestRecords(side.db, prepared.organisationId);
  const urls = pagesToVisit(side.app.routeTable, ids);
  // The heaviest copy of a person's data as well as the busy member's: the member of staff the
  // county set gives most records (52,000 weekly time entries and 18,700 actions), shown as :staff.
  const heaviest = (
    await side.db
      .selectFrom('staff_time_entries')
      .select('person_id')
      .where('organisation_id', '=', prepared.organisationId)
      .groupBy('person_id')
      .orderBy(sql`count(*)`, 'desc')
      .executeTakeFirst()
  )?.person_id;
  if (heaviest) urls.push(...['json', 'pdf', 'xlsx'].map((kind) => `/people/${heaviest}/data.${kind}`));
  side.pages = urls.map((url) => ({
    url,
    label: (heaviest ? url.replaceAll(heaviest, ':staff') : url).replace(/[0-9a-z-]{36}/g, ':id'),
  }));
  side.slowest = [];
  return side;
}

// Pages link the built stylesheet and scripts; build them as `npm test` does.
if (stylesheetIsStale() || !fs.existsSync('public/build/govuk-frontend.min.js')) await buildStylesheet();
const sides: Side[] = [];
for (const kind of paired ? ['sqlite', 'postgres'] : [args.db]) sides.push(await startSide(kind));
const first = sides[0]!;

// --workers N: the load runs against the built server started with WEB_CONCURRENCY=N over
// the same SQLite file, to show what the second core adds. Queries are counted in-process
// only, so that column is left empty.
let server: ChildProcess | null = null;
if (args.workers) {
  if (first.kind !== 'sqlite') throw new Error('--workers runs the built server over the SQLite data set');
  if (spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { stdio: 'inherit' }).status !== 0) throw new Error('build failed');
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  server = spawn(process.execPath, ['dist/server.js'], {
    env: {
      ...process.env,
      DATA_DIR: path.join(cacheDir, sizeName),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WEB_CONCURRENCY: args.workers,
      SIGN_IN_RATE_LIMIT: '10000',
    },
    stdio: 'inherit',
  });
  first.base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (
      (await fetch(`${first.base}/health`).then(
        (r) => r.status,
        () => 0,
      )) === 200
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function signIn(side: Side, email: string): Promise<string> {
  let cookie = '';
  const keep = (res: Response) => {
    const set = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    if (set) cookie = set;
  };
  const form = await fetch(`${side.base}/sign-in`);
  keep(form);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const res = await fetch(`${side.base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email, password: demoPassword }),
  });
  keep(res);
  if (res.status !== 303) throw new Error(`bench sign-in as ${email} failed: ${res.status}`);
  return cookie;
}

async function weight(base: string, url: string, cookie: string) {
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

type Visit = { side: Side; url: string; cookie: string };
type Timing = { p50: number; p95: number; queries: number };

/** Times each visit alone; with two (--db both), one request of each in turn. */
async function alone(visits: readonly Visit[]): Promise<Timing[]> {
  const get = async ({ side, url, cookie }: Visit) =>
    (await fetch(`${side.base}${url}`, { headers: { cookie, 'accept-encoding': 'gzip' } })).arrayBuffer();
  for (let i = 0; i < Number(args.warm); i++) for (const v of visits) await get(v);
  const count = Math.max(2, Number(args.alone));
  const times = visits.map(() => [] as number[]);
  const perRequest = visits.map(() => 0);
  for (let i = 0; i < count; i++) {
    // Each goes first as often as the other, so neither always meets the other's leftovers.
    for (const [k, v] of i % 2 ? [...visits.entries()].reverse() : visits.entries()) {
      const before = v.side.queries;
      const start = performance.now();
      await get(v);
      times[k]!.push(performance.now() - start);
      perRequest[k] = v.side.queries - before;
    }
  }
  return times.map((t, k) => {
    t.sort((a, b) => a - b);
    const at = (share: number) => t[Math.min(count - 1, Math.ceil(share * count) - 1)]!;
    return { p50: at(0.5), p95: at(0.95), queries: perRequest[k]! };
  });
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
async function settle(base: string) {
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

/** The queries that took most time over a page's requests, each with how many times it ran. */
function printSlowest(side: Side) {
  // A count kept after its first look shows once, a per-request cost each time.
  const bySql = new Map<string, { ms: number; runs: number }>();
  for (const q of side.slowest) {
    const seen = bySql.get(q.sql) ?? { ms: 0, runs: 0 };
    bySql.set(q.sql, { ms: seen.ms + q.ms, runs: seen.runs + 1 });
  }
  const all = side.slowest.reduce((sum, q) => sum + q.ms, 0);
  console.log(
    `    ${side.kind}: ${all.toFixed(0).padStart(5)} ms in all, ${side.slowest.length} queries (the database's share of the page)`,
  );
  for (const [text, q] of [...bySql].sort((a, b) => b[1].ms - a[1].ms).slice(0, Number(process.env.BENCH_TOP ?? 5)))
    console.log(
      `    ${q.ms.toFixed(0).padStart(5)} ms ${`${q.runs}x`.padStart(4)}  ${text.length > 300 ? `${text.slice(0, 100)} … ${text.slice(-200)}` : text}`,
    );
}

// --page /people matches /people and the pages under it (/people/:id ...); --page / only the
// home page; a page ending in $ (--page '/people$') only itself.
const skipped = (args.skip ?? []).map((p) => new RegExp(p));
const wanted = ({ url, label }: { url: string; label: string }) => {
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
/** The n-th page of this label on each side: each data set has its own ids, but the same pages. */
function partners(label: string, nth: number): Array<{ side: Side; url: string }> | null {
  const found = sides.map((side) => side.pages.filter((p) => p.label === label)[nth]);
  return found.every(Boolean) ? found.map((p, k) => ({ side: sides[k]!, url: p!.url })) : null;
}

const roles = args.role.split(',');
const counts = await first.db
  .selectFrom('people')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('organisation_id', '=', first.prepared.organisationId)
  .executeTakeFirstOrThrow();

console.log(
  `Coproduce bench: ${sizeName} data set (${Number(counts.n).toLocaleString('en-GB')} people), ${sides.map((s) => s.kind).join(' and ')}, ${noLoad ? 'alone only' : `${connections} connections for ${seconds} s a page`}${paired ? ', one request on each in turn' : ''}`,
);
const timed = (t: Timing) => `${t.p50.toFixed(1)}/${t.p95.toFixed(1)}`.padStart(17);
const header = paired
  ? `${'page'.padEnd(44)} ${'KB gz'.padStart(6)} ${'qry'.padStart(4)} ${'sqlite p50/p95'.padStart(17)} ${'postgres p50/p95'.padStart(17)} ${'p50 ratio'.padStart(9)}`
  : `${'page'.padEnd(44)} ${'KB gz'.padStart(6)} ${'qry'.padStart(4)} ${'alone p50/p95 ms'.padStart(17)}${noLoad ? '' : `  ${'req/s'.padStart(6)} ${'p50/p97.5/p99 ms'.padStart(18)} ${'err'.padStart(4)} ${'floor'.padStart(7)} ${'ratio'.padStart(6)}`}`;
let failed = false;
for (const role of roles) {
  const signIns = sides.map((side) =>
    side.prepared.signIns.find((s) => s.role === role && s.organisation === side.prepared.signIns[0]!.organisation),
  );
  if (signIns.some((s) => !s)) continue;
  const cookies = await Promise.all(sides.map((side, k) => signIn(side, signIns[k]!.email)));
  console.log(`\n${role} (${signIns[0]!.email})\n${header}`);
  const ratios: number[] = [];
  const seen = new Map<string, number>();
  for (const page of first.pages.filter(wanted)) {
    const nth = seen.get(page.label) ?? 0;
    seen.set(page.label, nth + 1);
    const pair = partners(page.label, nth);
    if (!pair) continue;
    const w = await weight(first.base, pair[0]!.url, cookies[0]!);
    if (w.status !== 200) continue; // not a page this role can open
    const timings = await alone(pair.map((p, k) => ({ ...p, cookie: cookies[k]! })));
    const a = timings[0]!;
    const over = w.type.startsWith('text/html') && (w.total > pageBudget || w.own > scriptBudget);
    failed ||= over;
    let line = `${page.label.padEnd(44)} ${(w.total / 1024).toFixed(1).padStart(6)} ${(args.workers ? '-' : String(a.queries)).padStart(4)} ${timed(a)}`;
    if (paired) {
      const ratio = timings[1]!.p50 / a.p50;
      ratios.push(ratio);
      line += ` ${timed(timings[1]!)} ${ratio.toFixed(2).padStart(9)}${ratio > 1.5 ? '  OVER 1.5' : ''}`;
    } else if (!noLoad) {
      // The floor first: after a load the app may still be working through requests
      // autocannon gave up on, which would slow whatever is measured next.
      const f = await floor(w.body, w.type);
      const l = await load(`${first.base}${pair[0]!.url}`, { cookie: cookies[0]!, 'accept-encoding': 'gzip' });
      await settle(first.base);
      line += `  ${l.rps.toFixed(0).padStart(6)} ${`${l.p50}/${l.p975}/${l.p99}`.padStart(18)} ${String(l.errors).padStart(4)} ${f.rps.toFixed(0).padStart(7)} ${(l.rps / f.rps).toFixed(3).padStart(6)}`;
    }
    console.log(`${line}${over ? '  OVER BUDGET' : ''}`);
    if (args.slow) for (const side of sides) printSlowest(side);
    for (const side of sides) side.slowest = [];
  }
  if (paired && ratios.length) {
    ratios.sort((x, y) => x - y);
    const over = ratios.filter((r) => r > 1.5).length;
    console.log(`${role}: ${ratios.length} pages, median PostgreSQL / SQLite ${ratios[ratios.length >> 1]!.toFixed(2)}, ${over} over 1.5`);
  }
}
console.log(
  `\nbudget: ${pageBudget / 1024} KB a page, our own JavaScript ${scriptBudget / 1024} KB; qry = database queries for one request${paired ? ' (on SQLite)' : ''}`,
);
server?.kill('SIGTERM');
for (const side of sides) {
  await side.app.close();
  await side.db.destroy();
}
process.exit(failed ? 1 : 0);
