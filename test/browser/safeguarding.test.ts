import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserMissing, expectAccessible } from './harness.ts';
import { browserWorld, signedInPage, signIn } from './world.ts';

// Issue 21 (C3): someone who never signs in raises a concern from the link at the foot of
// every page, by keyboard with JavaScript off; the safeguarding lead reads it and picks it
// up; every page passes axe.
describe('journey: raising a safeguarding concern without signing in', { skip: browserMissing }, () => {
  const world = browserWorld();

  test('a visitor raises a concern by keyboard without JavaScript; the lead picks it up; the pages pass axe', async () => {
    const lena = await world.person(
      { fullName: 'Lena Lead', perspectives: ['practitioner'], contactOrder: ['email'] },
      { email: 'lena@example.com', role: 'facilitator' },
    );
    await world.services.safeguarding.saveSettings(
      { ...world.staff, role: 'admin' },
      {
        leadPersonId: lena,
        deputyPersonId: null,
        acknowledgeWithinDays: 1,
        outOfHours: 'Call the emergency duty team on 0300 123 4567.',
        localTeam: 'Northshire adult social care, 0300 555 0100',
      },
    );

    const visitor = await world.context({ javaScriptEnabled: false });
    const page = await visitor.newPage();
    await page.goto('/sign-in');
    await page.getByRole('link', { name: "Worried about someone's safety?" }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: "Tell us you are worried about someone's safety" }).waitFor();
    await page.getByText('If someone is in danger now, call 999.').first().waitFor();
    await page.getByRole('group', { name: 'Is someone in danger now?' }).getByRole('radio', { name: 'No' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('textbox', { name: 'What are you worried about?' }).focus();
    await page.keyboard.type('My neighbour has not been seen for a week and her post is piling up.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Mrs Patel at number 4');
    await page.getByRole('textbox', { name: 'Your email address or phone number' }).focus();
    await page.keyboard.type('sam@example.com');
    // A person takes a few seconds over the form; the app refuses anything quicker.
    await page.waitForTimeout(3_200);
    await page.getByRole('button', { name: 'Send' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Thank you for telling us' }).waitFor();
    const banner = await page.getByText(/Its number is SG-/).textContent();
    const reference = /SG-[A-Z0-9]{6}/.exec(banner ?? '')?.[0];
    assert.ok(reference);
    await visitor.close();

    const checked = await world.context();
    const shown = await checked.newPage();
    await shown.goto('/safeguarding/concern');
    await expectAccessible(shown, 'raise a concern');
    await signIn(shown, 'lena@example.com', 'Lena Lead');
    await shown.goto('/safeguarding');
    await expectAccessible(shown, 'safeguarding concerns');
    await shown.getByRole('link', { name: reference! }).focus();
    await shown.keyboard.press('Enter');
    await shown.getByText('My neighbour has not been seen for a week').waitFor();
    await expectAccessible(shown, 'one safeguarding concern');
    await shown.getByRole('button', { name: 'I have picked this up' }).focus();
    await shown.keyboard.press('Enter');
    await shown.getByText('Saved: you have picked this up').waitFor();
    await checked.close();

    const { context: admin, page: settings } = await signedInPage(world, 'ada@northshire.test', 'Ada Admin', {
      open: '/organisation/safeguarding',
    });
    await expectAccessible(settings, 'safeguarding leads');
    await admin.close();
  });
});
