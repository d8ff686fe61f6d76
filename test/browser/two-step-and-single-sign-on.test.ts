import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { generate } from 'otplib';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { browserClock, browserMissing, expectAccessible, launchBrowser, newContext, type RunningApp } from './harness.ts';
import { providerClient, startIdentityProvider } from '../helpers/identity-provider.ts';
import { testConfig } from '../helpers/test-app.ts';
import { buildApp } from '../../src/app.ts';
import { connect } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { makeServices } from '../../src/services.ts';

const password = 'a long and memorable password';

/**
 * The real app as the harness starts it, but at an address known before it starts: the
 * identity provider sends the browser back to the app's public address (PUBLIC_URL), and
 * the provider started by the test is plain http.
 */
async function startAppForSignOn(): Promise<RunningApp & { publicUrl: string }> {
  const port = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(free));
    });
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coproduce-browser-'));
  const publicUrl = `http://127.0.0.1:${port}`;
  const config = testConfig({ DATA_DIR: dir, PUBLIC_URL: publicUrl, SSO_ALLOW_HTTP_ISSUER: 'true' });
  const db = connect({ kind: 'sqlite', file: path.join(dir, 'test.sqlite') });
  await migrateToLatest(db);
  const services = makeServices({ db, config, now: browserClock, delivery: null, secret: 'browser-test-secret-long-enough-for-sessions' });
  const app = await buildApp(config, { services });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    baseUrl: publicUrl,
    publicUrl,
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

/** Moves focus with the Tab key alone until the control with this label (or this button) has it. */
async function tabTo(page: Page, label: string) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const found = await page.evaluate((wanted) => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return false;
      const labelText = el.id ? (document.querySelector(`label[for="${el.id}"]`)?.textContent?.trim() ?? '') : '';
      return labelText.startsWith(wanted) || (el.tagName === 'BUTTON' && el.textContent?.trim() === wanted);
    }, label);
    if (found) return;
  }
  throw new Error(`Tab never reached ${label}`);
}

