import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { londonToday } from '../../src/platform/time.ts';
import { browserMissing, expectAccessible, browserClock } from './harness.ts';
import { browserWorld, signedInPage } from './world.ts';

/** A London date some days from today, as YYYY-MM-DD. */
const isoDay = (offset: number) => {
  const [y, m, d] = londonToday(browserClock()).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + offset)).toISOString().slice(0, 10);
};

const day = (offset: number) => {
  const [year, month, d] = isoDay(offset).split('-');
  return { day: String(Number(d)), month: String(Number(month)), year: year! };
};

async function fillDate(page: Page, legend: string, offset: number) {
  const group = page.getByRole('group', { name: legend });
  const d = day(offset);
  await group.getByLabel('Day').fill(d.day);
  await group.getByLabel('Month').fill(d.month);
  await group.getByLabel('Year').fill(d.year);
}

describe('journey: outcomes that matter, a survey, a story, and the learning loop (V3, V4)', { skip: browserMissing }, () => {
  const world = browserWorld();
  let projectId: string;
  let graceId: string;
  let dennisId: string;
  beforeEach(async () => {
    const { services, staff } = world;
    const grace = await world.person({ fullName: 'Grace Okafor', perspectives: ['draws-on-care'] }, { email: 'grace@example.org' });
    const dennis = await world.person({
      fullName: 'Dennis Whitfield',
      perspectives: ['draws-on-care'],
      landline: '01632 960001',
      contactOrder: ['phone'],
    });
    const sue = await world.person({ fullName: 'Sue Carer', perspectives: ['carer'], mobile: '07700900123', contactOrder: ['text'] });
    projectId = await services.projects.create(staff, {
      title: 'Better day centre lunches',
      purpose: 'Choose food together.',
      activities: ['co-design'],
      levelAim: 'intermediate',
      stage: 'designing',
      startDate: '2026-01-05',
    });
    for (const p of [grace, dennis, sue]) await services.projects.addMember(staff, projectId, p, 'member', '2026-01-05');
    graceId = grace;
    dennisId = dennis;
  });

  /** Ada, signed in as the services see her. */
  async function ada() {
    const { db, staff } = world;
    const account = await db.selectFrom('accounts').select('id').where('person_id', '=', staff.personId).executeTakeFirstOrThrow();
    return { ...staff, accountId: account.id, organisationName: 'Northshire County Council', role: 'admin' as const, name: 'Ada Admin' };
  }

  // What staff set up in the first journey, for the journeys that start from it.

  /**
   * "I feel listened to", asked in a "before" survey open for a week and sent to all three
   * members (Sue by text, with her link); Dennis's answer is recorded by staff, so how the
   * outcome is measured can no longer change.
   */
  async function outcomeSurveyedWithDennisAnswered() {
    const { services } = world;
    const user = await ada();
    const outcomeId = await services.outcomes.addOutcome(user, projectId, {
      title: 'I feel listened to',
      measure: 'scale',
      question: 'How much do you feel listened to?',
      unit: null,
      agreedHow: 'Agreed at the first meeting.',
    });
    const round = await services.outcomes.surveys.addRound(user, projectId, { phase: 'before', opensOn: isoDay(0), closesOn: isoDay(7) });
    assert.ok(round.ok);
    const sent = await services.outcomes.surveys.send(user, round.id);
    assert.equal(sent.sent, 3);
    assert.ok((await services.outcomes.surveys.record(user, round.id, dennisId, { [outcomeId]: 2 })).ok);
  }

  /** Grace's action, three days overdue and in progress. */
  async function hearingLoopActionForGrace() {
    const added = await world.services.learning.addAction(await ada(), {
      what: 'Book a room with a hearing loop',
      ownerPersonId: graceId,
      dueOn: isoDay(-3),
      status: 'in-progress',
      whatChanged: null,
      projectId: null,
      reviewCycleId: null,
      recommendations: ['P1'],
    });
    assert.ok(added.ok);
  }

  async function tastingDayLesson() {
    const added = await world.services.learning.addLesson(await ada(), {
      title: 'The tasting day',
      worked: null,
      didNotWork: 'The hall was too loud.',
      doDifferently: 'Use the quiet room.',
      projectId: null,
      recommendations: ['P1'],
    });
    assert.ok(added.ok);
  }

  test('staff define an outcome, send a survey, record answers, add a story, an action and a lesson', async () => {
    const { context, page } = await signedInPage(world, 'ada@northshire.test', 'Ada Admin', { open: `/projects/${projectId}` });
    await page.getByRole('link', { name: 'Outcomes that matter' }).click();
    await page.getByRole('heading', { name: 'Outcomes that matter' }).waitFor();
    await expectAccessible(page, 'project outcomes, empty');

    await page.getByRole('button', { name: 'Add an outcome' }).click();
    await expectAccessible(page, 'add an outcome');
    await page.getByLabel('What do members want to be true?').fill('I feel listened to');
    await page.getByLabel('A question answered from 1 to 5, before and after').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'add an outcome, with an error');
    assert.equal(await page.getByLabel('What do members want to be true?').inputValue(), 'I feel listened to');
    await page.getByLabel('The question to ask').fill('How much do you feel listened to?');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Outcome added').waitFor();
    await expectAccessible(page, 'project outcomes');

    await page.getByRole('button', { name: 'Start a survey' }).click();
    await expectAccessible(page, 'start a survey');
    await page.getByLabel('Before: how things are now, at the start').check();
    await fillDate(page, 'Opens on', 0);
    await fillDate(page, 'Closes on', 7);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Survey made').waitFor();
    await expectAccessible(page, 'a survey round');
    await page.getByRole('button', { name: 'Send the survey to members' }).click();
    await page.getByText(/Survey sent to 3 people/).waitFor();
    await page.getByRole('link', { name: 'Record answers for Dennis Whitfield' }).click();
    await expectAccessible(page, 'record answers');
    await page.getByLabel('2: A little').check();
    await page.getByRole('button', { name: 'Save their answers' }).click();
    await page.getByText('Answers saved, marked as recorded by you').waitFor();
    await page.getByText('Recorded by staff').waitFor();

    // Answered now, so changing the outcome keeps its question as it is.
    await page.goto(`/outcomes/projects/${projectId}`);
    await page.getByRole('link', { name: 'Change I feel listened to' }).click();
    await page.getByRole('heading', { name: 'Change an outcome' }).waitFor();
    await page.getByText('So how we measure this cannot change').waitFor();
    await expectAccessible(page, 'change an outcome that has answers');
    await page.getByLabel('How members chose it').fill('Agreed at the first meeting.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Outcome changed').waitFor();

    await page.goto(`/outcomes/projects/${projectId}/stories`);
    await expectAccessible(page, 'stories, empty');
    await page.getByRole('button', { name: 'Add a story' }).click();
    await expectAccessible(page, 'add a story');
    await page.getByLabel('Whose story is it?').selectOption({ label: 'Dennis Whitfield' });
    await page.getByLabel('Give your story a short name').fill('Someone asked me');
    await page.getByLabel('Written').check();
    await page.getByLabel('The story', { exact: true }).fill('Nobody asked me what I wanted to eat for years. Now they do.');
    await page.getByRole('button', { name: 'Save the story' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'add a story, with errors');
    assert.equal(
      await page.getByLabel('The story', { exact: true }).inputValue(),
      'Nobody asked me what I wanted to eat for years. Now they do.',
    );
    await page.getByLabel('They said yes to us keeping and sharing their story').check();
    await page.getByLabel('No, show it as Anonymous').check();
    await page.getByRole('button', { name: 'Save the story' }).click();
    await page.getByText('Story saved').waitFor();
    await expectAccessible(page, 'a story');
    await page.getByRole('button', { name: 'Mark as OK to use in reports' }).click();
    await page.getByText('The story can now be used in reports').waitFor();

    await page.getByRole('link', { name: 'Learning', exact: true }).click();
    await page.getByRole('heading', { name: 'Actions to improve' }).waitFor();
    await expectAccessible(page, 'actions, empty');
    await page.getByRole('button', { name: 'Add an action' }).click();
    await expectAccessible(page, 'add an action');
    await page.getByLabel('What will we do?').fill('Book a room with a hearing loop');
    await page.getByLabel('Who will make sure it happens?').selectOption({ label: 'Grace Okafor' });
    await fillDate(page, 'Due date', -3);
    await page.getByLabel('In progress').check();
    await page.getByRole('checkbox', { name: /^P1:/ }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Action added').waitFor();
    await expectAccessible(page, 'an action');

    await page.goto('/learning/lessons/new');
    await expectAccessible(page, 'add a lesson');
    await page.getByLabel('What is this lesson about?').fill('The tasting day');
    await page.getByLabel('What did not work').fill('The hall was too loud.');
    await page.getByRole('checkbox', { name: /^P1:/ }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Lesson added').waitFor();
    await expectAccessible(page, 'a lesson');
    await page.getByRole('button', { name: 'Change this lesson' }).click();
    await page.getByRole('heading', { name: 'Change a lesson' }).waitFor();
    await expectAccessible(page, 'change a lesson');
    await page.getByLabel('What we will do differently').fill('Use the quiet room.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Lesson changed').waitFor();
    await page.getByText('Use the quiet room.').waitFor();
    await page.goto('/learning/lessons?code=P1&q=loud');
    await page.getByRole('link', { name: 'The tasting day' }).waitFor();
    await expectAccessible(page, 'lessons found');

    await page.goto('/');
    await page.getByRole('heading', { name: 'Overdue actions' }).waitFor();
    await page.getByRole('link', { name: 'Book a room with a hearing loop' }).waitFor();
    await expectAccessible(page, 'home with an overdue action');
    await page.goto('/outcomes');
    await expectAccessible(page, 'outcomes overview');
    await context.close();
  });

  test('a member answers the survey with JavaScript off; someone who never signs in answers by the link', async () => {
    await outcomeSurveyedWithDennisAnswered();
    await hearingLoopActionForGrace();
    const { context: checking, page: look } = await signedInPage(world, 'grace@example.org', 'Grace Okafor');
    await look.getByRole('link', { name: 'Better day centre lunches: tell us how things are' }).click();
    await look.getByRole('heading', { name: 'Tell us how things are' }).waitFor();
    await expectAccessible(look, 'answer a survey');
    await look.getByRole('button', { name: 'Send my answers' }).click();
    await look.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(look, 'answer a survey, with an error');
    await checking.close();

    const { context, page } = await signedInPage(world, 'grace@example.org', 'Grace Okafor', { javaScriptEnabled: false });
    await page.getByRole('link', { name: 'Better day centre lunches: tell us how things are' }).click();
    await page.getByLabel('4: A lot').check();
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByText('Thank you. Your answers are saved.').waitFor();
    assert.equal(await page.getByLabel('4: A lot').isChecked(), true);

    // Grace owns an action to improve things: she says how it is going herself.
    await page.goto('/');
    await page.getByRole('heading', { name: 'Your jobs to make things better' }).waitFor();
    await page.getByRole('link', { name: 'Book a room with a hearing loop' }).click();
    await page.getByRole('heading', { name: 'Book a room with a hearing loop' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Change this action' }).count(), 0);
    await page.getByRole('button', { name: 'Say how it is going' }).click();
    await page.getByRole('heading', { name: 'How is it going?' }).waitFor();
    await page.getByLabel('Done').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    assert.equal(await page.getByLabel('Done').isChecked(), true);
    await page.getByLabel('What changed?').fill('The library room has a loop now. We meet there.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved. Thank you.').waitFor();
    await context.close();

    const { context: axeContext, page: axePage } = await signedInPage(world, 'grace@example.org', 'Grace Okafor');
    const action = await world.db.selectFrom('improvement_actions').select('id').executeTakeFirstOrThrow();
    await axePage.goto(`/learning/actions/${action.id}`);
    await axePage.getByText('The library room has a loop now. We meet there.').waitFor();
    await expectAccessible(axePage, 'an action, for the member who owns it');
    await axePage.goto(`/learning/actions/${action.id}/progress`);
    await expectAccessible(axePage, 'how is it going, for the member who owns it');
    await axeContext.close();

    const text = await world.db
      .selectFrom('outbox')
      .select('body_text')
      .where('kind', '=', 'survey')
      .where('channel', '=', 'text')
      .executeTakeFirstOrThrow();
    // A text carries the personal link (/act/...), which opens the survey for that person.
    const link = /\/act\/[A-Za-z0-9_.-]+/.exec(text.body_text)![0];
    const visitor = await world.context();
    const sue = await visitor.newPage();
    await sue.goto(link);
    await sue.getByRole('heading', { name: 'Tell us how things are' }).waitFor();
    await expectAccessible(sue, 'survey by link');
    await sue.getByLabel('5: Very much').check();
    await sue.getByRole('button', { name: 'Send', exact: true }).click();
    await sue.getByText('Thank you. Your answers are saved.').waitFor();
    await expectAccessible(sue, 'survey by link, answered');
    await visitor.close();
  });

  test('with JavaScript off, staff change a lesson and an outcome', async () => {
    await tastingDayLesson();
    await outcomeSurveyedWithDennisAnswered();
    const { context, page } = await signedInPage(world, 'ada@northshire.test', 'Ada Admin', {
      open: '/learning/lessons',
      javaScriptEnabled: false,
    });
    await page.getByRole('link', { name: 'The tasting day' }).click();
    await page.getByRole('button', { name: 'Change this lesson' }).click();
    await page.getByLabel('What is this lesson about?').fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    assert.equal(await page.getByLabel('What we will do differently').inputValue(), 'Use the quiet room.', 'what was typed is kept');
    await page.getByLabel('What is this lesson about?').fill('The tasting day, again');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Lesson changed').waitFor();

    await page.goto(`/outcomes/projects/${projectId}`);
    await page.getByRole('link', { name: 'Change I feel listened to' }).click();
    await page.getByLabel('What do members want to be true?').fill('I feel heard');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Outcome changed').waitFor();
    await page.getByRole('heading', { name: 'I feel heard' }).waitFor();
    await context.close();
  });
});
