import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { londonToday } from '../../src/platform/time.ts';
import { browserClock, browserMissing, expectAccessible } from './harness.ts';
import { admin, browserWorld, signedInPage } from './world.ts';
import { codeIn } from '../worlds/replies.ts';

// When can everyone come? (issue 17), the rest of "done when", by keyboard with JavaScript
// off: Terry answers by text, Dora's letter by her reply code, Pat by phone, and Karen for
// her father Dennis, signed in as herself; Ada picks the best time, which makes the meeting.
// Then Ada changes a poll (a time taken away, one added) and cancels one. Axe checks each
// new page, with and without errors.

const dayAfter = (days: number) => {
  const d = new Date(Date.parse(`${londonToday(browserClock())}T12:00:00Z`) + days * 86_400_000);
  return [String(d.getUTCDate()), String(d.getUTCMonth() + 1), String(d.getUTCFullYear())] as const;
};
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
/** Ticks a box or chooses a radio button by keyboard only. */
async function choose(within: Page | Locator, page: Page, label: string) {
  await within.getByLabel(label, { exact: true }).focus();
  await page.keyboard.press('Space');
}
async function press(page: Page, button: string) {
  await page.getByRole('button', { name: button }).first().focus();
  await page.keyboard.press('Enter');
}
async function follow(page: Page, link: string | RegExp) {
  await page.getByRole('link', { name: link }).first().focus();
  await page.keyboard.press('Enter');
}
const time = (page: Page, n: number) => page.getByRole('group', { name: new RegExp(`^Time ${n}: `) });

