import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserMissing, expectAccessible } from './harness.ts';
import { browserWorld, signedInPage } from './world.ts';

// Issue 20 (S4): a member sets their project's communication plan with the members, by
// keyboard with JavaScript off; a mistake is shown with what they chose kept; the pages pass axe.
describe('journey: setting a project’s communication plan', { skip: browserMissing }, () => {
  const world = browserWorld();

  test('a member sets how the project shares decisions and news, by keyboard without JavaScript; the pages pass axe', async () => {
    const { services, staff } = world;
    const mo = await world.person(
      { fullName: 'Mo Member', perspectives: ['draws-on-care'], contactOrder: ['email'] },
      { email: 'mo@example.com', role: 'member' },
    );
    const projectId = await services.projects.create(staff, {
      title: 'Better day centre lunches',
      purpose: 'Choose food together.',
      activities: ['co-decision'],
      levelAim: 'transformative',
      stage: 'deciding',
      startDate: '2026-01-05',
    });
    await services.projects.addMember(staff, projectId, mo, 'member', '2026-01-05');

    const { context, page } = await signedInPage(world, 'mo@example.com', 'Mo Member', {
      open: `/projects/${projectId}`,
      javaScriptEnabled: false,
    });
    await page.getByRole('link', { name: 'How we share news' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'How we share news: Better day centre lunches' }).waitFor();
    await page.getByText('has not made a plan yet').waitFor();
    await page.getByRole('button', { name: 'Change the plan' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Change how we share news/ }).waitFor();

    await page
      .getByRole('group', { name: 'How often do we send decisions?' })
      .getByRole('radio', { name: 'Once a week, all together' })
      .focus();
    await page.keyboard.press('Space');
    const news = page.getByRole('group', { name: 'How do we share news, like what happened at a meeting?' });
    await news.getByRole('checkbox', { name: 'Word of mouth, through groups' }).focus();
    await page.keyboard.press('Space');
    await page
      .getByRole('group', { name: 'How often do we send news, like what happened at a meeting?' })
      .getByRole('radio', { name: 'Once a month, all together' })
      .focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Save the plan' }).focus();
    await page.keyboard.press('Enter');

    // Word of mouth, but no groups named: the error says so, and the choices are kept.
    await page.getByRole('alert').getByText('Say which groups pass it on, or untick word of mouth').waitFor();
    assert.equal(
      await page
        .getByRole('group', { name: 'How often do we send decisions?' })
        .getByRole('radio', { name: 'Once a week, all together' })
        .isChecked(),
      true,
    );
    await page.getByRole('textbox', { name: 'Which groups pass on news, like what happened at a meeting by word of mouth?' }).focus();
    await page.keyboard.type('The carers’ group at the library');
    await page.getByRole('textbox', { name: 'How did you agree this plan?' }).focus();
    await page.keyboard.type('At the members’ meeting in November');
    await page.getByRole('button', { name: 'Save the plan' }).focus();
    await page.keyboard.press('Enter');

    await page.getByText('The plan is saved.').waitFor();
    await page.getByText('Once a week, all together').first().waitFor();
    await page.getByText(/The carers’ group at the library/).waitFor();
    await context.close();

    // axe runs with JavaScript on (it hangs without).
    const checked = await signedInPage(world, 'mo@example.com', 'Mo Member', { open: `/projects/${projectId}/communication-plan` });
    await expectAccessible(checked.page, 'a project’s communication plan');
    await checked.page.goto(`/projects/${projectId}/communication-plan/edit`);
    await expectAccessible(checked.page, 'changing a communication plan');
    await checked.page.getByRole('group', { name: 'How do we share decisions?' }).getByRole('checkbox', { name: 'Email' }).uncheck();
    await checked.page.getByRole('group', { name: 'How do we share decisions?' }).getByRole('checkbox', { name: 'Text message' }).uncheck();
    await checked.page.getByRole('group', { name: 'How do we share decisions?' }).getByRole('checkbox', { name: 'Letter' }).uncheck();
    await checked.page.getByRole('group', { name: 'How do we share decisions?' }).getByRole('checkbox', { name: 'Phone call' }).uncheck();
    await checked.page.getByRole('button', { name: 'Save the plan' }).click();
    await checked.page.getByRole('alert').waitFor();
    await expectAccessible(checked.page, 'a communication plan with a mistake');
    await checked.context.close();

    const admin = await signedInPage(world, 'ada@northshire.test', 'Ada Admin', { open: '/communication-plans/not-met' });
    await expectAccessible(admin.page, 'communication plans not kept');
    await admin.context.close();
  });
});
