import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { londonToday } from '../../src/platform/time.ts';
import { allStatements } from '../../src/modules/reviews/vocabulary.ts';
import { browserClock, browserMissing, expectAccessible } from './harness.ts';
import { admin, browserWorld, signedInPage } from './world.ts';

// Issue 21: open by default (C1, V4) and reviews use the evidence. A member reads their
// project's report and the latest review; staff keep the report inside the team by keyboard
// with JavaScript off; the member is told staff chose it; the culture page shows evidence.
describe('journey: members read what their projects did; reviews show the evidence', { skip: browserMissing }, () => {
  const world = browserWorld();

  test('member pages, the staff choice by keyboard without JavaScript, and the culture evidence pass axe', async () => {
    const mo = await world.person(
      { fullName: 'Mo Member', perspectives: ['draws-on-care'], contactOrder: ['email'] },
      { email: 'mo@example.com' },
    );
    const projectId = await world.services.projects.create(world.staff, {
      title: 'Better day centre lunches',
      purpose: 'Menus',
      activities: ['co-design'],
      levelAim: 'intermediate',
      stage: 'designing',
      startDate: '2026-11-01',
    });
    await world.services.projects.addMember(world.staff, projectId, mo, 'member', '2026-11-01');
    const today = londonToday(browserClock());
    const cycle = (title: string) =>
      world.services.reviews.create(world.staff, {
        title,
        projectId: null,
        opensOn: today,
        closesOn: today,
        schedule: 'none',
        gapThresholdTenths: 10,
      });
    const done = await cycle('Autumn review');
    const open = await cycle('Winter review');
    assert.ok(done.ok && open.ok);
    const adminUser = {
      ...world.staff,
      accountId: '',
      organisationName: 'Northshire County Council',
      role: 'admin' as const,
      name: admin.name,
    };
    await world.services.reviews.saveSection(
      adminUser,
      done.id,
      mo,
      allStatements.map((code) => ({ code, answer: 3 as const, comment: null })),
      'in-person',
    );
    await world.services.reviews.close(world.staff, done.id);

    const { context: member, page } = await signedInPage(world, 'mo@example.com', 'Mo Member', { open: '/' });
    await page.getByRole('link', { name: 'More', exact: true }).click();
    await page.getByRole('heading', { name: 'More', level: 1 }).waitFor();
    await expectAccessible(page, 'more');
    await page.getByRole('link', { name: 'What we have done' }).first().click();
    await page.getByRole('heading', { name: 'What we have done', level: 1 }).waitFor();
    await expectAccessible(page, 'what we have done');
    await page.getByRole('link', { name: 'What Better day centre lunches has done' }).click();
    await page.getByRole('heading', { name: 'Who took part', level: 2 }).waitFor();
    await expectAccessible(page, "a project's report for members");
    await page.goto('/our-impact/review');
    await page.getByText('The review "Autumn review"').waitFor();
    await expectAccessible(page, 'the latest review for members');
    await page.goto(`/reviews/${open.id}/answer/culture`);
    await page.getByText(/What the app shows about this \(C3\)/).waitFor();
    await expectAccessible(page, 'culture statements with their evidence');

    const { context: staff, page: staffPage } = await signedInPage(world, admin.email, admin.name, {
      open: `/our-impact/projects/${projectId}`,
      javaScriptEnabled: false,
    });
    await staffPage.getByRole('button', { name: 'Keep this inside the team' }).focus();
    await staffPage.keyboard.press('Enter');
    await staffPage.getByText('Only staff can read this now. Members are told staff chose this.').waitFor();
    await staff.close();

    await page.goto(`/our-impact/projects/${projectId}`);
    await page.getByText('Staff have chosen to keep this inside the team for now.').waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Who took part', level: 2 }).count(), 0);
    await expectAccessible(page, 'a report kept inside the team');
    await member.close();
  });
});
