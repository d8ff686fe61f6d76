import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { charterParts } from '../../src/modules/charter/rules.ts';
import { browserMissing, expectAccessible } from './harness.ts';
import { admin, browserWorld, signedInPage } from './world.ts';
import { actLinkIn } from '../worlds/replies.ts';

// Issue 21 (C1, C2): staff send the charter to Terry, who never signs in, by keyboard with
// JavaScript off; his text's link opens it; he says what he would change, then agrees, by
// keyboard alone. The charter's pages pass axe.
describe('journey: agreeing to the charter by personal link', { skip: browserMissing }, () => {
  const world = browserWorld();

  test('sent by text, answered by link with the keyboard and no JavaScript; the pages pass axe', async () => {
    const { services } = world;
    const actor = { ...world.staff, role: 'admin' as const };
    await services.charter.startDraft(actor);
    const text = Object.fromEntries(charterParts.map((p) => [p, `Our ${p} in plain words.`])) as Record<
      (typeof charterParts)[number],
      string
    >;
    await services.charter.saveDraft(actor, { ...text, sponsorPersonId: world.adminPersonId, sponsorRole: 'Director' });
    assert.ok((await services.charter.publish(actor)).ok);
    const terry = await world.person({ fullName: 'Terry Text', perspectives: ['carer'], mobile: '07700 900222', contactOrder: ['text'] });

    const { context, page } = await signedInPage(world, admin.email, admin.name, {
      open: `/charter/people/${terry}`,
      javaScriptEnabled: false,
    });
    await page.getByRole('button', { name: 'Send the charter' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('The charter is on its way to Terry Text.').waitFor();
    await context.close();

    const sent = await world.db.selectFrom('outbox').select('body_text').where('kind', '=', 'charter').executeTakeFirstOrThrow();
    const link = actLinkIn(sent.body_text)!;
    const visitor = await world.context({ javaScriptEnabled: false });
    const shown = await visitor.newPage();
    await shown.goto(link);
    await shown.getByRole('heading', { name: 'Our co-production charter', level: 1 }).waitFor();
    await shown.getByText('Our reciprocity in plain words.').waitFor();
    // Sent without saying what: the error says so and the form is still there.
    await shown.getByRole('radio', { name: 'I would change something' }).focus();
    await shown.keyboard.press('Space');
    await shown.getByRole('button', { name: 'Send', exact: true }).focus();
    await shown.keyboard.press('Enter');
    await shown.getByRole('link', { name: 'Say what you would change' }).waitFor();
    await shown.getByRole('textbox', { name: 'If you would change something, what would you change?' }).focus();
    await shown.keyboard.type('Meetings in the evening too.');
    await shown.getByRole('button', { name: 'Send', exact: true }).focus();
    await shown.keyboard.press('Enter');
    await shown.getByText('Thank you. We have what you would change.').waitFor();
    // He changes his mind: one answer per version, the later one kept.
    await shown.getByRole('radio', { name: 'Yes, I agree' }).focus();
    await shown.keyboard.press('Space');
    await shown.getByRole('button', { name: 'Send', exact: true }).focus();
    await shown.keyboard.press('Enter');
    await shown.getByText('Thank you. We have your answer: you agree.').waitFor();
    await visitor.close();
    const answers = await world.db.selectFrom('charter_answers').selectAll().execute();
    assert.deepEqual(
      answers.map((a) => [a.person_id, a.answer, a.how]),
      [[terry, 'agree', 'link']],
    );

    const checked = await world.context();
    const look = await checked.newPage();
    await look.goto(link);
    await look.getByText('You agreed with version 1.', { exact: false }).waitFor();
    await expectAccessible(look, 'charter by personal link');
    await checked.close();
    const { context: staff, page: staffPage } = await signedInPage(world, admin.email, admin.name, { open: '/charter' });
    await expectAccessible(staffPage, 'the charter');
    for (const [url, label] of [
      ['/charter/answers', 'who agreed'],
      [`/charter/people/${terry}`, 'one person and the charter'],
      ['/charter/versions', 'every version'],
    ] as const) {
      await staffPage.goto(url);
      await expectAccessible(staffPage, label);
    }
    await staffPage.goto('/charter/draft');
    await staffPage.getByRole('button', { name: 'Start writing' }).click();
    await staffPage.getByRole('heading', { name: 'Draft of version 2' }).waitFor();
    await expectAccessible(staffPage, 'the next draft');
    await staff.close();
  });
});
