import { describe, test } from 'node:test';
import { browserMissing, expectAccessible } from './harness.ts';
import { admin, browserWorld, signedInPage } from './world.ts';

// Issue 22 (P5): staff give a newcomer a buddy and write down help given, by keyboard with
// JavaScript off; the buddies list, the form and the pair's page pass axe.
describe('journey: a buddy for a newcomer', { skip: browserMissing }, () => {
  const world = browserWorld();

  test('staff give Nia a buddy and write down a phone call, by keyboard without JavaScript; the pages pass axe', async () => {
    const nia = await world.person({ fullName: 'Nia Newcomer', perspectives: ['draws-on-care'] });
    await world.person({ fullName: 'Bo Buddy', perspectives: ['draws-on-care'] });

    const { context, page } = await signedInPage(world, admin.email, admin.name, { javaScriptEnabled: false, open: `/people/${nia}` });
    const press = async (locator: ReturnType<typeof page.getByRole>, key = 'Enter') => {
      await locator.focus();
      await page.keyboard.press(key);
    };
    await press(page.getByRole('link', { name: 'Give them a buddy Nia Newcomer' }));
    await page.getByRole('heading', { name: 'Give Nia Newcomer a buddy' }).waitFor();
    await press(page.getByRole('button', { name: 'Give them a buddy' }));
    await page.getByRole('link', { name: 'Choose who will be the buddy' }).waitFor();
    const buddy = page.getByRole('combobox', { name: 'Buddy' });
    await buddy.focus();
    await buddy.selectOption({ label: 'Bo Buddy' });
    await press(page.getByRole('button', { name: 'Give them a buddy' }));
    await page.getByText('Buddy added.').waitFor();
    await page.getByRole('heading', { name: 'Nia Newcomer and their buddy Bo Buddy' }).waitFor();

    await press(page.getByRole('radio', { name: 'By phone' }), 'Space');
    await page.getByRole('textbox', { name: 'What help was given' }).focus();
    await page.keyboard.type('Phoned to talk about the meeting on Tuesday');
    await press(page.getByRole('button', { name: 'Save' }));
    await page.getByText('Help written down.').waitFor();
    await page.getByRole('cell', { name: 'Phoned to talk about the meeting on Tuesday' }).waitFor();
    const pairUrl = page.url();
    await context.close();

    // axe runs in the page, so it looks at the same pages with JavaScript on.
    const again = await signedInPage(world, admin.email, admin.name, { open: '/buddies' });
    await again.page.getByRole('link', { name: /Nia Newcomer/ }).waitFor();
    await expectAccessible(again.page, 'buddies list');
    await again.page.goto(pairUrl);
    await again.page.getByRole('button', { name: 'Save' }).click();
    await again.page.getByRole('link', { name: 'Say what help was given' }).waitFor();
    await expectAccessible(again.page, 'buddy pair with an error');
    await again.page.goto(`/buddies/new/${nia}`);
    await expectAccessible(again.page, 'give a buddy form');
    await again.context.close();
  });
});
