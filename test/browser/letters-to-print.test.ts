import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { enqueue } from '../../src/platform/outbox.ts';
import { SignInPage } from './pages.ts';
import { browserMissing, expectAccessible, launchBrowser, newContext, startApp, type RunningApp, browserClock } from './harness.ts';

describe('journey: letters to print', { skip: browserMissing }, () => {
  let running: RunningApp;
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    running = await startApp();
    await running.services.organisations.setUp({
      organisationName: 'Northshire County Council',
      area: 'Northshire',
      adminName: 'Ada Admin',
      email: 'ada@northshire.test',
      password: 'a long and memorable password',
    });
    const { id: organisationId } = await running.db.selectFrom('organisations').select('id').executeTakeFirstOrThrow();
    for (const name of ['Ann Able', 'Ben Baker']) {
      await enqueue(
        running.db,
        {
          organisationId,
          kind: 'invitation',
          channel: 'letter',
          recipient: `${name}\n1 High Street\nNorthshire\nNS1 1AA`,
          subject: `Meeting for ${name}`,
          bodyText: `Dear ${name},\nPlease come.`,
        },
        browserClock(),
        null,
      );
    }
  });
  afterEach(async () => {
    await running?.close();
  });

  test('each letter prints on its own page in large type, and staff mark them posted', async () => {
    const context = await newContext(browser, running.baseUrl);
    const page = await context.newPage();
    const signIn = new SignInPage(page);
    await signIn.open();
    await signIn.withPassword('ada@northshire.test', 'a long and memorable password');
    await page.getByRole('link', { name: 'Messages sent' }).click();
    await page.getByRole('link', { name: 'Print letters' }).click();
    await page.getByRole('heading', { name: 'Letters to print', level: 1 }).waitFor();
    await expectAccessible(page, 'letters to print');

    await page.emulateMedia({ media: 'print' });
    const printed = await page.getByRole('article').evaluateAll((articles) =>
      articles.map((a) => {
        const style = getComputedStyle(a);
        return {
          breakAfter: style.breakAfter,
          fontPx: parseFloat(getComputedStyle(a.querySelector('.app-letter__body')!).fontSize),
          firstPart: a.firstElementChild?.className,
        };
      }),
    );
    assert.equal(printed.length, 2);
    assert.equal(printed[0]!.breakAfter, 'page');
    // 16pt is 21.3 CSS pixels.
    for (const letter of printed) {
      assert.ok(letter.fontPx >= (16 * 96) / 72, `letter type is ${letter.fontPx}px`);
      assert.equal(letter.firstPart, 'app-letter__address');
    }
    assert.ok(await page.getByRole('button', { name: 'Mark these 2 letters as posted' }).isHidden());
    await page.emulateMedia({ media: 'screen' });

    await page.getByRole('button', { name: 'Mark these 2 letters as posted' }).click();
    await page.getByText('2 letters marked as posted.').waitFor();
    await page.getByText('There are no letters to print.').waitFor();
    await expectAccessible(page, 'letters posted');
    await context.close();
  });
});
