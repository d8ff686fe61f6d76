import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { connect, type Db } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { testConfig } from '../helpers/test-app.ts';
import { testNow } from '../../src/config.ts';
import type { Clock } from '../../src/platform/time.ts';
import { makeServices } from '../../src/services.ts';

export const chromiumPath = '/usr/bin/chromium';
/** Browser journeys need Debian's Chromium; .ci/run installs it. */
export const browserMissing = fs.existsSync(chromiumPath) ? false : `no browser at ${chromiumPath} (apt-get install chromium)`;

export type RunningApp = {
  baseUrl: string;
  db: Db;
  app: FastifyInstance;
  services: ReturnType<typeof makeServices>;
  now: Clock;
  close(): Promise<void>;
};

/**
 * The journeys' clock: it starts at the tests' "now" (TEST_NOW, fixed by default) and runs
 * on in real time, so a journey sees the same day whenever it runs and pages still see
 * time pass. The app, the services the journeys arrange data with, and the browser's own
 * Date all read it.
 */
export const browserClock: Clock = (() => {
  const start = testNow().getTime();
  const startedAt = performance.now();
  return () => new Date(start + (performance.now() - startedAt));
})();

/** The real app on a loopback port, over its own fresh SQLite file. */
export async function startApp(): Promise<RunningApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coproduce-browser-'));
  const config = testConfig({ DATA_DIR: dir });
  const db = connect({ kind: 'sqlite', file: path.join(dir, 'test.sqlite') });
  await migrateToLatest(db);
  const services = makeServices({ db, config, now: browserClock, delivery: null, secret: 'browser-test-secret-long-enough-for-sessions' });
  const app = await buildApp(config, { services });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    db,
    app,
    services,
    now: browserClock,
    async close() {
      await app.close();
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // The machine has no network beyond loopback: stop Chromium reaching out at start.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newContext(browser: Browser, baseURL: string, opts: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  const javaScriptEnabled = opts.javaScriptEnabled ?? true;
  const context = await browser.newContext({ baseURL, timezoneId: 'Europe/London', locale: 'en-GB', javaScriptEnabled });
  // The page's Date reads the same day as the app; with script off there is no Date to set.
  if (javaScriptEnabled) await context.clock.install({ time: browserClock() });
  return context;
}

const axeSource: string = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const checked = new Set<string>();

/**
 * Runs axe-core (WCAG 2.0-2.2, A and AA) on the page as it is now and fails on any
 * violation. Only in JavaScript-on contexts: axe needs script to run.
 */
export async function expectAccessible(page: Page, label = page.url()): Promise<void> {
  // Evaluated through the DevTools protocol, which the page's strict CSP does not block.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<any> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
  });
  const violations = (results.violations as Array<{ id: string; help: string; nodes: Array<{ target: string[] }> }>).map(
    (v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  checked.add(new URL(page.url()).pathname);
  assert.deepEqual(violations, [], `axe violations on ${label}`);
}

export const pagesChecked = () => [...checked];
