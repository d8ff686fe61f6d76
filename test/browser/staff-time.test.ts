import { describe, test } from 'node:test';
import { browserMissing, expectAccessible } from './harness.ts';
import { admin, browserWorld, signedInPage } from './world.ts';

// Issue 22 (P4): a facilitator writes down their week by keyboard with JavaScript off; the
// admin sets the time each role is given and a team; the summary shows given against used.
// Every page passes axe.
describe('journey: staff time for co-production', { skip: browserMissing }, () => {
  const world = browserWorld();

  test('a facilitator records a week by keyboard without JavaScript; the admin sets time and a team; the summary passes axe', async () => {
    const project = await world.services.projects.create(world.staff, {
      title: 'Better lunches',
      purpose: 'Menus people like',
      activities: ['co-design'],
      levelAim: 'intermediate',
      stage: 'designing',
      startDate: '2026-01-05',
    });
    const fay = await world.person(
      { fullName: 'Fay Facilitator', perspectives: ['practitioner'] },
      { email: 'fay@example.com', role: 'facilitator' },
    );
    await world.services.projects.addMember(world.staff, project, fay, 'lead', '2026-02-01');

    const { context, page } = await signedInPage(world, 'fay@example.com', 'Fay Facilitator', { javaScriptEnabled: false, open: '/' });
    const press = async (locator: ReturnType<typeof page.getByRole>, key = 'Enter') => {
      await locator.focus();
      await page.keyboard.press(key);
    };
    await press(page.getByRole('link', { name: 'Staff time' }));
    await page.getByRole('heading', { name: /Your co-production time, week of/ }).waitFor();
    await page.getByRole('textbox', { name: 'Better lunches' }).focus();
    await page.keyboard.type('an hour');
    await press(page.getByRole('button', { name: 'Save this week' }));
    await page.getByRole('link', { name: /Enter a whole number of minutes/ }).waitFor();
    await page.getByRole('textbox', { name: 'Better lunches' }).focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('75');
    await press(page.getByRole('button', { name: 'Save this week' }));
    await page.getByText('Your week is saved.').waitFor();
    await context.close();
    // axe runs in the page, so it looks at the same pages with JavaScript on.
    const again = await signedInPage(world, 'fay@example.com', 'Fay Facilitator', { open: '/staff-time' });
    await expectAccessible(again.page, 'week form');
    await again.page.getByRole('textbox', { name: 'Better lunches' }).fill('a lot');
    await again.page.getByRole('button', { name: 'Save this week' }).click();
    await again.page.getByRole('link', { name: /Enter a whole number of minutes/ }).waitFor();
    await expectAccessible(again.page, 'week form with an error');
    await again.context.close();

    const staff = await signedInPage(world, admin.email, admin.name, { open: '/organisation/staff-time' });
    await expectAccessible(staff.page, 'staff time settings');
    await staff.page.getByRole('textbox', { name: 'Facilitators' }).fill('120');
    await staff.page.getByRole('button', { name: 'Save time given' }).click();
    await staff.page.getByText('The time given is saved.').waitFor();
    await staff.page.getByRole('textbox', { name: 'New team name' }).fill('Adult social care');
    await staff.page.getByRole('button', { name: 'Add team' }).click();
    await staff.page.getByText('Adult social care is added.').waitFor();
    await staff.page
      .getByRole('combobox', { name: 'Team for Fay Facilitator (Facilitators)' })
      .selectOption({ label: 'Adult social care' });
    await staff.page.getByRole('button', { name: 'Save team for Fay Facilitator' }).click();
    await staff.page.getByText('The team is saved.').waitFor();
    await expectAccessible(staff.page, 'staff time settings with a team');
    await staff.page.goto('/staff-time/summary?weeks=4');
    await staff.page.getByRole('rowheader', { name: 'Adult social care' }).waitFor();
    await staff.page.getByRole('link', { name: 'Better lunches' }).waitFor();
    await expectAccessible(staff.page, 'staff time summary');
    await staff.context.close();
  });
});
