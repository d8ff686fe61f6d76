import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { londonToday } from '../../src/platform/time.ts';
import { answers } from '../worlds/equality.ts';
import { actLinkIn } from '../worlds/replies.ts';
import { browserClock, browserMissing, expectAccessible } from './harness.ts';
import { admin, browserWorld, signedInPage } from './world.ts';

// Equality monitoring (issue 19), by keyboard with JavaScript off: Terry answers by the link
// in his text, Dora's paper form comes back and staff type in its code, and staff read who
// is missing; every page passes axe (scanned with JavaScript on, as axe needs it).

async function choose(page: Page, label: string) {
  await page.getByLabel(label, { exact: true }).focus();
  await page.keyboard.press('Space');
}
async function press(page: Page, button: string) {
  await page.getByRole('button', { name: button }).focus();
  await page.keyboard.press('Enter');
}

describe('journey: equality questions and who is missing', { skip: browserMissing }, () => {
  const world = browserWorld();
  let terry: string;
  let dora: string;
  let projectId: string;
  let joinedOn: string;

  /** 150 people in the project who answered: all White British, so Asian groups are clearly missing. */
  async function crowdAnswered() {
    const { services, staff } = world;
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
  }

  beforeEach(async () => {
    const { services, staff } = world;
    terry = await world.person({ fullName: 'Terry Text', perspectives: ['carer'], mobile: '07700 900222', contactOrder: ['text'] });
    dora = await world.person({
      fullName: 'Dora Letter',
      perspectives: ['draws-on-care'],
      address: '1 High Street\nNorthtown',
      contactOrder: ['letter'],
    });
    await services.organisations.setReplyContact(staff, { phone: '01632 960 123', address: 'Freepost NS 1' });
    joinedOn = londonToday(new Date(browserClock().getTime() - 30 * 86_400_000));
    projectId = await services.projects.create(staff, {
      title: 'Better day centre lunches',
      purpose: 'Choose food together.',
      activities: ['co-decision'],
      levelAim: 'transformative',
      stage: 'deciding',
      startDate: joinedOn,
    });
  });

  test('Terry answers by the link in his text, and can see and take back his answers, by keyboard with JavaScript off', async () => {
    await world.services.equality.sendQuestions({ ...world.staff, role: 'admin', organisationName: 'Northshire County Council' }, terry);
    const sent = await world.db
      .selectFrom('outbox')
      .select('body_text')
      .where('person_id', '=', terry)
      .where('kind', '=', 'equality')
      .executeTakeFirstOrThrow();
    const link = actLinkIn(sent.body_text)!;
    const context = await world.context({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(link);
    await page.getByRole('heading', { name: 'About you: equality questions' }).waitFor();
    await choose(page, '75 to 84');
    await choose(page, 'Asian: Bangladeshi');
    await choose(page, 'Living with dementia');
    await press(page, 'Send');
    await page.getByText('Thank you. We have saved your answers.').waitFor();
    assert.equal(await page.getByLabel('Asian: Bangladeshi', { exact: true }).isChecked(), true, 'he sees his own answers');
    await choose(page, 'Delete all my answers');
    await press(page, 'Send');
    await page.getByText('We have deleted your answers.').waitFor();
    const left = await world.db.selectFrom('equality_answers').select('person_id').where('person_id', '=', terry).execute();
    assert.equal(left.length, 0);
    await context.close();
  });

  test("Dora's paper form comes back and staff type in its code, by keyboard with JavaScript off", async () => {
    const { context, page } = await signedInPage(world, admin.email, admin.name, {
      open: `/equality/people/${dora}`,
      javaScriptEnabled: false,
    });
    await page.getByRole('link', { name: 'Print a large print paper form' }).focus();
    await page.keyboard.press('Enter');
    const codeText = await page
      .getByText(/Your reply code: /)
      .first()
      .textContent();
    const code = /Your reply code: (.+)$/.exec(codeText!.trim())![1]!;
    await page.goto('/reply-codes');
    await page.getByLabel('Record a reply by code', { exact: true }).focus();
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'About you: equality questions' }).waitFor();
    await choose(page, '85 or over');
    await choose(page, 'Yes, a lot');
    await choose(page, 'By letter');
    await press(page, 'Save their reply');
    await page.getByText('Recorded by letter by Ada Admin').waitFor();
    const row = await world.db.selectFrom('equality_answers').selectAll().where('person_id', '=', dora).executeTakeFirstOrThrow();
    assert.deepEqual([row.age_band, row.activity_limitation, row.recorded_how], ['85-plus', 'a-lot', 'letter']);
    await context.close();
  });

  test('staff read who is missing for a project, by keyboard with JavaScript off; the pages pass axe', async () => {
    await crowdAnswered();
    const { context, page } = await signedInPage(world, admin.email, admin.name, { javaScriptEnabled: false });
    await page.getByRole('link', { name: 'Who is missing' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Who is missing', level: 1 }).waitFor();
    await choose(page, 'One project');
    await page.getByLabel('Project', { exact: true }).focus();
    await page.keyboard.type('Better');
    await press(page, 'Show');
    await page.getByRole('heading', { name: 'Ethnic group (5 groups)', exact: true }).waitFor();
    await page.getByText(/Asian, Asian British or Asian Welsh are under-represented: 0% here against 9.3% in the area/).waitFor();
    await page.getByRole('table', { name: 'Ethnic group (5 groups)', exact: true }).waitFor();
    await choose(page, 'One meeting');
    await press(page, 'Show');
    await page.getByText('A single meeting is too small to show.', { exact: false }).waitFor();
    await context.close();

    const { context: checked, page: again } = await signedInPage(world, admin.email, admin.name, {
      open: `/equality/who-is-missing?scope=project&projectId=${projectId}`,
    });
    await expectAccessible(again, 'who is missing');
    await again.goto('/equality/who-is-missing?from-day=31&from-month=2&from-year=2026');
    await expectAccessible(again, 'who is missing with a date error');
    await again.goto(`/equality/people/${dora}`);
    await expectAccessible(again, 'equality questions for a person');
    await again.goto(`/equality/people/${dora}/paper`);
    await expectAccessible(again, 'paper form');
    await again.goto(`/equality/people/${dora}/record`);
    await expectAccessible(again, 'type in answers');
    await again.goto(`/equality/people/${dora}/answers`);
    await expectAccessible(again, "one person's answers (equality lead)");
    await again.goto('/equality/leads');
    await expectAccessible(again, 'equality leads');
    await again.goto('/equality/benchmarks');
    await expectAccessible(again, 'area figures');
    await again.getByRole('button', { name: 'Use these figures' }).click();
    await again.getByText('Enter the name of your area').first().waitFor();
    await expectAccessible(again, 'area figures with errors');
    await again.goto('/equality/mine');
    await expectAccessible(again, 'my equality answers');
    await world.services.equality.sendQuestions({ ...world.staff, role: 'admin', organisationName: 'Northshire County Council' }, terry);
    const sent = await world.db
      .selectFrom('outbox')
      .select('body_text')
      .where('person_id', '=', terry)
      .where('kind', '=', 'equality')
      .executeTakeFirstOrThrow();
    await again.goto(actLinkIn(sent.body_text)!);
    await expectAccessible(again, 'equality questions by link');
    await checked.close();
  });
});
