import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { londonToday } from '../../src/platform/time.ts';
import { browserMissing, expectAccessible, browserClock } from './harness.ts';
import { browserWorld, signedInPage } from './world.ts';

/** Fills the three boxes of a date question (the page has only one). */
async function fillDate(page: Page, iso: string) {
  const [y, m, d] = iso.split('-');
  await page.getByLabel('Day').fill(String(Number(d)));
  await page.getByLabel('Month').fill(String(Number(m)));
  await page.getByLabel('Year').fill(y!);
}

describe('journey: the decision log and "you said, we did" (P2, S4)', { skip: browserMissing }, () => {
  const world = browserWorld();
  let projectId: string;
  let graceId: string;
  beforeEach(async () => {
    const { services, staff } = world;
    const grace = await world.person(
      { fullName: 'Grace Okafor', perspectives: ['draws-on-care'], contactOrder: ['email'] },
      { email: 'grace@example.org' },
    );
    const dennis = await world.person({
      fullName: 'Dennis Whitfield',
      perspectives: ['draws-on-care'],
      landline: '01632 960001',
      contactOrder: ['phone'],
    });
    projectId = await services.projects.create(staff, {
      title: 'Better day centre lunches',
      purpose: 'Choose food together.',
      activities: ['co-decision'],
      levelAim: 'intermediate',
      stage: 'deciding',
      startDate: '2026-01-05',
    });
    for (const p of [grace, dennis]) await services.projects.addMember(staff, projectId, p, 'member', '2026-01-05');
    graceId = grace;
  });

  /** Ada, signed in as the services see her. */
  async function ada() {
    const { db, staff } = world;
    const account = await db.selectFrom('accounts').select('id').where('person_id', '=', staff.personId).executeTakeFirstOrThrow();
    return { ...staff, accountId: account.id, organisationName: 'Northshire County Council', role: 'admin' as const, name: 'Ada Admin' };
  }

  /**
   * The decision staff record in the first journey, sent to Grace and Dennis, with Ada's
   * job to ask the cook (due in a week) and a note: the later journeys start from it.
   */
  async function lunchDecisionWithJob(): Promise<string> {
    const { services } = world;
    const user = await ada();
    const { id } = await services.decisionLog.recordDecision(user, {
      projectId,
      proposalId: null,
      meetingId: null,
      decided: 'Lunch will start at 12:30.',
      why: 'The bus gets in at 12.',
      takingPart: { invited: 2, tookPart: 2, byPerspective: [] },
    });
    const job = await services.decisionLog.addAction(user, projectId, id, {
      what: 'Ask the cook to start lunch at 12:30',
      ownerId: world.adminPersonId,
      dueOn: londonToday(new Date(browserClock().getTime() + 7 * 86_400_000)),
    });
    assert.ok(job.ok);
    await services.decisionLog.addNote(user, projectId, id, 'The bus company says it will not change.');
    return id;
  }

  test('staff record a decision with a job; a member reads the log', async () => {
    const { context, page } = await signedInPage(world, 'ada@northshire.test', 'Ada Admin', { open: `/projects/${projectId}` });
    await page.getByRole('link', { name: 'Decisions and what we did about them' }).click();
    await page.getByRole('heading', { name: 'Decisions', level: 1 }).waitFor();
    await expectAccessible(page, 'empty decision log');
    await page.getByRole('button', { name: 'Record a decision' }).click();
    await page.getByRole('heading', { name: 'Record a decision' }).waitFor();
    await expectAccessible(page, 'record a decision');
    await page.getByLabel('We decided').fill('Lunch will start at 12:30.');
    await page.getByRole('button', { name: 'Record and send to members' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    assert.equal(await page.getByLabel('We decided').inputValue(), 'Lunch will start at 12:30.');
    await expectAccessible(page, 'record a decision with an error');
    await page.getByLabel('Why').fill('The bus gets in at 12.');
    await page.getByLabel('How many people were asked').fill('2');
    await page.getByLabel('How many took part').fill('2');
    await page.getByRole('button', { name: 'Record and send to members' }).click();
    await page.getByText('Decision recorded and sent to members').waitFor();
    await page.getByText('2 of the 2 people asked took part.').waitFor();
    await expectAccessible(page, 'a decision');

    await page.getByRole('button', { name: 'Add a job to do' }).click();
    await page.getByRole('heading', { name: 'Add a job to do' }).waitFor();
    await expectAccessible(page, 'add a job');
    await page.getByLabel('What needs doing').fill('Ask the cook to start lunch at 12:30');
    await page.getByLabel('Who will do it').selectOption({ label: 'Ada Admin' });
    await fillDate(page, londonToday(new Date(browserClock().getTime() + 7 * 86_400_000)));
    await page.getByRole('button', { name: 'Add job' }).click();
    await page.getByText('Job added').waitFor();
    await page.getByRole('cell', { name: 'Not started' }).waitFor();
    await expectAccessible(page, 'a decision with a job');
    await page.getByLabel('Add a note').fill('The bus company says it will not change.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByText('Note added').waitFor();
    await expectAccessible(page, 'a decision with a note');
    await context.close();

    const { context: memberContext, page: member } = await signedInPage(world, 'grace@example.org', 'Grace Okafor');
    await member.getByRole('heading', { name: 'Decisions in the last 30 days' }).waitFor();
    await expectAccessible(member, 'member home with decisions');
    await member.getByRole('link', { name: /Lunch will start at 12:30/ }).click();
    await member.getByRole('heading', { name: /^Decided on/ }).waitFor();
    await expectAccessible(member, 'a decision, for a member');
    await member.getByRole('link', { name: 'All decisions' }).click();
    await member.getByRole('heading', { name: 'Decisions', level: 1 }).waitFor();
    await member.getByText('Lunch will start at 12:30.').waitFor();
    await member.getByText('The bus gets in at 12.').waitFor();
    await member.getByText('Ask the cook to start lunch at 12:30').waitFor();
    assert.equal(await member.getByRole('button', { name: 'Record a decision' }).count(), 0);
    await expectAccessible(member, 'decision log, for a member');
    await memberContext.close();
  });

  test('with JavaScript off, staff mark the job done; "you said, we did" goes out once', async () => {
    await lunchDecisionWithJob();
    const { context: noJs, page } = await signedInPage(world, 'ada@northshire.test', 'Ada Admin', {
      open: `/projects/${projectId}/decisions`,
      javaScriptEnabled: false,
    });
    await page.getByRole('link', { name: /Update Ask the cook/ }).click();
    await page.getByRole('heading', { name: 'Update a job' }).waitFor();
    await page.getByLabel('Done', { exact: true }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await page.getByText('Say what we did, so members can be told').first().waitFor();
    assert.equal(await page.getByLabel('Done', { exact: true }).isChecked(), true, 'the choice is kept');
    await page.getByLabel('What we did').fill('The cook starts lunch at 12:30 now.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Job done. We are telling members what we did.').waitFor();
    await page.getByText('The cook starts lunch at 12:30 now.').waitFor();
    await noJs.close();

    const { context, page: admin } = await signedInPage(world, 'ada@northshire.test', 'Ada Admin', { open: '/admin/messages' });
    await admin.getByText('You said, we did').first().waitFor();
    await expectAccessible(admin, 'messages sent, with the update');
    assert.equal(
      await admin.getByRole('cell', { name: 'You said, we did', exact: true }).count(),
      2,
      'one for Grace (email), one for Dennis (call list)',
    );
    assert.equal(await admin.getByRole('cell', { name: 'New decision', exact: true }).count(), 2);
    await context.close();
  });

  test('a member who took on a job says how it is going, by keyboard', async () => {
    const { services } = world;
    // Ada's own job on the decision is there too, so Update is offered for Grace's job only.
    const decisionId = await lunchDecisionWithJob();
    const added = await services.decisionLog.addAction(await ada(), projectId, decisionId, {
      what: 'Ask people at the day centre what they think of the new time',
      ownerId: graceId,
      dueOn: londonToday(new Date(browserClock().getTime() + 14 * 86_400_000)),
    });
    assert.ok(added.ok);
    const { context, page } = await signedInPage(world, 'grace@example.org', 'Grace Okafor', {
      open: `/projects/${projectId}/decisions/${decisionId}`,
    });
    const update = page.getByRole('link', { name: /Update Ask people at the day centre/ });
    assert.equal(await page.getByRole('link', { name: /^Update/ }).count(), 1, 'only her own job offers Update');
    await update.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Update a job' }).waitFor();
    await expectAccessible(page, 'update a job, for the member who owns it');
    await page.getByLabel('Being done', { exact: true }).check();
    await page.getByRole('button', { name: 'Save' }).focus();
    await page.keyboard.press('Enter');
    await page
      .getByText('Job saved')
      .or(page.getByRole('cell', { name: 'Being done' }))
      .first()
      .waitFor();
    await page.getByRole('cell', { name: 'Being done' }).waitFor();
    await context.close();
  });
});
