import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { browserMissing, expectAccessible } from './harness.ts';
import { admin, browserWorld, signIn } from './world.ts';

// The staff texts inbox (issue 16): texts the app could not act on by itself wait at
// /admin/texts. Axe finds nothing on the list or on one text, and with JavaScript off staff
// open a text and mark it dealt with using the keyboard alone.

/** Presses Tab until the thing has focus, as someone without a mouse would; fails if it never does. */
async function tabTo(page: Page, target: Locator, most = 60): Promise<void> {
  const handle = await target.elementHandle();
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((el) => el === document.activeElement, handle)) return;
  }
  assert.fail(`Tab never reached ${String(target)}`);
}

describe('journey: the staff texts inbox', { skip: browserMissing }, () => {
  const world = browserWorld();
  const receive = async () => {
    await world.person({ fullName: 'Dennis Whitfield', perspectives: ['draws-on-care'], mobile: '07700 900111', contactOrder: ['text'] });
    const at = world.running.now().toISOString();
    await world.services.texts.receive({
      provider: 'twilio',
      providerId: 'SM1',
      from: '+447700900111',
      body: 'yes but I may be late',
      receivedAt: at,
    });
    await world.services.texts.receive({
      provider: 'twilio',
      providerId: 'SM2',
      from: '+447700900999',
      body: 'Who is this?',
      receivedAt: at,
    });
  };

  test('the inbox and one text pass axe', async () => {
    await receive();
    const page = await (await world.context()).newPage();
    await signIn(page, admin.email, admin.name);
    await page.goto('/admin/texts');
    await page.getByRole('heading', { name: 'Texts received', level: 1 }).waitFor();
    await expectAccessible(page, 'texts received');
    await page.getByRole('link', { name: 'Dennis Whitfield' }).click();
    await page.getByRole('heading', { name: 'Text from Dennis Whitfield', level: 1 }).waitFor();
    await expectAccessible(page, 'one text');
    await page.goto('/admin/texts?show=all');
    await expectAccessible(page, 'all texts');
  });

  test('with JavaScript off, staff open a text and mark it dealt with by keyboard alone', async () => {
    await receive();
    const page = await (await world.context({ javaScriptEnabled: false })).newPage();
    await signIn(page, admin.email, admin.name);
    await page.goto('/admin/texts');
    await tabTo(page, page.getByRole('link', { name: 'Dennis Whitfield' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Text from Dennis Whitfield', level: 1 }).waitFor();
    assert.ok(await page.getByText('yes but I may be late').isVisible());
    await tabTo(page, page.getByLabel('What it meant and what you did (optional)'));
    await page.keyboard.type('Phoned him: he is coming, a little late');
    await tabTo(page, page.getByRole('button', { name: 'Mark as dealt with' }));
    await page.keyboard.press('Enter');
    await page.getByText('The text is marked as dealt with.').waitFor();
    assert.equal(await page.getByRole('link', { name: 'Dennis Whitfield' }).count(), 0, 'no longer waiting');
    // The other text still waits; the one dealt with shows under all texts, with the note.
    assert.ok(await page.getByRole('cell', { name: 'Who is this?' }).isVisible());
    await tabTo(page, page.getByRole('link', { name: 'All texts' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/show=all/);
    await tabTo(page, page.getByRole('link', { name: 'Dennis Whitfield' }));
    await page.keyboard.press('Enter');
    await page.getByText('Phoned him: he is coming, a little late').waitFor();
  });
});
