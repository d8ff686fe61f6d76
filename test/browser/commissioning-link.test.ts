import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { noAccessNeeds } from '../../src/modules/people/access-needs.ts';
import { identifyFile } from '../../src/platform/file-kinds.ts';
import { actLinkIn } from '../worlds/replies.ts';
import { browserMissing, expectAccessible } from './harness.ts';
import { admin, browserWorld, signedInPage } from './world.ts';

const pdf = Buffer.from(
  ['%PDF-1.4', '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj', 'trailer << /Root 1 0 R >>', '%%EOF', ''].join('\n'),
);

// Issue 23 (P7): Lee, who draws on care, never signs in, and reads easy read. When scoring
// starts he is emailed a personal link. By keyboard with JavaScript off he says he knows one
// bidder, reads the other bid's summary in easy read, scores it alone, and checks his scores.
// The link's pages pass axe, and so do staff's pages for his format: the round with who waits
// for an easy read summary, writing one, and his printed copy.
describe('journey: a panel member scores by a personal link', { skip: browserMissing }, () => {
  const world = browserWorld();

  test('by the link, without signing in: declare, score alone, check, by keyboard without JavaScript', async () => {
    const staff = { ...world.staff, role: 'admin' as const };
    const { commissioning } = world.services;
    const lee = await world.person({
      fullName: 'Lee Link',
      perspectives: ['draws-on-care'],
      email: 'lee@example.com',
      contactOrder: ['email'],
    });
    const roundId = await commissioning.createRound(staff, {
      title: 'Day opportunities',
      kind: 'service',
      purpose: 'Places to go in the day.',
      bidsCloseOn: '2027-01-08',
      panelMeetsOn: '2027-01-20',
      decisionBy: '2027-02-01',
    });
    await commissioning.addCriterion(staff, roundId, { name: 'How people shape the service', weight: 3 });
    const type = (await identifyFile(pdf))!;
    for (const [bidder, summary] of [
      ['Northby Day Club', 'Members plan the week.'],
      ['Friends Together', 'Small groups in cafés.'],
    ] as const)
      await commissioning.addBid(staff, roundId, { bidder, summary }, { data: pdf, fileName: `${bidder}.pdf`, type });
    await world.services.accessNeeds.save(staff, lee, true, { ...noAccessNeeds(), formats: ['easy-read'] });
    const bids = await world.db.selectFrom('commissioning_bids').select(['id', 'bidder']).where('round_id', '=', roundId).execute();
    const club = bids.find((b) => b.bidder === 'Northby Day Club')!.id;
    await commissioning.writeEasyRead(staff, roundId, club, 'A **club** for the day.\nMembers plan the week together.');
    await commissioning.addToPanel(staff, roundId, lee);
    await commissioning.moveOn(staff, roundId);
    const round = `/commissioning/rounds/${roundId}`;
    const staffPage = await signedInPage(world, admin.email, admin.name, { open: round });
    await staffPage.page.getByText('The bid from Friends Together has no easy read summary yet. Waiting for it: Lee Link.').waitFor();
    await expectAccessible(staffPage.page, 'a round with a bid waiting for easy read');
    await staffPage.page.getByRole('link', { name: 'Write the easy read summary of the bid from Friends Together' }).first().click();
    await staffPage.page.getByRole('button', { name: 'Check my words' }).click();
    await expectAccessible(staffPage.page, 'writing a bid in easy read, with advice');
    const sent = await world.db
      .selectFrom('outbox')
      .select('body_text')
      .where('kind', '=', 'commissioning')
      .where('person_id', '=', lee)
      .executeTakeFirstOrThrow();
    const link = actLinkIn(sent.body_text)!;

    const context = await world.context({ javaScriptEnabled: false });
    const page = await context.newPage();
    const press = async (locator: ReturnType<Page['getByRole']>, key = 'Enter') => {
      await locator.focus();
      await page.keyboard.press(key);
    };
    await page.goto(link);
    await page.getByRole('heading', { name: 'Do you know anyone who sent a bid?' }).waitFor();
    await press(page.getByRole('checkbox', { name: 'Friends Together' }), 'Space');
    await page.getByRole('textbox', { name: 'How do you know Friends Together?' }).focus();
    await page.keyboard.type('I go to one of their groups.');
    await press(page.getByRole('button', { name: 'Send' }));
    await page.getByText('Thank you for telling us. Now you can read the bids and score them.').waitFor();
    await page.getByRole('heading', { name: 'Score the bid from Northby Day Club' }).waitFor();
    await page.getByText('Members plan the week together.').waitFor();
    if ((await page.getByText('Members plan the week.', { exact: true }).count()) > 0) throw new Error('Lee was shown the usual words');
    await page.getByRole('link', { name: /Read the whole bid/ }).waitFor();
    await press(page.getByRole('button', { name: 'Send' }));
    await page.getByRole('link', { name: 'Choose a score from 1 to 5' }).waitFor();
    await press(page.getByRole('radio', { name: '4: Good', exact: true }), 'Space');
    await press(page.getByRole('button', { name: 'Send' }));
    await page.getByText('Your scores for Northby Day Club are saved.').waitFor();
    await page.getByRole('heading', { name: 'Check your scores' }).waitFor();
    if ((await page.getByText('Small groups in cafés.').count()) > 0) throw new Error('the bid Lee knows was shown to him');
    await press(page.getByRole('button', { name: 'Send' }));
    await page.getByText(/Thank you\. Your scores are saved\./).waitFor();
    await context.close();

    // axe runs in the page, so it looks at the same pages with JavaScript on.
    const again = await world.context();
    const shown = await again.newPage();
    for (const [path, label] of [
      [link, 'checking scores by a personal link'],
      [`${link}?page=2`, 'declaring interests by a personal link'],
      [`${link}?page=3`, 'scoring a bid by a personal link'],
    ]) {
      await shown.goto(path!);
      await expectAccessible(shown, label);
    }
    await shown.goto(`${link}?page=2`);
    await shown.getByRole('checkbox', { name: 'Friends Together' }).uncheck();
    await shown.getByRole('button', { name: 'Send' }).click();
    await shown.getByRole('link', { name: 'Tick who you know, or tick that you do not know anyone' }).waitFor();
    await expectAccessible(shown, 'declaring interests by a personal link, with an error');
    await again.close();
    await staffPage.page.goto(`${round}/panel/${lee}/print`);
    await staffPage.page.getByText('Members plan the week together.').waitFor();
    await expectAccessible(staffPage.page, 'a panel member’s printed copy of the bids');
    await staffPage.context.close();
  });
});
