// Measures what a person feels: page weight over the wire and how fast pages come back.
// Run with `npm run bench`. It starts the real app on a loopback port over a fresh SQLite
// file filled with the demo data, signs in, and reports; it fails when a page breaks the
// weight budget (100 KB per page, JavaScript included; our own JavaScript 20 KB).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { connect } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { makeServices } from '../src/services.ts';
import { systemClock } from '../src/platform/time.ts';
import { seedDemo, demoPassword } from './demo-data.ts';

const seconds = Number(process.argv[2] ?? 3); // npm run bench -- 10
const concurrency = 8;
const pageBudget = 100 * 1024;
const scriptBudget = 20 * 1024;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coproduce-bench-'));
const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', SIGN_IN_RATE_LIMIT: '10000' });
const db = connect({ kind: 'sqlite', file: path.join(dir, 'bench.sqlite') });
await migrateToLatest(db);
const services = makeServices({ db, config, now: systemClock, delivery: null, secret: 'bench-secret-that-is-long-enough-for-sessions' });
const demo = await seedDemo(services, db, systemClock);
const app = await buildApp(config, { services });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

// Sign in as a browser would: fetch the form for its CSRF token, then post.
let cookie = '';
const keep = (res: Response) => {
  const set = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  if (set) cookie = set;
};
const signInPage = await fetch(`${base}/sign-in`);
keep(signInPage);
const csrf = /name="_csrf" value="([^"]+)"/.exec(await signInPage.text())?.[1] ?? '';
const signedIn = await fetch(`${base}/sign-in`, {
  method: 'POST',
  redirect: 'manual',
  headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ _csrf: csrf, email: demo.adminEmail, password: demoPassword }),
});
keep(signedIn);
if (signedIn.status !== 303) throw new Error(`bench sign-in failed: ${signedIn.status}`);

const pages = [
  '/',
  '/people',
  `/people/${demo.samplePersonId}`,
  '/projects',
  `/projects/${demo.sampleProjectId}`,
  `/meetings/${demo.sampleMeetingId}`,
  `/meetings/${demo.sampleMeetingId}/attendance`,
  `/projects/${demo.sampleProjectId}/decisions`,
  '/claims',
  '/timebank',
  '/reviews',
  '/learning',
  '/impact',
  '/impact/report',
  '/about',
];

async function compressedSize(url: string): Promise<{ total: number; own: number; assets: string[] }> {
  const res = await fetch(`${base}${url}`, { headers: { cookie, 'accept-encoding': 'gzip' } });
  const html = await res.text();
  let total = zlib.gzipSync(html).length;
  let own = 0;
  const assets = [...html.matchAll(/(?:href|src)="(\/(?:build|static)\/[^"]+\.(?:css|js))"/g)].map((m) => m[1]!);
  for (const asset of assets) {
    const body = Buffer.from(await (await fetch(`${base}${asset}`)).arrayBuffer());
    const size = zlib.gzipSync(body).length;
    total += size;
    if (asset.endsWith('.js')) own += asset.startsWith('/static/') ? size : 0;
  }
  // Scripts our own script imports (the GOV.UK Frontend bundle) travel too.
  if (assets.some((a) => a === '/static/app.js')) {
    total += zlib.gzipSync(fs.readFileSync('public/build/govuk-frontend.min.js')).length;
  }
  return { total, own, assets };
}

async function throughput(url: string) {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const start = performance.now();
        const res = await fetch(`${base}${url}`, { headers: { cookie, 'accept-encoding': 'gzip' } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
        latencies.push(performance.now() - start);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
  return { rps: Math.round(latencies.length / seconds), p50: pct(50), p95: pct(95) };
}

const rows: string[] = [];
let failed = false;
for (const url of pages) {
  const size = await compressedSize(url);
  const speed = await throughput(url);
  const over = size.total > pageBudget || size.own > scriptBudget;
  failed ||= over;
  const label = url.replace(/[0-9a-f-]{36}/, ':id');
  rows.push(
    `${label.padEnd(16)} ${(size.total / 1024).toFixed(1).padStart(7)} KB  ${String(speed.rps).padStart(6)} req/s  p50 ${speed.p50.padStart(6)} ms  p95 ${speed.p95.padStart(6)} ms${over ? '  OVER BUDGET' : ''}`,
  );
}
console.log(
  `Coproduce bench: ${demo.peopleCount} people, ${demo.projectCount} projects; SQLite; ${concurrency} at a time for ${seconds}s per page`,
);
console.log(`page             weight (gzip, with CSS+JS)   speed`);
for (const row of rows) console.log(row);
console.log(`budget: ${pageBudget / 1024} KB a page, our own JavaScript ${scriptBudget / 1024} KB`);
await app.close();
await db.destroy();
fs.rmSync(dir, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
