import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserMissing, expectAccessible } from './harness.ts';
import { admin, browserWorld, signedInPage } from './world.ts';

// Issue 21 (C3): a project member adds a risk to their project's log and comments on it,
// by keyboard with JavaScript off; staff see it, record a decision to go ahead despite it,
// and every page passes axe.
describe('journey: a risk log made with members', { skip: browserMissing }, () => {
  const world = browserWorld();

  test('a member adds a risk and a comment by keyboard without JavaScript; staff record who agreed; the pages pass axe', async () => {
    const project = await world.services.projects.create(world.staff, {
      title: 'Better lunches',
      purpose: 'Menus people like',
      activities: ['co-design'],
      levelAim: 'intermediate',
      stage: 'designing',
      startDate: '2026-01-05',
    });
    const mo = await world.person({ fullName: 'Mo Member', perspectives: ['draws-on-care'] }, { email: 'mo@example.com' });
    await world.services.projects.addMember(world.staff, project, mo, 'member', '2026-02-01');

    const { context, page } = await signedInPage(world, 'mo@example.com', 'Mo Member', {
      javaScriptEnabled: false,
      open: `/projects/${project}`,
    });
    const press = async (locator: ReturnType<typeof page.getByRole>, key = 'Enter') => {
      await locator.focus();
      await page.keyboard.press(key);
    };
    await press(page.getByRole('link', { name: 'See and add risks for this project' }));
    await page.getByRole('heading', { name: 'Risks for Better lunches' }).waitFor();
    await press(page.getByRole('link', { name: 'Add the risk of not working together' }));
    await page.getByRole('heading', { name: 'Add a risk' }).waitFor();
    assert.equal(
      await page.getByRole('textbox', { name: 'What could go wrong?' }).inputValue(),
      'We make decisions about people without them',
    );
    // Change the starter's words, and say it is likely.
    await page.getByRole('textbox', { name: 'What could go wrong?' }).focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Menus are chosen without the people who eat the lunches');
    await press(page.getByRole('group', { name: 'How likely is it?' }).getByRole('radio', { name: 'Likely', exact: true }), 'Space');
    await press(page.getByRole('button', { name: 'Add the risk' }));
    await page.getByText('Thank you. The risk has been added.').waitFor();
    await page.getByRole('heading', { name: 'Menus are chosen without the people who eat the lunches' }).waitFor();

    await page.getByRole('textbox', { name: 'Add a comment' }).focus();
    await page.keyboard.type('Ask us at the lunch club on Tuesdays.');
    await press(page.getByRole('button', { name: 'Add your comment' }));
    await page.getByText('Ask us at the lunch club on Tuesdays.').waitFor();
    // An empty comment shows the error summary, JavaScript or not.
    await press(page.getByRole('button', { name: 'Add your comment' }));
    await page.getByRole('link', { name: 'Write your comment' }).waitFor();
    await context.close();

    const staff = await signedInPage(world, admin.email, admin.name, { open: '/risks' });
    await expectAccessible(staff.page, 'risks');
    await staff.page.getByRole('link', { name: 'Menus are chosen without the people who eat the lunches' }).click();
    await expectAccessible(staff.page, 'one risk');
    await staff.page.getByRole('link', { name: 'Write down a decision to go ahead' }).click();
    await expectAccessible(staff.page, 'decision form');
    await staff.page.getByRole('textbox', { name: 'What did you decide to do?' }).fill('Try the new menu for a month');
    await staff.page.getByRole('textbox', { name: 'Why is it worth the risk?' }).fill('People asked for it');
    await staff.page.getByRole('checkbox', { name: 'Mo Member' }).check();
    await staff.page.getByRole('button', { name: 'Save the decision' }).click();
    await staff.page.getByText('The decision has been written down.').waitFor();
    await staff.page
      .getByRole('listitem')
      .filter({ hasText: /^Mo Member, \d+ \w+ \d{4}$/ })
      .waitFor();
    await staff.page.goto('/risks/new?log=organisation');
    await staff.page.getByRole('button', { name: 'Add the risk' }).click();
    await staff.page.getByRole('link', { name: 'Say what could go wrong' }).waitFor();
    await expectAccessible(staff.page, 'risk form with errors');
    await staff.context.close();
  });
});
