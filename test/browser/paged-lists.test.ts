import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { newId } from '../../src/platform/ids.ts';
import { browserClock, browserMissing, expectAccessible } from './harness.ts';
import { admin, browserWorld, signIn } from './world.ts';

// Long lists come a page at a time with the GOV.UK pagination component: checked with axe,
// and followed by keyboard with JavaScript off, on the people list and a review's people.
describe('journey: long lists a page at a time (P1)', { skip: browserMissing }, () => {
  const world = browserWorld();
  let reviewId = '';
  beforeEach(async () => {
    const { db, organisationId, services, staff } = world;
    const at = browserClock().toISOString();
    await db
      .insertInto('people')
      .values(
        Array.from({ length: 120 }, (_, i) => ({
          id: newId(),
          organisation_id: organisationId,
          full_name: `Zed Person ${String(i).padStart(3, '0')}`,
          contact_order: '[]',
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
    const today = at.slice(0, 10);
    const made = await services.reviews.create(staff, {
      title: 'Winter review',
      projectId: null,
      opensOn: today,
      closesOn: today,
      schedule: 'none',
      gapThresholdTenths: 10,
    });
    if (!made.ok) throw new Error('review not made');
    reviewId = made.id;
  });

  test('the people list and a review page pass axe on a later page', async () => {
    const page = await (await world.context()).newPage();
    await signIn(page, admin.email, admin.name);
    for (const url of ['/people?page=2', `/reviews/${reviewId}?page=3`]) {
      await page.goto(url);
      await page.getByRole('navigation', { name: /results|pagination/i }).waitFor();
      await expectAccessible(page, url);
    }
    assert.ok(await page.getByRole('rowheader', { name: 'Zed Person 119' }).isVisible());
  });

  test('with JavaScript off, staff move through the pages by keyboard', async () => {
    const page = await (await world.context({ javaScriptEnabled: false })).newPage();
    await signIn(page, admin.email, admin.name);
    await page.goto(`/reviews/${reviewId}`);
    assert.equal(await page.getByRole('rowheader', { name: 'Zed Person 119' }).count(), 0);
    await page.getByRole('link', { name: /Next/ }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/page=2/);
    await page.getByRole('link', { name: /Next/ }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/page=3/);
    await page.getByRole('rowheader', { name: 'Zed Person 119' }).waitFor();
  });
});

// The lists of issue 14, once capped: actions to improve, lessons, a project's decisions and
// its stories. Each has 120, so three pages; the last of each is only on page 3.
describe('journey: learning, decisions and stories a page at a time (V3, P2, V4)', { skip: browserMissing }, () => {
  const world = browserWorld();
  let projectId = '';
  const many = 120;
  const n = (i: number) => String(i).padStart(3, '0');
  // Dates and times that grow with i: the list order puts the last (or first) made at the end.
  const dayOf = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  const lists = () => [
    { path: '/learning', last: `Job ${n(many - 1)}` },
    { path: '/learning/lessons', last: `Lesson ${n(0)}` },
    { path: `/projects/${projectId}/decisions`, last: `Decision ${n(0)}` },
    { path: `/outcomes/projects/${projectId}/stories`, last: `Story ${n(0)}` },
  ];
  beforeEach(async () => {
    const { db, organisationId, adminPersonId, services, staff } = world;
    const at = browserClock().toISOString();
    projectId = await services.projects.create(staff, {
      title: 'Better day centre lunches',
      purpose: 'Choose food together.',
      activities: ['co-design'],
      levelAim: 'intermediate',
      stage: 'designing',
      startDate: '2026-01-05',
    });
    const each = <T>(make: (i: number) => T) => Array.from({ length: many }, (_, i) => make(i));
    const base = () => ({ id: newId(), organisation_id: organisationId, created_at: at });
    await db
      .insertInto('improvement_actions')
      .values(
        each((i) => ({
          ...base(),
          what: `Job ${n(i)}`,
          owner_person_id: adminPersonId,
          due_on: dayOf(i),
          status: 'not-started' as const,
          updated_at: at,
        })),
      )
      .execute();
    await db
      .insertInto('lessons')
      .values(
        each((i) => ({
          ...base(),
          title: `Lesson ${n(i)}`,
          worked: 'Soup',
          created_at: `${dayOf(i)}T10:00:00.000Z`,
          created_by: null,
          updated_at: at,
        })),
      )
      .execute();
    await db
      .insertInto('decision_records')
      .values(
        each((i) => ({
          id: newId(),
          organisation_id: organisationId,
          project_id: projectId,
          proposal_id: null,
          meeting_id: null,
          decided: `Decision ${n(i)}`,
          why: 'Most people asked for it.',
          taking_part: null,
          decided_on: dayOf(i),
          recorded_at: at,
          recorded_by: null,
          sent_at: at,
        })),
      )
      .execute();
    await db
      .insertInto('stories')
      .values(
        each((i) => ({
          ...base(),
          project_id: projectId,
          teller_person_id: adminPersonId,
          title: `Story ${n(i)}`,
          kind: 'text' as const,
          body_text: 'The soup got better.',
          file_name: null,
          stored_name: null,
          media_type: null,
          size_bytes: null,
          told_on: dayOf(i),
          show_name: 1 as const,
          display_name: null,
          consent_given_at: at,
          consent_recorded_by: null,
          for_reports: 0 as const,
          created_by: null,
        })),
      )
      .execute();
  });

  test('each list passes axe on a later page', async () => {
    const page = await (await world.context()).newPage();
    await signIn(page, admin.email, admin.name);
    for (const { path, last } of lists()) {
      const url = `${path}?page=3`;
      await page.goto(url);
      await page.getByRole('navigation', { name: /results|pagination/i }).waitFor();
      await expectAccessible(page, url);
      await page
        .getByRole('link', { name: last, exact: true })
        .or(page.getByText(last, { exact: true }))
        .first()
        .waitFor();
    }
  });

  test('with JavaScript off, staff move through each list by keyboard to the last page', async () => {
    const page = await (await world.context({ javaScriptEnabled: false })).newPage();
    await signIn(page, admin.email, admin.name);
    for (const { path, last } of lists()) {
      await page.goto(path);
      assert.equal(await page.getByText(last, { exact: true }).count(), 0, `${path}: ${last} is not on page 1`);
      for (const next of [2, 3]) {
        await page.getByRole('link', { name: /Next/ }).focus();
        await page.keyboard.press('Enter');
        await page.waitForURL(new RegExp(`page=${next}`));
      }
      await page.getByText(last, { exact: true }).first().waitFor();
    }
  });
});