describe('journey: a time poll answered every way, changed and cancelled', { skip: browserMissing }, () => {
  const world = browserWorld();
  let projectId: string;
  let ids: Record<'dennis' | 'terry' | 'dora' | 'pat' | 'karen', string>;
  beforeEach(async () => {
    const { services, staff } = world;
    const karen = await world.person({ fullName: 'Karen Whitfield', perspectives: ['carer'] }, { email: 'karen@example.org' });
    const dennis = await world.person({ fullName: 'Dennis Whitfield', perspectives: ['draws-on-care'] });
    const terry = await world.person({ fullName: 'Terry Text', perspectives: ['carer'], mobile: '07700 900222', contactOrder: ['text'] });
    const dora = await world.person({
      fullName: 'Dora Letter',
      perspectives: ['draws-on-care'],
      address: '1 High Street\nNorthtown',
      contactOrder: ['letter'],
    });
    const pat = await world.person({ fullName: 'Pat Phone', perspectives: ['draws-on-care'] });
    ids = { dennis, terry, dora, pat, karen };
    projectId = await services.projects.create(staff, {
      title: 'Better day centre lunches',
      purpose: 'Choose food together.',
      activities: ['co-design'],
      levelAim: 'transformative',
      stage: 'designing',
      startDate: '2026-01-05',
    });
    for (const p of [dennis, terry, dora, pat]) await services.projects.addMember(staff, projectId, p, 'member', '2026-01-05');
    await services.organisations.setReplyContact(staff, { phone: '01632 960 123', address: 'Freepost NS 1' });
    const user = (await services.identity.loadUser(
      (await world.db.selectFrom('accounts').select('id').where('person_id', '=', world.adminPersonId).executeTakeFirstOrThrow()).id,
    ))!;
    const today = londonToday(browserClock());
    await services.supporters.add(user, dennis, {
      kind: 'family',
      relationship: 'Daughter',
      supporterPersonId: karen,
      contact: null,
      powers: ['reply'],
      basis: 'consent',
      consentHow: 'Face to face at the day centre',
      basisMadeBy: null,
      basisMadeOn: today,
      basisReference: null,
      reviewOn: `${Number(today.slice(0, 4)) + 1}${today.slice(4, 8)}01`,
    });
  });

  /** Ada sends a poll of two times to everyone in the project; returns its address. */
  async function sendPoll(page: Page) {
    await page.goto(`/projects/${projectId}/time-polls/new`);
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
    await page
      .getByText(/The poll was sent to/)
      .first()
      .waitFor();
    return new URL(page.url()).pathname;
  }
  const sentTo = (pollId: string, personId: string) =>
    world.db
      .selectFrom('outbox')
      .select('body_text')
      .where('about_id', '=', pollId)
      .where('person_id', '=', personId)
      .executeTakeFirstOrThrow();

  test('answered by text, reply code, phone and a supporter, ending in a meeting, by keyboard with JavaScript off', async () => {
    const { context: staffContext, page: ada } = await signedInPage(world, admin.email, admin.name, { javaScriptEnabled: false });
    const pollPath = await sendPoll(ada);
    const pollId = pollPath.split('/').pop()!;

    // Terry texts back: the afternoon only.
    await world.services.texts.receive({
      provider: 'twilio',
      providerId: 'SM-poll-1',
      from: '+447700900222',
      body: '1N 2Y',
      receivedAt: world.running.now().toISOString(),
    });

    // Dora's letter has her code: Ada types it and records what the letter said.
    const code = codeIn((await sentTo(pollId, ids.dora)).body_text)!;
    await ada.goto('/reply-codes');
    await typeInto(ada, ada, 'Record a reply by code', code);
    await ada.keyboard.press('Enter');
    await ada.getByRole('heading', { name: 'When can you come to Menu group?' }).waitFor();
    await choose(time(ada, 1), ada, 'No, I cannot come');
    await choose(time(ada, 2), ada, 'Yes, I can come');
    await choose(ada, ada, 'By letter');
    await press(ada, 'Save their reply');
    await ada.getByText('Recorded by letter by Ada Admin').first().waitFor();

    // Pat rings: Ada records his answers by phone.
    await ada.goto(pollPath);
    await follow(ada, 'Record an answer Pat Phone');
    await ada.getByRole('heading', { name: "Record Pat Phone's answers" }).waitFor();
    await choose(time(ada, 1), ada, 'If need be');
    await choose(time(ada, 2), ada, 'Yes, they can come');
    await choose(ada, ada, 'By phone');
    await press(ada, 'Save their answers');
    await ada.getByText("Pat Phone's answers are saved, recorded by phone by Ada Admin.").waitFor();

    // Karen, signed in as herself, answers for her father.
    const { context: karenContext, page: karen } = await signedInPage(world, 'karen@example.org', 'Karen Whitfield', {
      javaScriptEnabled: false,
      open: `/time-polls/for/${ids.dennis}`,
    });
    await follow(karen, 'Say when Dennis Whitfield can come to Menu group');
    await karen.getByRole('heading', { name: 'When can Dennis Whitfield come to Menu group?' }).waitFor();
    await choose(time(karen, 1), karen, 'No, they cannot come');
    await press(karen, "Send Dennis Whitfield's answers");
    await karen.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await choose(time(karen, 2), karen, 'Yes, they can come');
    await press(karen, "Send Dennis Whitfield's answers");
    await karen.getByText("Thank you. Dennis Whitfield's answers are saved.").waitFor();

    // Ada sees every answer and who gave it, and picks the afternoon.
    await ada.goto(pollPath);
    await ada.getByRole('heading', { name: /^Choice 1: .*2pm to 4pm/ }).waitFor();
    await ada.getByText('Karen Whitfield for Dennis Whitfield').waitFor();
    await ada.getByText('Answered by text message').waitFor();
    await ada.getByText('Recorded by phone by Ada Admin').waitFor();
    await press(ada, 'Pick this time and make the meeting');
    await ada.getByText('The time is picked.').waitFor();
    const meetingId = new URL(ada.url()).pathname.split('/').pop()!;
    const invited = await world.services.meetings.invitees(world.organisationId, meetingId);
    assert.deepEqual(invited.map((i) => i.personId).sort(), [ids.dennis, ids.terry, ids.dora, ids.pat].sort());
    for (const c of [staffContext, karenContext]) await c.close();
  });

  test('staff change a poll and cancel it, by keyboard with JavaScript off', async () => {
    const { context, page: ada } = await signedInPage(world, admin.email, admin.name, { javaScriptEnabled: false });
    const pollPath = await sendPoll(ada);
    const pollId = pollPath.split('/').pop()!;
    await follow(ada, 'Change the poll or its times');
    await ada.getByRole('heading', { name: 'Change the poll' }).waitFor();
    await ada.getByRole('checkbox', { name: /^Time 1: / }).focus();
    await ada.keyboard.press('Space');
    const added = ada.getByRole('group', { name: 'New time 3', exact: true });
    await typeDate(added, ada, 16);
    await typeInto(added, ada, 'Starts at', 'teatime');
    await typeInto(added, ada, 'Ends at', '1pm');
    await press(ada, 'Save the changes');
    await ada.getByRole('heading', { name: 'There is a problem' }).waitFor();
    // What was typed stays: the time ticked to go, and the new time's date.
    assert.equal(await ada.getByRole('checkbox', { name: /^Time 1: / }).isChecked(), true);
    await added.getByLabel('Starts at', { exact: true }).focus();
    await ada.keyboard.press('Control+A');
    await ada.keyboard.type('11am');
    await press(ada, 'Save the changes');
    await ada.getByText(/The poll is changed\./).waitFor();
    const times = await world.db
      .selectFrom('time_poll_options')
      .select('position')
      .where('poll_id', '=', pollId)
      .orderBy('position')
      .execute();
    assert.deepEqual(
      times.map((x) => x.position),
      [2, 3],
    );
    await ada.getByRole('heading', { name: /^Choice \d: .*11am to 1pm/ }).waitFor();

    await follow(ada, 'Cancel the poll');
    await ada.getByRole('heading', { name: 'Cancel Menu group' }).waitFor();
    await typeInto(ada, ada, 'Why is it cancelled? (optional)', 'The kitchen is closing for repairs');
    await press(ada, 'Cancel the poll and tell people');
    await ada.getByText(/The poll is cancelled\./).waitFor();
    await ada.getByText('Cancelled by Ada Admin', { exact: false }).waitFor();
    const told = await world.db
      .selectFrom('outbox')
      .select('body_text')
      .where('about_id', '=', pollId)
      .where('person_id', '=', ids.terry)
      .where('dedupe_key', 'like', 'time-poll-cancelled:%')
      .executeTakeFirstOrThrow();
    assert.match(told.body_text, /The kitchen is closing for repairs/);
    await context.close();
  });

  test('the new pages pass axe', async () => {
    const { context, page } = await signedInPage(world, admin.email, admin.name);
    const pollPath = await sendPoll(page);
    await page.goto(`${pollPath}/change`);
    await expectAccessible(page, 'change a poll');
    await page.getByLabel('What is the meeting called?').fill('');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'change a poll with errors');
    await page.goto(`${pollPath}/cancel`);
    await expectAccessible(page, 'cancel a poll');
    await page.getByLabel('Why is it cancelled? (optional)').fill('x'.repeat(501));
    await page.getByRole('button', { name: 'Cancel the poll and tell people' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'cancel a poll with errors');
    await page.goto(`${pollPath}/answers/${ids.dennis}`);
    await expectAccessible(page, 'record an answer, with who gave it');

    const { context: karenContext, page: karen } = await signedInPage(world, 'karen@example.org', 'Karen Whitfield', {
      open: `/time-polls/for/${ids.dennis}`,
    });
    await expectAccessible(karen, 'polls a supporter can answer');
    await karen.getByRole('link', { name: 'Say when Dennis Whitfield can come to Menu group' }).click();
    await karen.getByRole('button', { name: "Send Dennis Whitfield's answers" }).click();
    await karen.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(karen, 'supporter answer with errors');
    await time(karen, 1).getByLabel('Yes, they can come').check();
    await time(karen, 2).getByLabel('No, they cannot come').check();
    await karen.getByRole('button', { name: "Send Dennis Whitfield's answers" }).click();
    await karen.getByText("Thank you. Dennis Whitfield's answers are saved.").waitFor();

    await page.goto(pollPath);
    await page.getByText('Karen Whitfield for Dennis Whitfield').waitFor();
    await expectAccessible(page, 'poll with a supporter answer');
    await page.goto(`${pollPath}/cancel`);
    await page.getByRole('button', { name: 'Cancel the poll and tell people' }).click();
    await page.getByText(/The poll is cancelled\./).waitFor();
    await expectAccessible(page, 'a cancelled poll');
    for (const c of [context, karenContext]) await c.close();
  });
});
