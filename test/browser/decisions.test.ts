import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { londonToday } from '../../src/platform/time.ts';
import { browserMissing, expectAccessible, browserClock } from './harness.ts';
import { browserWorld, signedInPage } from './world.ts';

/** A London date some days from today, in the three boxes a person types it into. */
function day(offset: number) {
  const [year, month, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })
    .format(new Date(browserClock().getTime() + offset * 86_400_000))
    .split('-');
  return { day: String(Number(d)), month: String(Number(month)), year: year! };
}

async function fillWhen(page: Page, legend: string, date: { day: string; month: string; year: string }, timeLabel: string, time: string) {
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(date.day);
  await group.getByLabel('Month').fill(date.month);
  await group.getByLabel('Year').fill(date.year);
  await page.getByLabel(timeLabel).fill(time);
}

describe('journey: deciding together, every vote the same weight (P2, P7, S4)', { skip: browserMissing }, () => {
  const world = browserWorld();
  let projectId: string;
  let grace: string;
  let amira: string;
  let dennis: string;
  beforeEach(async () => {
    const { services, staff } = world;
    grace = await world.person(
      { fullName: 'Grace Okafor', perspectives: ['draws-on-care'], contactOrder: ['email'] },
      { email: 'grace@example.org' },
    );
    amira = await world.person(
      { fullName: 'Amira Hassan', perspectives: ['carer'], contactOrder: ['email'] },
      { email: 'amira@example.org' },
    );
    dennis = await world.person({
      fullName: 'Dennis Whitfield',
      perspectives: ['draws-on-care'],
      landline: '01632 960001',
      contactOrder: ['phone'],
    });
    projectId = await services.projects.create(staff, {
      title: 'Better day centre lunches',
      purpose: 'Choose food together.',
      activities: ['co-decision'],
      levelAim: 'transformative',
      stage: 'deciding',
      startDate: '2026-01-05',
    });
    for (const p of [grace, amira, dennis, world.adminPersonId])
      await services.projects.addMember(staff, projectId, p, 'member', '2026-01-05');
  });

  /** Time passes: voting closes. */
  const close = (question: string) =>
    world.db
      .updateTable('proposals')
      .set({ closes_at: new Date(browserClock().getTime() - 60_000).toISOString() })
      .where('question', '=', question)
      .execute();

  /**
   * The consent journey's outcome: Grace agreed, Amira blocked it, Dennis disagreed by
   * phone, voting closed and staff saved the result to the decision log, so the project and
   * Grace's home page have a "Not agreed" decision to show.
   */
  async function consentBlockedAndRecorded() {
    const { services, staff } = world;
    const now = browserClock().getTime();
    const id = await services.proposals.create(staff, projectId, {
      question: 'Should lunch start at 12:30pm?',
      background: 'Some people arrive late from their morning visits.',
      meetingId: null,
      paperIds: [],
      method: 'consent',
      settings: {},
      options: [],
      everyone: true,
      voterIds: [],
      secret: false,
      opensAt: new Date(now - 86_400_000).toISOString(),
      closesAt: new Date(now + 7 * 86_400_000).toISOString(),
    });
    const proposal = () => services.proposals.load(world.organisationId, id);
    const as = (personId: string) => ({ organisationId: world.organisationId, personId });
    await services.votes.vote(as(grace), await proposal(), { response: 'agree', reason: null });
    await services.votes.vote(as(amira), await proposal(), { response: 'block', reason: 'My husband needs lunch before his 1pm tablets.' });
    await services.votes.recordFor(
      staff,
      await proposal(),
      dennis,
      { response: 'disagree', reason: 'I would rather have 12:15pm.' },
      'phone',
    );
    await close('Should lunch start at 12:30pm?');
    await services.decisionLog.recordDecision(staff, {
      projectId,
      proposalId: id,
      meetingId: null,
      decided: 'Not agreed: someone blocked it',
      why: '1 agreed, 1 disagreed, 1 blocked and 0 stood aside. It goes ahead only if nobody blocks it.',
      takingPart: await services.votes.takingPart(world.organisationId, await proposal()),
    });
  }

  test('a consent decision: staff write it, members vote (one without JavaScript), staff record a phone vote, results and the log', async () => {
    const { context, page } = await signedInPage(world, 'ada@northshire.test', 'Ada Admin', { open: `/projects/${projectId}` });
    await page.getByRole('heading', { name: 'Proposals and votes', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Write a proposal' }).first().click();
    await page.getByRole('heading', { name: 'Write a proposal', level: 1 }).waitFor();
    await expectAccessible(page, 'write a proposal');
    await page.getByLabel('The question').fill('Should lunch start at 12:30pm?');
    await fillWhen(page, 'Voting closes', day(-1), 'Closing time', '5pm');
    await page.getByRole('button', { name: 'Save proposal' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await page.getByText('Voting must close after it opens').first().waitFor();
    await expectAccessible(page, 'proposal form with errors');
    assert.equal(await page.getByLabel('The question').inputValue(), 'Should lunch start at 12:30pm?');
    await fillWhen(page, 'Voting opens', day(-1), 'Opening time', '9am');
    await fillWhen(page, 'Voting closes', day(7), 'Closing time', '5pm');
    await page.getByLabel('Background').fill('Some people arrive late from their morning visits.');
    await page.getByRole('button', { name: 'Save proposal' }).click();
    await page.getByRole('heading', { name: 'Should lunch start at 12:30pm?', level: 1 }).waitFor();
    await page.getByText('Open', { exact: true }).waitFor();
    await expectAccessible(page, 'proposal page');
    await page.getByRole('link', { name: 'Who has taken part' }).click();
    await page.getByRole('button', { name: 'Tell members voting is open' }).click();
    await page.getByText('Told 4 people that voting is open').waitFor();
    await expectAccessible(page, 'participation');

    // Grace votes with JavaScript on.
    const { context: graceContext, page: gracePage } = await signedInPage(world, 'grace@example.org', 'Grace Okafor');
    await gracePage.getByRole('link', { name: 'Should lunch start at 12:30pm?' }).click();
    await gracePage.getByRole('heading', { name: 'Should lunch start at 12:30pm?' }).waitFor();
    await expectAccessible(gracePage, 'consent vote');
    await gracePage.getByLabel('Agree', { exact: true }).check();
    await gracePage.getByRole('button', { name: 'Send my vote' }).click();
    await gracePage.getByText('Thank you. Your vote is counted.').waitFor();
    await expectAccessible(gracePage, 'after voting');

    // Amira votes with JavaScript off, and must say why she blocks it.
    const { context: noJs, page: amiraPage } = await signedInPage(world, 'amira@example.org', 'Amira Hassan', {
      open: '/',
      javaScriptEnabled: false,
    });
    await amiraPage.getByRole('link', { name: 'Should lunch start at 12:30pm?' }).click();
    await amiraPage.getByLabel('Block', { exact: true }).check();
    await amiraPage.getByRole('button', { name: 'Send my vote' }).click();
    await amiraPage.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await amiraPage.getByText('Say why you block it').first().waitFor();
    assert.equal(await amiraPage.getByLabel('Block', { exact: true }).isChecked(), true);
    await amiraPage.getByLabel('Why?').fill('My husband needs lunch before his 1pm tablets.');
    await amiraPage.getByRole('button', { name: 'Send my vote' }).click();
    await amiraPage.getByText('Thank you. Your vote is counted.').waitFor();
    const { id } = await world.db.selectFrom('proposals').select('id').executeTakeFirstOrThrow();
    await amiraPage.goto(`/proposals/${id}/vote`);
    await amiraPage.getByText('You can only vote once').waitFor();

    // Dennis gives his vote by phone.
    await page.goto(page.url());
    await page.getByRole('link', { name: 'Record their vote for Dennis Whitfield' }).click();
    await expectAccessible(page, 'record a vote');
    await page.getByLabel('Disagree', { exact: true }).check();
    await page.getByLabel('Why?').fill('I would rather have 12:15pm.');
    await page.getByLabel('By phone').check();
    await page.getByRole('button', { name: 'Record this vote' }).click();
    await page.getByText('recorded by Ada Admin (by phone)').waitFor();
    await page.getByText('3 of 4 people have taken part').waitFor();

    await close('Should lunch start at 12:30pm?');
    await page.getByRole('link', { name: 'Back' }).click();
    await page.getByRole('link', { name: 'See the results' }).click();
    await page.getByText('Not agreed: someone blocked it').waitFor();
    await page.getByRole('listitem').filter({ hasText: 'My husband needs lunch before his 1pm tablets.' }).waitFor();
    await expectAccessible(page, 'consent results');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await expectAccessible(page, 'record the decision');
    assert.match(await page.getByLabel('What was decided').inputValue(), /Not agreed/);
    await page.getByRole('button', { name: 'Save to the decision log' }).click();
    await page.waitForURL(new RegExp(`/projects/${projectId}/decisions/[0-9a-f-]{36}$`));
    await expectAccessible(page, 'decision in the log');
    await Promise.all([context.close(), graceContext.close(), noJs.close()]);
  });

  test('every other way of deciding has accessible pages: voting, results and agreed scores', async () => {
    await consentBlockedAndRecorded();
    const { services, db, staff } = world;
    const org = { id: world.organisationId };
    const admin = { person_id: world.adminPersonId };
    const now = browserClock().getTime();
    const options = ['Soup', 'Salad', 'Stew'].map((title) => ({ id: null, title, description: null, costPence: null }));
    const base = {
      background: null,
      meetingId: null,
      paperIds: [],
      options,
      everyone: true,
      voterIds: [],
      secret: false,
      opensAt: new Date(now - 86_400_000).toISOString(),
      closesAt: new Date(now + 7 * 86_400_000).toISOString(),
    };
    const made = {
      majority: await services.proposals.create(staff, projectId, {
        ...base,
        question: 'Which lunch on Fridays?',
        method: 'majority',
        settings: { quorum: { kind: 'percent', percent: 50 } },
      }),
      ranked: await services.proposals.create(staff, projectId, {
        ...base,
        question: 'Put the lunches in order',
        method: 'ranked-choice',
        settings: {},
        secret: true,
      }),
      dots: await services.proposals.create(staff, projectId, {
        ...base,
        question: 'What matters most at lunch?',
        method: 'dot-voting',
        settings: { dotsEach: 5 },
      }),
      scoring: await services.proposals.create(staff, projectId, {
        ...base,
        question: 'Which caterer?',
        method: 'scoring',
        everyone: false,
        voterIds: [admin.person_id, grace],
        settings: {
          criteria: [
            { id: 'taste', name: 'Taste', weight: 2 },
            { id: 'price', name: 'Price', weight: 1 },
          ],
        },
      }),
    };
    // An open review of this project too: with the decision recorded and these open
    // proposals, the project page and a member's home page show every new section at once.
    const review = await services.reviews.create(staff, {
      title: 'Lunch project review',
      projectId,
      opensOn: londonToday(new Date(now - 86_400_000)),
      closesOn: londonToday(new Date(now + 7 * 86_400_000)),
      schedule: 'none',
      gapThresholdTenths: 10,
    });
    assert.ok(review.ok, 'the review opens');
    const { context, page } = await signedInPage(world, 'ada@northshire.test', 'Ada Admin', { open: `/projects/${projectId}` });
    await page.getByRole('link', { name: 'Lunch project review' }).waitFor();
    await page.getByRole('link', { name: 'Which lunch on Fridays?' }).first().waitFor();
    await expectAccessible(page, 'project page with decisions');
    const { context: graceContext, page: gracePage } = await signedInPage(world, 'grace@example.org', 'Grace Okafor');
    await gracePage.getByRole('link', { name: 'Have your say: Lunch project review' }).waitFor();
    await gracePage.getByRole('link', { name: 'Which lunch on Fridays?' }).first().waitFor();
    await gracePage
      .getByRole('link', { name: /Not agreed/ })
      .first()
      .waitFor();
    await expectAccessible(gracePage, 'member home page with an open review, proposals and a decision');
    await gracePage.goto(`/projects/${projectId}`);
    await gracePage.getByRole('link', { name: 'Have your say: Lunch project review' }).waitFor();
    await gracePage.getByRole('link', { name: 'Which lunch on Fridays?' }).first().waitFor();
    await expectAccessible(gracePage, 'project page for a member, with an open review, proposals and a decision');
    await graceContext.close();
    await page.getByRole('link', { name: 'All decisions for this project' }).click();
    await expectAccessible(page, 'decisions list');
    for (const [name, id] of Object.entries(made)) {
      await page.goto(`/proposals/${id}/vote`);
      await expectAccessible(page, `${name} vote`);
      await page.getByRole('button', { name: 'Send my vote' }).click();
      await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
      await expectAccessible(page, `${name} vote with errors`);
    }
    const load = (id: string) => services.proposals.load(org.id, id);
    const user = { organisationId: org.id, personId: admin.person_id };
    const ids = async (id: string) => (await load(id)).options.map((o) => o.id);
    const [a, b, c] = await ids(made.ranked);
    await services.votes.vote(user, await load(made.ranked), { ranking: [b!, a!, c!] });
    const [s1, s2] = await ids(made.scoring);
    await services.votes.vote(user, await load(made.scoring), {
      scores: { [s1!]: { taste: 4, price: 3 }, [s2!]: { taste: 2, price: 5 }, [(await ids(made.scoring))[2]!]: { taste: 1, price: 1 } },
    });
    await services.votes.vote(user, await load(made.majority), { choice: null });
    await services.votes.vote(user, await load(made.dots), { dots: { [(await ids(made.dots))[0]!]: 5 } });
    await db
      .updateTable('proposals')
      .set({ closes_at: new Date(now - 60_000).toISOString() })
      .where('id', 'in', Object.values(made))
      .execute();
    for (const [name, id] of Object.entries(made)) {
      await page.goto(`/proposals/${id}/results`);
      await page.getByRole('heading', { name: 'Results', level: 1 }).waitFor();
      await expectAccessible(page, `${name} results`);
    }
    await page.goto(`/proposals/${made.scoring}/agreed-scores`);
    await expectAccessible(page, 'agreed scores');
    await page.getByRole('group', { name: 'Salad' }).getByLabel('Taste (weight 2)').selectOption('5');
    await page.getByRole('button', { name: 'Save agreed scores' }).click();
    await page.getByText('Agreed scores saved').waitFor();
    await context.close();
  });

  test('a participatory budget: people share out the money, with and without JavaScript, and the result funds what fits', async () => {
    const { context, page } = await signedInPage(world, 'ada@northshire.test', 'Ada Admin', {
      open: `/projects/${projectId}/proposals/new`,
    });
    await page.getByLabel('The question').fill('How should we spend £1,000 on the day centre?');
    await page.getByLabel('Sharing out a budget', { exact: true }).check();
    for (const [n, title, cost] of [
      [1, 'A vegetable garden', '600'],
      [2, 'Two day trips', '500'],
      [3, 'A new radio', '300'],
    ] as const) {
      const row = page.getByRole('group', { name: `Option ${n}` });
      await row.getByLabel('Option', { exact: true }).fill(title);
      await row.getByLabel('Cost (for sharing out a budget)').fill(cost);
    }
    await page.getByLabel('Total budget').fill('1000');
    await page.getByLabel('Share out the money').check();
    await fillWhen(page, 'Voting opens', day(-1), 'Opening time', '9am');
    await fillWhen(page, 'Voting closes', day(7), 'Closing time', '5pm');
    await page.getByRole('button', { name: 'Save proposal' }).click();
    await page.getByRole('heading', { name: 'How should we spend £1,000 on the day centre?', level: 1 }).waitFor();
    await expectAccessible(page, 'budget proposal');

    const { context: graceContext, page: gracePage } = await signedInPage(world, 'grace@example.org', 'Grace Okafor');
    await gracePage.getByRole('link', { name: 'How should we spend £1,000 on the day centre?' }).click();
    await expectAccessible(gracePage, 'share out the budget');
    await gracePage.getByLabel(/A vegetable garden/).fill('700');
    await gracePage.getByLabel(/A new radio/).fill('300');
    await gracePage.getByRole('button', { name: 'Send my vote' }).click();
    await gracePage.getByText('Thank you. Your vote is counted.').waitFor();

    const { context: noJs, page: amiraPage } = await signedInPage(world, 'amira@example.org', 'Amira Hassan', { javaScriptEnabled: false });
    await amiraPage.getByRole('link', { name: 'How should we spend £1,000 on the day centre?' }).click();
    await amiraPage.getByLabel(/Two day trips/).fill('800');
    await amiraPage.getByLabel(/A new radio/).fill('400');
    await amiraPage.getByRole('button', { name: 'Send my vote' }).click();
    await amiraPage.getByText('You have shared out more than the budget').first().waitFor();
    assert.equal(await amiraPage.getByLabel(/Two day trips/).inputValue(), '800');
    await amiraPage.getByLabel(/Two day trips/).fill('600');
    await amiraPage.getByRole('button', { name: 'Send my vote' }).click();
    await amiraPage.getByText('Thank you. Your vote is counted.').waitFor();

    await close('How should we spend £1,000 on the day centre?');
    await gracePage.goto(gracePage.url().replace(/\/?$/, '') + '/results');
    // Garden £700 and radio £700 tie: the cheaper radio first, then the garden; trips do not fit.
    await gracePage.getByText('Funded: A new radio, A vegetable garden').waitFor();
    await gracePage.getByText('Did not fit: £100.00 was left').waitFor();
    await expectAccessible(gracePage, 'budget results');
    await Promise.all([context.close(), graceContext.close(), noJs.close()]);
  });
});
