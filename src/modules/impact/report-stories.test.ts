import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp, datesWrittenFor } from '../../../test/helpers/test-app.ts';
import { setUpImpactWorld, type ImpactWorld } from '../../../test/worlds/impact.ts';

// Issue 14: a report shows the newest stories of its period, and says how many there are in
// all, counted by the database, with a link to where every one of them is listed.
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-stories-'));
  try {
    fs.writeFileSync(path.join(dir, 'report.pdf'), pdf);
    execFileSync('/usr/bin/pdftotext', [path.join(dir, 'report.pdf'), path.join(dir, 'report.txt')]);
    return fs.readFileSync(path.join(dir, 'report.txt'), 'utf8').replace(/\s+/g, ' ');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

for (const dialect of databaseDialects()) {
  describe(`the stories of an impact report (${dialect})`, () => {
    let t: TestApp;
    let w: ImpactWorld;
    const period = 'from=2026-10-01&to=2026-11-23';
    beforeEach(async () => {
      t = await makeTestApp({ dialect, startAt: datesWrittenFor });
      w = await setUpImpactWorld(t);
    });
    afterEach(() => t.close());

    /** Stories in one insert: `n` of them, told a day apart back from `lastDay` (in November). */
    async function stories(
      projectId: string,
      n: number,
      prefix: string,
      opts: { forReports?: boolean; withdrawn?: boolean; month?: string } = {},
    ) {
      const at = datesWrittenFor.toISOString();
      await t.database.db
        .insertInto('stories')
        .values(
          Array.from({ length: n }, (_, i) => ({
            id: crypto.randomUUID(),
            organisation_id: w.organisationId,
            project_id: projectId,
            teller_person_id: w.mo,
            title: `${prefix} ${String(i).padStart(2, '0')}`,
            kind: 'text' as const,
            body_text: 'The soup got better',
            // Two stories a day from 22 November back, so the newest are the lowest numbers.
            told_on: `2026-${opts.month ?? '11'}-${String(22 - Math.floor(i / 2)).padStart(2, '0')}`,
            show_name: 0 as const,
            display_name: null,
            file_name: null,
            stored_name: null,
            media_type: null,
            size_bytes: null,
            consent_given_at: at,
            consent_recorded_by: null,
            for_reports: (opts.forReports === false ? 0 : 1) as 0 | 1,
            created_by: null,
            withdrawn_at: opts.withdrawn ? at : null,
            created_at: at,
          })),
        )
        .execute();
    }

    test('the count is of every story of the period and scope; the page and the PDF show the newest 20', async () => {
      await stories(w.projectId, 40, 'Told');
      await stories(w.projectId, 4, 'Too early', { month: '09' });
      await stories(w.projectId, 3, 'Not for reports', { forReports: false });
      await stories(w.projectId, 2, 'Withdrawn', { withdrawn: true });
      await stories(w.otherProjectId, 5, 'Elsewhere');
      const fay = await signedInClient(t, 'fay@example.com');

      const page = await fay.get(`/impact/report?scope=${w.projectId}&${period}`);
      assert.equal(page.statusCode, 200);
      const body = text(page.body);
      assert.match(body, /40 stories of what changed can be shared\./);
      assert.match(body, /Showing the newest 20 of 40 stories that can be shared\. See all the stories/);
      assert.match(page.body, new RegExp(`href="/outcomes/projects/${w.projectId}/stories"`));
      const shown = [...body.matchAll(/Told \d\d/g)].map((m) => m[0]);
      // Two a day: the same day's pair in either order.
      assert.deepEqual(
        [...shown].sort(),
        Array.from({ length: 20 }, (_, i) => `Told ${String(i).padStart(2, '0')}`),
      );
      assert.doesNotMatch(body, /Too early|Not for reports|Withdrawn|Elsewhere/);

      const whole = text((await fay.get(`/impact/report?scope=organisation&${period}`)).body);
      assert.match(whole, /45 stories of what changed can be shared\./);
      assert.match(whole, /Showing the newest 20 of 45 stories/);

      const pdf = await fay.get(`/impact/report.pdf?scope=${w.projectId}&${period}`);
      assert.equal(pdf.statusCode, 200);
      const printed = pdfText(pdf.rawPayload);
      assert.match(printed, /40 stories of what changed can be shared\./);
      assert.match(printed, /Showing the newest 20 of 40 stories that can be shared\./);
      assert.match(printed, /Told 19/);
      assert.doesNotMatch(printed, /Told 20/);
    });

    test('when every story fits, the report says nothing about the newest', async () => {
      await stories(w.projectId, 3, 'Told');
      const fay = await signedInClient(t, 'fay@example.com');
      const body = text((await fay.get(`/impact/report?scope=${w.projectId}&${period}`)).body);
      assert.match(body, /3 stories of what changed can be shared\./);
      assert.doesNotMatch(body, /Showing the newest/);
    });
  });
}
