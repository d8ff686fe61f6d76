import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { generate } from 'otplib';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { organisationWithAdmin, personWithAccount, signedInClient, testPassword } from '../../../test/helpers/fixtures.ts';
import { groupKey } from './two-step.ts';

/** The key as the set-up page shows it (grouped for reading), without its spaces. */
const keyOn = (body: string) => /<code class="app-key"[^>]*>([A-Z2-7 ]+)<\/code>/.exec(body)?.[1]?.replace(/ /g, '');
const recoveryCodesOn = (body: string) => [...body.matchAll(/<li><code>([a-z2-9]{5}-[a-z2-9]{5})<\/code><\/li>/g)].map((m) => m[1]!);

for (const dialect of databaseDialects()) {
  describe(`two-step sign-in (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    const codeAt = (key: string, offsetSeconds = 0) =>
      generate({ secret: key, epoch: Math.floor(t.now().getTime() / 1000) + offsetSeconds });
    const later = (seconds: number) => (t.clock.now = new Date(t.clock.now.getTime() + seconds * 1000));

    /** Signs in, sets up the app and returns its key and recovery codes. */
    async function setUp(email: string) {
      const client = await signedInClient(t, email);
      const page = await client.get('/account/two-step');
      assert.equal(page.statusCode, 200);
      const key = keyOn(page.body);
      assert.ok(key, 'the key is shown as text');
      const done = await client.post('/account/two-step', { code: await codeAt(key) });
      assert.equal(done.statusCode, 200);
      const codes = recoveryCodesOn(done.body);
      later(30);
      return { client, key, codes };
    }

    async function passwordStep(email: string) {
      const client = new Client(t.app);
      await client.get('/sign-in');
      const res = await client.post('/sign-in', { email, password: testPassword });
      // As a browser would: open the page it was sent to (its form carries the new session's token).
      if (res.headers.location === '/sign-in/two-step') await client.get('/sign-in/two-step');
      return { client, res };
    }

    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      org = await organisationWithAdmin(t);
      await personWithAccount(
        t,
        org.organisationId,
        { fullName: 'Fay Facilitator' },
        { email: 'fay@northshire.test', role: 'facilitator' },
      );
      await personWithAccount(t, org.organisationId, { fullName: 'Mo Member' }, { email: 'mo@example.com', role: 'member' });
    });
    afterEach(() => t.close());

    test('set-up shows the key as text in groups of four and a QR code with alt text, and a wrong code is refused', async () => {
      const client = await signedInClient(t, 'mo@example.com');
      const page = await client.get('/account/two-step');
      const key = keyOn(page.body)!;
      assert.equal(key.length, 32);
      assert.match(page.body, new RegExp(groupKey(key)));
      assert.match(
        page.body,
        /<img class="app-qr-code" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" width="200" height="200" alt="QR code to add Coproduce/,
      );
      // Stored sealed: the key itself is nowhere in the table.
      const row = await t.database.db.selectFrom('two_step_authenticators').selectAll().executeTakeFirstOrThrow();
      assert.ok(!row.sealed_secret.includes(key));
      assert.equal(row.confirmed_at, null);

      const wrong = await client.post('/account/two-step', { code: '000000' === (await codeAt(key)) ? '111111' : '000000' });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /That code did not work/);
      // The same key is shown again, so the app they added still matches.
      assert.equal(keyOn(wrong.body), key);
      const notDigits = await client.post('/account/two-step', { code: 'abc' });
      assert.match(notDigits.body, /Enter the 6 numbers the app shows/);

      const right = await client.post('/account/two-step', { code: await codeAt(key) });
      assert.equal(right.statusCode, 200);
      assert.match(right.body, /Two-step sign-in is on/);
      assert.equal(recoveryCodesOn(right.body).length, 10);
      // Recovery codes are kept hashed only.
      const stored = await t.database.db.selectFrom('two_step_recovery_codes').select('code_hash').execute();
      assert.equal(stored.length, 10);
      for (const code of recoveryCodesOn(right.body)) assert.ok(!stored.some((s) => s.code_hash.includes(code)));
      const after = await client.get('/account/two-step');
      assert.match(after.body, /Recovery codes left/);
      assert.equal(keyOn(after.body), undefined);
    });

    test('signing in then asks for the code; a wrong code is refused and a right one lets them in', async () => {
      const { key } = await setUp('mo@example.com');
      const { client, res } = await passwordStep('mo@example.com');
      assert.equal(res.headers.location, '/sign-in/two-step');
      // Not signed in yet.
      assert.equal((await client.get('/account')).statusCode, 303);
      const page = await client.get('/sign-in/two-step');
      assert.match(page.body, /Enter the code from your app/);
      const wrong = await client.post('/sign-in/two-step', { code: await codeAt(key, -300) });
      assert.equal(wrong.statusCode, 401);
      assert.match(wrong.body, /That code did not work/);
      const right = await client.post('/sign-in/two-step', { code: await codeAt(key) });
      assert.equal(right.statusCode, 303);
      assert.equal(right.headers.location, '/');
      assert.equal((await client.get('/account')).statusCode, 200);
    });

    test('the same code does not work twice, and an older one neither', async () => {
      const { key } = await setUp('mo@example.com');
      const code = await codeAt(key);
      const first = await passwordStep('mo@example.com');
      assert.equal((await first.client.post('/sign-in/two-step', { code })).statusCode, 303);
      const second = await passwordStep('mo@example.com');
      const replayed = await second.client.post('/sign-in/two-step', { code });
      assert.equal(replayed.statusCode, 401);
      // The code from the step before, still inside the drift allowed, is older than the one used.
      later(30);
      assert.equal((await second.client.post('/sign-in/two-step', { code: await codeAt(key, -60) })).statusCode, 401);
      assert.equal((await second.client.post('/sign-in/two-step', { code: await codeAt(key) })).statusCode, 303);
    });

    test('a recovery code works once', async () => {
      const { codes } = await setUp('mo@example.com');
      const first = await passwordStep('mo@example.com');
      const used = await first.client.post('/sign-in/two-step', { code: codes[0]!.toUpperCase() });
      assert.equal(used.statusCode, 303);
      assert.equal(used.headers.location, '/account/two-step');
      assert.match((await first.client.get('/account/two-step')).body, /You have 9 recovery codes left/);
      const again = await passwordStep('mo@example.com');
      assert.equal((await again.client.post('/sign-in/two-step', { code: codes[0]! })).statusCode, 401);
      assert.equal((await again.client.post('/sign-in/two-step', { code: codes[1]! })).statusCode, 303);
    });

    test('too many wrong codes end the sign-in: it starts again with the password', async () => {
      await setUp('mo@example.com');
      const { client } = await passwordStep('mo@example.com');
      for (let i = 0; i < 4; i++) assert.equal((await client.post('/sign-in/two-step', { code: '12345' + i })).statusCode, 401);
      const fifth = await client.post('/sign-in/two-step', { code: '123459' });
      assert.equal(fifth.headers.location, '/sign-in');
      assert.equal((await client.get('/sign-in/two-step')).headers.location, '/sign-in');
    });

    test('a member may turn it on and off; when the organisation requires it, staff cannot turn it off', async () => {
      const mo = await setUp('mo@example.com');
      const off = await mo.client.post('/account/two-step/off', {});
      assert.equal(off.statusCode, 303);
      assert.match((await mo.client.get('/account/two-step')).body, /Two-step sign-in is off/);
      assert.equal((await passwordStep('mo@example.com')).res.headers.location, '/');

      const admin = await setUp('admin@northshire.test');
      await admin.client.get('/organisation/sign-in');
      assert.equal((await admin.client.post('/organisation/sign-in/two-step', { twoStepRequired: 'yes' })).statusCode, 303);
      await admin.client.get('/account/two-step');
      await admin.client.post('/account/two-step/off', {});
      const page = await admin.client.get('/account/two-step');
      assert.match(page.body, /you cannot turn it off/);
      assert.match(page.body, /Recovery codes left/);
    });

    test('when the organisation requires it, staff without it are taken to set it up and reach nothing else; members are not', async () => {
      const admin = await setUp('admin@northshire.test');
      await admin.client.get('/organisation/sign-in');
      await admin.client.post('/organisation/sign-in/two-step', { twoStepRequired: 'yes' });

      const { client: fay, res } = await passwordStep('fay@northshire.test');
      assert.equal(res.headers.location, '/account/two-step');
      const people = await fay.get('/people');
      assert.equal(people.statusCode, 303);
      assert.equal(people.headers.location, '/account/two-step');
      const page = await fay.get('/account/two-step');
      assert.match(page.body, /Set it up now to carry on/);
      const key = keyOn(page.body)!;
      assert.equal((await fay.post('/account/two-step', { code: await codeAt(key) })).statusCode, 200);
      assert.equal((await fay.get('/people')).statusCode, 200);

      assert.equal((await passwordStep('mo@example.com')).res.headers.location, '/');
      // The setting is the admin's alone.
      await fay.get('/account');
      assert.equal((await fay.post('/organisation/sign-in/two-step', {})).statusCode, 403);
    });

    test('first-run set-up offers it to the first admin', async () => {
      const fresh = await makeTestApp({ dialect });
      try {
        const client = new Client(fresh.app);
        await client.get('/setup');
        const res = await client.post('/setup', {
          organisationName: 'Eastshire',
          area: 'Eastshire',
          adminName: 'Eve Admin',
          email: 'eve@eastshire.test',
          password: testPassword,
        });
        assert.equal(res.headers.location, '/account/two-step/first-run');
        const offer = await client.get('/account/two-step/first-run');
        assert.match(offer.body, /Should staff use two-step sign-in\?/);
        assert.equal((await client.post('/account/two-step/first-run', {})).statusCode, 400);
        const yes = await client.post('/account/two-step/first-run', { require: 'yes' });
        assert.equal(yes.headers.location, '/account/two-step');
        assert.equal((await client.get('/')).headers.location, '/account/two-step');
      } finally {
        await fresh.close();
      }
    });
  });
}
