import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { londonToday } from '../../src/platform/time.ts';
import { browserClock, browserMissing, expectAccessible } from './harness.ts';
import { admin, browserWorld, password, signedInPage } from './world.ts';
import { actLinkIn } from '../worlds/replies.ts';

// When can everyone come? (issue 17), by keyboard with JavaScript off: Ada offers two times
// for a meeting, Terry answers by the link in his text without signing in, Dennis signs in
// and answers, and Ada picks the best time, which makes the meeting.

/** A London date some days from the journey's today: day, month and year. */
const dayAfter = (days: number) => {
  const d = new Date(Date.parse(`${londonToday(browserClock())}T12:00:00Z`) + days * 86_400_000);
  return [String(d.getUTCDate()), String(d.getUTCMonth() + 1), String(d.getUTCFullYear())] as const;
};

/** Types into a field found by its label, by keyboard only. */
async function typeInto(within: Page | Locator, page: Page, label: string, text: string) {
  await within.getByLabel(label, { exact: true }).focus();
  await page.keyboard.type(text);
}
async function typeDate(within: Locator, page: Page, days: number) {
  const [day, month, year] = dayAfter(days);
  await typeInto(within, page, 'Day', day);
  await typeInto(within, page, 'Month', month);
  await typeInto(within, page, 'Year', year);
}
/** Chooses a radio button by keyboard only. */
async function choose(within: Locator, page: Page, label: string) {
  await within.getByLabel(label, { exact: true }).focus();
  await page.keyboard.press('Space');
}
async function press(page: Page, button: string) {
  await page.getByRole('button', { name: button }).first().focus();
  await page.keyboard.press('Enter');
}
const time = (page: Page, n: number) => page.getByRole('group', { name: new RegExp(`^Time ${n}: `) });

