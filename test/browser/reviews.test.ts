import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { loadCatalogue } from '../../src/platform/i18n.ts';
import { allStatements, formSections, statementsIn, type FormSection } from '../../src/modules/reviews/vocabulary.ts';
import { browserMissing, expectAccessible } from './harness.ts';
import { browserWorld, signedInPage } from './world.ts';

// V1, V2: a review from opening to results. Staff open it, two members and staff answer
// (one member by keyboard only, one with JavaScript off, staff recording one person's
// answers given by phone), staff close it and see the gap first, the level and the flags.
const words = loadCatalogue('en').reviews as { statement: Record<string, string>; piece: Record<string, string> };
const scale: Record<number, string> = { 1: '1 Not at all', 2: '2 A little', 3: '3 Partly', 4: '4 Mostly', 5: '5 Fully' };

/** Rates every statement on a page with the mouse, finding each by its question. */
async function ratePage(page: Page, section: FormSection, rating: number) {
  for (const code of statementsIn(section)) {
    await page.getByRole('group', { name: words.statement[code], exact: true }).getByLabel(scale[rating]!, { exact: true }).check();
  }
}

/** Presses Tab until the focused element matches, as a keyboard user moves through a page. */
async function tabTo(
  page: Page,
  matches: (el: { tag: string; name: string | null; value: string | null; text: string }) => boolean,
  limit = 80,
) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLInputElement | null;
      return {
        tag: a?.tagName.toLowerCase() ?? '',
        name: a?.getAttribute('name') ?? null,
        value: a?.getAttribute('value') ?? null,
        text: (a?.textContent ?? '').trim(),
      };
    });
    if (matches(el)) return;
  }
  throw new Error('could not reach it with the Tab key');
}

