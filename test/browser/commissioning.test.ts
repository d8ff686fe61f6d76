import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { identifyFile } from '../../src/platform/file-kinds.ts';
import { browserMissing, expectAccessible } from './harness.ts';
import { admin, browserWorld, signedInPage } from './world.ts';

const pdf = Buffer.from(
  ['%PDF-1.4', '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj', 'trailer << /Root 1 0 R >>', '%%EOF', ''].join('\n'),
);

// Issue 23 (P6, P7): Grace, who draws on care, is on a commissioning panel. By keyboard with
// JavaScript off she says she knows one bidder, scores the other bid alone, agrees with the
// panel's scores, and reads the decision shared with members. Every page passes axe.
describe('journey: a commissioning panel with lived experience', { skip: browserMissing }, () => {
  const world = browserWorld();

  test('a panel member declares, scores alone, agrees together and sees the shared decision, by keyboard without JavaScript', async () => {
    const staff = { ...world.staff, role: 'admin' as const };
    const { commissioning } = world.services;
    const grace = await world.person({ fullName: 'Grace Okafor', perspectives: ['draws-on-care'] }, { email: 'grace@example.com' });
    const pat = await world.person({ fullName: 'Pat Price', perspectives: ['carer'] }, { email: 'pat@example.com' });
    await commissioning.savePolicy(staff, {
      codes: ['P6', 'P7'],
      criteria: [{ name: 'How people shape the service', weight: 3 }],
      bidChecks: 'Members score every bid.',
      contractChecks: 'We visit with members.',
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
    const friends = await commissioning.addBid(
      staff,
      roundId,
      { bidder: 'Friends Together', summary: 'Small groups in cafés.' },
      { data: pdf, fileName: 'friends.pdf', type },
    );
    for (const p of [grace, pat]) await commissioning.addToPanel(staff, roundId, p);
    await commissioning.moveOn(staff, roundId);
    const patActor = { organisationId: world.organisationId, personId: pat, role: 'member' as const };
    await commissioning.declare(patActor, roundId, []);
    const criterion = (await commissioning.view(staff, roundId)).criteria[0]!.id;
    for (const bid of [club, friends]) await commissioning.scoreAlone(patActor, roundId, bid, { [criterion]: 3 });

    const { context, page } = await signedInPage(world, 'grace@example.com', 'Grace Okafor', { javaScriptEnabled: false, open: '/' });
    const press = async (locator: ReturnType<Page['getByRole']>, key = 'Enter') => {
      await locator.focus();
      await page.keyboard.press(key);
    };
    // Commissioning is on More, in a member's menu.
    await press(page.getByRole('link', { name: 'More', exact: true }));
    await press(page.getByRole('link', { name: 'Commissioning' }).first());
    await press(page.getByRole('link', { name: 'Day opportunities' }));
    await page.getByRole('link', { name: 'Being on a commissioning panel' }).waitFor();
    await press(page.getByRole('link', { name: 'Say if you know anyone who bid' }));
    await press(page.getByRole('button', { name: 'Save' }));
    await page.getByRole('link', { name: /Tick who you know/ }).waitFor();
    await press(page.getByRole('checkbox', { name: 'Friends Together' }), 'Space');
    await page.getByRole('textbox', { name: 'How do you know Friends Together?' }).focus();
    await page.keyboard.type('I go to one of their groups.');
    await press(page.getByRole('button', { name: 'Save' }));
    await page.getByText('Thank you. You can now read the bids.').waitFor();
    await press(page.getByRole('link', { name: 'Score the bid from Northby Day Club' }));
    await press(page.getByRole('button', { name: 'Save my scores' }));
    await page.getByRole('link', { name: 'Choose a score from 1 to 5' }).waitFor();
    await press(page.getByRole('radio', { name: '4: Good', exact: true }), 'Space');
    await press(page.getByRole('button', { name: 'Save my scores' }));
    await page.getByText('Your scores are saved.').waitFor();

    // The panel meets: the scores are agreed, with a reason, and staff write the summary.
    await commissioning.moveOn(staff, roundId);
    await commissioning.agreeScore(staff, roundId, {
      bidId: club,
      criterionId: criterion,
      score: 4,
      reason: 'Grace showed how members plan.',
    });
    await commissioning.agreeScore(staff, roundId, { bidId: friends, criterionId: criterion, score: 3, reason: 'We agreed the average.' });
    await commissioning.writeSummary(staff, roundId, 'We chose Northby Day Club because members plan the week.');
    await commissioning.agreeWithPanel(patActor, roundId);

    await page.goto(`/commissioning/rounds/${roundId}`);
    await press(page.getByRole('link', { name: 'Agree the scores with the panel' }));
    await page.getByText(/from 3.5 to 4\. Why: Grace showed how members plan\./).waitFor();
    await press(page.getByRole('checkbox', { name: "I agree with the panel's scores" }), 'Space');
    await press(page.getByRole('button', { name: 'Save', exact: true }));
    await page.getByText("Thank you. You agree with the panel's scores.").waitFor();
    await commissioning.moveOn(staff, roundId);
    await page.goto(`/commissioning/rounds/${roundId}`);
    await page.getByRole('heading', { name: 'What we decided' }).waitFor();
    await page.getByText('We chose Northby Day Club because members plan the week.').waitFor();
    await context.close();

    // axe runs in the page, so it looks at the same pages with JavaScript on.
    const again = await signedInPage(world, 'grace@example.com', 'Grace Okafor', { open: '/commissioning' });
    await expectAccessible(again.page, 'commissioning rounds');
    for (const [path, label] of [
      [`/commissioning/rounds/${roundId}`, 'a shared round'],
      [`/commissioning/rounds/${roundId}/together`, 'how the panel agreed'],
      [`/commissioning/rounds/${roundId}/interests`, 'declaring interests'],
      [`/commissioning/rounds/${roundId}/bids/${club}/score`, 'scoring a bid'],
      ['/commissioning/policy', 'the commissioning policy'],
    ]) {
      await again.page.goto(path!);
      await expectAccessible(again.page, label);
    }
    await again.context.close();

    const staffPage = await signedInPage(world, admin.email, admin.name, { open: '/commissioning/rounds/new' });
    await expectAccessible(staffPage.page, 'start a round');
    await staffPage.page.getByRole('button', { name: 'Start the round' }).click();
    await staffPage.page.getByRole('link', { name: 'Enter the name of the round' }).waitFor();
    await expectAccessible(staffPage.page, 'start a round with errors');
    await staffPage.page.getByRole('textbox', { name: 'Name of the round' }).fill('Carers’ breaks grants');
    await staffPage.page.getByRole('textbox', { name: 'What it is for, in plain words' }).fill('Small grants for breaks.');
    await staffPage.page.getByRole('button', { name: 'Start the round' }).click();
    await staffPage.page.getByText('The round has started.', { exact: false }).waitFor();
    await expectAccessible(staffPage.page, 'a round being set up');
    await staffPage.page.goto('/commissioning/policy/new');
    await expectAccessible(staffPage.page, 'policy form');
    await staffPage.context.close();

    const scoring = await signedInPage(world, 'pat@example.com', 'Pat Price', { open: `/commissioning/rounds/${roundId}` });
    await expectAccessible(scoring.page, 'a round for a panel member');
    await scoring.context.close();
  });
});