describe('journey: finding a time everyone can come to', { skip: browserMissing }, () => {
  const world = browserWorld();
  let projectId: string;
  let terry: string;
  beforeEach(async () => {
    const { services, staff } = world;
    const dennis = await world.person(
      {
        fullName: 'Dennis Whitfield',
        perspectives: ['draws-on-care'],
        contactOrder: ['email'],
        unsuitableTimes: { days: [], parts: ['morning'] },
      },
      { email: 'dennis@example.com' },
    );
    terry = await world.person({ fullName: 'Terry Text', perspectives: ['carer'], mobile: '07700 900222', contactOrder: ['text'] });
    projectId = await services.projects.create(staff, {
      title: 'Better day centre lunches',
      purpose: 'Choose food together.',
      activities: ['co-design'],
      levelAim: 'transformative',
      stage: 'designing',
      startDate: '2026-01-05',
    });
    for (const p of [dennis, terry]) await services.projects.addMember(staff, projectId, p, 'member', '2026-01-05');
  });

  /** Ada signs in by keyboard and sends a poll of two times; returns the poll's address. */
  async function sendPoll(page: Page) {
    await page.goto('/sign-in');
    const form = page.locator('form[action="/sign-in"]');
    await typeInto(form, page, 'Email address', admin.email);
    await typeInto(form, page, 'Password', password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Hello, ${admin.name}` }).waitFor();
    await page.goto(`/projects/${projectId}`);
    await page.getByRole('link', { name: 'Find a time for a meeting' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Find a time for a meeting' }).waitFor();
    await typeInto(page, page, 'What is the meeting called?', 'Menu group');
    await typeInto(page, page, 'What is the meeting for?', 'Choose the spring menu');
    const first = page.getByRole('group', { name: 'Time 1', exact: true });
    await typeDate(first, page, 14);
    await typeInto(first, page, 'Starts at', '10am');
    await typeInto(first, page, 'Ends at', '12pm');
    const second = page.getByRole('group', { name: 'Time 2', exact: true });
    await typeDate(second, page, 15);
    await typeInto(second, page, 'Starts at', '2pm');
    await typeInto(second, page, 'Ends at', '4pm');
    await typeDate(page.getByRole('group', { name: 'When must people answer by?' }), page, 7);
    await press(page, 'Send the poll');
    await page.getByText('The poll was sent to 2 people.').waitFor();
    return new URL(page.url()).pathname;
  }

  test('a poll answered by link and signed in ends in a meeting, by keyboard with JavaScript off', async () => {
    const staffContext = await world.context({ javaScriptEnabled: false });
    const ada = await staffContext.newPage();
    const pollPath = await sendPoll(ada);
    const pollId = pollPath.split('/').pop()!;

    // Terry's text: the times numbered, how to answer by text, and his own link.
    const text = await world.db
      .selectFrom('outbox')
      .select('body_text')
      .where('about_id', '=', pollId)
      .where('person_id', '=', terry)
      .executeTakeFirstOrThrow();
    assert.match(text.body_text, /1Y 2M 3N/);
    const visitorContext = await world.context({ javaScriptEnabled: false });
    const visitor = await visitorContext.newPage();
    await visitor.goto(actLinkIn(text.body_text)!);
    await visitor.getByRole('heading', { name: 'When can you come to Menu group?' }).waitFor();
    await choose(time(visitor, 1), visitor, 'No, I cannot come');
    await press(visitor, 'Send');
    await visitor.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await choose(time(visitor, 2), visitor, 'Yes, I can come');
    await press(visitor, 'Send');
    await visitor.getByText('Thank you. Your answers are saved.').waitFor();

    // Dennis signs in and answers on his own page.
    const memberContext = await world.context({ javaScriptEnabled: false });
    const dennis = await memberContext.newPage();
    await dennis.goto('/sign-in');
    const form = dennis.locator('form[action="/sign-in"]');
    await typeInto(form, dennis, 'Email address', 'dennis@example.com');
    await typeInto(form, dennis, 'Password', password);
    await dennis.keyboard.press('Enter');
    await dennis.getByRole('heading', { name: 'Hello, Dennis Whitfield' }).waitFor();
    await dennis.goto(pollPath);
    await choose(time(dennis, 1), dennis, 'If need be');
    await choose(time(dennis, 2), dennis, 'Yes, I can come');
    await press(dennis, 'Send my answers');
    await dennis.getByText('Thank you. Your answers are saved.').waitFor();

    // Ada sees the afternoon first, with Dennis's "not in the morning" beside the morning, and picks it.
    await ada.goto(pollPath);
    const best = ada.getByRole('heading', { name: /^Choice 1: .*2pm to 4pm/ });
    await best.waitFor();
    await ada.getByText('Clashes with Dennis Whitfield\'s "not in the morning"').waitFor();
    await press(ada, 'Pick this time and make the meeting');
    await ada.getByText('The time is picked.').waitFor();
    await ada.getByRole('heading', { name: 'Menu group' }).waitFor();
    const meetingId = new URL(ada.url()).pathname.split('/').pop()!;
    const invited = await world.services.meetings.invitees(world.organisationId, meetingId);
    assert.equal(invited.length, 2);
    assert.ok(
      invited.every((i) => i.invitedAt),
      'everyone asked is invited',
    );
    for (const c of [staffContext, visitorContext, memberContext]) await c.close();
  });

  test('the new pages pass axe', async () => {
    const { context, page } = await signedInPage(world, admin.email, admin.name, { open: `/projects/${projectId}/time-polls/new` });
    await expectAccessible(page, 'new poll');
    await page.getByRole('button', { name: 'Send the poll' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'new poll with errors');
    await page.close();
    const staffContext = await world.context({ javaScriptEnabled: false });
    const pollPath = await sendPoll(await staffContext.newPage());
    await staffContext.close();
    const again = await context.newPage();
    await again.goto(pollPath);
    await again.getByRole('heading', { name: 'Menu group' }).waitFor();
    await expectAccessible(again, 'poll and results');
    await again.getByRole('link', { name: 'Record an answer Terry Text' }).click();
    await again.getByRole('button', { name: 'Save their answers' }).click();
    await again.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(again, 'record an answer with errors');
    await again.goto(`/projects/${projectId}/time-polls`);
    await expectAccessible(again, 'polls of a project');
    await again.goto('/time-polls?only=chase');
    await expectAccessible(again, 'polls to chase');
    const pollId = pollPath.split('/').pop()!;
    const text = await world.db
      .selectFrom('outbox')
      .select('body_text')
      .where('about_id', '=', pollId)
      .where('person_id', '=', terry)
      .executeTakeFirstOrThrow();
    const visitor = await (await world.context()).newPage();
    await visitor.goto(actLinkIn(text.body_text)!);
    await visitor.getByRole('heading', { name: 'When can you come to Menu group?' }).waitFor();
    await expectAccessible(visitor, 'answer by link');
    const { page: member } = await signedInPage(world, 'dennis@example.com', 'Dennis Whitfield', { open: `${pollPath}/answer` });
    await member.getByRole('button', { name: 'Send my answers' }).click();
    await member.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(member, 'member answer with errors');
    await context.close();
  });
});
