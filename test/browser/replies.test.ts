import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserMissing, browserClock, expectAccessible } from './harness.ts';
import { admin, browserWorld, password, signIn } from './world.ts';
import { actLinkIn, codeIn } from '../worlds/replies.ts';

// Taking part without signing in (issue 16), by keyboard with JavaScript off: Dora's letter
// has a reply code she reads out on the phone, and staff record her vote with it; Terry's
// text has a link that opens his own ballot without signing in.

/** Types into a field found by its label, by keyboard only. */
async function typeInto(page: Page | ReturnType<Page['locator']>, label: string, text: string, keyboard = (page as Page).keyboard) {
  await page.getByLabel(label, { exact: true }).focus();
  await keyboard.type(text);
}
/** Chooses a radio button or presses a button, by keyboard only. */
async function choose(page: Page, label: string) {
  await page.getByLabel(label, { exact: true }).focus();
  await page.keyboard.press('Space');
}
async function press(page: Page, button: string) {
  await page.getByRole('button', { name: button }).focus();
  await page.keyboard.press('Enter');
}

describe('journey: taking part without signing in', { skip: browserMissing }, () => {
  const world = browserWorld();
  let proposalId: string;
  let letter: string;
  let text: string;
  beforeEach(async () => {
    const { services, staff } = world;
    const dora = await world.person({
      fullName: 'Dora Letter',
      perspectives: ['draws-on-care'],
      address: '1 High Street\nNorthtown',
      contactOrder: ['letter'],
    });
    const terry = await world.person({ fullName: 'Terry Text', perspectives: ['carer'], mobile: '07700 900222', contactOrder: ['text'] });
    const projectId = await services.projects.create(staff, {
      title: 'Better day centre lunches',
      purpose: 'Choose food together.',
      activities: ['co-decision'],
      levelAim: 'transformative',
      stage: 'deciding',
      startDate: '2026-01-05',
    });
    for (const p of [dora, terry]) await services.projects.addMember(staff, projectId, p, 'member', '2026-01-05');
    await services.organisations.setReplyContact(staff, { phone: '01632 960 123', address: 'Freepost NS 1' });
    const now = browserClock().getTime();
    proposalId = await services.proposals.create(staff, projectId, {
      question: 'Which soup on Fridays?',
      background: null,
      meetingId: null,
      paperIds: [],
      method: 'majority',
      settings: {},
      options: [
        { id: null, title: 'Leek', description: null, costPence: null },
        { id: null, title: 'Tomato', description: null, costPence: null },
      ],
      everyone: true,
      voterIds: [],
      secret: true,
      opensAt: new Date(now - 3_600_000).toISOString(),
      closesAt: new Date(now + 7 * 86_400_000).toISOString(),
    });
    await services.votes.sendInvitations(staff, await services.proposals.load(world.organisationId, proposalId));
    const sent = await world.db.selectFrom('outbox').select(['person_id', 'body_text']).where('about_id', '=', proposalId).execute();
    letter = sent.find((m) => m.person_id === dora)!.body_text;
    text = sent.find((m) => m.person_id === terry)!.body_text;
  });

  test('staff type the code from a letter and record the vote by phone, by keyboard with JavaScript off', async () => {
    assert.doesNotMatch(letter, /http/);
    const code = codeIn(letter)!;
    const context = await world.context({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/sign-in');
    const form = page.locator('form[action="/sign-in"]');
    await typeInto(form, 'Email address', admin.email, page.keyboard);
    await typeInto(form, 'Password', password, page.keyboard);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Hello, ${admin.name}` }).waitFor();
    await page.goto('/reply-codes');
    await typeInto(page, 'Record a reply by code', code);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Which soup on Fridays?' }).waitFor();
    await choose(page, 'Leek');
    await choose(page, 'By phone');
    await press(page, 'Save their reply');
    await page.getByText('Recorded by phone by Ada Admin').waitFor();
    const taking = await world.db.selectFrom('proposal_participation').selectAll().where('proposal_id', '=', proposalId).execute();
    assert.deepEqual(
      taking.map((r) => r.recorded_how),
      ['phone'],
    );
    await context.close();
  });

  test('a text message link opens the ballot without signing in, by keyboard with JavaScript off', async () => {
    const link = actLinkIn(text)!;
    const context = await world.context({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(link);
    await page.getByRole('heading', { name: 'Which soup on Fridays?' }).waitFor();
    await choose(page, 'Tomato');
    await press(page, 'Send');
    await page.getByText('Thank you. Your vote is in.').waitFor();
    await context.close();
  });

  test('the new pages pass axe', async () => {
    const context = await world.context();
    const page = await context.newPage();
    await page.goto(actLinkIn(text)!);
    await page.getByRole('heading', { name: 'Which soup on Fridays?' }).waitFor();
    await expectAccessible(page, 'ballot by link');
    await signIn(page, admin.email, admin.name);
    await page.goto('/reply-codes');
    await expectAccessible(page, 'record a reply by code');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'code not given');
    await page.getByLabel('Record a reply by code').fill(codeIn(letter)!);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('button', { name: 'Save their reply' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'record a reply with errors');
    await page.goto('/organisation/replies');
    await expectAccessible(page, 'reply settings');
    await context.close();
  });
});
