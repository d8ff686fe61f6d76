import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { newId } from '../../src/platform/ids.ts';
import { londonToday } from '../../src/platform/time.ts';
import { browserClock, browserMissing, expectAccessible } from './harness.ts';
import { admin, browserWorld, signedInPage } from './world.ts';

/** People added in one insert, so that the organisation is a county's size for its forms. */
const fillers = 2_100;

/** Fills a GOV.UK date's three boxes within a part of the page. */
async function fillToday(page: Page) {
  const [year, month, day] = londonToday(browserClock()).split('-');
  await page.getByLabel('Day').fill(String(Number(day)));
  await page.getByLabel('Month').fill(String(Number(month)));
  await page.getByLabel('Year').fill(year!);
}

describe('journey: staff find a person by name on the forms of a large organisation', { skip: browserMissing }, () => {
  const world = browserWorld();
  let zara = '';
  let sam = '';
  let projectId = '';
  beforeEach(async () => {
    const { services, staff, db, organisationId } = world;
    zara = await world.person({ fullName: 'Zara Zephaniah', perspectives: ['community'], mobile: '07700 900777' });
    sam = await world.person({ fullName: 'Sam Smith', perspectives: ['carer'] });
    await services.rewards.addPolicy(staff, {
      effectiveFrom: '2020-01-01',
      rates: {
        meeting: 1500,
        preparation: 1000,
        training: 1200,
        'recruitment-panel': 2000,
        consultation: 1500,
        'peer-support': 1300,
        other: 1000,
      },
      preparation: { kind: 'per-meeting-hour', minutes: 30 },
      mileagePencePerMile: 45,
    });
    await services.rewards.chooseReward(staff, zara, { way: 'bank-transfer', lowerAmountPence: null, charity: null });
    await services.timebank.ledger.saveFloor(staff, null);
    projectId = await services.projects.create(staff, {
      title: 'Better day centre lunches',
      purpose: 'Choose food together.',
      activities: ['co-design'],
      levelAim: 'intermediate',
      stage: 'designing',
      startDate: '2026-01-05',
    });
    const at = browserClock().toISOString();
    await db
      .insertInto('people')
      .values(
        Array.from({ length: fillers }, (_, i) => ({
          id: newId(),
          organisation_id: organisationId,
          full_name: `Member ${String(i + 1).padStart(4, '0')} Filler`,
          contact_order: '[]',
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
  });

  test('with JavaScript off, staff find Zara for a time claim and add her to a project', async () => {
    const { context: noJs, page } = await signedInPage(world, admin.email, admin.name, { open: '/claims/new', javaScriptEnabled: false });
    await page.getByRole('heading', { name: 'Enter time given' }).waitFor();
    assert.equal(await page.getByRole('combobox', { name: 'Who is this for?' }).count(), 0, 'no list of everyone');
    await page.getByLabel('Training').check();
    await page.getByLabel('Hours').fill('2');
    await page.getByLabel('Note (optional)').fill('Interview panel training');
    const who = page.getByRole('group', { name: 'Who is this for?' });
    await who.getByLabel('Find a person by name').fill('member');
    await who.getByRole('button', { name: 'Find' }).click();
    await page.getByText(`Showing 20 of ${fillers} people. Type more of the name to find fewer.`).waitFor();
    assert.equal(await who.getByRole('radio').count(), 20);
    await who.getByLabel('Find a person by name').fill('Zephaniah');
    await who.getByRole('button', { name: 'Find' }).click();
    await who.getByRole('radio', { name: 'Zara Zephaniah' }).check();
    // What was typed before finding is all still there.
    assert.equal(await page.getByLabel('Training').isChecked(), true);
    assert.equal(await page.getByLabel('Hours').inputValue(), '2');
    assert.equal(await page.getByLabel('Note (optional)').inputValue(), 'Interview panel training');
    await page.getByRole('button', { name: 'Send for approval' }).click();
    await page.getByText('The claim is sent for approval').waitFor();
    const claim = await world.db.selectFrom('claims').select(['person_id', 'minutes']).executeTakeFirstOrThrow();
    assert.deepEqual(claim, { person_id: zara, minutes: 120 });

    await page.goto(`/projects/${projectId}/members/add`);
    const person = page.getByRole('group', { name: 'Person' });
    await person.getByLabel('Find a person by name').fill('nobody like this');
    await person.getByRole('button', { name: 'Find' }).click();
    await page.getByText('No one found called nobody like this').waitFor();
    await person.getByLabel('Find a person by name').fill('zara');
    await person.getByRole('button', { name: 'Find' }).click();
    await person.getByRole('radio', { name: 'Zara Zephaniah' }).check();
    await page.getByLabel('Co-chair').check();
    await page.getByRole('button', { name: 'Add member' }).click();
    await page.getByText('The member is added').waitFor();
    const members = await world.services.projects.members(world.organisationId, projectId);
    assert.deepEqual(
      members.map((m) => [m.personId, m.role]),
      [[zara, 'co-chair']],
    );
    await noJs.close();
  });

  test('with JavaScript on, Enter finds in a name box and saves elsewhere; the pages pass axe with matches and with an error', async () => {
    const { context, page } = await signedInPage(world, admin.email, admin.name, { open: '/learning/actions/new' });
    await page.getByLabel('What will we do?').fill('Print menus in large print');
    const owner = page.getByRole('group', { name: 'Who will make sure it happens?' });
    const nameBox = owner.getByLabel('Find a person by name');
    await nameBox.fill('member');
    await nameBox.press('Enter');
    await page.getByText(`Showing 20 of ${fillers} people.`).waitFor();
    await expectAccessible(page, 'a finder with matches');
    await nameBox.fill('zeph');
    await nameBox.press('Enter');
    await owner.getByRole('radio', { name: 'Zara Zephaniah' }).check();
    await owner.getByText('Community member. Phone ending 0777').waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'a finder with an error elsewhere');
    assert.equal(await owner.getByRole('radio', { name: 'Zara Zephaniah' }).isChecked(), true, 'Zara stays chosen');
    assert.equal(await page.getByLabel('What will we do?').inputValue(), 'Print menus in large print');
    await fillToday(page);
    // Enter in a box that is not a name box sends the form, not Find.
    await page.getByLabel('Year').press('Enter');
    await page.getByText('Action added').waitFor();
    const action = await world.db.selectFrom('improvement_actions').select('owner_person_id').executeTakeFirstOrThrow();
    assert.equal(action.owner_person_id, zara);

    await page.goto('/timebank/record');
    const giver = page.getByRole('group', { name: 'Who gave their time?' });
    const receiver = page.getByRole('group', { name: 'Who got help?' });
    await page.getByRole('button', { name: 'Record the swap' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'two finders with errors');
    await giver.getByLabel('Find a person by name').fill('zara');
    await giver.getByLabel('Find a person by name').press('Enter');
    await giver.getByRole('radio', { name: 'Zara Zephaniah' }).check();
    await receiver.getByLabel('Find a person by name').fill('sam smith');
    await receiver.getByLabel('Find a person by name').press('Enter');
    await receiver.getByRole('radio', { name: 'Sam Smith' }).check();
    assert.equal(await giver.getByRole('radio', { name: 'Zara Zephaniah' }).isChecked(), true);
    await expectAccessible(page, 'two finders with a person chosen in each');
    await page.getByLabel('What did they do?').fill('Helped with a benefits form');
    await page.getByLabel('Minutes').fill('45');
    await fillToday(page);
    await page.getByRole('button', { name: 'Record the swap' }).click();
    await page.getByText('The swap is recorded').waitFor();
    const swap = await world.db
      .selectFrom('timebank_exchanges')
      .select(['giver_person_id', 'receiver_person_id'])
      .executeTakeFirstOrThrow();
    assert.deepEqual(swap, { giver_person_id: zara, receiver_person_id: sam });
    await context.close();
  });
});
