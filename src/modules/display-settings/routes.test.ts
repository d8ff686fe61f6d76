import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

// P1 (issue 24): anyone chooses text size, contrast, movement and a read-aloud button at
// /display-settings, with a plain form. Someone who signs in keeps the choice with their
// account; anyone else (public pages, personal links) keeps it in a cookie.
const htmlClasses = (body: string) => /<html lang="en-GB" class="govuk-template ?([^"]*)">/.exec(body)?.[1];
const allChosen = { textSize: 'large', contrast: 'high', motion: 'reduced', readAloud: 'on' };

for (const dialect of databaseDialects()) {
  describe(`display settings (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;

    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      org = await organisationWithAdmin(t);
    });
    afterEach(() => t.close());

    const storedRows = () => t.database.db.selectFrom('display_settings').selectAll().execute();

    test('without signing in: every page links to the settings, and a choice is kept in a cookie and shown on every page', async () => {
      const visitor = new Client(t.app);
      const about = await visitor.get('/about');
      assert.equal(about.statusCode, 200);
      assert.equal(htmlClasses(about.body), '');
      // One link on every page; the browser says where it was (referrerpolicy), so saving can go back.
      assert.match(about.body, /href="\/display-settings" referrerpolicy="same-origin">Text size and colours<\/a>/);
      assert.doesNotMatch(about.body, /read-aloud\.js/);

      const form = await visitor.raw('GET', '/display-settings', { referer: 'http://localhost/about' });
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /<h1 class="govuk-heading-l">Text size, colours and reading aloud<\/h1>/);
      assert.match(form.body, /name="textSize" type="radio" value="usual" checked/);
      assert.match(form.body, /on this phone or computer/);
      assert.match(form.body, /<input type="hidden" name="from" value="\/about">/);

      const saved = await visitor.post('/display-settings', { ...allChosen, from: '/about' });
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, '/about');
      const cookie = saved.cookies.find((c) => c.name === 'coproduce.display');
      assert.ok(cookie, 'a cookie keeps the choice');
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Lax');
      assert.ok((cookie.maxAge ?? 0) > 300 * 86_400);

      const after = await visitor.get('/about');
      assert.match(after.body, /Your display settings are saved\./);
      assert.equal(htmlClasses(after.body), 'app-text-large app-contrast-high app-motion-reduced');
      assert.match(after.body, /<button type="button" class="app-display-links__button" hidden data-read-aloud/);
      assert.match(after.body, /<script type="module" src="\/static\/read-aloud\.js"><\/script>/);
      assert.equal(htmlClasses((await visitor.get('/glossary')).body), 'app-text-large app-contrast-high app-motion-reduced');
      assert.match((await visitor.get('/display-settings')).body, /name="contrast" type="radio" value="high" checked/);
      assert.deepEqual(await storedRows(), [], 'nothing is stored for someone who has not signed in');

      // Back to the usual look: no classes at all.
      await visitor.post('/display-settings', { textSize: 'usual', contrast: 'usual', motion: 'usual', readAloud: 'off' });
      const usual = await visitor.get('/about');
      assert.equal(htmlClasses(usual.body), '');
      assert.doesNotMatch(usual.body, /data-read-aloud/);
    });

    test('a wrong or missing choice is refused plainly, keeping the others as chosen', async () => {
      const visitor = new Client(t.app);
      await visitor.get('/display-settings');
      const res = await visitor.post('/display-settings', { textSize: 'enormous', contrast: 'high', readAloud: 'on', from: '/about' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /There is a problem/);
      assert.match(res.body, /href="#textSize">Choose one of the options<\/a>/);
      assert.match(res.body, /href="#motion">Choose one of the options<\/a>/);
      assert.match(res.body, /name="contrast" type="radio" value="high" checked/);
      assert.match(res.body, /name="readAloud" type="radio" value="on" checked/);
      assert.match(res.body, /<input type="hidden" name="from" value="\/about">/);
      assert.equal(
        res.cookies.find((c) => c.name === 'coproduce.display'),
        undefined,
      );
    });

    test('saving goes back only to a page on this site, never to the settings page itself', async () => {
      const visitor = new Client(t.app);
      await visitor.get('/display-settings');
      for (const [from, to] of [
        ['//evil.example/x', '/display-settings'],
        ['https://evil.example/', '/display-settings'],
        ['/display-settings?from=%2Fabout', '/display-settings'],
        ['/glossary?x=1&y=2', '/glossary?x=1&y=2'],
        [undefined, '/display-settings'],
      ] as const) {
        const res = await visitor.post('/display-settings', { ...allChosen, from });
        assert.equal(res.headers.location, to, String(from));
      }
      assert.doesNotMatch((await visitor.get('/display-settings?from=https%3A%2F%2Fevil.example')).body, /evil/);
      // Where the browser says it came from counts only for this site's pages.
      for (const referer of [
        'https://evil.example/about',
        'http://localhost//evil.example',
        'http://localhost/display-settings',
        'nonsense',
      ])
        assert.doesNotMatch((await visitor.raw('GET', '/display-settings', { referer })).body, /name="from"/, referer);
      assert.match(
        (await visitor.raw('GET', '/display-settings', { referer: 'http://localhost/glossary?x=1' })).body,
        /<input type="hidden" name="from" value="\/glossary\?x=1">/,
      );
      // An explicit page to go back to wins over the browser's word.
      assert.match(
        (await visitor.raw('GET', '/display-settings?from=%2Fabout', { referer: 'http://localhost/glossary' })).body,
        /name="from" value="\/about"/,
      );
      // A damaged cookie is the usual look, not an error.
      const res = await t.app.inject({ method: 'GET', url: '/about', headers: { cookie: 'coproduce.display=%E0%A4%A' } });
      assert.equal(res.statusCode, 200);
      assert.equal(htmlClasses(res.body), '');
    });

    test('signed in: the choice is kept with the account and follows the person to another device', async () => {
      const laptop = await signedInClient(t, org.email);
      await laptop.get('/display-settings');
      assert.match(laptop.last!.body, /with your account/);
      const saved = await laptop.post('/display-settings', {
        textSize: 'larger',
        contrast: 'high',
        motion: 'usual',
        readAloud: 'off',
        from: '/',
      });
      assert.equal(saved.headers.location, '/');
      assert.equal(htmlClasses((await laptop.get('/')).body), 'app-text-larger app-contrast-high');
      const rows = await storedRows();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.person_id, org.adminPersonId);
      assert.equal(rows[0]!.organisation_id, org.organisationId);
      assert.equal(rows[0]!.text_size, 'larger');
      assert.equal(Number(rows[0]!.read_aloud), 0);

      // A phone with no cookie: the saved choice applies as soon as they sign in.
      const phone = await signedInClient(t, org.email);
      assert.equal(htmlClasses((await phone.get('/')).body), 'app-text-larger app-contrast-high');
      assert.match((await phone.get('/display-settings')).body, /name="textSize" type="radio" value="larger" checked/);
    });

    test("signed in: a browser's choice counts until the person saves their own, and one person's choice is not another's", async () => {
      const fay = await personWithAccount(
        t,
        org.organisationId,
        { fullName: 'Fay Member', perspectives: ['draws-on-care'] },
        { email: 'fay@example.com', role: 'member' },
      );
      const other = await anotherOrganisation(t);
      const browser = new Client(t.app);
      await browser.get('/sign-in');
      await browser.post('/display-settings', { ...allChosen, readAloud: 'off' });
      await browser.post('/sign-in', { email: 'fay@example.com', password: 'correct horse battery staple' });
      assert.equal(htmlClasses((await browser.get('/')).body), 'app-text-large app-contrast-high app-motion-reduced');
      await browser.post('/display-settings', { textSize: 'usual', contrast: 'high', motion: 'usual', readAloud: 'on' });
      assert.equal(htmlClasses((await browser.get('/')).body), 'app-contrast-high');

      const ada = await signedInClient(t, org.email);
      assert.equal(htmlClasses((await ada.get('/')).body), '');
      const rita = await signedInClient(t, other.email);
      assert.equal(htmlClasses((await rita.get('/')).body), '');
      const rows = await storedRows();
      assert.deepEqual(
        rows.map((r) => [r.person_id, r.contrast, Number(r.read_aloud)]),
        [[fay.personId, 'high', 1]],
      );
    });
  });
}