describe('journey: two-step sign-in and signing in with the organisation account', { skip: browserMissing }, () => {
  let running: RunningApp & { publicUrl: string };
  let browser: Browser;
  const codeNow = async (key: string, offsetSeconds = 0) =>
    generate({ secret: key, epoch: Math.floor(running.now().getTime() / 1000) + offsetSeconds });

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    running = await startAppForSignOn();
    await running.services.organisations.setUp({
      organisationName: 'Northshire County Council',
      area: 'Northshire',
      adminName: 'Ada Admin',
      email: 'ada@northshire.test',
      password,
    });
  });
  afterEach(async () => {
    await running?.close();
  });

  async function signInWithKeyboard(page: Page) {
    await page.goto('/sign-in');
    await page.locator('form[action="/sign-in"]').getByLabel('Email address').focus();
    await page.keyboard.type('ada@northshire.test');
    await tabTo(page, 'Password');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
  }

  test('with the keyboard only and no JavaScript, an admin sets up two-step sign-in and signs in with it', async () => {
    const context = await newContext(browser, running.baseUrl, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signInWithKeyboard(page);
    await page.getByRole('heading', { name: 'Hello, Ada Admin' }).waitFor();
    await page.goto('/account');
    // Down the page to the link, by keyboard.
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === 'Two-step sign-in') break;
    }
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Two-step sign-in', level: 1 }).waitFor();
    await page.getByRole('img', { name: /QR code to add Coproduce/ }).waitFor();
    const key = (await page.locator('code.app-key').innerText()).replace(/\s/g, '');
    assert.match(key, /^[A-Z2-7]{32}$/);

    await tabTo(page, 'Code from the app');
    await page.keyboard.type('12345');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await tabTo(page, 'Code from the app');
    await page.keyboard.type(await codeNow(key));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    assert.equal(await page.locator('.app-recovery-codes li').count(), 10);
    await context.close();

    // Signing in again asks for the code after the password.
    const again = await newContext(browser, running.baseUrl, { javaScriptEnabled: false });
    const second = await again.newPage();
    await signInWithKeyboard(second);
    await second.getByRole('heading', { name: 'Enter the code from your app' }).waitFor();
    await tabTo(second, 'Code');
    // The code just used does not work again; the next one does.
    await second.keyboard.type(await codeNow(key));
    await second.keyboard.press('Enter');
    await second.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await tabTo(second, 'Code');
    await second.keyboard.type(await codeNow(key, 30));
    await second.keyboard.press('Enter');
    await second.getByRole('heading', { name: 'Hello, Ada Admin' }).waitFor();
    await again.close();
  });

  test('the new pages pass axe, with their errors', async () => {
    const idp = await startIdentityProvider(`${running.publicUrl}/sign-in/sso/callback`);
    try {
      const context = await newContext(browser, running.baseUrl);
      const page = await context.newPage();
      await signInWithKeyboard(page);
      await page.getByRole('heading', { name: 'Hello, Ada Admin' }).waitFor();

      await page.goto('/account/two-step/first-run');
      await expectAccessible(page, 'two-step offered at first run');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
      await expectAccessible(page, 'two-step offer, with an error');

      await page.goto('/account/two-step');
      await expectAccessible(page, 'two-step set-up');
      await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
      await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
      await expectAccessible(page, 'two-step set-up, with an error');
      const key = (await page.locator('code.app-key').innerText()).replace(/\s/g, '');
      await page.getByLabel('Code from the app').fill(await codeNow(key));
      await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
      await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
      await expectAccessible(page, 'recovery codes');
      await page.goto('/account/two-step');
      await expectAccessible(page, 'two-step is on');

      await page.goto('/organisation/sign-in');
      await expectAccessible(page, 'sign-in settings');
      await page.getByLabel('Staff can sign in with our organisation account').check();
      await page.getByLabel('Staff email domain').fill('not a domain');
      await page.getByRole('button', { name: 'Save single sign-on settings' }).click();
      await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
      await expectAccessible(page, 'sign-in settings, with errors');

      await page.getByLabel('Issuer URL').fill(idp.issuer);
      await page.getByLabel('Application ID').fill(providerClient.clientId);
      await page.getByLabel('Application secret', { exact: true }).fill(providerClient.clientSecret);
      await page.getByLabel('Staff email domain').fill('northshire.test');
      await page.getByRole('button', { name: 'Save single sign-on settings' }).click();
      await page.getByText('Sign-in settings saved').waitFor();
      await context.close();

      const visitor = await newContext(browser, running.baseUrl);
      const signIn = await visitor.newPage();
      await signIn.goto('/sign-in');
      await signIn.getByRole('button', { name: 'Sign in with your organisation account' }).click();
      await signIn.getByRole('heading', { name: 'Sign in with your organisation account' }).waitFor();
      await expectAccessible(signIn, 'single sign-on start');
      await signIn.getByLabel('Work email address').fill('someone@elsewhere.test');
      await signIn.getByRole('button', { name: 'Continue' }).click();
      await signIn.getByRole('heading', { name: 'There is a problem' }).waitFor();
      await expectAccessible(signIn, 'single sign-on start, with an error');
      await signIn.getByLabel('Work email address').fill('ada@northshire.test');
      await signIn.getByRole('button', { name: 'Continue' }).click();
      await signIn.getByRole('heading', { name: "Continue to your organisation's sign-in page" }).waitFor();
      await expectAccessible(signIn, 'continue to the provider');
      // Ada is not known at the provider: it refuses, and the app says so.
      await signIn.getByRole('button', { name: 'Continue to sign in' }).click();
      await signIn.getByLabel('Email').fill('ada@northshire.test');
      await signIn.getByLabel('Password').fill('wrong');
      await signIn.getByRole('button', { name: 'Sign in' }).click();
      await signIn.getByText('Wrong email or password').waitFor();
      idp.addPerson('ada', {
        email: 'ada@northshire.test',
        password: 'at the provider',
        emailVerified: true,
        amr: ['pwd'],
        disabled: true,
      });
      await signIn.getByLabel('Email').fill('ada@northshire.test');
      await signIn.getByLabel('Password').fill('at the provider');
      await signIn.getByRole('button', { name: 'Sign in' }).click();
      await signIn.getByRole('heading', { name: 'You could not sign in' }).waitFor();
      await expectAccessible(signIn, 'refused by the provider');

      // Let in at the provider: back here, then the code from the app.
      idp.people.get('ada')!.disabled = false;
      await signIn.goto('/sign-in/sso');
      await signIn.getByLabel('Work email address').fill('ada@northshire.test');
      await signIn.getByRole('button', { name: 'Continue' }).click();
      await signIn.getByRole('button', { name: 'Continue to sign in' }).click();
      await signIn.getByLabel('Email').fill('ada@northshire.test');
      await signIn.getByLabel('Password').fill('at the provider');
      await signIn.getByRole('button', { name: 'Sign in' }).click();
      await signIn.getByRole('heading', { name: 'Enter the code from your app' }).waitFor();
      await expectAccessible(signIn, 'enter the code from the app');
      await signIn.getByRole('button', { name: 'Sign in' }).click();
      await signIn.getByRole('heading', { name: 'There is a problem' }).waitFor();
      await expectAccessible(signIn, 'enter the code, with an error');
      await signIn.getByLabel('Code').fill(await codeNow(key, 30));
      await signIn.getByRole('button', { name: 'Sign in' }).click();
      await signIn.getByRole('heading', { name: 'Hello, Ada Admin' }).waitFor();
      await visitor.close();
    } finally {
      await idp.close();
    }
  });
});
