import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { memberMore } from '../../navigation.ts';

const menuOf = (html: string) => {
  const nav = /<nav[^>]*aria-label="Menu"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  return [...nav.matchAll(/<a class="govuk-service-navigation__link" href="([^"]+)"/g)].map((m) => m[1]!);
};

// A member's menu had 13 items and wrapped onto a third line; its less-used pages are on
// More (/more), a page of plain links, so every page is still reached without JavaScript.
describe("a member's short menu and More", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
    const org = await organisationWithAdmin(t);
    await personWithAccount(
      t,
      org.organisationId,
      { fullName: 'Mo Member', perspectives: ['draws-on-care'] },
      { email: 'mo@example.com', role: 'member' },
    );
  });
  afterEach(() => t.close());

  test('the member menu keeps what they use most; More lists the rest and is marked where they are', async () => {
    const mo = await signedInClient(t, 'mo@example.com');
    const home = await mo.get('/');
    const menu = menuOf(home.body);
    assert.deepEqual(
      menu.filter((href) => !href.startsWith('/people/')),
      ['/', '/projects', '/meetings', '/my-claims', '/timebank', '/more', '/account'],
    );
    assert.equal(menu.length, 8, 'and My details');
    const more = await mo.get('/more');
    assert.equal(more.statusCode, 200);
    assert.match(more.body, /<h1 class="govuk-heading-l">More<\/h1>/);
    const folded = memberMore.flatMap((g) => g.links.map((l) => l.href));
    assert.deepEqual(folded.sort(), ['/charter', '/commissioning', '/equality/mine', '/learn', '/our-impact', '/risks']);
    for (const href of folded) {
      assert.match(more.body, new RegExp(`href="${href}"`), href);
      assert.ok(!menu.includes(href), `${href} is not in the menu`);
      const page = await mo.get(href);
      assert.equal(page.statusCode, 200, href);
      assert.match(page.body, /href="\/more"\s*aria-current="true"/, `More is marked on ${href}`);
    }
  });

  test('staff keep their menu, and may open More too', async () => {
    const ada = await signedInClient(t, 'admin@northshire.test');
    const menu = menuOf((await ada.get('/')).body);
    for (const href of ['/risks', '/learn', '/commissioning', '/charter']) assert.ok(menu.includes(href), href);
    assert.ok(!menu.includes('/more'));
    assert.equal((await ada.get('/more')).statusCode, 200, 'staff may open it');
  });
});
