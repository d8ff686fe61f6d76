import assert from 'node:assert/strict';
import { test } from 'node:test';
import { busiestRecords, growCounty, pagesToVisit, type CountySizes } from '../scripts/county-data.ts';
import { demoPassword, seedDemo } from '../scripts/demo-data.ts';
import { signedInClient } from './helpers/fixtures.ts';
import { makeTestApp } from './helpers/test-app.ts';

// A crawl of the demo as each role: every page of every route pattern, and every link on
// those pages, answers below 400. On every page: no two elements share an id (a label
// would point at the wrong thing), the language is British English, and nothing personal
// is kept by a browser's back button or a proxy.
const tiny: CountySizes = {
  people: 30,
  projects: 2,
  meetings: 10,
  attendance: 60,
  invitations: 90,
  claims: 30,
  ledgerEntries: 100,
  proposals: 3,
  ballots: 20,
  reviewAnswers: 100,
  outbox: 20,
  audit: 50,
};

const linksIn = (html: string) =>
  [...html.matchAll(/<a\s[^>]*href="(\/[^"#]*)/g)].map((m) => m[1]!.replace(/&amp;/g, '&')).filter((href) => !href.startsWith('/sign-out'));

export const duplicateIds = (html: string) => {
  const seen = new Map<string, number>();
  for (const m of html.matchAll(/\sid="([^"]+)"/g)) seen.set(m[1]!, (seen.get(m[1]!) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
};

test('every page and every link on it opens, as each role of the demo; no page repeats an id', { timeout: 600_000 }, async () => {
  const t = await makeTestApp();
  try {
    const demo = await seedDemo(t.services, t.database.db, t.now);
    await growCounty(t.database.db, demo.organisationId, demo.staffPersonId, tiny, t.now());
    const ids = await busiestRecords(t.database.db, demo.organisationId);
    const pages = pagesToVisit(t.app.routeTable, ids);
    const council = demo.signIns.filter((s) => s.organisation === demo.signIns[0]!.organisation);
    // An independent facilitator (issue 22) sees only their own project's and meetings' pages.
    const roles = ['admin', 'facilitator', 'member', 'independent-facilitator'].map((role) => council.find((s) => s.role === role)!);
    assert.equal(roles.filter(Boolean).length, 4, 'the demo has an admin, a facilitator, a member and an independent facilitator');
    const broken: string[] = [];
    const problems: string[] = [];
    let opened = 0;
    for (const who of roles) {
      const client = await signedInClient(t, who.email, demoPassword);
      const links = new Map<string, string>();
      for (const url of pages) {
        const res = await client.get(url);
        if (res.statusCode !== 200 || !String(res.headers['content-type']).startsWith('text/html')) continue;
        opened++;
        const dups = duplicateIds(res.body);
        if (dups.length) problems.push(`${who.role} ${url}: repeated ids ${dups.join(', ')}`);
        if (!res.body.includes('<html lang="en-GB"')) problems.push(`${who.role} ${url}: not marked as British English`);
        if (res.headers['cache-control'] !== 'private, no-store')
          problems.push(`${who.role} ${url}: cache-control ${res.headers['cache-control']}`);
        for (const href of linksIn(res.body)) if (!links.has(href)) links.set(href, url);
      }
      for (const [href, from] of links) {
        const res = await client.get(href);
        if (res.statusCode >= 400) broken.push(`${who.role}: ${href} (${res.statusCode}) linked from ${from}`);
      }
    }
    assert.ok(opened > 150, `pages opened: ${opened}`);
    assert.deepEqual(broken, []);
    assert.deepEqual(problems, []);
  } finally {
    await t.close();
  }
});
