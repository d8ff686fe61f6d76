import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { browserMissing, expectAccessible, launchBrowser, newContext, startApp, type RunningApp } from './harness.ts';

/** Moves focus with the Tab key alone until the control with this label has it. */
async function tabTo(page: Page, label: string) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement?.id ?? '');
    if (
      id &&
      (
        await page
          .locator(`label[for="${id}"]`)
          .innerText()
          .catch(() => '')
      )
        .trim()
        .startsWith(label)
    )
      return;
  }
  throw new Error(`Tab never reached ${label}`);
}

describe('journey: signing in by a code sent by text', { skip: browserMissing }, () => {
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
    const { organisationId } = await (async () => {
      await running.services.organisations.setUp({
        organisationName: 'Northshire County Council',
        area: 'Northshire',
        adminName: 'Ada Admin',
        email: 'ada@northshire.test',
        password: 'a long and memorable password',
      });
      return running.db.selectFrom('organisations').select('id as organisationId').executeTakeFirstOrThrow();
    })();
    const personId = await running.services.people.create({ organisationId, personId: null }, { fullName: 'Sam Text', perspectives: [] });
    await running.services.identity.giveAccess({ organisationId, personId: null }, personId, null, {
      email: null,
      mobile: '+447700900123',
      role: 'member',
      active: true,
    });
  });
  afterEach(async () => {
    await running?.close();
  });

  const codeSent = async () => {
    const row = await running.db
      .selectFrom('outbox')
      .select('body_text')
      .where('recipient', '=', '+447700900123')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    return /\b(\d{6})\b/.exec(row.body_text)![1]!;
  };

  test('with the keyboard only and no JavaScript, a member with no email signs in', async () => {
    const context = await newContext(browser, running.baseUrl, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await tabTo(page, 'Mobile phone number');
    await page.keyboard.type('07700 900123');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Check your phone' }).waitFor();
    await tabTo(page, 'Code from the text');
    await page.keyboard.type('000000' === (await codeSent()) ? '111111' : '000000');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await tabTo(page, 'Code from the text');
    await page.keyboard.type(await codeSent());
    await page.keyboard.press('Enter');
    await page.getByText('Sam Text').first().waitFor();
    assert.equal(new URL(page.url()).pathname, '/');
    await context.close();
  });

  test('the new pages pass axe, with their errors', async () => {
    const context = await newContext(browser, running.baseUrl);
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Text me a sign-in code' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'sign-in with a mobile error');
    await page.getByLabel('Mobile phone number').fill('07700 900123');
    await page.getByRole('button', { name: 'Text me a sign-in code' }).click();
    await page.getByRole('heading', { name: 'Check your phone' }).waitFor();
    await expectAccessible(page, 'enter the code');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'enter the code, with an error');
    await context.close();
  });
});
