import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { noAccessNeeds } from '../../src/modules/people/access-needs.ts';
import { SignInPage } from './pages.ts';
import { browserMissing, expectAccessible, launchBrowser, newContext, startApp, type RunningApp } from './harness.ts';

// The meeting page's "Who has had the papers" (P2): readable by a screen reader, sent by
// keyboard, and working with JavaScript switched off. Someone whose format is not added yet
// gets the standard version meanwhile and is shown waiting for their own.
const email = 'ada@northshire.test';
const password = 'a long and memorable password';

describe("journey: papers sent in each person's format", { skip: browserMissing }, () => {
  let running: RunningApp;
  let browser: Browser;
  let meetingId: string;
  let addStandard: (title: string) => Promise<void>;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    running = await startApp();
    const { services, db } = running;
    await services.organisations.setUp({
      organisationName: 'Northshire County Council',
      area: 'Northshire',
      adminName: 'Ada Admin',
      email,
      password,
    });
    const account = await db.selectFrom('accounts').select(['organisation_id', 'person_id', 'id']).executeTakeFirstOrThrow();
    const staff = { organisationId: account.organisation_id, personId: account.person_id };
    const mo = await services.people.create(staff, { fullName: 'Mo Member', perspectives: ['draws-on-care'], email: 'mo@example.com' });
    await services.accessNeeds.save({ ...staff, role: 'admin' }, mo, true, { ...noAccessNeeds(), formats: ['large-print'] });
    const projectId = await services.projects.create(staff, {
      title: 'Better day centre lunches',
      purpose: 'Menus',
      activities: ['co-design'],
      levelAim: 'intermediate',
      stage: 'designing',
      startDate: '2026-11-01',
    });
    await services.projects.addMember(staff, projectId, mo, 'member', '2026-11-01');
    const startsAt = new Date(running.now().getTime() + 14 * 86_400_000);
    meetingId = await services.meetings.create(staff, projectId, {
      title: 'Menu tasting',
      purpose: 'Taste soups',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 7_200_000).toISOString(),
      format: 'in-person',
      venueId: null,
      joiningDetails: null,
      membersOnly: false,
      arrangements: [],
      interpreterLanguages: [],
    });
    await services.meetings.setInvitees(staff, meetingId, [mo]);
    const admin = {
      ...staff,
      accountId: account.id,
      organisationName: 'Northshire County Council',
      role: 'admin' as const,
      name: 'Ada Admin',
    };
    const checked = await services.papers.checkUpload({ data: Buffer.from('%PDF-1.4\n%%EOF\n'), fileName: 'agenda.pdf' });
    assert.ok(checked.ok);
    await services.papers.add(admin, meetingId, { title: 'Agenda', format: 'large-print' }, checked.upload);
    addStandard = async (title) => {
      const file = await services.papers.checkUpload({ data: Buffer.from('%PDF-1.4\n%%EOF\n'), fileName: 'costs.pdf' });
      assert.ok(file.ok);
      await services.papers.add(admin, meetingId, { title, format: 'standard' }, file.upload);
    };
  });
  afterEach(async () => {
    await running?.close();
  });

  const signedIn = async (javaScriptEnabled: boolean): Promise<Page> => {
    const page = await (await newContext(browser, running.baseUrl, { javaScriptEnabled })).newPage();
    const signIn = new SignInPage(page);
    await signIn.open();
    await signIn.withPassword(email, password);
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await page.goto(`/meetings/${meetingId}`);
    return page;
  };

  test('staff see who is waiting, send by keyboard, and the page passes axe', async () => {
    const page = await signedIn(true);
    const table = page.getByRole('table', { name: 'Who has had the papers' });
    await table.getByRole('cell', { name: 'Agenda (Large print)' }).waitFor();
    await expectAccessible(page, 'meeting page: who has had the papers');
    const send = page.getByRole('button', { name: 'Send the papers' });
    await send.focus();
    await page.keyboard.press('Enter');
    await page.getByText('Papers sent to 1 person.').waitFor();
    await page.getByRole('cell', { name: 'Agenda (Large print) by email' }).waitFor();
    await expectAccessible(page, 'meeting page: papers sent');
  });

  test('without their format yet, a person gets the standard version and is shown waiting for theirs (keyboard, no JavaScript)', async () => {
    await addStandard('Costs');
    const page = await signedIn(false);
    const table = page.getByRole('table', { name: 'Who has had the papers' });
    await table.getByRole('cell', { name: 'Agenda (Large print); Costs (Standard); Costs (Large print, not added yet)' }).waitFor();
    await page.getByRole('button', { name: 'Send the papers' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Papers sent to 1 person.').waitFor();
    // Both went in the same sending, so either may be listed first.
    assert.equal(
      await table.getByRole('cell', { name: /^(?=.*Agenda \(Large print\) by email)(?=.*Costs \(Standard\) by email)/ }).count(),
      1,
    );
    assert.equal(await table.getByRole('cell', { name: 'Costs (Large print, not added yet)', exact: true }).count(), 1);
    await page.goto('/to-do/papers');
    await page.getByRole('link', { name: 'Mo Member' }).waitFor();
  });

  test('sending works with JavaScript switched off', async () => {
    const page = await signedIn(false);
    await page.getByRole('button', { name: 'Send the papers' }).click();
    await page.getByText('Papers sent to 1 person.').waitFor();
    assert.equal(await page.getByRole('cell', { name: 'Agenda (Large print) by email' }).count(), 1);
  });
});
