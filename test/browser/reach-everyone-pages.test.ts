import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { CurrentUser } from '../../src/platform/auth.ts';
import { newId } from '../../src/platform/ids.ts';
import { londonToday } from '../../src/platform/time.ts';
import { browserClock, browserMissing, expectAccessible } from './harness.ts';
import { admin, browserWorld, password, signedInPage, signIn } from './world.ts';
import { actLinkIn } from '../worlds/replies.ts';

// Issue 16: the pages for reaching everyone that no other journey checks with axe: the
// To do lists of papers and access needs, a swap opened by its personal link, the
// organisation's reply settings with an error, choosing an organisation at sign-in, and the
// meetings list's date boxes. Each is also used by keyboard with JavaScript off.

/** Types into a field found by its label, by keyboard only. */
async function typeInto(page: Page, label: string, text: string) {
  await page.getByLabel(label, { exact: true }).focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}
/** Presses a button or follows a link, by keyboard only. */
async function press(page: Page, role: 'button' | 'link', name: string | RegExp) {
  await page
    .getByRole(role, { name, exact: typeof name === 'string' })
    .first()
    .focus();
  await page.keyboard.press('Enter');
}

describe('journey: the pages for reaching everyone', { skip: browserMissing }, () => {
  const world = browserWorld();

  /** Pat (no account, by text) is invited to a meeting in five days that has a paper she has not had, and her access needs are due a check. */
  async function papersAndReviewsWaiting() {
    const { db, services, staff, organisationId } = world;
    const pat = await world.person({ fullName: 'Pat Price', perspectives: ['carer'], mobile: '07700 900444', contactOrder: ['text'] });
    const projectId = await services.projects.create(staff, {
      title: 'Bus routes',
      purpose: 'Better buses.',
      activities: ['co-design'],
      levelAim: 'intermediate',
      stage: 'designing',
      startDate: '2026-01-05',
    });
    await services.projects.addMember(staff, projectId, pat, 'member', '2026-01-05');
    const now = browserClock().toISOString();
    const startsAt = new Date(browserClock().getTime() + 5 * 86_400_000).toISOString();
    const meetingId = newId();
    await db
      .insertInto('meetings')
      .values({
        id: meetingId,
        organisation_id: organisationId,
        project_id: projectId,
        title: 'Bus routes meeting',
        purpose: 'Talk',
        starts_at: startsAt,
        ends_at: new Date(Date.parse(startsAt) + 3_600_000).toISOString(),
        format: 'online',
        venue_id: null,
        joining_details: null,
        members_only: 0,
        arrangements: '[]',
        interpreter_languages: null,
        cancelled_at: null,
        invitations_sent_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('meeting_invitees')
      .values({
        organisation_id: organisationId,
        meeting_id: meetingId,
        person_id: pat,
        channel: 'text',
        invited_at: now,
        reply: 'none',
        replied_at: null,
        reply_recorded_by: null,
        reply_note: null,
        reminded_at: null,
      })
      .execute();
    await db
      .insertInto('meeting_papers')
      .values({ id: newId(), organisation_id: organisationId, meeting_id: meetingId, title: 'Agenda', created_at: now })
      .execute();
    // Her yearly check falls due today.
    await db
      .updateTable('access_reviews')
      .set({ due_on: londonToday(browserClock()) })
      .where('organisation_id', '=', organisationId)
      .where('person_id', '=', pat)
      .execute();
  }

  /** Mo says he helped Terry (who never signs in); Terry's text asks him to say yes by his link. */
  async function swapForTerry(): Promise<string> {
    const { db, services } = world;
    const terry = await world.person({ fullName: 'Terry Text', perspectives: ['carer'], mobile: '07700 900222', contactOrder: ['text'] });
    const mo = await world.person({ fullName: 'Mo Member', perspectives: ['draws-on-care'] }, { email: 'mo@example.com' });
    const as = (personId: string, name: string): CurrentUser => ({
      accountId: personId,
      personId,
      organisationId: world.organisationId,
      organisationName: 'Northshire County Council',
      role: 'member',
      name,
    });
    const listing = await services.timebank.exchanges.post(as(terry, 'Terry Text'), {
      kind: 'request',
      title: 'Help with my garden',
      description: 'Weeding',
      minutes: 60,
    });
    const swap = await services.timebank.exchanges.respond(as(mo, 'Mo Member'), listing, null);
    await services.timebank.exchanges.propose(as(mo, 'Mo Member'), swap, { minutes: 90, happenedOn: londonToday(browserClock()) });
    const message = await db
      .selectFrom('outbox')
      .select('body_text')
      .where('about_id', '=', swap)
      .where('person_id', '=', terry)
      .where('dedupe_key', 'like', '%:proposed:%')
      .executeTakeFirstOrThrow();
    return actLinkIn(message.body_text)!;
  }

  /** Cara signs in with one email to Northshire and to a charity: she chooses which. */
  async function caraInTwoOrganisations() {
    const { services, db } = world;
    await world.person({ fullName: 'Cara Carer', perspectives: ['carer'] }, { email: 'cara@example.com' });
    await services.organisations.addAnother({
      organisationName: 'Riverside Carers Trust',
      area: 'Riverside',
      adminName: 'Rita Admin',
      email: 'rita@riverside.test',
      password,
    });
    const charity = await db
      .selectFrom('organisations')
      .select('id')
      .where('name', '=', 'Riverside Carers Trust')
      .executeTakeFirstOrThrow();
    const there = await services.people.create(
      { organisationId: charity.id, personId: null },
      { fullName: 'Cara Carer', perspectives: ['carer'], email: 'cara@example.com' },
    );
    await db.transaction().execute((trx) =>
      services.identity.createAccount(trx, {
        organisationId: charity.id,
        personId: there,
        email: 'cara@example.com',
        role: 'member',
        password,
      }),
    );
  }

  /** A survey round for a project Sue (no account, by text) is in: her text has her link. */
  async function surveyForSue(): Promise<string> {
    const { db, services, staff } = world;
    const sue = await world.person({ fullName: 'Sue Carer', perspectives: ['carer'], mobile: '07700900123', contactOrder: ['text'] });
    const projectId = await services.projects.create(staff, {
      title: 'Better day centre lunches',
      purpose: 'Choose food together.',
      activities: ['co-design'],
      levelAim: 'intermediate',
      stage: 'designing',
      startDate: '2026-01-05',
    });
    await services.projects.addMember(staff, projectId, sue, 'member', '2026-01-05');
    const account = await db.selectFrom('accounts').select('id').where('person_id', '=', staff.personId).executeTakeFirstOrThrow();
    const ada: CurrentUser = {
      ...staff,
      accountId: account.id,
      organisationName: 'Northshire County Council',
      role: 'admin',
      name: admin.name,
    };
    await services.outcomes.addOutcome(ada, projectId, {
      title: 'I feel listened to',
      measure: 'scale',
      question: 'How much do you feel listened to?',
      unit: null,
      agreedHow: 'Agreed at the first meeting.',
    });
    const today = londonToday(browserClock());
    const closes = new Date(Date.parse(`${today}T12:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    const round = await services.outcomes.surveys.addRound(ada, projectId, { phase: 'before', opensOn: today, closesOn: closes });
    if (!round.ok) throw new Error('no survey round');
    await services.outcomes.surveys.send(ada, round.id);
    const sent = await db
      .selectFrom('outbox')
      .select('body_text')
      .where('kind', '=', 'survey')
      .where('person_id', '=', sue)
      .executeTakeFirstOrThrow();
    return actLinkIn(sent.body_text)!;
  }

  test('a survey by its personal link passes axe, and is answered by keyboard with JavaScript off', async () => {
    const link = await surveyForSue();
    const checked = await world.context();
    const look = await checked.newPage();
    await look.goto(link);
    await look.getByRole('heading', { name: 'Tell us how things are' }).waitFor();
    await expectAccessible(look, 'a survey by personal link');
    await look.getByRole('button', { name: 'Send', exact: true }).click();
    await look.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(look, 'a survey by personal link, with an error');
    await checked.close();

    const visitor = await world.context({ javaScriptEnabled: false });
    const sue = await visitor.newPage();
    await sue.goto(link);
    await sue.getByLabel('5: Very much').focus();
    await sue.keyboard.press('Space');
    await press(sue, 'button', 'Send');
    await sue.getByText('Thank you. Your answers are saved.').waitFor();
    assert.equal(await sue.getByLabel('5: Very much').isChecked(), true);
    await visitor.close();
  });

  test('the pages pass axe, with what they list and with their errors', async () => {
    await papersAndReviewsWaiting();
    const swapLink = await swapForTerry();
    await caraInTwoOrganisations();
    const context = await world.context();
    const page = await context.newPage();

    await page.goto(swapLink);
    await page.getByText('Your time bank swap with Mo Member').waitFor();
    await expectAccessible(page, 'a swap by personal link');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'a swap by personal link, with an error');

    await signIn(page, admin.email, admin.name);
    await page.goto('/to-do/papers');
    await page.getByRole('link', { name: 'Pat Price' }).waitFor();
    await expectAccessible(page, 'people waiting for papers');
    await page.goto('/to-do/access-reviews');
    await page.getByRole('link', { name: 'Pat Price' }).waitFor();
    await expectAccessible(page, 'access needs to check again');
    await page.goto('/organisation/replies');
    await expectAccessible(page, 'reply settings');
    await page.getByLabel('Phone number for replies').fill('1'.repeat(31));
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'reply settings, with an error');

    await page.goto('/meetings?from-day=31&from-month=2&from-year=2027');
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'meetings, with a date that does not exist');

    await context.clearCookies();
    await page.goto('/sign-in');
    await page.locator('form[action="/sign-in"]').getByLabel('Email address').fill('cara@example.com');
    await page.locator('form[action="/sign-in"]').getByLabel('Password', { exact: true }).fill(password);
    await page.locator('form[action="/sign-in"]').getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/sign-in\/choose/);
    await expectAccessible(page, 'choose an organisation');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'choose an organisation, with an error');
    await context.close();
  });

  test('with JavaScript off, by keyboard: the To do lists, a swap by link, reply settings, choosing an organisation, and dates', async () => {
    await papersAndReviewsWaiting();
    const swapLink = await swapForTerry();
    await caraInTwoOrganisations();

    // Terry says yes to the swap from his text, without signing in.
    const visitor = await world.context({ javaScriptEnabled: false });
    const terry = await visitor.newPage();
    await terry.goto(swapLink);
    await terry.getByLabel('Yes, this is right').focus();
    await terry.keyboard.press('Space');
    await press(terry, 'button', 'Send');
    await terry.getByText('The time credits have moved').first().waitFor();
    await visitor.close();

    const { context, page } = await signedInPage(world, admin.email, admin.name, { open: '/to-do', javaScriptEnabled: false });
    await press(page, 'link', 'See who is waiting');
    await page.waitForURL(/\/to-do\/papers/);
    await page.getByRole('link', { name: 'Bus routes meeting' }).waitFor();
    await page.goto('/to-do');
    await press(page, 'link', 'See who to ask');
    await page.waitForURL(/\/to-do\/access-reviews/);
    await page.getByRole('link', { name: 'Pat Price' }).waitFor();

    // The organisation's phone number for replies, typed and saved.
    await page.goto('/organisation/replies');
    await typeInto(page, 'Phone number for replies', '01632 960 999');
    await press(page, 'button', 'Save');
    await page.getByText('Saved').first().waitFor();
    assert.equal(await page.getByLabel('Phone number for replies').inputValue(), '01632 960 999');

    // Dates typed in the boxes; a date that does not exist is kept with its error.
    const from = (box: string) => page.getByRole('group', { name: 'From' }).getByLabel(box, { exact: true });
    await page.goto('/meetings');
    for (const [box, typed] of [
      ['Day', '31'],
      ['Month', '2'],
      ['Year', '2027'],
    ] as const) {
      await from(box).focus();
      await page.keyboard.type(typed);
    }
    await press(page, 'button', 'Show meetings');
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await page.getByText("Enter a real date in 'From', like 27 3 2027").first().waitFor();
    assert.deepEqual(
      [await from('Day').inputValue(), await from('Month').inputValue(), await from('Year').inputValue()],
      ['31', '2', '2027'],
    );
    await from('Day').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('28');
    await press(page, 'button', 'Show meetings');
    await page.waitForURL(/from-day=28/);
    assert.equal(await page.getByRole('heading', { name: 'There is a problem' }).count(), 0);
    await page.getByText('0 meetings').waitFor();

    // Cara chooses the charity at sign-in.
    await context.clearCookies();
    await page.goto('/sign-in');
    const form = page.locator('form[action="/sign-in"]');
    await form.getByLabel('Email address').fill('cara@example.com');
    await form.getByLabel('Password', { exact: true }).fill(password);
    await form.getByRole('button', { name: 'Sign in' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/sign-in\/choose/);
    await page.getByLabel('Riverside Carers Trust').focus();
    await page.keyboard.press('Space');
    await press(page, 'button', 'Continue');
    await page.getByRole('heading', { name: 'Hello, Cara Carer' }).waitFor();
    await page.getByText('Riverside Carers Trust').first().waitFor();
    await context.close();
  });
});
