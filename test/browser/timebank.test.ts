import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { CurrentUser } from '../../src/platform/auth.ts';
import { londonToday } from '../../src/platform/time.ts';
import { browserMissing, expectAccessible, browserClock } from './harness.ts';
import { browserWorld, signIn } from './world.ts';

/** Says it happened: how long, and today's date, in the boxes a person types into. */
async function sayItHappened(page: Page, hours: string, minutes = '') {
  const [year, month, day] = londonToday(browserClock()).split('-');
  const howLong = page.getByRole('group', { name: 'How long did it take?' });
  await howLong.getByLabel('Hours').fill(hours);
  await howLong.getByLabel('Minutes').fill(minutes);
  const when = page.getByRole('group', { name: 'When did it happen?' });
  await when.getByLabel('Day').fill(String(Number(day)));
  await when.getByLabel('Month').fill(String(Number(month)));
  await when.getByLabel('Year').fill(year!);
}

describe('journey: the time bank (S2, reciprocity)', { skip: browserMissing }, () => {
  const world = browserWorld();
  let meetingId: string;
  beforeEach(async () => {
    const { services, staff } = world;
    const grace = await world.person({ fullName: 'Grace Okafor', perspectives: ['draws-on-care'] }, { email: 'grace@example.org' });
    const amira = await world.person({ fullName: 'Amira Hassan', perspectives: ['carer'] }, { email: 'amira@example.org' });
    const dennis = await world.person({ fullName: 'Dennis Whitfield', perspectives: ['draws-on-care'], landline: '01632 960001' });
    const projectId = await services.projects.create(staff, {
      title: 'Better day centre lunches',
      purpose: 'Choose food together.',
      activities: ['co-design'],
      levelAim: 'intermediate',
      stage: 'designing',
      startDate: '2026-01-05',
    });
    for (const p of [grace, amira, dennis]) await services.projects.addMember(staff, projectId, p, 'member', '2026-01-05');
    const start = new Date(browserClock().getTime() - 3 * 86_400_000);
    const end = new Date(start.getTime() + 2 * 3_600_000);
    meetingId = await services.meetings.create(staff, projectId, {
      title: 'Menu tasting',
      purpose: 'Taste soups',
      startsAt: start.toISOString(),
      endsAt: end.toISOString(),
      format: 'in-person',
      venueId: null,
      joiningDetails: null,
      membersOnly: false,
      arrangements: [],
      interpreterLanguages: [],
    });
    await services.meetingRecords.saveAttendance(staff, meetingId, [
      { personId: grace, status: 'present', arrivedAt: start.toISOString(), leftAt: end.toISOString() },
      { personId: dennis, status: 'present', arrivedAt: new Date(start.getTime() + 30 * 60_000).toISOString(), leftAt: end.toISOString() },
      { personId: amira, status: 'apologies', arrivedAt: null, leftAt: null },
    ]);
  });

  /** A member who signs in with this email, as the pages see them. */
  async function member(email: string): Promise<CurrentUser> {
    const account = await world.db
      .selectFrom('accounts')
      .select(['person_id', 'organisation_id'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    return {
      accountId: '',
      personId: account.person_id,
      organisationId: account.organisation_id,
      organisationName: '',
      role: 'member',
      name: '',
    };
  }

  /**
   * The swap the first test makes on the board, so later tests start from the balances it
   * leaves without depending on it: Grace gives Amira 1 hour and 15 minutes of help.
   */
  async function graceHelpedAmira() {
    const { exchanges } = world.services.timebank;
    const [grace, amira] = await Promise.all([member('grace@example.org'), member('amira@example.org')]);
    const offer = await exchanges.post(grace, {
      kind: 'offer',
      title: 'Help with forms',
      description: 'Benefits forms, on weekday mornings.',
      minutes: 60,
    });
    const swap = await exchanges.respond(amira, offer, 'Thursday morning is good for me');
    await exchanges.propose(grace, swap, { minutes: 75, happenedOn: londonToday(browserClock()) });
    assert.ok((await exchanges.confirm(amira, swap, 75)).ok);
  }

  test('a member offers help, another asks for it, both say it happened, and the time credits move', async () => {
    const grace = await (await world.context()).newPage();
    await signIn(grace, 'grace@example.org', 'Grace Okafor');
    await grace.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Time bank' }).click();
    await grace.getByRole('heading', { name: 'Time bank', level: 1 }).waitFor();
    await grace.getByText('You have 0 hours').waitFor();
    await expectAccessible(grace, 'time bank, empty');
    await grace.getByRole('button', { name: 'Post an offer or request' }).click();
    await expectAccessible(grace, 'post an offer');
    await grace.getByLabel('What is it?').fill('Help with forms');
    await grace.getByRole('button', { name: 'Post it' }).click();
    await grace.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(grace, 'post an offer with errors');
    assert.equal(await grace.getByLabel('What is it?').inputValue(), 'Help with forms');
    await grace.getByLabel('I can help', { exact: true }).check();
    await grace.getByLabel('Tell people more').fill('Benefits forms, on weekday mornings.');
    await grace.getByRole('group', { name: 'About how long will it take?' }).getByLabel('Hours').fill('1');
    await grace.getByRole('button', { name: 'Post it' }).click();
    await grace.getByText('Your post is on the board').waitFor();
    await expectAccessible(grace, 'an offer');

    const amira = await (await world.context()).newPage();
    await signIn(amira, 'amira@example.org', 'Amira Hassan');
    await amira.goto('/timebank');
    await amira.getByRole('link', { name: 'Help with forms' }).click();
    await amira.getByLabel('Message for Grace Okafor (optional)').fill('Thursday morning is good for me');
    await expectAccessible(amira, 'an offer, as someone else');
    await amira.getByRole('button', { name: "I'd like this" }).click();
    await amira.getByRole('heading', { name: 'Swap: Help with forms', level: 1 }).waitFor();
    await expectAccessible(amira, 'a swap just started');

    await grace.goto('/timebank');
    await grace.getByRole('link', { name: 'Help with forms' }).first().click();
    await grace.getByRole('heading', { name: 'Swap: Help with forms', level: 1 }).waitFor();
    await grace.getByText('Thursday morning is good for me').waitFor();
    await grace.getByRole('button', { name: 'Send to Amira Hassan' }).click();
    await grace.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(grace, 'a swap with errors');
    await sayItHappened(grace, '1', '15');
    await grace.getByRole('button', { name: 'Send to Amira Hassan' }).click();
    await grace.getByText('We have asked Amira Hassan to say yes').waitFor();
    await expectAccessible(grace, 'a swap waiting for a yes');

    await amira.reload();
    await amira.getByText('Grace Okafor gave Amira Hassan 1 hour and 15 minutes of time').waitFor();
    await expectAccessible(amira, 'a swap to say yes to');
    await amira.getByRole('button', { name: 'Yes, this is right' }).click();
    await amira.getByText('The time credits have moved').waitFor();
    await expectAccessible(amira, 'a swap done');
    await amira.goto('/timebank');
    await amira.getByText('You are 1 hour and 15 minutes below zero').waitFor();
    await expectAccessible(amira, 'time bank with history');
    await grace.goto('/timebank');
    await grace.getByText('You have 1 hour and 15 minutes').waitFor();
    await grace.context().close();
    await amira.context().close();
  });

  test('staff credit the people who came to a meeting, add a partner, and a member spends credits there', async () => {
    await graceHelpedAmira();
    const page = await (await world.context()).newPage();
    await signIn(page, 'ada@northshire.test', 'Ada Admin');
    await page.goto('/timebank');
    await page.getByRole('link', { name: 'Time bank for the whole organisation' }).click();
    await page.getByRole('heading', { name: 'Time bank for the whole organisation' }).waitFor();
    await expectAccessible(page, 'overview');
    await page.getByRole('link', { name: 'Give time credits for coming to meetings' }).click();
    await expectAccessible(page, 'meetings to credit');
    await page.getByRole('link', { name: 'Menu tasting' }).click();
    await page.getByLabel('Grace Okafor').waitFor();
    assert.equal(await page.getByLabel('Dennis Whitfield').isChecked(), true);
    await expectAccessible(page, 'credit a meeting');
    await page.getByRole('button', { name: 'Give time credits' }).click();
    await page.getByText('2 people got time credits').waitFor();
    await page.getByText('Dennis Whitfield: already given 1 hour and 30 minutes').waitFor();
    await expectAccessible(page, 'meeting credited');

    await page.goto('/timebank/settings');
    await expectAccessible(page, 'settings');
    await page.getByLabel('Yes, up to a limit').check();
    await page.getByLabel('How many hours below zero?').fill('10');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('people can go up to 10 hours below zero').waitFor();

    await page.goto('/timebank/record');
    await expectAccessible(page, 'record a swap');
    await page.getByLabel('Who gave their time?').selectOption({ label: 'Dennis Whitfield' });
    await page.getByLabel('Who got help?').selectOption({ label: 'Grace Okafor' });
    await page.getByLabel('What did they do?').fill('Fixed a wobbly shelf');
    await page.getByRole('button', { name: 'Record the swap' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'record a swap with errors');
    await sayItHappened(page, '', '45');
    await page.getByRole('button', { name: 'Record the swap' }).click();
    await page.getByText('The swap is recorded').waitFor();
    await page.getByText('All accounts add up to zero').waitFor();

    await page.getByRole('link', { name: /^Correct this Time given or received: Fixed a wobbly shelf/ }).click();
    await expectAccessible(page, 'correct a mistake');
    await page.getByLabel('Why are you correcting it?').fill('It was 30 minutes, not 45');
    await page.getByRole('button', { name: 'Move the time credits back' }).click();
    await page.getByText('The correction is saved').waitFor();
    await page.getByRole('link', { name: 'Grace Okafor' }).click();
    await page.getByText('Grace Okafor has 3 hours and 15 minutes').waitFor();
    await page.getByText('Correction: It was 30 minutes, not 45').waitFor();
    await expectAccessible(page, "a person's time credits");

    await page.goto('/timebank/partners');
    await expectAccessible(page, 'partners');
    await page.getByLabel('Name of the partner').fill('Northby Leisure Centre');
    await page.getByLabel('What do people get?').fill('One swim');
    await page.getByRole('group', { name: 'How much time does it cost?' }).getByLabel('Hours').fill('1');
    await page.getByRole('button', { name: 'Add offer' }).click();
    await page.getByText('The partner offer is added').waitFor();
    await expectAccessible(page, 'partners with an offer');
    await page.context().close();

    const grace = await (await world.context()).newPage();
    await signIn(grace, 'grace@example.org', 'Grace Okafor');
    await grace.goto('/timebank');
    await grace.getByText('You have 3 hours and 15 minutes').waitFor();
    await grace.getByRole('link', { name: 'One swim at Northby Leisure Centre: 1 hour' }).click();
    await expectAccessible(grace, 'spend credits');
    await grace.getByRole('button', { name: 'Spend 1 hour' }).click();
    await grace.getByRole('heading', { name: 'Show this at Northby Leisure Centre' }).waitFor();
    await expectAccessible(grace, 'receipt');
    await grace.goto('/timebank');
    await grace.getByText('You have 2 hours and 15 minutes').waitFor();
    await grace.context().close();
  });

  test('with JavaScript off, a member says yes to a swap', async () => {
    const { services, staff } = world;
    // Amira's balance and the limit as the tests before leave them: 1 hour and 15 minutes
    // below zero, with people allowed down to 10 hours below; the balance checked below counts on it.
    await graceHelpedAmira();
    await services.timebank.ledger.saveFloor(staff, -10 * 60);
    const [grace, amira] = await Promise.all([member('grace@example.org'), member('amira@example.org')]);
    const listing = await services.timebank.exchanges.post(amira, {
      kind: 'request',
      title: 'Help in my garden',
      description: 'Weeding',
      minutes: 60,
    });
    const swap = await services.timebank.exchanges.respond(grace, listing, null);
    await services.timebank.exchanges.propose(grace, swap, { minutes: 60, happenedOn: londonToday(browserClock()) });

    const page = await (await world.context({ javaScriptEnabled: false })).newPage();
    await signIn(page, 'amira@example.org', 'Amira Hassan');
    await page.goto('/timebank');
    await page.getByRole('link', { name: 'Help in my garden' }).first().click();
    await page.getByText('Grace Okafor says it happened').first().waitFor();
    await page.getByRole('button', { name: 'Yes, this is right' }).click();
    await page.getByText('The time credits have moved').waitFor();
    await page.goto('/timebank');
    await page.getByText('You are 2 hours and 15 minutes below zero').waitFor();
    await page.context().close();
  });
});
