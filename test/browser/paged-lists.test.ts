import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { newId } from '../../src/platform/ids.ts';
import { browserClock, browserMissing, expectAccessible } from './harness.ts';
import { admin, browserWorld, signIn } from './world.ts';

// Long lists come a page at a time with the GOV.UK pagination component: checked with axe,
// and followed by keyboard with JavaScript off, on the people list and a review's people.
describe('journey: long lists a page at a time (P1)', { skip: browserMissing }, () => {
  const world = browserWorld();
  let reviewId = '';
  beforeEach(async () => {
    const { db, organisationId, services, staff } = world;
    const at = browserClock().toISOString();
    await db
      .insertInto('people')
      .values(
        Array.from({ length: 120 }, (_, i) => ({
          id: newId(),
          organisation_id: organisationId,
          full_name: `Zed Person ${String(i).padStart(3, '0')}`,
          contact_order: '[]',
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
    const today = at.slice(0, 10);
    const made = await services.reviews.create(staff, {
      title: 'Winter review',
      projectId: null,
      opensOn: today,
      closesOn: today,
      schedule: 'none',
      gapThresholdTenths: 10,
    });
    if (!made.ok) throw new Error('review not made');
    reviewId = made.id;
  });

  test('the people list and a review page pass axe on a later page', async () => {
    const page = await (await world.context()).newPage();
    await signIn(page, admin.email, admin.name);
    for (const url of ['/people?page=2', `/reviews/${reviewId}?page=3`]) {
      await page.goto(url);
      await page.getByRole('navigation', { name: /results|pagination/i }).waitFor();
      await expectAccessible(page, url);
    }
    assert.ok(await page.getByRole('rowheader', { name: 'Zed Person 119' }).isVisible());
  });

  test('with JavaScript off, staff move through the pages by keyboard', async () => {
    const page = await (await world.context({ javaScriptEnabled: false })).newPage();
    await signIn(page, admin.email, admin.name);
    await page.goto(`/reviews/${reviewId}`);
    assert.equal(await page.getByRole('rowheader', { name: 'Zed Person 119' }).count(), 0);
    await page.getByRole('link', { name: /Next/ }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/page=2/);
    await page.getByRole('link', { name: /Next/ }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/page=3/);
    await page.getByRole('rowheader', { name: 'Zed Person 119' }).waitFor();
  });
});
