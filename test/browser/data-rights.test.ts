import assert from 'node:assert/strict';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { browserMissing, expectAccessible, launchBrowser, newContext, startApp, type RunningApp } from './harness.ts';
import { signIn } from './pages.ts';

// People's rights over their data (issue 18): a member downloads everything held about
// them from their own details, by keyboard alone and with JavaScript off; an admin's pages
// for requests, erasure and keeping records pass axe, errors included.

const password = 'a long and memorable password';

/** Follows a link as a keyboard user does: Tab onto it, then Enter. */
async function followLink(page: Page, name: string | RegExp) {
  await page
    .getByRole('link', typeof name === 'string' ? { name, exact: true } : { name })
    .first()
    .focus();
  await page.keyboard.press('Enter');
}

describe('journey: a member downloads everything held about them', { skip: browserMissing }, () => {
  let running: RunningApp;
  let browser: Browser;
  let samId: string;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    running = await startApp();
    await running.services.organisations.setUp({
      organisationName: 'Northshire County Council',
      area: 'Northshire',
      adminName: 'Ada Admin',
      email: 'ada@northshire.test',
      password,
    });
    const admin = await running.db
      .selectFrom('accounts')
      .select(['organisation_id', 'person_id'])
      .where('email', '=', 'ada@northshire.test')
      .executeTakeFirstOrThrow();
    const staff = { organisationId: admin.organisation_id, personId: admin.person_id };
    samId = await running.services.people.create(staff, {
      fullName: 'Samuel Boateng',
      preferredName: 'Sam',
      perspectives: ['draws-on-care'],
      mobile: '07700 900105',
      contactOrder: ['text'],
    });
    await running.services.accessNeeds.save({ ...staff, role: 'admin' }, samId, true, {
      formats: ['easy-read'],
      interpreterLanguage: null,
      physical: [],
      support: [],
      dietary: null,
      other: 'A quiet room',
    });
    await running.db.transaction().execute((trx) =>
      running.services.identity.createAccount(trx, {
        organisationId: staff.organisationId,
        personId: samId,
        email: 'sam@example.org',
        role: 'member',
        password,
      }),
    );
  });
  afterEach(async () => {
    await running?.close();
  });

  test('with JavaScript off, by keyboard alone, from My details to the JSON file', async () => {
    const context = await newContext(browser, running.baseUrl, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, 'sam@example.org', password, 'Sam');
    await followLink(page, 'My details');
    await followLink(page, 'Everything we hold about you');
    await page.getByRole('heading', { name: 'Everything we hold about you', level: 1 }).waitFor();
    await page.getByRole('cell', { name: 'Access needs', exact: true }).waitFor();

    const downloading = page.waitForEvent('download');
    await followLink(page, 'Download as a JSON file for other apps');
    const download = await downloading;
    assert.match(download.suggestedFilename(), /^our-data-about-you-\d{4}-\d{2}-\d{2}\.json$/);
    const copy = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as {
      person: { full_name: string };
      records: Array<{ table: string; rows: Array<Record<string, unknown>> }>;
    };
    assert.equal(copy.person.full_name, 'Samuel Boateng');
    assert.equal(copy.records.find((r) => r.table === 'access_needs')?.rows[0]?.other, 'A quiet room');

    const pdfDownloading = page.waitForEvent('download');
    await followLink(page, 'Download as a PDF to read or print');
    const pdf = await pdfDownloading;
    assert.ok(
      fs
        .readFileSync(await pdf.path())
        .subarray(0, 5)
        .toString() === '%PDF-',
    );

    const xlsxDownloading = page.waitForEvent('download');
    await followLink(page, 'Download as a spreadsheet with every record');
    const xlsx = await xlsxDownloading;
    assert.match(xlsx.suggestedFilename(), /^our-data-about-you-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await xlsx.path());
    const details = book.getWorksheet('Your details')!;
    assert.equal(details.getRow(details.getColumn(1).values.indexOf('Full name')).getCell(2).value, 'Samuel Boateng');
    await context.close();
  });

  test('the member’s page and the admin’s pages pass axe, errors included', async () => {
    const member = await newContext(browser, running.baseUrl);
    const page = await member.newPage();
    await signIn(page, 'sam@example.org', password, 'Sam');
    await page.goto(`/people/${samId}/data`);
    await page.getByRole('heading', { name: 'Everything we hold about you', level: 1 }).waitFor();
    await expectAccessible(page, 'a member’s own data');
    await member.close();

    const staff = await newContext(browser, running.baseUrl);
    const admin = await staff.newPage();
    await signIn(admin, 'ada@northshire.test', password, 'Ada');
    await admin.goto(`/people/${samId}`);
    await admin.getByRole('link', { name: /^Their data/ }).click();
    await admin.getByRole('heading', { name: 'Everything we hold about Samuel Boateng', level: 1 }).waitFor();
    await expectAccessible(admin, 'their data, for an admin');

    await admin.getByRole('link', { name: 'Record a request from this person' }).click();
    await admin.getByRole('button', { name: 'Record the request' }).click();
    await admin.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(admin, 'a new request, with errors');
    await admin.getByLabel('Erase their data').check();
    await admin.getByLabel('By letter').check();
    await admin.getByLabel('How did you check it was them?').fill('Signature matches the one we hold');
    await admin.getByRole('button', { name: 'Record the request' }).click();
    await admin.getByRole('heading', { name: 'Request from Samuel Boateng', level: 1 }).waitFor();
    await expectAccessible(admin, 'a request');

    await admin.getByRole('link', { name: 'Data requests' }).first().click();
    await admin.getByRole('heading', { name: 'Requests about people’s data', level: 1 }).waitFor();
    await expectAccessible(admin, 'requests');

    await admin.getByRole('link', { name: 'How long we keep sensitive records' }).click();
    await admin.getByLabel('Access needs: months after their last activity').fill('0');
    await admin.getByRole('button', { name: 'Save' }).click();
    await admin.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(admin, 'keeping records, with an error');

    await admin.goto(`/people/${samId}/erase`);
    await admin.getByRole('button', { name: 'Erase their data' }).click();
    await admin.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(admin, 'erase, with an error');
    await admin.getByLabel('I understand this cannot be undone').check();
    await admin.getByRole('button', { name: 'Erase their data' }).click();
    await admin.getByText('The person’s data was erased').waitFor();
    await expectAccessible(admin, 'requests after an erasure');
    await staff.close();
  });
});
