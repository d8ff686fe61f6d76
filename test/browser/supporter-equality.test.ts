import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { londonToday } from '../../src/platform/time.ts';
import { browserClock, browserMissing, expectAccessible } from './harness.ts';
import { browserWorld, signedInPage } from './world.ts';

// Issue 19: Karen Whitfield answers the equality questions with her dad Dennis, who never
// signs in, as the supporter allowed to fill in reviews and surveys with him. By keyboard
// alone and with JavaScript off she answers, reads the answers back to him on the check
// page, saves them and then takes them back at his word. Every new page passes axe.

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
/** Presses a button by keyboard. */
async function press(page: Page, name: string) {
  await page.getByRole('button', { name, exact: true }).focus();
  await page.keyboard.press('Enter');
}

describe('journey: a supporter answers the equality questions with the person', { skip: browserMissing }, () => {
  const world = browserWorld();
  let dennis: string;
  let supporterId: string;
  beforeEach(async () => {
    const { services } = world;
    dennis = await world.person({
      fullName: 'Dennis Whitfield',
      perspectives: ['draws-on-care'],
      landline: '01632 960001',
      contactOrder: ['phone'],
    });
    const karen = await world.person(
      { fullName: 'Karen Whitfield', perspectives: ['family'], contactOrder: ['email'] },
      { email: 'karen@example.org' },
    );
    const admin = (await services.identity.loadUser(
      (await world.db.selectFrom('accounts').select('id').where('person_id', '=', world.adminPersonId).executeTakeFirstOrThrow()).id,
    ))!;
    const today = londonToday(browserClock());
    supporterId = await services.supporters.add(admin, dennis, {
      kind: 'family',
      relationship: 'Daughter',
      supporterPersonId: karen,
      contact: null,
      powers: ['reviews'],
      basis: 'consent',
      consentHow: 'Face to face at the day centre',
      basisMadeBy: null,
      basisMadeOn: today,
      basisReference: null,
      reviewOn: `${Number(today.slice(0, 4)) + 1}${today.slice(4, 8)}01`,
    });
  });

  const answersOf = () => world.db.selectFrom('equality_answers').selectAll().where('person_id', '=', dennis).executeTakeFirst();

  test('with JavaScript off, by keyboard alone: Karen answers with Dennis, checks, saves, then takes them back', async () => {
    const { context, page } = await signedInPage(world, 'karen@example.org', 'Karen Whitfield', { javaScriptEnabled: false });
    await followLink(page, 'What you can do for Dennis Whitfield');
    await followLink(page, 'Answer the equality questions with Dennis Whitfield');
    await page.getByRole('heading', { name: 'Equality questions with Dennis Whitfield', level: 1 }).waitFor();
    await choose(page, '75 to 84');
    await choose(page, 'Black: Caribbean');
    await choose(page, 'Living with dementia');
    await press(page, 'Check the answers');
    await page.getByRole('heading', { name: 'Check the answers with Dennis Whitfield', level: 1 }).waitFor();
    await page.getByText('Black: Caribbean').waitFor();
    // Changing goes back to the form with what she chose, then on again.
    await press(page, 'Change the answers');
    assert.ok(await page.getByLabel('Black: Caribbean', { exact: true }).isChecked());
    await press(page, 'Check the answers');
    await press(page, 'Save the answers for Dennis Whitfield');
    await page.getByText('Equality answers saved for Dennis Whitfield').waitFor();
    const saved = (await answersOf())!;
    assert.deepEqual(
      [saved.age_band, saved.ethnic_group, saved.recorded_how, saved.supporter_id],
      ['75-84', 'caribbean', 'supporter', supporterId],
    );

    // Opening the questions again shows nothing of what was saved.
    await followLink(page, 'Answer the equality questions with Dennis Whitfield');
    assert.equal(await page.getByLabel('Black: Caribbean', { exact: true }).isChecked(), false);
    await followLink(page, 'Back');

    await followLink(page, "Take back all of Dennis Whitfield's equality answers");
    await page.getByRole('heading', { name: "Take back all of Dennis Whitfield's equality answers?", level: 1 }).waitFor();
    await press(page, "Delete all of Dennis Whitfield's answers");
    await page.getByText('Dennis Whitfield has no equality answers kept now').waitFor();
    assert.equal(await answersOf(), undefined);
    await context.close();
  });

  test('the new pages pass axe: the questions, with an error, the check page and taking them back', async () => {
    const base = `/supporting/${dennis}`;
    const { context, page } = await signedInPage(world, 'karen@example.org', 'Karen Whitfield', { open: base });
    await expectAccessible(page, 'what you can do, with the equality questions');
    await page.goto(`${base}/equality`);
    await expectAccessible(page, 'equality questions with a supporter');
    await page.getByRole('button', { name: 'Check the answers' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'equality questions with a supporter, nothing chosen');
    await page.getByLabel('Female', { exact: true }).check();
    await page.getByRole('button', { name: 'Check the answers' }).click();
    await page.getByRole('heading', { name: 'Check the answers with Dennis Whitfield', level: 1 }).waitFor();
    await expectAccessible(page, 'check the equality answers');
    await page.goto(`${base}/equality/withdraw`);
    await expectAccessible(page, 'take back the equality answers');
    await context.close();
  });
});
