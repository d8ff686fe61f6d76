import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { londonToday } from '../../src/platform/time.ts';
import { answers } from '../worlds/equality.ts';
import { browserClock, browserMissing, expectAccessible } from './harness.ts';
import { admin, browserWorld, signedInPage } from './world.ts';

// Issue 20 (S5), by keyboard with JavaScript off: staff put a local group into the directory
// with who it reaches and the person who is the link, then from a gap on "who is missing"
// plan outreach with that group, and later say what came of it; the project page shows it.
// Every page passes axe (scanned with JavaScript on, as axe needs it).

async function press(page: Page, button: string) {
  await page.getByRole('button', { name: button }).focus();
  await page.keyboard.press('Enter');
}
async function follow(page: Page, link: string | RegExp) {
  await page.getByRole('link', { name: link }).first().focus();
  await page.keyboard.press('Enter');
}
async function type(page: Page, label: string, text: string) {
  await page.getByLabel(label, { exact: true }).focus();
  await page.keyboard.type(text);
}
async function tick(page: Page, label: string, within?: string) {
  const scope = within ? page.getByRole('group', { name: within, exact: true }) : page;
  await scope.getByLabel(label, { exact: true }).focus();
  await page.keyboard.press('Space');
}

describe('journey: a directory of community groups and outreach to close a gap', { skip: browserMissing }, () => {
  const world = browserWorld();

  test('staff add a group, plan outreach from a gap on who is missing and record what came of it, by keyboard with JavaScript off; the pages pass axe', async () => {
    const { services, staff } = world;
    const joinedOn = londonToday(new Date(browserClock().getTime() - 30 * 86_400_000));
    const projectId = await services.projects.create(staff, {
      title: 'Better day centre lunches',
      purpose: 'Choose food together.',
      activities: ['co-decision'],
      levelAim: 'transformative',
      stage: 'deciding',
      startDate: joinedOn,
    });
    // 150 people in the project, all White British: Asian groups are clearly missing.
    const crowd = await services.people.createMany(
      staff,
      Array.from({ length: 150 }, (_, i) => ({ fullName: `Person ${i + 1}`, perspectives: ['community' as const] })),
    );
    for (const id of crowd) {
      await services.projects.addMember(staff, projectId, id, 'member', joinedOn);
      await services.equality.save(world.organisationId, id, answers({ ethnicGroup: 'white-british', ageBand: '65-74' }), {
        how: 'self',
        by: null,
      });
    }

    const { context, page } = await signedInPage(world, admin.email, admin.name, { javaScriptEnabled: false });
    await follow(page, 'Community groups');
    await page.getByRole('heading', { name: 'Community groups', level: 1 }).waitFor();
    await follow(page, 'Add a group');
    await type(page, 'Name of the group', "Northby Asian Women's Group");
    await tick(page, 'Community group');
    await type(page, 'What they do', 'Coffee mornings and English classes on Thursdays.');
    await tick(page, 'Asian, Asian British or Asian Welsh', 'Ethnic group (5 groups)');
    await tick(page, 'Asian: Bangladeshi');
    await type(page, 'Phone number', '01632 960 444');
    await tick(page, 'Phone');
    await type(page, 'How they like to be contacted', 'Ring on Thursday mornings.');
    await press(page, 'Save');
    await page.getByText('Group added').waitFor();
    await page.getByRole('heading', { name: "Northby Asian Women's Group", level: 1 }).waitFor();
    const groupUrl = page.url();
    await type(page, 'Who to ask for', 'Priya Shah');
    await type(page, 'Their role', 'Organiser');
    await press(page, 'Add a person');
    await page.getByText('Priya Shah').first().waitFor();

    // From the gap on who is missing, for the project.
    await follow(page, 'Who is missing');
    await page.getByLabel('One project', { exact: true }).focus();
    await page.keyboard.press('Space');
    await page.getByLabel('Project', { exact: true }).focus();
    await page.keyboard.type('Better');
    await press(page, 'Show');
    await page.getByRole('heading', { name: 'Ethnic group (5 groups)', exact: true }).waitFor();
    await follow(page, 'Plan outreach Asian, Asian British or Asian Welsh');
    await page.getByRole('heading', { name: 'Plan outreach', level: 1 }).waitFor();
    assert.equal(await page.getByLabel('Who is missing').inputValue(), 'ethnicHigh.asian');
    assert.equal(await page.getByLabel('For which project?').inputValue(), projectId);
    // Nothing chosen yet: the error keeps what was typed.
    await type(page, 'What we will do', 'Ask the group to come to the next open forum and bring lunch ideas.');
    await press(page, 'Save the plan');
    await page.getByRole('link', { name: 'Choose a community group' }).waitFor();
    assert.match(await page.getByLabel('What we will do').inputValue(), /next open forum/);
    await page.getByLabel('Which community group will you ask?').focus();
    await page.keyboard.type('Northby Asian');
    await type(page, 'Day', '20');
    await type(page, 'Month', '12');
    await type(page, 'Year', '2030');
    await press(page, 'Save the plan');
    await page.getByText('Outreach planned').waitFor();
    const actionUrl = page.url();
    await page.getByText('Ask the group to come to the next open forum').waitFor();

    // Later: what came of it.
    await page.getByRole('group', { name: 'Did it reach the people who were missing?' }).getByLabel('Yes, they were reached').focus();
    await page.keyboard.press('Space');
    await type(page, 'What happened', 'Four women came to the forum; two joined the project.');
    await press(page, 'Save what came of it');
    await page.getByText('Saved what came of it').waitFor();
    await page.getByText('Done: they were reached').first().waitFor();

    await page.goto(`/projects/${projectId}`);
    await page.getByRole('heading', { name: 'Reaching people who are missing' }).waitFor();
    await page.getByText('Four women came to the forum; two joined the project.').waitFor();
    await context.close();

    const { context: checked, page: again } = await signedInPage(world, admin.email, admin.name, { open: '/community-groups' });
    await expectAccessible(again, 'community groups');
    await again.goto(`/community-groups?reach=${encodeURIComponent('ethnicHigh.asian')}`);
    await again.getByRole('link', { name: "Northby Asian Women's Group" }).waitFor();
    await expectAccessible(again, 'community groups who reach a group');
    await again.goto(groupUrl);
    await expectAccessible(again, 'a community group');
    await again.goto('/community-groups/new');
    await press(again, 'Save');
    await again.getByRole('link', { name: 'Enter the name of the group' }).waitFor();
    await expectAccessible(again, 'add a group, with an error');
    await again.goto('/community-groups/import');
    await expectAccessible(again, 'add groups from a CSV file');
    await again.goto('/community-groups/outreach');
    await expectAccessible(again, 'outreach list');
    await again.goto(`/community-groups/outreach/new?reach=ethnicHigh.asian&projectId=${projectId}`);
    await expectAccessible(again, 'plan outreach');
    await again.goto(actionUrl);
    await expectAccessible(again, 'an outreach action');
    await again.goto(`/equality/who-is-missing?scope=project&projectId=${projectId}`);
    await expectAccessible(again, 'who is missing, with outreach links');
    await again.goto(`/projects/${projectId}`);
    await expectAccessible(again, 'a project with outreach');
    await again.goto('/timebank/partners');
    await expectAccessible(again, 'time bank partners from the directory');
    await checked.close();
  });
});
