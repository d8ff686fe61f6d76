import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inLanguage, makeTranslator } from '../../src/platform/i18n.ts';
import { browserMissing, expectAccessible } from './harness.ts';
import { admin, browserWorld, signedInPage } from './world.ts';

const t = makeTranslator('en');
const cy = (key: string, options?: Record<string, unknown>) => inLanguage('cy', () => t(key, options ?? {}));

// Issue 24: with Welsh on, a member changes language by keyboard with JavaScript off, reads
// their project's purpose in Welsh, and changes back; the Welsh pages and the admin's Welsh
// settings pass axe (with JavaScript on: axe hangs without it).
describe('journey: Welsh', { skip: browserMissing }, () => {
  const world = browserWorld();

  test('a member switches to Welsh by keyboard without JavaScript and reads the Welsh purpose; Welsh pages pass axe', async () => {
    await world.services.languages.saveSetting(world.staff, 'english-first');
    const project = await world.services.projects.create(world.staff, {
      title: 'Better lunches',
      purpose: 'Choose the menu together.',
      activities: ['co-design'],
      levelAim: 'intermediate',
      stage: 'designing',
      startDate: '2026-01-05',
    });
    await world.services.languages.saveWelshVersion(
      world.organisationId,
      { type: 'project', id: project, field: 'purpose' },
      'Dewis y fwydlen gyda’n gilydd, yn Nhŷ’r Dŵr.',
    );
    const gwen = await world.person({ fullName: 'Gwen Morgan', perspectives: ['draws-on-care'] }, { email: 'gwen@example.com' });
    await world.services.projects.addMember(world.staff, project, gwen, 'member', '2026-02-01');

    const { context, page } = await signedInPage(world, 'gwen@example.com', 'Gwen Morgan', { javaScriptEnabled: false, open: '/' });
    const press = async (locator: ReturnType<typeof page.getByRole>) => {
      await locator.focus();
      await page.keyboard.press('Enter');
    };
    await press(page.getByRole('button', { name: 'Cymraeg' }));
    await page.getByRole('button', { name: 'English' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'cy');
    await page.getByRole('link', { name: cy('common:skipLink') }).waitFor({ state: 'attached' });
    await press(page.getByRole('link', { name: cy('common:nav.myProjects'), exact: true }).first());
    await press(page.getByRole('link', { name: 'Better lunches' }));
    await page.getByText('Dewis y fwydlen gyda’n gilydd, yn Nhŷ’r Dŵr.').waitFor();
    // Remembered: a new page, still Welsh; then back to English.
    await page.goto('/');
    assert.equal(await page.locator('html').getAttribute('lang'), 'cy');
    await press(page.getByRole('button', { name: 'English' }));
    await page.getByRole('button', { name: 'Cymraeg' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en-GB');
    await context.close();

    const again = await signedInPage(world, 'gwen@example.com', 'Gwen Morgan', { open: '/' });
    await again.page.getByRole('button', { name: 'Cymraeg' }).click();
    await again.page.getByRole('button', { name: 'English' }).waitFor();
    await expectAccessible(again.page, 'home in Welsh');
    await again.page.goto(`/projects/${project}`);
    await again.page.getByText('Dewis y fwydlen').waitFor();
    await expectAccessible(again.page, 'project in Welsh');
    await again.page.goto('/meetings');
    await expectAccessible(again.page, 'meetings in Welsh');
    await again.context.close();

    const staff = await signedInPage(world, admin.email, admin.name, { open: '/organisation/languages' });
    await expectAccessible(staff.page, 'Welsh settings');
    await staff.page.getByRole('radio', { name: 'Yes, Welsh first' }).check();
    await staff.page.getByRole('button', { name: 'Save' }).click();
    await staff.page.getByText('Your choice about Welsh is saved').waitFor();
    await staff.page.goto(`/languages/projects/${project}/welsh`);
    await expectAccessible(staff.page, 'Welsh version of a purpose');
    await staff.context.close();
  });
});
