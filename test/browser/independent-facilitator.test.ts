import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserClock, browserMissing, expectAccessible } from './harness.ts';
import { admin, browserWorld, signedInPage } from './world.ts';

// Issue 22: an admin names an independent facilitator on a project; the facilitator, by
// keyboard with JavaScript off, finds the project's meeting, sees who needs what, writes the
// notes and the easy read summary, and opens their own record. Their pages, and the admin's
// naming page, pass axe with JavaScript on.
describe('journey: an independent facilitator runs a project’s meeting', { skip: browserMissing }, () => {
  const world = browserWorld();

  test('named by the admin, they write a meeting’s notes by keyboard without JavaScript; every page passes axe', async () => {
    const project = await world.services.projects.create(world.staff, {
      title: 'Easy read letters',
      purpose: 'Letters people understand',
      activities: ['co-design'],
      levelAim: 'intermediate',
      stage: 'designing',
      startDate: '2026-01-05',
    });
    const eileen = await world.person({ fullName: 'Eileen Murphy', perspectives: ['draws-on-care'] });
    await world.services.accessNeeds.save({ ...world.staff, role: 'admin' }, eileen, true, {
      formats: ['large-print'],
      interpreterLanguage: null,
      physical: [],
      support: [],
      dietary: null,
      other: null,
    });
    await world.services.projects.addMember(world.staff, project, eileen, 'member', '2026-02-01');
    const ivy = await world.person(
      { fullName: 'Ivy Independent', perspectives: ['partner'] },
      { email: 'ivy@example.com', role: 'independent-facilitator' },
    );
    const startsAt = new Date(browserClock().getTime() + 7 * 86_400_000);
    startsAt.setUTCHours(10, 0, 0, 0);
    const meeting = await world.services.meetings.create(world.staff, project, {
      title: 'Testing the first letters',
      purpose: 'Read them together',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
      format: 'in-person',
      venueId: null,
      joiningDetails: null,
      membersOnly: false,
      arrangements: [],
      interpreterLanguages: [],
    });
    await world.services.meetings.setInvitees(world.staff, meeting, [eileen]);

    // The admin names Ivy from the project page.
    const staff = await signedInPage(world, admin.email, admin.name, { open: `/projects/${project}` });
    await staff.page.getByRole('link', { name: 'Independent facilitator' }).click();
    await staff.page.getByRole('heading', { name: 'Independent facilitator for Easy read letters' }).waitFor();
    await expectAccessible(staff.page, 'naming an independent facilitator');
    await staff.page.getByRole('button', { name: 'Name them' }).click();
    await staff.page.getByRole('link', { name: 'Choose who should run it' }).waitFor();
    await expectAccessible(staff.page, 'naming page with an error');
    await staff.page.getByRole('radio', { name: 'Ivy Independent' }).check();
    await staff.page.getByRole('button', { name: 'Name them' }).click();
    await staff.page.getByText('They can now run it.').waitFor();
    await staff.page.goto('/independent-facilitators');
    await staff.page.getByRole('link', { name: 'Ivy Independent' }).waitFor();
    await expectAccessible(staff.page, 'the list of independent facilitators');
    await staff.context.close();

    // Ivy, by keyboard alone with JavaScript off.
    const { context, page } = await signedInPage(world, 'ivy@example.com', 'Ivy Independent', { javaScriptEnabled: false });
    const press = async (locator: ReturnType<typeof page.getByRole>, key = 'Enter') => {
      await locator.focus();
      await page.keyboard.press(key);
    };
    const menu = page.getByRole('navigation').getByRole('link');
    const items = await menu.allTextContents();
    assert.ok(!items.some((text) => /People|Claims|Payments|Projects/.test(text)), `no staff menu for them: ${items.join(', ')}`);
    await press(page.getByRole('link', { name: 'Easy read letters' }));
    await page.getByRole('heading', { name: 'Easy read letters' }).waitFor();
    await press(page.getByRole('link', { name: 'Testing the first letters' }));
    await page.getByRole('heading', { name: 'Testing the first letters' }).waitFor();
    await page
      .getByText(/Eileen Murphy/)
      .first()
      .waitFor();
    assert.equal(await page.getByRole('link', { name: /claims/i }).count(), 0, 'no money on their meeting page');
    await press(page.getByRole('link', { name: 'Notes, decisions and actions' }));
    await page.getByRole('textbox', { name: 'What we talked about' }).focus();
    await page.keyboard.type('We read three letters. Two were clear; one used long words.');
    await press(page.getByRole('button', { name: 'Save notes' }));
    await page.getByText('The notes are saved').waitFor();
    // The easy read summary of the meeting they run, from its notes.
    await press(page.getByRole('link', { name: 'Write the easy read summary and decisions' }));
    await page.getByRole('textbox', { name: 'Easy read summary' }).focus();
    await page.keyboard.type('We read 3 letters. 1 letter had long words.');
    await press(page.getByRole('button', { name: 'Save', exact: true }));
    await page.getByText('The easy read summary is saved.').waitFor();
    // Their own record, from their account, as any member's.
    await press(page.getByRole('link', { name: 'My account' }).first());
    await press(page.getByRole('link', { name: 'See my details' }));
    await page.getByRole('heading', { name: 'Ivy Independent' }).waitFor();
    assert.equal(await page.getByRole('link', { name: /rewarded|payments/i }).count(), 0, 'no money on their own page');
    await press(page.getByRole('link', { name: 'Change your details' }));
    await page.getByRole('link', { name: 'Change' }).first().waitFor();
    await context.close();

    const again = await signedInPage(world, 'ivy@example.com', 'Ivy Independent');
    await expectAccessible(again.page, 'where they facilitate');
    await again.page.goto(`/facilitating/projects/${project}`);
    await expectAccessible(again.page, 'their project');
    await again.page.goto(`/meetings/${meeting}`);
    await expectAccessible(again.page, 'the meeting they run');
    await again.page.goto(`/easy-read/meetings/${meeting}`);
    await expectAccessible(again.page, 'the easy read summary they write');
    await again.page.goto(`/people/${ivy}`);
    await expectAccessible(again.page, 'their own record');
    await again.context.close();
  });
});
