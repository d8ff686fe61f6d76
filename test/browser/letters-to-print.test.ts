import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { enqueue } from '../../src/platform/outbox.ts';
import { SignInPage } from './pages.ts';
import { browserMissing, expectAccessible, launchBrowser, newContext, startApp, type RunningApp, browserClock } from './harness.ts';

// A reply link as long as the real ones: one unbroken "word" wider than the page.
const replyLink = `http://localhost:3000/reply/${'eyJtZWV0aW5nSWQiOiIxMjM0NTY3OC0xMjM0LTEyMzQtMTIzNC0xMjM0NTY3ODkwMTIi'.repeat(2)}.Zm9vYmFy`;
/** Debian's poppler-utils read the printed PDF back, as a person's printer would see it. */
const poppler = (tool: 'pdfinfo' | 'pdftotext', file: string) =>
  execFileSync(`/usr/bin/${tool}`, tool === 'pdftotext' ? ['-layout', file, '-'] : [file], { encoding: 'utf8' });
const popplerMissing = ['/usr/bin/pdfinfo', '/usr/bin/pdftotext'].find((p) => !fs.existsSync(p));

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
          // As people's records hold them: the address, and the name apart from it.
          recipientName: name,
          recipient: 'The Oaks Care Home, 4 Mill Lane\nNorthshire\nNS1 1AA',
          subject: `Meeting for ${name}`,
          bodyText: `Dear ${name},\nPlease come. To reply, go to ${replyLink} or ring us.`,
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

    // Laid out as on A4 (210mm at 96 pixels an inch), less the letter's 20mm margins.
    await page.setViewportSize({ width: 643, height: 971 });
    await page.emulateMedia({ media: 'print' });
    const printed = await page.getByRole('article').evaluateAll((articles) =>
      articles.map((a) => {
        const body = a.querySelector('.app-letter__body')!;
        const link = document.createRange();
        const text = body.firstChild!;
        const at = text.textContent!.indexOf('http');
        link.setStart(text, at);
        link.setEnd(text, text.textContent!.indexOf(' ', at));
        return {
          breakAfter: getComputedStyle(a).breakAfter,
          fontPx: parseFloat(getComputedStyle(body).fontSize),
          firstPart: a.firstElementChild?.className,
          addressLines: (a.querySelector('.app-letter__address') as HTMLElement).innerText.split('\n'),
          bodyWidth: body.clientWidth,
          bodyScrollWidth: body.scrollWidth,
          linkRight: Math.max(...[...link.getClientRects()].map((r) => r.right)),
          pageWidth: document.documentElement.clientWidth,
          pageScrollWidth: document.documentElement.scrollWidth,
        };
      }),
    );
    assert.equal(printed.length, 2);
    assert.equal(printed[0]!.breakAfter, 'page');
    for (const letter of printed) {
      // Large print: 18pt is 24 CSS pixels.
      assert.equal(letter.fontPx, 24);
      assert.equal(letter.firstPart, 'app-letter__address');
      // The name on the first line, so the letter reaches the person in a shared home.
      assert.match(letter.addressLines[0]!, /^(Ann Able|Ben Baker)$/);
      assert.deepEqual(letter.addressLines.slice(1), ['The Oaks Care Home', '4 Mill Lane', 'Northshire', 'NS1 1AA']);
      // The long link wraps: nothing is wider than the page, so nothing shrinks or is cut off.
      assert.ok(letter.bodyScrollWidth <= letter.bodyWidth, `letter body ${letter.bodyScrollWidth}px in ${letter.bodyWidth}px`);
      assert.ok(letter.linkRight <= letter.pageWidth, `link ends at ${letter.linkRight}px on a ${letter.pageWidth}px page`);
      assert.ok(letter.pageScrollWidth <= letter.pageWidth, `page content ${letter.pageScrollWidth}px wide`);
    }
    assert.ok(await page.getByRole('button', { name: 'Mark these 2 letters as posted' }).isHidden());

    if (!popplerMissing) {
      // Printed as the browser prints it, on the paper the page asks for: A4, a letter a sheet,
      // the name first and the whole link there to type in.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'letters-'));
      try {
        const file = path.join(dir, 'letters.pdf');
        fs.writeFileSync(file, await page.pdf({ preferCSSPageSize: true }));
        const info = poppler('pdfinfo', file);
        assert.match(info, /^Pages:\s+2$/m);
        assert.match(info, /^Page size:.*\(A4\)$/m);
        const text = poppler('pdftotext', file);
        const sheets = text.split('\f').filter((s) => s.trim());
        assert.equal(sheets.length, 2);
        for (const sheet of sheets) {
          assert.match(sheet.trimStart(), /^(Ann Able|Ben Baker)\n/);
          assert.ok(sheet.replace(/\s+/g, '').includes(replyLink), `the whole link is printed:\n${sheet}`);
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }

    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('button', { name: 'Mark these 2 letters as posted' }).click();
    await page.getByText('2 letters marked as posted.').waitFor();
    await page.getByText('There are no letters to print.').waitFor();
    await expectAccessible(page, 'letters posted');
    await context.close();
  });
});
