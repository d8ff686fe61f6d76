import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { identifyFile } from '../../src/platform/file-kinds.ts';
import { londonToday } from '../../src/platform/time.ts';
import { browserMissing, expectAccessible } from './harness.ts';
import { admin, browserWorld, signedInPage, type BrowserWorld } from './world.ts';
import { actLinkIn } from '../worlds/replies.ts';

const pdf = Buffer.from(
  ['%PDF-1.4', '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj', 'trailer << /Root 1 0 R >>', '%%EOF', ''].join('\n'),
);

/** Moves focus to a control and presses a key, as someone using only the keyboard does. */
const press = async (page: Page, locator: ReturnType<Page['getByRole']>, key = 'Enter') => {
  await locator.focus();
  await page.keyboard.press(key);
};

/** A round the panel has decided, Northby Day Club winning, with two co-production promises written down. */
async function decidedRound(world: BrowserWorld) {
  const staff = { ...world.staff, role: 'admin' as const };
  const { commissioning, providerChecks } = world.services;
  const pat = await world.person({ fullName: 'Pat Price', perspectives: ['carer'] });
  await commissioning.savePolicy(staff, {
    codes: ['P6', 'P7'],
    criteria: [
      { name: 'How people shape the service', weight: 3 },
      { name: 'How people are paid for their time', weight: 1 },
    ],
    bidChecks: 'Members score every bid.',
    contractChecks: 'We check the promises in every review.',
    writtenWith: 'The carers’ forum',
  });
  const roundId = await commissioning.createRound(staff, {
    title: 'Day opportunities',
    kind: 'service',
    purpose: 'Places to go in the day.',
    bidsCloseOn: '2027-01-08',
    panelMeetsOn: '2027-01-20',
    decisionBy: '2027-02-01',
  });
  const type = (await identifyFile(pdf))!;
  const club = await commissioning.addBid(
    staff,
    roundId,
    { bidder: 'Northby Day Club', summary: 'Members plan the week.' },
    { data: pdf, fileName: 'club.pdf', type },
  );
  await commissioning.addToPanel(staff, roundId, pat);
  await commissioning.moveOn(staff, roundId);
  const patActor = { organisationId: world.organisationId, personId: pat, role: 'member' as const };
  await commissioning.declare(patActor, roundId, []);
  const criteria = (await commissioning.view(staff, roundId)).criteria;
  await commissioning.scoreAlone(patActor, roundId, club, Object.fromEntries(criteria.map((c) => [c.id, 4])));
  await commissioning.moveOn(staff, roundId);
  for (const c of criteria)
    await commissioning.agreeScore(staff, roundId, { bidId: club, criterionId: c.id, score: 4, reason: 'We agreed.' });
  await commissioning.writeSummary(staff, roundId, 'We chose Northby Day Club.');
  await commissioning.agreeWithPanel(patActor, roundId);
  await commissioning.moveOn(staff, roundId);
  await providerChecks.setCommitments(staff, roundId, {
    [criteria[0]!.id]: 'Members plan the week every Monday.',
    [criteria[1]!.id]: 'Members are paid for planning time.',
  });
  const today = londonToday(world.services.now());
  const review = await world.services.reviews.create(staff, {
    title: 'Winter review',
    projectId: null,
    opensOn: today,
    closesOn: today,
    schedule: 'none',
    gapThresholdTenths: 10,
  });
  if (!review.ok) throw new Error('could not open the review');
  return roundId;
}

