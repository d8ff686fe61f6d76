import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { browserMissing, expectAccessible, launchBrowser, newContext, startApp, type RunningApp } from './harness.ts';
import { SetUpPage, SignInPage } from './pages.ts';

const password = 'a long and memorable password';

describe('journey: first run, sign in and out', { skip: browserMissing }, () => {
  let running: RunningApp;
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  // Each test gets an empty install; the first needs it empty to show set-up.
  beforeEach(async () => {
    running = await startApp();
  });
  afterEach(async () => {
    await running?.close();
  });

  /** The organisation and admin the first test sets up at /setup, for tests that start after it. */
  const setUpNorthshire = () =>
    running.services.organisations.setUp({
      organisationName: 'Northshire County Council',
      area: 'Northshire',
      adminName: 'Ada Admin',
      email: 'ada@northshire.test',
      password,
    });

  test('an empty install shows set-up, catches mistakes, then signs the admin in', async () => {
    const context = await newContext(browser, running.baseUrl);
    const page = await context.newPage();
    await page.goto('/');
    assert.equal(new URL(page.url()).pathname, '/setup');
    const setUp = new SetUpPage(page);
    await setUp.open();
    await setUp.fill({
      organisation: 'Northshire County Council',
      area: '',
      name: 'Ada Admin',
      email: 'ada@northshire.test',
      password: 'too short',
    });
    await setUp.submit();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'set-up with errors');
    assert.equal(await page.getByLabel('Name of your organisation').inputValue(), 'Northshire County Council');
    // The error summary links move focus to the field with the problem.
    await page.getByRole('link', { name: 'Enter the area you work in' }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'area');

    await setUp.fill({
      organisation: 'Northshire County Council',
      area: 'Northshire',
      name: 'Ada Admin',
      email: 'ada@northshire.test',
      password,
    });
    await setUp.submit();
    // The first admin is offered two-step sign-in for all staff (decision 0019).
    await page.getByRole('group', { name: 'Should staff use two-step sign-in?' }).waitFor();
    await expectAccessible(page, 'two-step offered at first run');
    await page.getByLabel('Not now').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Hello, Ada Admin' }).waitFor();
    await expectAccessible(page, 'home');
    await context.close();
  });

  test('sign in with a password, see the timeout warning markup, sign out', async () => {
    await setUpNorthshire();
    const context = await newContext(browser, running.baseUrl);
    const page = await context.newPage();
    const signIn = new SignInPage(page);
    await signIn.open();
    await expectAccessible(page, 'sign-in');
    await signIn.withPassword('ada@northshire.test', 'wrong password entirely');
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'sign-in with error');
    await signIn.withPassword('ada@northshire.test', password);
    await page.getByRole('heading', { name: 'Hello, Ada Admin' }).waitFor();
    await page.getByRole('link', { name: 'My account' }).click();
    await page.getByRole('heading', { name: 'My account' }).waitFor();
    await expectAccessible(page, 'account');
    // A button in a form (a POST with the CSRF token), reached and pressed by keyboard.
    await page.getByRole('button', { name: 'Sign out' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'You have signed out' }).waitFor();
    await expectAccessible(page, 'signed out');
    await context.close();
  });

  test('the idle warning opens as a dialog and "Stay signed in" keeps the session', async () => {
    await setUpNorthshire();
    const context = await newContext(browser, running.baseUrl);
    const page = await context.newPage();
    await new SignInPage(page).open();
    await new SignInPage(page).withPassword('ada@northshire.test', password);
    await page.getByRole('heading', { name: 'Hello, Ada Admin' }).waitFor();
    // Bring the warning forward rather than waiting the real idle time.
    await page.evaluate(() => {
      const dialog = document.getElementById('timeout-dialog') as HTMLDialogElement;
      dialog.showModal();
    });
    const dialog = page.getByRole('dialog', { name: 'You will be signed out soon' });
    await dialog.waitFor();
    await expectAccessible(page, 'timeout warning');
    await dialog.getByRole('button', { name: 'Stay signed in' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.reload();
    await page.getByRole('heading', { name: 'Hello, Ada Admin' }).waitFor();
    await context.close();
  });

  test('a sign-in link by email works with JavaScript switched off', async () => {
    await setUpNorthshire();
    const context = await newContext(browser, running.baseUrl, { javaScriptEnabled: false });
    const page = await context.newPage();
    const signIn = new SignInPage(page);
    await signIn.open();
    await signIn.askForLink('ada@northshire.test');
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    // The page answered at once; the link is made just after.
    await running.services.identity.sendRequestedSignInLinks();
    const message = await running.db
      .selectFrom('outbox')
      .select('body_text')
      .where('recipient', '=', 'ada@northshire.test')
      .executeTakeFirstOrThrow();
    const link = /http:\/\/[^\s]+\/sign-in\/link\/[A-Za-z0-9_-]+/.exec(message.body_text)![0];
    await page.goto(new URL(new URL(link).pathname, running.baseUrl).href);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Hello, Ada Admin' }).waitFor();
    // Signing out is a form's button: it works without JavaScript, by keyboard.
    await page.getByRole('button', { name: 'Sign out' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'You have signed out' }).waitFor();
    await context.close();
  });

  test('an admin unlocks a locked account from the person page, by keyboard and without JavaScript', async () => {
    await setUpNorthshire();
    const { identity } = running.services;
    for (let i = 0; i < 10; i++) await identity.wrongPassword('ada@northshire.test');
    const context = await newContext(browser, running.baseUrl, { javaScriptEnabled: false });
    const page = await context.newPage();
    const signIn = new SignInPage(page);
    await signIn.open();
    await signIn.withPassword('ada@northshire.test', password);
    await page.getByText('Signing in with a password is stopped for now').first().waitFor();
    // A second admin unlocks it.
    const db = running.db;
    const organisation = await db.selectFrom('organisations').select('id').executeTakeFirstOrThrow();
    const ada = await db.selectFrom('accounts').select('person_id').where('email', '=', 'ada@northshire.test').executeTakeFirstOrThrow();
    const actor = { organisationId: organisation.id, personId: ada.person_id };
    const ben = await running.services.people.create(actor, {
      fullName: 'Ben Admin',
      perspectives: ['manager'],
      email: 'ben@northshire.test',
    });
    await db.transaction().execute((trx) =>
      identity.createAccount(trx, {
        organisationId: organisation.id,
        personId: ben,
        email: 'ben@northshire.test',
        role: 'admin',
        password,
      }),
    );
    await signIn.open();
    await signIn.withPassword('ben@northshire.test', password);
    await page.getByRole('heading', { name: 'Hello, Ben Admin' }).waitFor();
    await page.goto(`/people/${ada.person_id}`);
    await page.getByText('Signing in with a password is stopped until').waitFor();
    await page.getByRole('button', { name: 'Let them sign in with a password again' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Ada Admin can sign in with a password again').waitFor();
    await context.close();
    // The page with the button passes axe (JavaScript on: axe needs it).
    const seen = await newContext(browser, running.baseUrl);
    const again = await seen.newPage();
    for (let i = 0; i < 10; i++) await identity.wrongPassword('ada@northshire.test');
    const benSignIn = new SignInPage(again);
    await benSignIn.open();
    await benSignIn.withPassword('ben@northshire.test', password);
    await again.getByRole('heading', { name: 'Hello, Ben Admin' }).waitFor();
    await again.goto(`/people/${ada.person_id}`);
    await again.getByRole('button', { name: 'Let them sign in with a password again' }).waitFor();
    await expectAccessible(again, 'person page with sign-in locked');
    await seen.close();
  });
});
