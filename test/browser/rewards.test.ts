import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserMissing, expectAccessible, browserClock } from './harness.ts';
import { browserWorld, signedInPage } from './world.ts';

async function fillDate(page: Page, legend: string, day: string, month: string, year: string) {
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(day);
  await group.getByLabel('Month').fill(month);
  await group.getByLabel('Year').fill(year);
}

describe('journey: payments, reward choices and benefits (S2, S3)', { skip: browserMissing }, () => {
  const world = browserWorld();
  let graceId: string;
  beforeEach(async () => {
    graceId = await world.person({ fullName: 'Grace Okafor', perspectives: ['draws-on-care'] }, { email: 'grace@example.org' });
  });

  test('an admin sets the payment policy and the benefits limits', async () => {
    const { context, page } = await signedInPage(world, 'ada@northshire.test', 'Ada Admin');
    await page.getByRole('link', { name: 'Payments', exact: true }).click();
    await page.getByRole('heading', { name: 'Payments', level: 1 }).waitFor();
    await expectAccessible(page, 'payments');

    await page.getByRole('link', { name: 'Payment policy' }).click();
    await expectAccessible(page, 'payment policy, none yet');
    await page.getByRole('button', { name: 'Add a new version' }).click();
    await expectAccessible(page, 'add a policy version');
    await page.getByLabel('Meetings').fill('12.345');
    await page.getByRole('button', { name: 'Save new version' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'add a policy version with errors');
    assert.equal(await page.getByLabel('Meetings').inputValue(), '12.345');

    await fillDate(page, 'Date these rates start', '1', '4', '2025');
    for (const [label, amount] of [
      ['Meetings', '15'],
      ['Preparation', '15'],
      ['Training', '12.50'],
      ['Recruitment panels', '20'],
      ['Consultations', '15'],
      ['Peer support', '13'],
      ['Other work', '10'],
    ]) {
      await page.getByLabel(label!, { exact: true }).fill(amount!);
    }
    await page.getByLabel('Some minutes for every hour of a meeting').check();
    await page.getByLabel('Minutes of preparation').fill('30');
    await page.getByLabel('Mileage rate for each mile').fill('0.45');
    await expectAccessible(page, 'add a policy version, filled in');
    await page.getByRole('button', { name: 'Save new version' }).click();
    await page.getByText('The new version of the payment policy is saved').waitFor();
    await page.getByText('£0.45 a mile').waitFor();
    await expectAccessible(page, 'payment policy');

    await page.goto('/rewards/benefits');
    await expectAccessible(page, 'benefits limits, none yet');
    await page.getByRole('button', { name: 'Add an earnings limit' }).click();
    await expectAccessible(page, 'add a limit');
    await page.getByRole('button', { name: 'Save limit' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'add a limit with errors');
    await page.getByLabel('Employment and Support Allowance (ESA) permitted work').check();
    await fillDate(page, 'Date this limit starts', '6', '4', '2025');
    await page.getByLabel('Limit', { exact: true }).fill('200');
    await page.getByRole('button', { name: 'Save limit' }).click();
    await page.getByText('The earnings limit is saved').waitFor();
    await page.getByLabel('No, do not count vouchers').check();
    await page.getByRole('button', { name: 'Save voucher setting' }).click();
    await page.getByText('The voucher setting is saved').waitFor();
    await expectAccessible(page, 'benefits limits');
    await context.close();
  });

  test('a member chooses how they are rewarded and records their benefits', async () => {
    const { context, page } = await signedInPage(world, 'grace@example.org', 'Grace Okafor');
    await page.getByRole('link', { name: 'My details', exact: true }).first().click();
    await page.getByRole('link', { name: /How you are rewarded, and your benefits/ }).click();
    await page.getByRole('heading', { name: 'How you are rewarded', level: 1 }).waitFor();
    await expectAccessible(page, 'my reward');
    await page.getByRole('link', { name: 'Choose how you are rewarded' }).click();
    await expectAccessible(page, 'choose my reward');
    await page.getByRole('button', { name: 'Save choice' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'choose my reward with errors');
    await page.getByLabel('A lower amount of money').check();
    await page.getByLabel('For a lower amount: how much an hour?').fill('5');
    await expectAccessible(page, 'choose my reward, lower amount');
    await page.getByRole('button', { name: 'Save choice' }).click();
    await page.getByText('A lower amount of money: £5.00 an hour').waitFor();

    await page.getByRole('link', { name: 'Benefits that payments might affect' }).click();
    await expectAccessible(page, 'my benefits, none yet');
    await page.getByRole('link', { name: 'Record benefits' }).click();
    await expectAccessible(page, 'my benefits form');
    await page.getByLabel('Universal Credit').check();
    await page.getByRole('button', { name: 'Save benefits' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'my benefits form with errors');
    await page.getByLabel('Day of the month the assessment period starts').fill('31');
    await page.getByLabel('Yes, I agree').check();
    await page.getByRole('button', { name: 'Save benefits' }).click();
    await page.getByText('assessment period starts on day 31 of each month').waitFor();
    await expectAccessible(page, 'my benefits');
    await context.close();
  });

  test('with JavaScript off, staff record a reward choice for someone', async () => {
    const { context, page } = await signedInPage(world, 'ada@northshire.test', 'Ada Admin', {
      open: `/people/${graceId}/reward/change`,
      javaScriptEnabled: false,
    });
    await page.getByLabel('Payment given to a charity').check();
    await page.getByLabel('For a charity: its name').fill('Northby Food Bank');
    await page.getByLabel('I am recording this for Grace Okafor').check();
    await page.getByRole('button', { name: 'Save choice' }).click();
    await page.getByText('Payment given to a charity: Northby Food Bank').waitFor();
    const org = await world.db.selectFrom('organisations').select('id').executeTakeFirstOrThrow();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(browserClock());
    assert.equal((await world.services.rewards.rewardChoiceOn(org.id, graceId, today)).charity, 'Northby Food Bank');
    await context.close();
  });
});
