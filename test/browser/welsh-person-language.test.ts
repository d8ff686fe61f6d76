import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserClock, browserMissing, expectAccessible } from './harness.ts';
import { admin, browserWorld, signedInPage } from './world.ts';

// Issue 24: with Welsh on, staff record by keyboard, with JavaScript off, the language of
// someone who never signs in (they asked on the phone), and see it on the person's page.
// The pages this changed pass axe (with JavaScript on: axe hangs without it): the person's
// page, the language page shown after a mistake, a meeting's notes with the Welsh summary
// field, and a safeguarding concern naming the Welsh Act.
describe('journey: staff set a person’s language', { skip: browserMissing }, () => {
  const world = browserWorld();

  test('staff choose Cymraeg for someone by keyboard without JavaScript; the changed pages pass axe', async () => {
    await world.services.languages.saveSetting(world.staff, 'english-first');
    const nora = await world.services.people.create(world.staff, {
      fullName: 'Nora Post',
      perspectives: ['carer'],
      address: '1 High Street\nNorthtown',
      contactOrder: ['letter'],
    });

    const { context, page } = await signedInPage(world, admin.email, admin.name, { javaScriptEnabled: false, open: `/people/${nora}` });
    await page.getByRole('heading', { name: 'Language for messages' }).waitFor();
    await page.getByText('Their messages are in: Both Welsh and English.').waitFor();
    const cymraeg = page.getByRole('radio', { name: 'Cymraeg (Welsh)' });
    await cymraeg.focus();
    await page.keyboard.press('Space');
    assert.ok(await cymraeg.isChecked());
    await page.getByRole('button', { name: 'Save language' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('The language for Nora Post is saved').waitFor();
    await page.getByText('Their messages are in: Cymraeg (Welsh).').waitFor();
    assert.match(page.url(), new RegExp(`/people/${nora}#messages-language$`));
    await context.close();
    const saved = await world.db.selectFrom('language_preferences').select('language').where('person_id', '=', nora).executeTakeFirst();
    assert.equal(saved?.language, 'cy');

    const staff = await signedInPage(world, admin.email, admin.name, { open: `/people/${nora}` });
    await staff.page.getByRole('heading', { name: 'Language for messages' }).waitFor();
    await expectAccessible(staff.page, 'a person’s page with their language');
    await staff.page.goto(`/languages/people/${nora}`);
    await expectAccessible(staff.page, 'a person’s language');

    const project = await world.services.projects.create(world.staff, {
      title: 'Better lunches',
      purpose: 'Choose the menu together.',
      activities: ['co-design'],
      levelAim: 'intermediate',
      stage: 'designing',
      startDate: '2026-01-05',
    });
    const startsAt = new Date(browserClock().getTime() - 2 * 86_400_000);
    const meeting = await world.services.meetings.create(world.staff, project, {
      title: 'Menu tasting',
      purpose: 'Taste soups',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
      format: 'in-person',
      venueId: null,
      joiningDetails: null,
      membersOnly: false,
      arrangements: [],
      interpreterLanguages: [],
    });
    await staff.page.goto(`/meetings/${meeting}/notes`);
    await staff.page.getByRole('textbox', { name: 'Short summary in Welsh (if you can)' }).waitFor();
    await expectAccessible(staff.page, 'meeting notes with the Welsh summary');

    const { id } = await world.services.safeguarding.raise({
      organisationId: world.organisationId,
      raisedByPersonId: null,
      reporterName: null,
      reporterContact: null,
      aboutName: null,
      whatHappened: 'Something worried me.',
      dangerNow: false,
    });
    await world.services.safeguarding.saveSettings(
      { ...world.staff, role: 'admin' },
      { leadPersonId: world.adminPersonId, deputyPersonId: null, acknowledgeWithinDays: 1, outOfHours: null, localTeam: null },
    );
    await staff.page.goto(`/safeguarding/${id}`);
    await staff.page
      .getByText(/Social Services and Well-being \(Wales\) Act 2014, section 126/)
      .first()
      .waitFor();
    await expectAccessible(staff.page, 'a concern in Wales');
    await staff.context.close();
  });
});
