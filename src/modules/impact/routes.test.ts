import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { makeTestApp, type TestApp, datesWrittenFor } from '../../../test/helpers/test-app.ts';
import { setUpImpactWorld, type ImpactWorld } from '../../../test/worlds/impact.ts';

// V1, V4: the dashboard and impact report, with counts of people protected by the
// small-number rule. The clock is 23 November 2026; the meeting was on 3 November.
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
const pdftotext = '/usr/bin/pdftotext';

/** The PDF as plain text, read by Debian's poppler-utils: an independent reader. */
function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-pdf-'));
  try {
    fs.writeFileSync(path.join(dir, 'report.pdf'), pdf);
    execFileSync(pdftotext, ['-layout', path.join(dir, 'report.pdf'), path.join(dir, 'report.txt')]);
    return fs.readFileSync(path.join(dir, 'report.txt'), 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

for (const dialect of databaseDialects()) {
  describe(`impact dashboard and report (${dialect})`, () => {
    let t: TestApp;
    let w: ImpactWorld;
    const period = 'from=2026-10-01&to=2026-11-23';
    beforeEach(async () => {
      t = await makeTestApp({ dialect, startAt: datesWrittenFor });
      w = await setUpImpactWorld(t);
    });
    afterEach(() => t.close());

    test('staff see the dashboard: taking part protected by the small-number rule, rewards, reviews and actions', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      const page = await fay.get('/impact');
      assert.equal(page.statusCode, 200);
      const body = text(page.body);
      assert.match(body, /Impact dashboard/);
      assert.match(body, /Figures cover the last 12 months: 24 November 2025 to 23 November 2026/);
      // 2 meetings; 14 people drew on care (13 at one, Mo at both) -> 15; 3 carers -> fewer
      // than 8; 10 staff would give the carers away from the total (25), so they are hidden.
      assert.match(body, /Meetings held 2/);
      assert.match(body, /People who took part 25 people/);
      assert.match(body, /People who draw on care and support 15 27 /);
      assert.match(body, /Carers fewer than 8 not shown /);
      assert.match(body, /Family and community 0 0 /);
      assert.match(body, /Staff and partners not shown not shown /);
      assert.match(body, /Everyone \(each person once\) 25 53 /);
      assert.doesNotMatch(body, /\b26 people\b/);
      assert.match(page.body, /<svg[^>]*role="img"[^>]*aria-labelledby="dashboard-people-title dashboard-people-desc"/);
      assert.match(body, /Payments approved, not paid yet £40\.00/);
      assert.match(body, /Time credits given 1 hour and 30 minutes/);
      // Where we stand, from the review: the headline gap first (2.4 over every answer).
      assert.match(body, /Where we stand on the jigsaw Staff rated things 2\.4 points higher than people with lived experience did\./);
      assert.match(body, /From the review "Autumn review 2026"/);
      assert.match(page.body, new RegExp(`href="/reviews/${w.reviewId}/results"`));
      assert.match(body, /Culture 2\.0 4\.0/);
      assert.match(body, /Structure Not enough answers 5\.0/);
      assert.match(page.body, /<svg[^>]*role="img"[^>]*aria-labelledby="dashboard-gap-title dashboard-gap-desc"/);
      // Actions due, from the learning loop: late ones first, with how late.
      assert.match(
        body,
        /Actions due Overdue Ask people with lived experience to co-chair Overdue by 7 days Due 16 November 2026\. Owner: Fay Facilitator\. Better day centre lunches \(C1\)/,
      );
      assert.match(body, /A count from 1 to 7 is shown as "fewer than 8"/);
      assert.doesNotMatch(page.body, /href="\/impact\/settings"/, 'only admins change the rule');
      const admin = await signedInClient(t, 'admin@northshire.test');
      assert.match((await admin.get('/impact')).body, /href="\/impact\/settings"/);
    });

    test('staff find the dashboard from the menu and the home page; members do not', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      const home = await fay.get('/');
      assert.match(home.body, /href="\/impact"[^>]*>\s*Impact\s*</);
      assert.match(home.body, /href="\/impact">Impact dashboard: where we stand/);
      const mo = await signedInClient(t, 'mo@example.com');
      assert.doesNotMatch((await mo.get('/')).body, /href="\/impact"/);
    });

    test('members cannot open the dashboard, reports, PDFs or settings; signed-out people are sent to sign in', async () => {
      const mo = await signedInClient(t, 'mo@example.com');
      for (const url of ['/impact', '/impact/report', `/impact/report?scope=${w.projectId}`, '/impact/report.pdf', '/impact/settings']) {
        assert.equal((await mo.get(url)).statusCode, 403, url);
      }
      const anon = new Client(t.app);
      const res = await anon.get('/impact');
      assert.ok([302, 303].includes(res.statusCode));
      assert.match(String(res.headers.location), /sign-in/);
    });

    test('a report for the organisation over a period: summary, charts with tables, cost against budget', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      const page = await fay.get(`/impact/report?scope=organisation&${period}`);
      assert.equal(page.statusCode, 200);
      const body = text(page.body);
      assert.match(body, /Impact report: Northshire County Council/);
      assert.match(body, /This report covers Northshire County Council from 1 October 2026 to 23 November 2026\./);
      assert.match(body, /1 meeting was held\. 25 people took part and gave 52 hours\./);
      // Each chart is an image with a title and description, and has its table.
      for (const id of ['report-people', 'report-hours']) {
        assert.match(page.body, new RegExp(`<svg[^>]*role="img"[^>]*aria-labelledby="${id}-title ${id}-desc"`));
        assert.match(page.body, new RegExp(`<title id="${id}-title">`));
      }
      assert.match(
        body,
        /The figures in the chart: People who took part in meetings, by perspective Perspective People People who draw on care and support 15 Carers fewer than 8 Family and community 0 Staff and partners not shown/,
      );
      assert.match(
        body,
        /The figures in the chart: Hours given at meetings, by perspective Perspective Hours People who draw on care and support 26 /,
      );
      assert.match(
        body,
        /The budget for co-production is £800\.00\. In these dates £40\.00 was agreed or spent, and £0\.00 of it was paid\. £760\.00 of the whole budget is left\./,
      );
      assert.match(
        body,
        /The planned budget is for each project as a whole\. Agreed and paid count only claims and costs from the dates of this report\./,
      );
      assert.match(body, /In the review "Autumn review 2026": Staff rated things 2\.4 points higher/);
      assert.match(body, /The biggest gap is in Culture: 2\.0 points\./);
      // Outcomes before and after, from the surveys: a before/after chart and its table.
      assert.match(body, /1 outcome was measured before and after, and 1 went up\./);
      assert.match(page.body, /<svg[^>]*role="img"[^>]*aria-labelledby="report-outcomes-title report-outcomes-desc"/);
      assert.match(body, /I feel listened to Better day centre lunches 2\.0 4\.0 \+2\.0 10 10/);
      assert.match(body, /No stories that can be shared were told in this time\./);
      assert.match(page.body, new RegExp(`href="/impact/report.pdf\\?scope=organisation&amp;${period.replace('&', '&amp;')}"`));
      // The choices are kept: the period's boxes show the dates of the report.
      assert.match(page.body, /name="from-day"[^>]*value="1"/);
      assert.match(page.body, /name="to-month"[^>]*value="11"/);
    });

    test('a report for one project counts only its meetings; the organisation is the default scope', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      const other = text((await fay.get(`/impact/report?scope=${w.otherProjectId}&from=2026-01-01&to=2026-11-23`)).body);
      assert.match(other, /Impact report: Transport review/);
      assert.match(other, /1 meeting was held\. Fewer than 8 people took part and gave 1 hour\./);
      assert.match(other, /No budget has been planned yet\./);
      const none = text((await fay.get(`/impact/report?scope=${w.otherProjectId}&${period}`)).body);
      assert.match(none, /No meetings were held in this time\./);
      const byDefault = await fay.get('/impact/report');
      assert.equal(byDefault.statusCode, 200);
      assert.match(text(byDefault.body), /Impact report: Northshire County Council/);
      assert.match(byDefault.body, /<option value="organisation" selected>/);
    });

    test("another organisation's project, or a scope that is not a project, is not found", async () => {
      const other = await signedInClient(t, 'admin@riverside.test');
      assert.equal((await other.get(`/impact/report?scope=${w.projectId}`)).statusCode, 404);
      assert.equal((await other.get(`/impact/report.pdf?scope=${w.projectId}`)).statusCode, 404);
      const fay = await signedInClient(t, 'fay@example.com');
      assert.equal((await fay.get('/impact/report?scope=not-a-project')).statusCode, 404);
      assert.equal((await fay.get('/impact/report?scope=00000000-0000-4000-8000-000000000000')).statusCode, 404);
      // Riverside's own dashboard shows none of Northshire's figures.
      const theirs = text((await other.get('/impact')).body);
      assert.match(theirs, /Meetings held 0/);
      assert.match(theirs, /Payments approved, not paid yet £0\.00/);
    });

    test('bad dates: an error summary, the typed values kept, and no 500', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      const res = await fay.get(`/impact/report?scope=${w.projectId}&from-day=31&from-month=2&from-year=2026&to-day=5&to-month=&to-year=`);
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /govuk-error-summary/);
      assert.match(text(res.body), /The start date must be a real date, like 1 4 2026/);
      assert.match(text(res.body), /The end date must be a real date, like 31 3 2027/);
      assert.match(res.body, /name="to-day"[^>]*value="5"/);
      assert.match(res.body, /name="from-day"[^>]*value="31"/);
      assert.match(res.body, /name="from-month"[^>]*value="2"/);
      assert.match(res.body, new RegExp(`<option value="${w.projectId}" selected>`));
      const backwards = await fay.get('/impact/report?from-day=5&from-month=11&from-year=2026&to-day=1&to-month=11&to-year=2026');
      assert.equal(backwards.statusCode, 400);
      assert.match(text(backwards.body), /The end date must be the same as or after the start date/);
      assert.match(backwards.body, /name="to-day"[^>]*value="1"/);
      const pdf = await fay.get('/impact/report.pdf?from=2026-02-31&to=2026-11-01');
      assert.equal(pdf.statusCode, 303);
      assert.match(String(pdf.headers.location), /^\/impact\/report\?/);
    });

    test(
      'the PDF reads well as text: title, headings, figures, page numbers',
      { skip: !fs.existsSync(pdftotext) && 'pdftotext is not installed' },
      async () => {
        const fay = await signedInClient(t, 'fay@example.com');
        const res = await fay.get(`/impact/report.pdf?scope=organisation&${period}`);
        assert.equal(res.statusCode, 200);
        assert.match(String(res.headers['content-type']), /^application\/pdf/);
        assert.match(String(res.headers['content-disposition']), /attachment; filename="impact-report-2026-10-01-to-2026-11-23.pdf"/);
        assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
        const words = pdfText(res.rawPayload).replace(/[ \t]+/g, ' ');
        for (const heading of [
          'Impact report: Northshire County Council',
          'Summary',
          'Who took part',
          'Where we stand on the jigsaw',
          'Outcomes before and after',
          'Stories of what changed',
          'Cost of co-production',
          'About these figures',
        ]) {
          assert.ok(words.includes(heading), `missing heading ${heading}`);
        }
        assert.match(words, /From 1 October 2026 to 23 November 2026/);
        assert.match(words, /1 meeting was held\. 25 people took part and gave 52 hours\./);
        assert.match(words, /People who draw on care and support 15/);
        assert.match(words, /Carers fewer than 8/);
        assert.match(words, /Staff and partners not shown/);
        assert.match(words, /Outcomes before and after: average rating out of 5/);
        assert.match(words, /I feel listened to 2\.0 4\.0/);
        // The outcome's name wraps in its column: the row's figures follow its first line.
        assert.match(words, /I feel listened to \(Better day[\s\S]{0,20}2\.0 4\.0 \+2\.0 10 \/ 10/);
        assert.match(words, /Planned \(whole project\)\s+£800\.00/);
        assert.match(words, /Left to spend \(whole project\)\s+£760\.00/);
        assert.match(words, /Page 1 of \d/);
        assert.doesNotMatch(words, /\b26 people\b/);
      },
    );

    test("the cost in a report counts claims and costs dated in its period; the plan and what is left are the whole project's", async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      const cost = (body: string) =>
        body.match(
          /The budget for co-production is [^.]+\.\d\d\. In these dates [^.]+\.\d\d was agreed or spent, and [^.]+\.\d\d of it was paid\. [^.]+\.\d\d of the whole budget is left\./,
        )?.[0];
      // October only: the £40 claim is for the meeting on 3 November, so nothing counts.
      const october = text((await fay.get(`/impact/report?scope=${w.projectId}&from=2026-10-01&to=2026-10-31`)).body);
      assert.equal(
        cost(october),
        'The budget for co-production is £800.00. In these dates £0.00 was agreed or spent, and £0.00 of it was paid. £760.00 of the whole budget is left.',
      );
      // A venue paid for in October counts in October only; what is left falls either way.
      await t.services.budgets.addSpend(w.admin, w.projectId, {
        category: 'venues',
        description: 'Hall hire',
        amountPence: 2500,
        spentOn: '2026-10-20',
        status: 'paid',
      });
      const octoberAgain = text((await fay.get(`/impact/report?scope=${w.projectId}&from=2026-10-01&to=2026-10-31`)).body);
      assert.equal(
        cost(octoberAgain),
        'The budget for co-production is £800.00. In these dates £25.00 was agreed or spent, and £25.00 of it was paid. £735.00 of the whole budget is left.',
      );
      const november = text((await fay.get(`/impact/report?scope=${w.projectId}&from=2026-11-01&to=2026-11-23`)).body);
      assert.equal(
        cost(november),
        'The budget for co-production is £800.00. In these dates £40.00 was agreed or spent, and £0.00 of it was paid. £735.00 of the whole budget is left.',
      );
      assert.match(november, /Agreed but not paid yet \(these dates\) £40\.00/);
      // The project's own page still shows the whole budget.
      const budgetPage = await t.services.budgets.forProject(w.admin, w.projectId);
      assert.deepEqual([budgetPage.total.committedPence, budgetPage.total.paidPence], [4000, 2500]);
    });

    test('admins change the small-number rule; bad values keep what was typed; reports follow the new rule', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      assert.equal((await fay.get('/impact/settings')).statusCode, 403);
      const admin = await signedInClient(t, 'admin@northshire.test');
      const form = await admin.get('/impact/settings');
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /name="hideBelow"[^>]*value="8"/);
      assert.match(form.body, /name="roundTo"[^>]*value="5"/);
      const bad = await admin.post('/impact/settings', { hideBelow: 'eight', roundTo: '0' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /govuk-error-summary/);
      assert.match(bad.body, /name="hideBelow"[^>]*value="eight"/);
      assert.match(text(bad.body), /Enter a whole number from 1 to 20/);
      const ok = await admin.post('/impact/settings', { hideBelow: '1', roundTo: '1' });
      assert.equal(ok.statusCode, 303);
      const exact = text((await admin.get(`/impact/report?${period}`)).body);
      assert.match(exact, /1 meeting was held\. 26 people took part/);
      assert.match(exact, /Carers 3 /);
      assert.match(exact, /Counts of people are shown exactly/);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'small-number-rule-changed')
        .execute();
      assert.equal(audit.length, 1);
      // Back to NHS Digital's rule for the other tests' sake.
      await admin.get('/impact/settings');
      assert.equal((await admin.post('/impact/settings', { hideBelow: '8', roundTo: '5' })).statusCode, 303);
    });
  });
}
