import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { noAccessNeeds } from '../../src/modules/people/access-needs.ts';
import { newId } from '../../src/platform/ids.ts';
import { browserClock, browserMissing, expectAccessible } from './harness.ts';
import { admin, browserWorld, signIn } from './world.ts';

// Issue 16: the staff to-do list and every meeting a page at a time, checked with axe, and
// filtered and paged by keyboard with JavaScript off; a facilitator sees the lines of their own projects.
describe('journey: what is waiting, and all meetings', { skip: browserMissing }, () => {
  const world = browserWorld();
  beforeEach(async () => {
    const { db, organisationId, services, staff } = world;
    const at = browserClock();
    const projectId = await services.projects.create(staff, {
      title: 'Better day centre lunches',
      purpose: 'Choose food together.',
      activities: ['co-design'],
      levelAim: 'intermediate',
      stage: 'designing',
      startDate: at.toISOString().slice(0, 10),
    });
    await db
      .insertInto('meetings')
      .values(
        Array.from({ length: 60 }, (_, i) => {
          const startsAt = new Date(at.getTime() + (i + 1) * 86_400_000);
          return {
            id: newId(),
            organisation_id: organisationId,
            project_id: projectId,
            title: `Menu meeting ${String(i + 1).padStart(2, '0')}`,
            purpose: 'Talk',
            starts_at: startsAt.toISOString(),
            ends_at: new Date(startsAt.getTime() + 3_600_000).toISOString(),
            format: 'in-person' as const,
            venue_id: null,
            joining_details: null,
            members_only: 0,
            arrangements: '[]',
            interpreter_languages: null,
            cancelled_at: null,
            invitations_sent_at: null,
            created_at: at.toISOString(),
            updated_at: at.toISOString(),
          };
        }),
      )
      .execute();
  });

  test('the to-do page and the meetings list pass axe', async () => {
    const page = await (await world.context()).newPage();
    await signIn(page, admin.email, admin.name);
    await page.getByRole('link', { name: 'To do' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'To do' }).waitFor();
    await expectAccessible(page, '/to-do');
    await page.goto('/meetings?page=2');
    await page.getByRole('navigation', { name: /results|pagination/i }).waitFor();
    await expectAccessible(page, '/meetings?page=2');
  });

  test('with JavaScript off, staff filter the meetings and move through the pages by keyboard', async () => {
    const page = await (await world.context({ javaScriptEnabled: false })).newPage();
    await signIn(page, admin.email, admin.name);
    await page.goto('/to-do');
    await page.getByRole('link', { name: 'See all meetings' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/meetings$/);
    assert.ok(await page.getByText('60 meetings').isVisible());
    await page.getByRole('link', { name: /Next/ }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/page=2/);
    await page.getByRole('link', { name: 'Menu meeting 01' }).waitFor();
    await page.getByRole('combobox', { name: 'Project' }).selectOption({ label: 'Better day centre lunches' });
    await page.getByRole('button', { name: 'Show meetings' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/project=/);
    assert.ok(await page.getByText('60 meetings').isVisible());
  });

  test('a facilitator follows their own to-do lines to the access gaps and the people due a check, by keyboard with JavaScript off', async () => {
    const { db, services, staff, organisationId } = world;
    const project = await db.selectFrom('projects').select('id').executeTakeFirstOrThrow();
    const fay = await world.person({ fullName: 'Fay Facilitator', perspectives: [] }, { email: 'fay@example.com', role: 'facilitator' });
    const dennis = await world.person({ fullName: 'Dennis Whitfield', perspectives: ['draws-on-care'] });
    for (const id of [fay, dennis])
      await services.projects.addMember(staff, project.id, id, 'member', browserClock().toISOString().slice(0, 10));
    // Dennis needs step-free access; the first meeting has no venue yet, so that is a gap.
    await services.accessNeeds.save({ ...staff, role: 'admin' }, dennis, true, { ...noAccessNeeds(), physical: ['step-free'] });
    await db
      .updateTable('access_reviews')
      .set({ due_on: '2000-01-01' })
      .where('organisation_id', '=', organisationId)
      .where('person_id', '=', dennis)
      .execute();
    const first = await db.selectFrom('meetings').select('id').where('title', '=', 'Menu meeting 01').executeTakeFirstOrThrow();
    await services.meetings.setInvitees(staff, first.id, [dennis]);

    const page = await (await world.context({ javaScriptEnabled: false })).newPage();
    await signIn(page, 'fay@example.com', 'Fay Facilitator');
    await page.goto('/to-do');
    await page.getByRole('link', { name: 'Check access' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/only=needs/);
    assert.ok(await page.getByText('1 meeting', { exact: true }).isVisible());
    await page.getByRole('link', { name: 'Menu meeting 01' }).waitFor();
    await page.goto('/to-do');
    await page.getByRole('link', { name: 'See who to ask' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/to-do\/access-reviews/);
    await page.getByRole('link', { name: 'Dennis Whitfield' }).waitFor();
  });
});
