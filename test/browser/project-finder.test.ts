import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { newId } from '../../src/platform/ids.ts';
import { browserClock, browserMissing, expectAccessible } from './harness.ts';
import { admin, browserWorld, signedInPage } from './world.ts';

/** Projects added in one insert, so that the organisation has a county's many projects. */
const fillers = 150;

describe('journey: staff find a project by name on the forms of an organisation with many projects', { skip: browserMissing }, () => {
  const world = browserWorld();
  let lunches = '';
  beforeEach(async () => {
    const { services, staff, db, organisationId } = world;
    lunches = await services.projects.create(staff, {
      title: 'Better day centre lunches',
      purpose: 'Choose food together.',
      activities: ['co-design'],
      levelAim: 'intermediate',
      stage: 'designing',
      startDate: '2026-01-05',
    });
    const at = browserClock().toISOString();
    await db
      .insertInto('projects')
      .values(
        Array.from({ length: fillers }, (_, i) => ({
          id: newId(),
          organisation_id: organisationId,
          title: `Project ${String(i + 1).padStart(3, '0')} Filler`,
          purpose: 'Filler',
          activities: '[]',
          level_aim: 'descriptive',
          stage: 'setting-up',
          start_date: '2026-01-05',
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
  });

  test('with JavaScript off, by keyboard alone, staff find a project for a lesson and for an impact report', async () => {
    const { context: noJs, page } = await signedInPage(world, admin.email, admin.name, {
      open: '/learning/lessons/new',
      javaScriptEnabled: false,
    });
    assert.equal(await page.getByRole('combobox', { name: 'Project' }).count(), 0, 'no list of every project');
    await page.getByLabel('What is this lesson about?').fill('Ask people early');
    await page.getByLabel('What worked').fill('Asking people before we planned');
    const project = page.getByRole('group', { name: 'Project' });
    const nameBox = project.getByLabel('Find a project by name');
    // Enter in the name box presses the form's first button: Find.
    await nameBox.fill('filler');
    await nameBox.press('Enter');
    await page.getByText(`Showing 20 of ${fillers} projects. Type more of the name to find fewer.`).waitFor();
    await nameBox.fill('lunches');
    await nameBox.press('Enter');
    await page.getByText('1 project found').waitFor();
    assert.equal(await page.getByLabel('What is this lesson about?').inputValue(), 'Ask people early', 'the title is kept');
    assert.equal(await page.getByLabel('What worked').inputValue(), 'Asking people before we planned');
    const choice = project.getByRole('radio', { name: 'Better day centre lunches' });
    await choice.focus();
    await page.keyboard.press('Space');
    assert.equal(await choice.isChecked(), true);
    await page.getByRole('button', { name: 'Save' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Lesson added').waitFor();
    const lesson = await world.db.selectFrom('lessons').select('project_id').executeTakeFirstOrThrow();
    assert.equal(lesson.project_id, lunches);

    await page.goto('/impact/report');
    const about = page.getByRole('group', { name: 'What the report is about' });
    await about.getByLabel('Find a project by name').fill('centre');
    await about.getByLabel('Find a project by name').press('Enter');
    const lunchesChoice = about.getByRole('radio', { name: 'Better day centre lunches' });
    await lunchesChoice.focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Show report' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /Better day centre lunches/ }).waitFor();
    assert.equal(await about.getByRole('radio', { name: 'Better day centre lunches' }).isChecked(), true);
    await noJs.close();
  });

  test('with JavaScript on, the finder passes axe with many matches, with one chosen, and with none found', async () => {
    const { context, page } = await signedInPage(world, admin.email, admin.name, { open: '/impact/report' });
    const about = page.getByRole('group', { name: 'What the report is about' });
    const nameBox = about.getByLabel('Find a project by name');
    await nameBox.fill('filler');
    await nameBox.press('Enter');
    await page.getByText(`Showing 20 of ${fillers} projects.`).waitFor();
    await expectAccessible(page, 'an impact report finding its project');

    await page.goto('/claims/new');
    const project = page.getByRole('group', { name: 'Project (optional)' });
    await project.getByLabel('Find a project by name').fill('nothing like this');
    await project.getByLabel('Find a project by name').press('Enter');
    await page.getByText('No project found called nothing like this').waitFor();
    await expectAccessible(page, 'a claim with no project found');
    await project.getByLabel('Find a project by name').fill('lunches');
    await project.getByLabel('Find a project by name').press('Enter');
    await project.getByRole('radio', { name: 'Better day centre lunches' }).check();
    // Sent without the rest: the errors show, and the project stays chosen.
    await page.getByRole('button', { name: 'Save as a draft' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    assert.equal(await project.getByRole('radio', { name: 'Better day centre lunches' }).isChecked(), true);
    await expectAccessible(page, 'a claim with errors and a project chosen');
    await context.close();
  });

  test('the people list: with JavaScript off, by keyboard, staff find a project to filter by, keeping the name typed', async () => {
    const { services, staff } = world;
    const lily = await world.person({ fullName: 'Lily Lunchgoer', perspectives: ['draws-on-care'] });
    await world.person({ fullName: 'Liam Elsewhere', perspectives: ['draws-on-care'] });
    await services.projects.addMember(staff, lunches, lily, 'member', '2026-01-05');
    const { context: noJs, page } = await signedInPage(world, admin.email, admin.name, { open: '/people', javaScriptEnabled: false });
    assert.equal(await page.getByRole('combobox', { name: 'Project' }).count(), 0, 'no list of every project');
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('li');
    const project = page.getByRole('group', { name: 'Project' });
    const nameBox = project.getByLabel('Find a project by name');
    await nameBox.fill('lunches');
    await project.getByRole('button', { name: 'Find' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('1 project found').waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Name', exact: true }).inputValue(), 'li', 'the name filter is kept');
    const choice = project.getByRole('radio', { name: 'Better day centre lunches' });
    await choice.focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Show people' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('1 person', { exact: true }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Lily Lunchgoer' }).count(), 1);
    assert.equal(await page.getByRole('link', { name: 'Liam Elsewhere' }).count(), 0);
    assert.equal(await project.getByRole('radio', { name: 'Better day centre lunches' }).isChecked(), true);
    await noJs.close();

    const { context, page: withJs } = await signedInPage(world, admin.email, admin.name, {
      open: '/people?project-name=filler&find=project',
    });
    await withJs.getByText(`Showing 20 of ${fillers} projects.`).waitFor();
    await expectAccessible(withJs, 'the people list finding a project to filter by');
    await withJs.goto('/reviews/new');
    const which = withJs.getByRole('group', { name: 'Which project?' });
    await which.getByLabel('Find a project by name').fill('lunches');
    await which.getByRole('button', { name: 'Find' }).click();
    await which.getByRole('radio', { name: 'Better day centre lunches' }).waitFor();
    await expectAccessible(withJs, 'a new review finding its project');
    await context.close();
  });
});
