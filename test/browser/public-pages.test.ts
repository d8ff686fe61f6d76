import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { browserMissing, expectAccessible, launchBrowser, newContext, startApp, type RunningApp } from './harness.ts';

describe('journey: the public pages about the model', { skip: browserMissing }, () => {
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
      password: 'a long and memorable password',
    });
  });
  afterEach(async () => {
    await running?.close();
  });

  test('the footer links reach About, Words we use and the accessibility statement', async () => {
    const context = await newContext(browser, running.baseUrl);
    const page = await context.newPage();
    await page.goto('/sign-in');
    for (const [link, heading] of [
      ['About this model', 'About this model'],
      ['Words we use', 'Words we use'],
      ['Accessibility statement', 'Accessibility statement'],
    ]) {
      await page.getByRole('contentinfo').getByRole('link', { name: link }).click();
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await expectAccessible(page, heading);
    }
    await context.close();
  });
});
