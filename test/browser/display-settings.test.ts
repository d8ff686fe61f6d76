import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserMissing, expectAccessible } from './harness.ts';
import { browserWorld, signedInPage } from './world.ts';

// Issue 24 (P1): a member sets large text and higher contrast by keyboard with JavaScript
// off, and the choice stays on every page and at the next sign-in; someone who has not
// signed in keeps theirs in this browser. axe finds nothing on pages in large text and high
// contrast (JavaScript on, as axe needs), with the read-aloud button shown.
const htmlClass = (page: Page) => page.locator('html').getAttribute('class');

describe('journey: display settings', { skip: browserMissing }, () => {
  const world = browserWorld();

  test('a member sets large text and high contrast by keyboard without JavaScript; it stays across pages and sign-ins; axe passes', async () => {
    await world.person({ fullName: 'Mo Member', perspectives: ['draws-on-care'] }, { email: 'mo@example.com', role: 'member' });
    const { context, page } = await signedInPage(world, 'mo@example.com', 'Mo Member', { javaScriptEnabled: false, open: '/meetings' });
    const press = async (locator: ReturnType<typeof page.getByRole>, key = 'Enter') => {
      await locator.focus();
      await page.keyboard.press(key);
    };
    await press(page.getByRole('link', { name: 'Text size and colours' }));
    await page.getByRole('heading', { name: 'Text size, colours and reading aloud' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Read this page aloud' }).count(), 0);
    await press(page.getByRole('radio', { name: 'Large', exact: true }), 'Space');
    await press(page.getByRole('radio', { name: 'Higher contrast' }), 'Space');
    await press(page.getByRole('button', { name: 'Save' }));
    // Back on the page they came from, in large text and high contrast.
    await page.getByText('Your display settings are saved.').waitFor();
    assert.equal(new URL(page.url()).pathname, '/meetings');
    assert.match((await htmlClass(page)) ?? '', /app-text-large app-contrast-high/);
    await press(page.getByRole('link', { name: 'My projects' }));
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.match((await htmlClass(page)) ?? '', /app-text-large app-contrast-high/);
    await press(page.getByRole('link', { name: 'Home' }));
    assert.match((await htmlClass(page)) ?? '', /app-text-large app-contrast-high/);
    await context.close();

    // Another day, another browser: the choice comes with the account. With JavaScript on, axe
    // checks pages in large text and high contrast, and the read-aloud button appears once asked for.
    const again = await signedInPage(world, 'mo@example.com', 'Mo Member', { open: '/display-settings' });
    assert.match((await htmlClass(again.page)) ?? '', /app-text-large app-contrast-high/);
    assert.equal(await again.page.evaluate(() => getComputedStyle(document.documentElement).fontSize), '20px');
    await expectAccessible(again.page, 'display settings in large text and high contrast');
    await again.page.getByRole('radio', { name: 'Larger' }).check();
    await again.page.getByRole('radio', { name: "Show a 'Read this page aloud' button" }).check();
    await again.page.getByRole('button', { name: 'Save' }).click();
    await again.page.getByText('Your display settings are saved.').waitFor();
    assert.equal(await again.page.evaluate(() => getComputedStyle(document.documentElement).fontSize), '24px');
    const speaks = await again.page.evaluate(() => 'speechSynthesis' in window);
    if (speaks) {
      // The button starts and stops the browser's voice; without speech it never shows.
      await again.page.getByRole('button', { name: 'Read this page aloud' }).click();
      await again.page.getByRole('button', { name: 'Stop reading' }).click();
      await again.page.getByRole('button', { name: 'Read this page aloud' }).waitFor();
    }
    await expectAccessible(again.page, 'settings saved, larger text, high contrast');
    for (const path of ['/', '/meetings', '/projects', '/about', '/glossary']) {
      await again.page.goto(path);
      await expectAccessible(again.page, `${path} in larger text and high contrast`);
    }
    await again.context.close();
  });

  test('someone who has not signed in keeps their choice in this browser, without JavaScript; axe passes on public pages', async () => {
    const context = await world.context({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/about');
    const press = async (locator: ReturnType<typeof page.getByRole>, key = 'Enter') => {
      await locator.focus();
      await page.keyboard.press(key);
    };
    await press(page.getByRole('link', { name: 'Text size and colours' }));
    await press(page.getByRole('radio', { name: 'Larger' }), 'Space');
    await press(page.getByRole('radio', { name: 'Higher contrast' }), 'Space');
    await press(page.getByRole('radio', { name: 'Less movement' }), 'Space');
    await press(page.getByRole('button', { name: 'Save' }));
    await page.getByText('Your display settings are saved.').waitFor();
    assert.equal(new URL(page.url()).pathname, '/about');
    await press(page.getByRole('contentinfo').getByRole('link', { name: 'Words we use' }));
    assert.equal(await htmlClass(page), 'govuk-template app-text-larger app-contrast-high app-motion-reduced');
    await context.close();

    const withScript = await world.context();
    await withScript.addCookies([
      { name: 'coproduce.display', value: 'text=large&contrast=high&motion=reduced&aloud=1', url: world.running.baseUrl },
    ]);
    const seen = await withScript.newPage();
    for (const path of ['/about', '/glossary', '/accessibility', '/sign-in', '/display-settings']) {
      await seen.goto(path);
      assert.match((await htmlClass(seen)) ?? '', /app-text-large app-contrast-high app-motion-reduced/);
      await expectAccessible(seen, `${path} in large text and high contrast, not signed in`);
    }
    await withScript.close();
  });
});
