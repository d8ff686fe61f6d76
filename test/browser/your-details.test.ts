import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { browserMissing, expectAccessible, launchBrowser, newContext, startApp, type RunningApp } from './harness.ts';
import { signIn } from './pages.ts';

const password = 'a long and memorable password';

/**
 * A page of a person's own details stays short: one part of the record at a time. The one
 * long form was 4,900 px; the summary of every part and the access needs form (five kinds of
 * need) are the longest now, about 2,050 px at 1280 px wide with the member's navigation.
 * The member menu once had 13 items and wrapped onto a third line (2,240 px); its less-used
 * pages are on More now, so the menu is short again.
 */
const shortPage = 2200;
const pageHeight = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight);

/** Follows a link as a keyboard user does: Tab onto it, then Enter. */
async function followLink(page: Page, name: string | RegExp) {
  await page
    .getByRole('link', typeof name === 'string' ? { name, exact: true } : { name })
    .first()
    .focus();
  await page.keyboard.press('Enter');
}

/** A "Change" link on the summary: its hidden words name the part it changes. */
const change = (section: string) => new RegExp(`^Change \\(?${section}`);

describe('journey: a member changes their own details, one part at a time', { skip: browserMissing }, () => {
  let running: RunningApp;
  let browser: Browser;
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
    const sam = await running.services.people.create(staff, {
      fullName: 'Samuel Boateng',
      preferredName: 'Sam',
      perspectives: ['draws-on-care'],
      mobile: '07700 900105',
      contactOrder: ['text'],
      skills: 'Football coaching',
    });
    // Two kinds of access needs, as many members have: the summary lists each kind.
    await running.services.accessNeeds.save({ ...staff, role: 'admin' }, sam, true, {
      formats: ['easy-read', 'interpreter'],
      interpreterLanguage: 'Twi',
      physical: [],
      support: ['support-worker'],
      dietary: null,
      other: null,
    });
    await running.db.transaction().execute((trx) =>
      running.services.identity.createAccount(trx, {
        organisationId: staff.organisationId,
        personId: sam,
        email: 'sam@example.org',
        role: 'member',
        password,
      }),
    );
  });
  afterEach(async () => {
    await running?.close();
  });

  test('every page is short and passes axe, errors included', async () => {
    const context = await newContext(browser, running.baseUrl);
    const page = await context.newPage();
    await signIn(page, 'sam@example.org', password, 'Sam');
    await page.getByRole('link', { name: 'My details' }).first().click();
    await page.getByRole('link', { name: 'Change your details' }).click();
    await page.getByRole('heading', { name: 'Your details', level: 1 }).waitFor();
    await expectAccessible(page, 'your details');
    const heights: Record<string, number> = { 'your details': await pageHeight(page) };

    // Each Change link on the summary, and the heading of the short form it opens.
    const sections: Array<[string, string]> = [
      ['Your name and who you are', 'Your name and who you are'],
      ['How to reach you', 'How to reach you'],
      ['Ways you like best', 'How you like to hear from us'],
      ['Good times to contact', 'Good times to get in touch'],
      ['Bad times for meetings', 'Times that do not suit you for meetings'],
      ['What you are good at', 'What you are good at'],
      ['Your access needs', 'Your access needs'],
    ];
    for (const [link, heading] of sections) {
      await page.getByRole('link', { name: change(link) }).click();
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await expectAccessible(page, heading);
      heights[heading] = await pageHeight(page);
      await page.getByRole('link', { name: 'Back' }).click();
    }

    await page.getByRole('link', { name: change('Your name and who you are') }).click();
    await page.getByLabel('Full name').fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await page.getByText('Enter your full name').first().waitFor();
    await expectAccessible(page, 'your name, with an error');
    await context.close();

    const tall = Object.entries(heights).filter(([, height]) => height > shortPage);
    assert.deepEqual(tall, [], `pages taller than ${shortPage}px: ${JSON.stringify(heights)}`);
  });

  test('with JavaScript off, by keyboard alone, each part saves and comes back to the summary', async () => {
    const context = await newContext(browser, running.baseUrl, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, 'sam@example.org', password, 'Sam');
    await followLink(page, 'My details');
    await followLink(page, 'Change your details');
    await page.getByRole('heading', { name: 'Your details', level: 1 }).waitFor();

    await followLink(page, change('Your name and who you are'));
    await page.getByLabel('Name you like to be called').focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Sammy');
    await page.getByLabel('Carer', { exact: true }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Save' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Your details are saved').waitFor();
    await page.getByText('Person who draws on care and support, Carer').waitFor();

    await followLink(page, change('Ways you like best'));
    await page.getByLabel('Second choice').focus();
    await page.keyboard.press('ArrowDown'); // "No choice", then Email
    await page.getByLabel('Phone call').focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Save' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('1. Text message, 2. Email').waitFor();

    await followLink(page, change('Your access needs'));
    await page.getByLabel('Large print').focus();
    await page.keyboard.press('Space');
    await page.getByLabel('Yes, I agree').focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Save access needs' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Your access needs are saved').waitFor();
    await page.getByRole('heading', { name: 'Your details', level: 1 }).waitFor();
    await page.getByText('Large print').waitFor();

    const sam = await running.db
      .selectFrom('people')
      .select(['preferred_name', 'opted_out'])
      .where('full_name', '=', 'Samuel Boateng')
      .executeTakeFirstOrThrow();
    assert.equal(sam.preferred_name, 'Sammy');
    assert.deepEqual(JSON.parse(sam.opted_out), ['phone']);
    await context.close();
  });
});
