import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { londonToday } from '../../src/platform/time.ts';
import { browserClock, browserMissing, expectAccessible, launchBrowser, newContext, startApp, type RunningApp } from './harness.ts';
import { signIn as signInWithPassword } from './pages.ts';

const password = 'a long and memorable password';

const signIn = (page: Page, email: string, name: string) => signInWithPassword(page, email, password, name);

describe('journey: people, projects and the agreement', { skip: browserMissing }, () => {
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
  });
  afterEach(async () => {
    await running?.close();
  });

  /**
   * What the first test makes through the pages, so the tests after it do not depend on it:
   * Sam, with access needs and sign-in, co-chairs "Easy read letters", whose agreement
   * nobody has agreed to yet.
   */
  async function samAndTheirProject() {
    const { services, db } = running;
    const admin = await db
      .selectFrom('accounts')
      .select(['organisation_id', 'person_id'])
      .where('email', '=', 'ada@northshire.test')
      .executeTakeFirstOrThrow();
    const staff = { organisationId: admin.organisation_id, personId: admin.person_id };
    const today = londonToday(browserClock());
    const sam = await services.people.create(staff, {
      fullName: 'Samuel Boateng',
      preferredName: 'Sam',
      perspectives: ['draws-on-care'],
      mobile: '07700 900105',
      contactOrder: ['text'],
      skills: 'Football coaching',
    });
    await services.accessNeeds.save({ ...staff, role: 'admin' }, sam, true, {
      formats: ['easy-read', 'interpreter'],
      interpreterLanguage: 'Twi',
      physical: [],
      support: ['support-worker'],
      dietary: null,
      other: null,
    });
    await db.transaction().execute((trx) =>
      services.identity.createAccount(trx, {
        organisationId: staff.organisationId,
        personId: sam,
        email: 'sam@example.org',
        role: 'member',
        password,
      }),
    );
    const projectId = await services.projects.create(staff, {
      title: 'Easy read letters',
      purpose: 'Rewrite our letters so everyone can understand them.',
      activities: ['co-design'],
      levelAim: 'intermediate',
      stage: 'setting-up',
      startDate: today,
    });
    await services.projects.addMember(staff, projectId, sam, 'co-chair', today);
    await services.agreements.save(staff, projectId, {
      meaning: 'We write and test every letter together.',
      principles: 'Plain words. Everyone is heard.',
      benefits: 'Fewer worried phone calls.',
      outcomes: 'Ten letters rewritten by spring.',
    });
  }

  test('staff add a person with access needs, give them sign-in, and start a project with them', async () => {
    const context = await newContext(browser, running.baseUrl);
    const page = await context.newPage();
    await signIn(page, 'ada@northshire.test', 'Ada Admin');

    await page.getByRole('link', { name: 'People', exact: true }).first().click();
    await page.getByRole('heading', { name: 'People', level: 1 }).waitFor();
    await expectAccessible(page, 'people list');
    await page.getByRole('button', { name: 'Add a person' }).click();
    await expectAccessible(page, 'add a person');
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'add a person with errors');
    await page.getByLabel('Full name').fill('Samuel Boateng');
    await page.getByLabel('Name they like to be called').fill('Sam');
    await page.getByLabel('Person who draws on care and support').check();
    await page.getByLabel('Mobile phone').fill('07700 900105');
    await page.getByLabel('First choice').selectOption({ label: 'Text message' });
    await page.getByLabel('Skills').fill('Football coaching');
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.getByRole('heading', { name: 'Sam', level: 1 }).waitFor();
    await expectAccessible(page, 'person');

    await page.getByRole('link', { name: 'Access needs Sam' }).click();
    await expectAccessible(page, 'access needs, none yet');
    await page.getByRole('link', { name: 'Record access needs' }).click();
    await page.getByLabel('Easy read').check();
    await page.getByLabel('A spoken language interpreter').check();
    // The language box is revealed by the checkbox, and keyboard users reach it next.
    await page.getByLabel('Language for the interpreter').fill('Twi');
    await page.getByLabel('A support worker or personal assistant comes too').check();
    await page.getByLabel('Yes, they agreed').check();
    await expectAccessible(page, 'access needs form');
    await page.getByRole('button', { name: 'Save access needs' }).click();
    await page.getByText('Easy read, A spoken language interpreter (Twi)').waitFor();
    await expectAccessible(page, 'access needs');

    const personUrl = page.url().replace('/access-needs', '');
    await page.goto(personUrl);
    await page.getByRole('link', { name: 'Give sign-in access' }).click();
    await page.getByLabel('Email address to sign in with').fill('sam@example.org');
    await page.getByLabel('Member: sees their own details and their own projects').check();
    await expectAccessible(page, 'sign-in access');
    await page.getByRole('button', { name: 'Save sign-in access' }).click();
    await page.getByText('Signs in as sam@example.org, Member').waitFor();
    // Sam sets no password here; the test gives one so the journey can sign in as Sam.
    const { hashPassword } = await import('../../src/modules/identity/passwords.ts');
    await running.db
      .updateTable('accounts')
      .set({ password_hash: await hashPassword(password) })
      .where('email', '=', 'sam@example.org')
      .execute();

    await page.getByRole('link', { name: 'History of changes' }).click();
    await expectAccessible(page, 'history');

    await page.getByRole('link', { name: 'Projects', exact: true }).first().click();
    await expectAccessible(page, 'projects list');
    await page.getByRole('button', { name: 'Start a project' }).click();
    await expectAccessible(page, 'new project');
    await page.getByLabel('Project name').fill('Easy read letters');
    await page.getByLabel('What is it for?').fill('Rewrite our letters so everyone can understand them.');
    await page.getByLabel('Co-design: planning and designing together').check();
    await page.getByLabel('Intermediate: people share some decisions and work').check();
    await page.getByLabel('Year').fill('20266');
    await page.getByRole('button', { name: 'Save project' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'new project with errors');
    assert.equal(await page.getByLabel('Project name').inputValue(), 'Easy read letters');
    await page.getByLabel('Year').fill('2026');
    await page.getByRole('button', { name: 'Save project' }).click();
    await page.getByRole('heading', { name: 'Easy read letters', level: 1 }).waitFor();
    await expectAccessible(page, 'project');

    await page.getByRole('button', { name: 'Add a member' }).click();
    await page.getByLabel('Person', { exact: true }).selectOption({ label: 'Sam (Person who draws on care and support)' });
    await page.getByLabel('Co-chair').check();
    await expectAccessible(page, 'add member');
    await page.getByRole('button', { name: 'Add member' }).click();
    await page.getByRole('cell', { name: 'Co-chair' }).waitFor();

    await page.getByRole('link', { name: 'Write the agreement' }).click();
    await expectAccessible(page, 'agreement form');
    await page.getByLabel('What co-production means for this project').fill('We write and test every letter together.');
    await page.getByLabel('Our principles').fill('Plain words. Everyone is heard.');
    await page.getByLabel('The benefits we expect').fill('Fewer worried phone calls.');
    await page.getByLabel('The outcomes we want').fill('Ten letters rewritten by spring.');
    await page.getByRole('button', { name: 'Save agreement' }).click();
    await page.getByText('0 of 1 members have agreed to this version').first().waitFor();
    await expectAccessible(page, 'agreement');
    await context.close();
  });

  test('a member finds their project and agrees to the agreement, using only the keyboard', async () => {
    await samAndTheirProject();
    const context = await newContext(browser, running.baseUrl);
    const page = await context.newPage();
    await signIn(page, 'sam@example.org', 'Sam');
    await page.getByRole('link', { name: 'My projects' }).first().focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'My projects', level: 1 }).waitFor();
    await expectAccessible(page, 'my projects');
    await page.getByRole('link', { name: 'Easy read letters' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Easy read letters', level: 1 }).waitFor();
    await expectAccessible(page, 'project as member');
    await page.getByRole('link', { name: 'Project agreement' }).focus();
    await page.keyboard.press('Enter');
    const agree = page.getByRole('button', { name: 'I agree to this agreement' });
    await agree.focus();
    await page.keyboard.press('Enter');
    await page.getByText('You agreed to this version.').waitFor();
    await page.getByText('1 of 1 members have agreed to this version').waitFor();
    await expectAccessible(page, 'agreement agreed');

    await page.getByRole('link', { name: 'My details' }).first().click();
    await page.getByRole('heading', { name: 'Sam', level: 1 }).waitFor();
    await expectAccessible(page, 'my details');
    await context.close();
  });

  test('with JavaScript off, staff still record access needs and add a member', async () => {
    await samAndTheirProject();
    const context = await newContext(browser, running.baseUrl, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, 'ada@northshire.test', 'Ada Admin');
    await page.goto('/people/new');
    await page.getByLabel('Full name').fill('Eileen Murphy');
    await page.getByLabel('Carer', { exact: true }).check();
    await page.getByLabel('First choice').selectOption({ label: 'Letter' });
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.getByRole('heading', { name: 'Eileen Murphy', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Access needs Eileen Murphy' }).click();
    await page.getByRole('link', { name: 'Record access needs' }).click();
    await page.getByLabel('Large print').check();
    await page.getByLabel('Hearing loop').check();
    await page.getByLabel('Yes, they agreed').check();
    await page.getByRole('button', { name: 'Save access needs' }).click();
    await page.getByText('Large print').first().waitFor();
    await page.goto('/projects');
    await page.getByRole('link', { name: 'Easy read letters' }).click();
    await page.getByRole('button', { name: 'Add a member' }).click();
    await page.getByLabel('Person', { exact: true }).selectOption({ label: 'Eileen Murphy (Carer)' });
    await page.getByLabel('Member', { exact: true }).check();
    await page.getByRole('button', { name: 'Add member' }).click();
    await page.getByRole('link', { name: 'Eileen Murphy', exact: true }).waitFor();
    await context.close();
  });
});
