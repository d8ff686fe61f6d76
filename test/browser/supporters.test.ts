import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { londonToday } from '../../src/platform/time.ts';
import { browserClock, browserMissing, expectAccessible } from './harness.ts';
import { browserWorld, signedInPage } from './world.ts';

// Supporters (issue 17): Karen Whitfield supports her dad Dennis, who never signs in. By
// keyboard alone and with JavaScript off she replies to his invitation, votes in a secret
// ballot as he told her and claims his bus fare; Mel Ortiz, his advocate, never signs in
// either and phones staff, who record his vote and fare for her; staff add and end a
// supporter; every new page passes axe.

/** Follows a link as a keyboard user does: focus on it, then Enter. */
async function followLink(page: Page, name: string | RegExp) {
  await page
    .getByRole('link', typeof name === 'string' ? { name, exact: true } : { name })
    .first()
    .focus();
  await page.keyboard.press('Enter');
}
/** Chooses a radio or ticks a box by keyboard: focus on it, then Space. */
async function choose(page: Page, label: string) {
  await page.getByLabel(label, { exact: true }).focus();
  await page.keyboard.press('Space');
}
/** Types into a box as a keyboard user does. */
async function type(page: Page, within: Page | ReturnType<Page['getByRole']>, label: string, text: string) {
  const box = within.getByLabel(label, { exact: true });
  await box.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(text);
}
/** Presses a button by keyboard. */
async function press(page: Page, name: string) {
  await page.getByRole('button', { name, exact: true }).focus();
  await page.keyboard.press('Enter');
}

