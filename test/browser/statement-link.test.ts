import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CurrentUser } from '../../src/platform/auth.ts';
import { formatDate, londonToday } from '../../src/platform/time.ts';
import { allStatements } from '../../src/modules/reviews/vocabulary.ts';
import { browserClock, browserMissing, expectAccessible } from './harness.ts';
import { admin, browserWorld, signedInPage, signIn } from './world.ts';
import { actLinkIn } from '../worlds/replies.ts';

// Issue 16: staff send Terry his statement by keyboard with JavaScript off, and his text's
// link opens it without signing in; the pages, and a member's home page listing what she
// has answered, pass axe.
describe('journey: a statement sent by a personal link', { skip: browserMissing }, () => {
  const world = browserWorld();

  test('staff send a statement; its link opens it without signing in; the pages pass axe', async () => {
    const { services, staff } = world;
    const terry = await world.person({ fullName: 'Terry Text', perspectives: ['carer'], mobile: '07700 900222', contactOrder: ['text'] });
    // Enough lines for a second page of the statement's lines.
    for (let i = 1; i <= 50; i++)
      await services.timebank.creditFromOrganisation(staff, {
        personId: terry,
        minutes: 15,
        memo: `Group ${i}`,
        reference: `browser:terry:${i}`,
      });
    await services.timebank.creditFromOrganisation(staff, { personId: terry, minutes: 150, memo: 'Panel', reference: 'browser:terry' });

    const { context, page } = await signedInPage(world, admin.email, admin.name, {
      open: `/claims/statement?personId=${terry}`,
      javaScriptEnabled: false,
    });
    await page.getByRole('button', { name: 'Send this statement to them' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('The statement is sent to Terry Text by text message').waitFor();
    await context.close();

    const sent = await world.db.selectFrom('outbox').select('body_text').where('kind', '=', 'statement').executeTakeFirstOrThrow();
    const visitor = await world.context({ javaScriptEnabled: false });
    const shown = await visitor.newPage();
    await shown.goto(actLinkIn(sent.body_text)!);
    await shown.getByRole('heading', { name: 'My statement' }).waitFor();
    await shown.getByText('Time credits you got: 15 hours.').waitFor();
    // Every line, newest first, 50 a page; the next page by keyboard.
    const lines = shown.getByRole('table', { name: 'Everything in these dates' });
    await lines.getByRole('cell', { name: /Panel/ }).waitFor();
    assert.equal(await lines.getByRole('row').count(), 51);
    await shown.getByRole('link', { name: /Next/ }).focus();
    await shown.keyboard.press('Enter');
    await shown.waitForURL(/page=2/);
    await shown
      .getByRole('table', { name: 'Everything in these dates' })
      .getByRole('cell', { name: /Group 1,/ })
      .waitFor();
    await visitor.close();

    // A member who has answered an open review sees it on her home page.
    const mo = await world.person({ fullName: 'Mo Member', perspectives: ['draws-on-care'] }, { email: 'mo@example.com' });
    const today = londonToday(browserClock());
    const made = await services.reviews.create(staff, {
      title: 'Spring check',
      projectId: null,
      opensOn: today,
      closesOn: today,
      schedule: 'none',
      gapThresholdTenths: 10,
    });
    if (!made.ok) throw new Error('no review');
    const account = await world.db.selectFrom('accounts').select('id').where('person_id', '=', staff.personId).executeTakeFirstOrThrow();
    const ada: CurrentUser = {
      accountId: account.id,
      ...staff,
      organisationName: 'Northshire County Council',
      role: 'admin',
      name: admin.name,
    };
    const answers = allStatements.map((code) => ({ code, answer: 4 as const, comment: null }));
    await services.reviews.saveSection(ada, made.id, mo, answers, 'in-person');

    const { context: checked, page: again } = await signedInPage(world, admin.email, admin.name, {
      open: `/claims/statement?personId=${terry}`,
    });
    await again.getByRole('button', { name: 'Send this statement to them' }).waitFor();
    await expectAccessible(again, 'statement with the send button');
    await again.goto(`${actLinkIn(sent.body_text)!}?page=2`);
    await again.getByRole('navigation', { name: /results|pagination/i }).waitFor();
    await expectAccessible(again, 'statement by personal link, its lines page 2');
    await checked.clearCookies();
    await signIn(again, 'mo@example.com', 'Mo Member');
    await again.getByText('You have answered: Spring check').waitFor();
    await again
      .getByText(`Closes on ${formatDate(today)}.`)
      .first()
      .waitFor();
    await expectAccessible(again, 'home page with answered reviews');
    await checked.close();
  });
});