// Issue 23: after the contract, Grace (who draws on care) checks by keyboard with JavaScript
// off whether the provider did what its bid said, in the organisation's review; and she
// comments on the draft of the next commissioning policy. The new pages pass axe.
describe('journey: checking a provider’s promises and commenting on the policy draft', { skip: browserMissing }, () => {
  const world = browserWorld();

  test('a member checks the promises in the review, by keyboard without JavaScript; the pages pass axe', async () => {
    const roundId = await decidedRound(world);
    await world.person({ fullName: 'Grace Okafor', perspectives: ['draws-on-care'] }, { email: 'grace@example.com' });
    const { context, page } = await signedInPage(world, 'grace@example.com', 'Grace Okafor', {
      javaScriptEnabled: false,
      open: `/commissioning/rounds/${roundId}`,
    });
    await page.getByRole('heading', { name: 'Did they do what they said?' }).waitFor();
    await press(page, page.getByRole('button', { name: 'Check the promises' }));
    await page.getByRole('heading', { name: 'Did Northby Day Club do what they said?' }).waitFor();
    const plan = page.getByRole('group', { name: /Members plan the week every Monday/ });
    await press(page, plan.getByRole('radio', { name: 'They did some of it' }), 'Space');
    await page.getByRole('textbox', { name: /What did you see or hear\? \(Members plan/ }).focus();
    await page.keyboard.type('Only some weeks.');
    await press(page, page.getByRole('button', { name: 'Save the check' }));
    // Forgot the second promise: the error says so and keeps what she typed.
    await page.getByRole('link', { name: 'Say if they did it' }).waitFor();
    await page.getByText('Only some weeks.').waitFor();
    const pay = page.getByRole('group', { name: /Members are paid for planning time/ });
    await press(page, pay.getByRole('radio', { name: 'No, they did not do it' }), 'Space');
    await page.getByRole('textbox', { name: /What did you see or hear\? \(Members are paid/ }).focus();
    await page.keyboard.type('Nobody was paid.');
    await press(page, page.getByRole('button', { name: 'Save the check' }));
    await page.getByText('Thank you. Your check is saved.').waitFor();
    await page.getByRole('table', { name: 'What people found in the review "Winter review"' }).waitFor();
    await press(page, page.getByRole('link', { name: 'Read what people saw' }));
    await page.getByText('Nobody was paid.').waitFor();
    await context.close();

    const again = await signedInPage(world, 'grace@example.com', 'Grace Okafor', { open: `/commissioning/rounds/${roundId}` });
    await expectAccessible(again.page, 'a service with what was found');
    for (const [path, label] of [
      [`/commissioning/rounds/${roundId}/check`, 'checking the promises'],
      [`/commissioning/rounds/${roundId}/check/evidence`, 'what people saw'],
    ] as const) {
      await again.page.goto(path);
      await expectAccessible(again.page, label);
    }
    await again.context.close();
    const staff = await signedInPage(world, admin.email, admin.name, { open: `/commissioning/rounds/${roundId}/check` });
    await expectAccessible(staff.page, 'checking for someone else');
    await staff.page.goto(`/commissioning/rounds/${roundId}/commitments`);
    await expectAccessible(staff.page, 'what the bid promised');
    await staff.page.goto(`/commissioning/rounds/new?follows=${roundId}`);
    await staff.page.getByRole('textbox', { name: 'Name of the round' }).fill('Day opportunities, again');
    await staff.page.getByRole('textbox', { name: 'What it is for, in plain words' }).fill('Places to go in the day.');
    await staff.page.getByRole('button', { name: 'Start the round' }).click();
    await staff.page.getByRole('heading', { name: 'What we found last time' }).waitFor();
    await expectAccessible(staff.page, 'the next round of a service');
    await staff.context.close();
  });

  test('a member comments on the policy draft by keyboard without JavaScript; staff see it beside the draft; the pages pass axe', async () => {
    const staffActor = { ...world.staff, role: 'admin' as const };
    const { commissioning, policyDrafts } = world.services;
    await commissioning.savePolicy(staffActor, {
      codes: ['P6', 'P7'],
      criteria: [{ name: 'How people shape the service', weight: 3 }],
      bidChecks: 'Members score every bid.',
      contractChecks: 'We visit with members.',
      writtenWith: 'The carers’ forum',
    });
    await policyDrafts.startDraft(staffActor);
    await world.person({ fullName: 'Grace Okafor', perspectives: ['draws-on-care'] }, { email: 'grace@example.com' });
    const { context, page } = await signedInPage(world, 'grace@example.com', 'Grace Okafor', {
      javaScriptEnabled: false,
      open: '/commissioning/policy',
    });
    await press(page, page.getByRole('link', { name: 'Read the draft and tell us what you think' }));
    await page.getByRole('heading', { name: 'The next version of our commissioning policy', level: 1 }).waitFor();
    await press(page, page.getByRole('radio', { name: 'I would change something' }), 'Space');
    await press(page, page.getByRole('button', { name: 'Send my comment' }));
    await page.getByRole('link', { name: 'Say what you would change' }).waitFor();
    await page.getByRole('textbox', { name: 'If you would change something, what would you change?' }).focus();
    await page.keyboard.type('Pay people for reading the bids too.');
    await press(page, page.getByRole('button', { name: 'Send my comment' }));
    await page.getByText('Thank you. We will read what you would change.').waitFor();
    await context.close();

    const member = await signedInPage(world, 'grace@example.com', 'Grace Okafor', { open: '/commissioning/policy/draft' });
    await expectAccessible(member.page, 'the policy draft for a member');
    await member.context.close();
    const staff = await signedInPage(world, admin.email, admin.name, { open: '/commissioning/policy/draft' });
    await staff.page.getByText('Pay people for reading the bids too.').waitFor();
    await expectAccessible(staff.page, 'the policy draft with comments');
    await staff.page.goto('/commissioning/policy/draft/record');
    await expectAccessible(staff.page, 'writing down a comment');
    // Someone who never signs in gets the draft by text; its personal link opens it.
    const terry = await world.person({ fullName: 'Terry Text', perspectives: ['carer'], mobile: '07700 900222', contactOrder: ['text'] });
    await policyDrafts.sendTo({ ...staffActor, organisationName: 'Northshire County Council' }, terry);
    const sent = await world.db
      .selectFrom('outbox')
      .select('body_text')
      .where('kind', '=', 'commissioning-policy')
      .executeTakeFirstOrThrow();
    const visitor = await world.context();
    const byLink = await visitor.newPage();
    await byLink.goto(actLinkIn(sent.body_text)!);
    await byLink.getByRole('heading', { name: 'Our commissioning policy: what do you think?', level: 1 }).waitFor();
    await expectAccessible(byLink, 'the policy draft by personal link');
    await visitor.close();
    await staff.page.goto('/commissioning/policy/draft/edit');
    await staff.page.getByRole('textbox', { name: 'Score 1: weight' }).fill('4');
    await staff.page.getByRole('button', { name: 'Publish it as version 2' }).click();
    await staff.page.getByText('How people shape the service now counts 4 times, not 3').waitFor();
    await expectAccessible(staff.page, 'a version written with members');
    await staff.context.close();
  });
});