describe('journey: a supporter acts for the person they support', { skip: browserMissing }, () => {
  const world = browserWorld();
  let dennis: string;
  let karen: string;
  let proposalId: string;
  let supporterId: string;
  let melId: string;
  beforeEach(async () => {
    const { services, staff } = world;
    dennis = await world.person({
      fullName: 'Dennis Whitfield',
      perspectives: ['draws-on-care'],
      landline: '01632 960001',
      contactOrder: ['phone'],
    });
    karen = await world.person(
      { fullName: 'Karen Whitfield', perspectives: ['family'], contactOrder: ['email'] },
      { email: 'karen@example.org' },
    );
    const projectId = await services.projects.create(staff, {
      title: 'Better day centre lunches',
      purpose: 'Choose food together.',
      activities: ['co-decision'],
      levelAim: 'transformative',
      stage: 'deciding',
      startDate: '2026-01-05',
    });
    for (const p of [dennis, world.adminPersonId]) await services.projects.addMember(staff, projectId, p, 'member', '2026-01-05');
    const now = browserClock().getTime();
    await services.meetings.create(staff, projectId, {
      title: 'Menu tasting',
      purpose: 'Taste the new soups',
      startsAt: new Date(now + 7 * 86_400_000).toISOString(),
      endsAt: new Date(now + 7 * 86_400_000 + 7_200_000).toISOString(),
      format: 'in-person',
      venueId: null,
      joiningDetails: null,
      membersOnly: false,
      arrangements: [],
      interpreterLanguages: [],
    });
    proposalId = await services.proposals.create(staff, projectId, {
      question: 'Which soup goes on the menu?',
      background: null,
      meetingId: null,
      paperIds: [],
      method: 'majority',
      settings: {},
      options: [
        { id: null, title: 'Leek and potato', description: null, costPence: null },
        { id: null, title: 'Tomato', description: null, costPence: null },
      ],
      everyone: true,
      voterIds: [],
      secret: true,
      opensAt: new Date(now - 86_400_000).toISOString(),
      closesAt: new Date(now + 7 * 86_400_000).toISOString(),
    });
    const admin = (await services.identity.loadUser(
      (await world.db.selectFrom('accounts').select('id').where('person_id', '=', world.adminPersonId).executeTakeFirstOrThrow()).id,
    ))!;
    const today = londonToday(browserClock());
    melId = await services.supporters.add(admin, dennis, {
      kind: 'advocate',
      relationship: null,
      supporterPersonId: null,
      contact: { name: 'Mel Ortiz', channel: 'phone', email: null, mobile: '07700 900132', address: null },
      powers: ['vote', 'claim'],
      basis: 'best-interests',
      consentHow: null,
      basisMadeBy: 'Priya Shah, social worker',
      basisMadeOn: today,
      basisReference: null,
      reviewOn: `${Number(today.slice(0, 4)) + 1}${today.slice(4, 8)}01`,
    });
    supporterId = await services.supporters.add(admin, dennis, {
      kind: 'family',
      relationship: 'Daughter',
      supporterPersonId: karen,
      contact: null,
      powers: ['reply', 'vote', 'claim'],
      basis: 'consent',
      consentHow: 'Face to face at the day centre',
      basisMadeBy: null,
      basisMadeOn: today,
      basisReference: null,
      reviewOn: `${Number(today.slice(0, 4)) + 1}${today.slice(4, 8)}01`,
    });
  });

  test('with JavaScript off, by keyboard alone: Karen replies, votes as Dennis told her and claims his fare', async () => {
    const { context, page } = await signedInPage(world, 'karen@example.org', 'Karen Whitfield', { javaScriptEnabled: false });
    await followLink(page, 'What you can do for Dennis Whitfield');
    await page.getByRole('heading', { name: 'What you can do for Dennis Whitfield', level: 1 }).waitFor();

    await followLink(page, /^Reply for Dennis Whitfield: Menu tasting/);
    await page.getByRole('heading', { name: 'Reply for Dennis Whitfield', level: 1 }).waitFor();
    await choose(page, 'Yes, I can come');
    await press(page, 'Send reply');
    await page.getByText('Reply sent for Dennis Whitfield').waitFor();

    await followLink(page, /^Vote as Dennis Whitfield told you/);
    await page.getByRole('heading', { name: 'Which soup goes on the menu?', level: 1 }).waitFor();
    await choose(page, 'Leek and potato');
    await choose(page, 'On the phone');
    const told = page.getByRole('group', { name: 'When did Dennis Whitfield tell you?' });
    const [y, m, d] = londonToday(browserClock()).split('-');
    await type(page, told as never, 'Day', String(Number(d)));
    await type(page, told as never, 'Month', String(Number(m)));
    await type(page, told as never, 'Year', y!);
    // Forgetting the tick is refused, and what was chosen is kept.
    await press(page, 'Send the vote for Dennis Whitfield');
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    assert.ok(await page.getByLabel('Leek and potato', { exact: true }).isChecked());
    await choose(page, 'This is what Dennis Whitfield told me to vote');
    await press(page, 'Send the vote for Dennis Whitfield');
    await page.getByText('Vote sent for Dennis Whitfield').waitFor();

    await followLink(page, 'Claim expenses for Dennis Whitfield');
    await page.getByText('Karen Whitfield for Dennis Whitfield').waitFor();
    await choose(page, 'Bus, train or tram fare');
    await type(page, page, 'How much did you spend?', '6.40');
    await press(page, 'Send for approval');
    await page.getByText('Expense claim sent for Dennis Whitfield').waitFor();
    await context.close();

    // Counted as Dennis's: his secret ballot has no name, the turnout shows he voted, the claim is his.
    const taking = await world.db
      .selectFrom('proposal_participation')
      .select(['person_id', 'recorded_by'])
      .where('proposal_id', '=', proposalId)
      .execute();
    assert.deepEqual(taking, [{ person_id: dennis, recorded_by: karen }]);
    const ballot = await world.db
      .selectFrom('proposal_ballots')
      .select('voter_person_id')
      .where('proposal_id', '=', proposalId)
      .executeTakeFirstOrThrow();
    assert.equal(ballot.voter_person_id, null);
    const claim = await world.db.selectFrom('claims').select(['person_id', 'created_by', 'amount_pence']).executeTakeFirstOrThrow();
    assert.deepEqual(claim, { person_id: dennis, created_by: karen, amount_pence: 640 });
  });

  test('with JavaScript off, by keyboard alone: staff end a supporter, who then cannot act', async () => {
    const { context, page } = await signedInPage(world, 'ada@northshire.test', 'Ada Admin', {
      open: `/people/${dennis}`,
      javaScriptEnabled: false,
    });
    await followLink(page, /^See or end supporters/);
    await page.getByRole('heading', { name: 'Supporters of Dennis Whitfield', level: 1 }).waitFor();
    await followLink(page, /^End Karen Whitfield/);
    await page.getByRole('heading', { name: 'End Karen Whitfield as a supporter of Dennis Whitfield?', level: 1 }).waitFor();
    await press(page, 'End supporter');
    await page.getByRole('heading', { name: 'Karen Whitfield (ended)' }).waitFor();
    const row = await world.db.selectFrom('supporters').select('ended_at').where('id', '=', supporterId).executeTakeFirstOrThrow();
    assert.ok(row.ended_at);
    await context.close();
  });

  test('with JavaScript off, by keyboard alone: staff record the vote and the fare Mel gave for Dennis by phone', async () => {
    const { context, page } = await signedInPage(world, 'ada@northshire.test', 'Ada Admin', {
      open: `/people/${dennis}/supporters`,
      javaScriptEnabled: false,
    });
    await followLink(page, /^Record what they did for Dennis Whitfield \(Mel Ortiz\)/);
    await page.getByRole('heading', { name: 'Record what Mel Ortiz did for Dennis Whitfield', level: 1 }).waitFor();

    await followLink(page, /^Record the vote Dennis Whitfield asked Mel Ortiz to give/);
    await page.getByRole('heading', { name: 'Which soup goes on the menu?', level: 1 }).waitFor();
    await choose(page, 'Tomato');
    await choose(page, 'On the phone');
    const told = page.getByRole('group', { name: 'When did Dennis Whitfield tell Mel Ortiz?' });
    const [y, m, d] = londonToday(browserClock()).split('-');
    await type(page, told as never, 'Day', String(Number(d)));
    await type(page, told as never, 'Month', String(Number(m)));
    await type(page, told as never, 'Year', y!);
    await choose(page, 'Mel Ortiz says this is what Dennis Whitfield told them to vote');
    await press(page, 'Send the vote for Dennis Whitfield');
    await page.getByText('Vote sent for Dennis Whitfield').waitFor();
    await page.getByRole('heading', { name: 'Record what Mel Ortiz did for Dennis Whitfield', level: 1 }).waitFor();

    await followLink(page, 'Claim expenses for Dennis Whitfield');
    await page.getByText('Mel Ortiz for Dennis Whitfield').waitFor();
    await choose(page, 'Bus, train or tram fare');
    await type(page, page, 'How much did you spend?', '3.20');
    await press(page, 'Send for approval');
    await page.getByText('Expense claim sent for Dennis Whitfield').waitFor();

    // The turnout says who gave Dennis's secret vote, taken by whom, and never how.
    await page.goto(`/proposals/${proposalId}/participation`);
    await page
      .getByText(/Mel Ortiz for Dennis Whitfield: voted as Dennis Whitfield asked, by phone on .* \(taken by Ada Admin\)/)
      .waitFor();
    await context.close();

    const taking = await world.db
      .selectFrom('proposal_participation')
      .select(['person_id', 'recorded_by'])
      .where('proposal_id', '=', proposalId)
      .execute();
    assert.deepEqual(taking, [{ person_id: dennis, recorded_by: world.adminPersonId }]);
    const claim = await world.db.selectFrom('claims').select(['person_id', 'created_by', 'amount_pence']).executeTakeFirstOrThrow();
    assert.deepEqual(claim, { person_id: dennis, created_by: world.adminPersonId, amount_pence: 320 });
    const acts = await world.db.selectFrom('supporter_acts').select(['supporter_id', 'action', 'recorded_by']).orderBy('action').execute();
    assert.deepEqual(acts, [
      { supporter_id: melId, action: 'claim', recorded_by: world.adminPersonId },
      { supporter_id: melId, action: 'vote', recorded_by: world.adminPersonId },
    ]);
  });

  test('the new pages pass axe: staff adding (errors included), the list and ending; the supporter’s pages', async () => {
    const { context: staff, page: admin } = await signedInPage(world, 'ada@northshire.test', 'Ada Admin', {
      open: `/people/${dennis}/supporters`,
    });
    await admin.getByRole('heading', { name: 'Supporters of Dennis Whitfield', level: 1 }).waitFor();
    await expectAccessible(admin, 'a person’s supporters');
    await admin.getByRole('button', { name: 'Add a supporter' }).click();
    await admin.getByRole('heading', { name: 'Add a supporter for Dennis Whitfield', level: 1 }).waitFor();
    await expectAccessible(admin, 'add a supporter');
    await admin.getByRole('button', { name: 'Add supporter' }).click();
    await admin.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(admin, 'add a supporter, with errors');
    await admin.getByLabel('Someone staff contact').check();
    await admin.getByLabel('Supporter’s full name').or(admin.getByLabel("Supporter's full name")).fill('Jo Bright');
    await admin.getByLabel('Phone call').check();
    await admin.getByLabel('Phone or mobile number').fill('07700 900132');
    await admin.getByLabel('Care Act advocate').check();
    await admin.getByLabel('Reply to invitations').check();
    await admin.getByLabel('Best interests decision').check();
    await admin.getByLabel('Who made the decision or holds the power?').fill('Martin Shaw, social worker');
    await admin.getByRole('button', { name: 'Add supporter' }).click();
    await admin.getByText('Supporter added').waitFor();
    await admin.getByText('Best interests decision by Martin Shaw, social worker').waitFor();
    await admin.getByRole('link', { name: /^End/ }).first().click();
    await expectAccessible(admin, 'end a supporter');
    await admin.goto('/people/supporters-due');
    await expectAccessible(admin, 'supporters due for review');
    // Staff recording what Mel, who never signs in, did for Dennis.
    await admin.goto(`/supporting/${dennis}/through/${melId}`);
    await admin.getByRole('heading', { name: 'Record what Mel Ortiz did for Dennis Whitfield', level: 1 }).waitFor();
    await expectAccessible(admin, 'record what a supporter did');
    await admin.getByRole('link', { name: /^Record the vote Dennis Whitfield asked Mel Ortiz to give/ }).click();
    await expectAccessible(admin, 'record a vote as told');
    await admin.getByRole('button', { name: 'Send the vote for Dennis Whitfield' }).click();
    await admin.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(admin, 'record a vote as told, with errors');
    await admin.goto(`/supporting/${dennis}/through/${melId}/claims/new`);
    await expectAccessible(admin, 'record a claim for someone');
    await admin.getByLabel('Bus, train or tram fare').check();
    await admin.getByLabel('How much did you spend?').fill('3.20');
    await admin.getByRole('button', { name: 'Send for approval' }).click();
    await admin.getByText('Expense claim sent for Dennis Whitfield').waitFor();
    const claim = await world.db.selectFrom('claims').select('id').executeTakeFirstOrThrow();
    await admin.goto(`/claims/${claim.id}`);
    await admin.getByText('Mel Ortiz for Dennis Whitfield (taken by Ada Admin)').waitFor();
    await expectAccessible(admin, 'a claim a supporter made');
    await staff.close();

    const { context: supporter, page } = await signedInPage(world, 'karen@example.org', 'Karen Whitfield', { open: '/supporting' });
    await page.getByRole('heading', { name: 'People you support', level: 1 }).waitFor();
    await expectAccessible(page, 'people you support');
    await page.getByRole('link', { name: /^See what to do/ }).click();
    await expectAccessible(page, 'what you can do for someone');
    await page.getByRole('link', { name: /^Reply for Dennis Whitfield/ }).click();
    await expectAccessible(page, 'reply for someone');
    await page.goBack();
    await page.getByRole('link', { name: /^Vote as Dennis Whitfield told you/ }).click();
    await expectAccessible(page, 'vote as told');
    await page.getByRole('button', { name: 'Send the vote for Dennis Whitfield' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'vote as told, with errors');
    await page.goto(`/supporting/${dennis}/claims/new`);
    await expectAccessible(page, 'claim for someone');
    await supporter.close();
  });
});