describe('journey: a review from opening to results, with the gap first (V1, V2)', { skip: browserMissing }, () => {
  const world = browserWorld();
  let dennis: string;
  beforeEach(async () => {
    await world.person({ fullName: 'Grace Okafor', perspectives: ['draws-on-care'] }, { email: 'grace@example.org' });
    await world.person({ fullName: 'Amira Hassan', perspectives: ['carer'] }, { email: 'amira@example.org' });
    dennis = await world.person({
      fullName: 'Dennis Whitfield',
      perspectives: ['draws-on-care'],
      landline: '01632 960001',
      contactOrder: ['phone'],
    });
  });

  test('staff open a review, members and staff answer, staff close it and read the results', async () => {
    const { context, page } = await signedInPage(world, 'ada@northshire.test', 'Ada Admin');
    await page.getByRole('link', { name: 'Reviews', exact: true }).click();
    await page.getByRole('heading', { name: 'Reviews', level: 1 }).waitFor();
    await expectAccessible(page, 'reviews');
    await page.getByRole('button', { name: 'Start a review' }).click();
    await expectAccessible(page, 'start a review');
    await page.getByLabel('Every 3 months').check();
    await page.getByRole('button', { name: 'Start the review' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    assert.equal(await page.getByLabel('Every 3 months').isChecked(), true, 'the choice made is kept');
    await expectAccessible(page, 'start a review with a problem');
    await page.getByLabel('Name of the review').fill('Winter review');
    await page.getByRole('button', { name: 'Start the review' }).click();
    await page.getByText('The review has started.').waitFor();
    await expectAccessible(page, 'the review');
    const cycleUrl = new URL(page.url()).pathname;

    await page.getByRole('button', { name: 'Send invitations' }).click();
    await page.getByText(/Invitations sent to 3 people/).waitFor();

    // Dennis does not sign in: he tells Ada his answers on the phone.
    await page.getByRole('link', { name: 'Record answers for Dennis Whitfield' }).click();
    await page.getByRole('heading', { name: 'Answers for Dennis Whitfield' }).waitFor();
    await expectAccessible(page, 'record answers: the parts');
    await page.getByRole('link', { name: 'Culture' }).click();
    await expectAccessible(page, 'record answers: a part');
    for (const section of formSections) {
      await page.getByLabel('Told to staff by phone').check();
      await ratePage(page, section, 2);
      await page.getByRole('button', { name: 'Save and continue' }).click();
    }
    await page.getByText('You have finished 5 of 5 parts.').waitFor();

    // Ada gives her own answers.
    await page.goto(cycleUrl);
    await page.getByRole('link', { name: 'Give your own answers' }).click();
    await page.getByRole('link', { name: 'Culture' }).click();
    for (const section of formSections) {
      await ratePage(page, section, 4);
      if (section === 'structure')
        await page.getByLabel(/Anything to add\? \(optional\) \(Involved from the start\)/).fill('We ask people once the plan is made.');
      await page.getByRole('button', { name: 'Save and continue' }).click();
    }
    await page.getByText('You have finished 5 of 5 parts.').waitFor();
    await expectAccessible(page, 'your answers, all done');
    const reviewId = cycleUrl.split('/').pop()!;
    // Two more staff told Ada their answers at a team meeting.
    const adaUser = {
      accountId: '',
      personId: world.adminPersonId,
      organisationId: world.organisationId,
      organisationName: 'Northshire County Council',
      role: 'admin' as const,
      name: 'Ada Admin',
    };
    for (const [name, perspective] of [
      ['Pat Paid', 'practitioner'],
      ['Max Manager', 'manager'],
    ] as const) {
      const id = await world.person({ fullName: name, perspectives: [perspective] });
      await world.services.reviews.saveSection(
        adaUser,
        reviewId,
        id,
        allStatements.map((code) => ({ code, answer: 4, comment: null })),
        'in-person',
      );
    }

    // Grace answers using only the keyboard.
    const { context: graceContext, page: grace } = await signedInPage(world, 'grace@example.org', 'Grace Okafor', {
      open: `/reviews/${reviewId}/answer`,
    });
    await expectAccessible(grace, 'your answers: the parts');
    await tabTo(grace, (el) => el.tag === 'a' && el.text === 'Culture');
    await grace.keyboard.press('Enter');
    await grace.getByRole('heading', { name: 'Culture: your answers' }).waitFor();
    await expectAccessible(grace, 'your answers: culture');
    for (const section of formSections) {
      await grace.getByRole('heading', { name: `${words.piece[section]}: your answers` }).waitFor();
      for (const code of statementsIn(section)) {
        // Tab lands on the first answer of the group; the arrow key moves to and picks "2".
        await tabTo(grace, (el) => el.name === `rating-${code}`);
        await grace.keyboard.press('ArrowDown');
      }
      await tabTo(grace, (el) => el.tag === 'button' && el.text === 'Save and continue');
      await grace.keyboard.press('Enter');
    }
    await grace.getByText('You have finished 5 of 5 parts.').waitFor();
    await graceContext.close();

    // Amira answers with JavaScript switched off.
    const { context: noJs, page: amira } = await signedInPage(world, 'amira@example.org', 'Amira Hassan', {
      open: `/reviews/${reviewId}/answer`,
      javaScriptEnabled: false,
    });
    await amira.getByRole('link', { name: 'Culture' }).click();
    await ratePage(amira, 'culture', 2);
    await amira.getByRole('button', { name: 'Save and come back later' }).click();
    await amira.getByText('Your answers are saved. You can come back at any time.').waitFor();
    await amira.getByText('You have finished 1 of 5 parts.').waitFor();
    await amira.getByRole('link', { name: 'Structure' }).click();
    for (const section of formSections.slice(1)) {
      await ratePage(amira, section, 3);
      await amira.getByRole('button', { name: 'Save and continue' }).click();
    }
    await amira.getByText('You have finished 5 of 5 parts.').waitFor();
    await noJs.close();

    const saved = await world.db
      .selectFrom('review_answers')
      .select(['person_id', 'way', 'recorded_by'])
      .where('cycle_id', '=', reviewId)
      .execute();
    assert.equal(saved.length, 23 * 6);
    const dennisWays = new Set(saved.filter((r) => r.person_id === dennis).map((r) => `${r.way}/${r.recorded_by}`));
    assert.deepEqual([...dennisWays], [`phone/${world.adminPersonId}`]);

    // Ada closes the review and reads the results: the gap comes first.
    await page.goto(cycleUrl);
    await page.getByRole('button', { name: 'Close this review' }).click();
    await page.getByText('The review is closed and the next one has started.').waitFor();
    const headings = (await page.getByRole('heading', { level: 2 }).allTextContents()).map((h) => h.trim()).filter((h) => h !== 'Success');
    assert.equal(headings[0], 'The gap between staff and people with lived experience', 'the gap is the first thing on the page');
    // Lived experience: Dennis and Grace 2, Amira 2 on culture and 3 elsewhere (2.3); staff all 4.
    await page.getByText('Staff rate things 1.7 points higher than people with lived experience.').waitFor();
    await page.getByText('Estimated level: Descriptive').waitFor();
    await page.getByText(/People with lived experience gave Culture 2.0 on average/).waitFor();
    await page.getByRole('heading', { name: 'Statements where the groups differ by 1.0 points or more' }).waitFor();
    await page
      .getByText(/S1 Involved from the start/)
      .first()
      .waitFor();
    await page.getByRole('heading', { name: 'How we estimate the level' }).waitFor();
    await expectAccessible(page, 'results');
    await page.getByRole('link', { name: 'Back' }).click();
    await page.getByRole('link', { name: 'Compare with earlier reviews' }).click();
    await page.getByRole('cell', { name: 'L 2.0, S 4.0, gap +2.0' }).waitFor();
    await expectAccessible(page, 'compare reviews');
    await page.getByRole('link', { name: 'Back' }).click();
    await page.getByRole('link', { name: 'Winter review' }).last().click();
    await expectAccessible(page, 'the next review');

    // The closed review feeds the organisation's impact report and its PDF.
    await page.goto('/impact');
    await page.getByRole('link', { name: 'Make a report for a project or the whole organisation' }).click();
    await page.getByRole('heading', { name: 'Impact report: Northshire County Council', level: 1 }).waitFor();
    await page.getByText('Staff rated things 1.7 points higher than people with lived experience did.').first().waitFor();
    await expectAccessible(page, 'impact report after the review');
    const pdf = await page.request.get(page.url().replace('/impact/report', '/impact/report.pdf'));
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    await context.close();
  });
});
