import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, testSessionSecret, type TestApp } from '../../../test/helpers/test-app.ts';
import { buildApp } from '../../app.ts';
import { makeServices } from '../../services.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { organisationWithAdmin, personWithAccount, signedInClient, testPassword } from '../../../test/helpers/fixtures.ts';

const linkFrom = (body: string) => /\/sign-in\/link\/([A-Za-z0-9_-]+)/.exec(body)?.[1];

for (const dialect of databaseDialects()) {
  describe(`signing in (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    beforeEach(async () => {
      t = await makeTestApp({ dialect, env: { SESSION_IDLE_MINUTES: '30' } });
      org = await organisationWithAdmin(t);
      await personWithAccount(
        t,
        org.organisationId,
        { fullName: 'Mo Member', perspectives: ['draws-on-care'] },
        { email: 'mo@example.com', role: 'member' },
      );
    });
    afterEach(() => t.close());

    test('with email and password, whatever the case of the email', async () => {
      const client = await signedInClient(t, 'ADMIN@northshire.test');
      const home = await client.get('/');
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /Hello, Ada Admin/);
    });

    test('a wrong password says so, keeps the email and not the password', async () => {
      const client = new Client(t.app);
      await client.get('/sign-in');
      const res = await client.post('/sign-in', { email: 'admin@northshire.test', password: 'wrong password here' });
      assert.equal(res.statusCode, 401);
      assert.match(res.body, /The email address or password is not right/);
      assert.match(res.body, /value="admin@northshire.test"/);
      assert.doesNotMatch(res.body, /wrong password here/);
      assert.equal((await client.get('/')).statusCode, 303);
    });

    test('an empty form gets an error for each field', async () => {
      const client = new Client(t.app);
      await client.get('/sign-in');
      const res = await client.post('/sign-in', { email: '', password: '' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /Enter your email address/);
      assert.match(res.body, /Enter your password/);
    });

    test('after sign-in, only a path on this site is followed', async () => {
      const client = new Client(t.app);
      await client.get('/sign-in?next=/account');
      let res = await client.post('/sign-in', { email: 'mo@example.com', password: testPassword, next: '/account' });
      assert.equal(res.headers.location, '/account');
      const other = new Client(t.app);
      await other.get('/sign-in');
      res = await other.post('/sign-in', { email: 'mo@example.com', password: testPassword, next: '//evil.example/' });
      assert.equal(res.headers.location, '/');
    });

    test('a signed-out visit to a private page goes to sign-in and remembers where it was going', async () => {
      const res = await new Client(t.app).get('/account');
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/sign-in?next=%2Faccount');
    });

    test('a one-time link by email signs in once, and only once', async () => {
      const client = new Client(t.app);
      await client.get('/sign-in');
      const sent = await client.post('/sign-in/link', { linkEmail: 'mo@example.com' });
      assert.equal(sent.statusCode, 200);
      assert.match(sent.body, /Check your email/);
      // Made and queued just after the answer.
      await t.services.identity.sendRequestedSignInLinks();
      const message = await t.database.db
        .selectFrom('outbox')
        .selectAll()
        .where('recipient', '=', 'mo@example.com')
        .executeTakeFirstOrThrow();
      assert.equal(message.status, 'held');
      // The outbox knows when the link runs out, so it never sends it after that.
      assert.equal(message.expires_at, new Date(t.clock.now.getTime() + t.config.signInLinkMinutes * 60_000).toISOString());
      const token = linkFrom(message.body_text);
      assert.ok(token);
      assert.ok(message.body_text.startsWith('Hello'));
      // Only the hash of the token is stored.
      const stored = await t.database.db.selectFrom('sign_in_tokens').select('token_hash').execute();
      assert.ok(stored.every((r) => r.token_hash !== token));

      const page = await client.get(`/sign-in/link/${token}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Press the button to sign in/);
      const signedIn = await client.post(`/sign-in/link/${token}`);
      assert.equal(signedIn.statusCode, 303);
      assert.match((await client.get('/')).body, /Hello, Mo Member/);

      const again = new Client(t.app);
      await again.get('/sign-in');
      const reuse = await again.post(`/sign-in/link/${token}`);
      assert.equal(reuse.statusCode, 410);
      assert.match(reuse.body, /This link does not work any more/);
    });

    test('a link stops working after its time is up', async () => {
      const client = new Client(t.app);
      await client.get('/sign-in');
      await client.post('/sign-in/link', { linkEmail: 'admin@northshire.test' });
      await t.services.identity.sendRequestedSignInLinks();
      const message = await t.database.db
        .selectFrom('outbox')
        .selectAll()
        .where('recipient', '=', 'admin@northshire.test')
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
      const token = linkFrom(message.body_text)!;
      t.clock.now = new Date(t.clock.now.getTime() + 31 * 60_000);
      try {
        assert.equal((await client.get(`/sign-in/link/${token}`)).statusCode, 410);
        await client.get('/sign-in');
        assert.equal((await client.post(`/sign-in/link/${token}`)).statusCode, 410);
      } finally {
        t.clock.now = new Date(t.clock.now.getTime() - 31 * 60_000);
      }
    });

    test('asking for a link for an unknown email looks the same and sends nothing', async () => {
      const before = await t.database.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      const client = new Client(t.app);
      await client.get('/sign-in');
      const res = await client.post('/sign-in/link', { linkEmail: 'nobody@example.com' });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Check your email/);
      assert.equal(await t.services.identity.sendRequestedSignInLinks(), 0);
      const afterCount = await t.database.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(afterCount.n), Number(before.n));
    });

    test('an idle session ends, and staying active or extending keeps it', async () => {
      const client = await signedInClient(t, 'mo@example.com');
      const start = t.clock.now.getTime();
      try {
        t.clock.now = new Date(start + 20 * 60_000);
        assert.equal((await client.get('/account')).statusCode, 200);
        t.clock.now = new Date(start + 45 * 60_000);
        await client.get('/account');
        const extended = await client.post('/session/extend', { returnTo: '/account' });
        assert.equal(extended.statusCode, 303);
        assert.equal(extended.headers.location, '/account');
        t.clock.now = new Date(start + 70 * 60_000);
        assert.equal((await client.get('/account')).statusCode, 200);
        t.clock.now = new Date(start + 101 * 60_000);
        const expired = await client.get('/account');
        assert.equal(expired.statusCode, 303);
        assert.match(String(expired.headers.location), /^\/sign-in/);
      } finally {
        t.clock.now = new Date(start);
      }
    });

    test('the page carries the timeout warning for signed-in people only', async () => {
      const client = await signedInClient(t, 'mo@example.com');
      const page = await client.get('/account');
      assert.match(page.body, /data-idle-minutes="30"/);
      assert.match(page.body, /Stay signed in/);
      const anonymous = await new Client(t.app).get('/sign-in');
      assert.doesNotMatch(anonymous.body, /timeout-dialog/);
    });

    test('signing out is a form with the CSRF token, and ends the session', async () => {
      const client = await signedInClient(t, 'mo@example.com');
      const page = await client.get('/account');
      // A button in a form, not a link: it works without JavaScript, and nobody can sign you out with a link.
      assert.match(
        page.body,
        /<form class="app-sign-out-form" method="post" action="\/sign-out"><input type="hidden" name="_csrf" value="[^"]+"><button type="submit"[^>]*>Sign out<\/button>/,
      );
      assert.doesNotMatch(page.body, /href="\/sign-out"/);
      assert.equal((await client.get('/sign-out')).statusCode, 404);
      assert.equal((await client.post('/sign-out', {}, { csrf: null })).statusCode, 403);
      assert.equal((await client.get('/account')).statusCode, 200);
      const out = await client.post('/sign-out');
      assert.equal(out.headers.location, '/signed-out');
      assert.match((await client.get('/signed-out')).body, /You have signed out/);
      assert.equal((await client.get('/account')).statusCode, 303);
    });

    test('a member can change their password to one of at least 12 characters and use it', async () => {
      await personWithAccount(
        t,
        org.organisationId,
        { fullName: 'Pat Password', perspectives: ['carer'] },
        { email: 'pat@example.com', role: 'member' },
      );
      const client = await signedInClient(t, 'pat@example.com');
      await client.get('/account');
      const current = testPassword;
      const short = await client.post('/account/password', { current, password: 'short', confirm: 'short' });
      assert.equal(short.statusCode, 400);
      assert.match(short.body, /at least 12 characters/);
      const differ = await client.post('/account/password', {
        current,
        password: 'a long enough password',
        confirm: 'another long password',
      });
      assert.match(differ.body, /The two passwords are not the same/);
      const ok = await client.post('/account/password', { current, password: 'my new long password', confirm: 'my new long password' });
      assert.equal(ok.statusCode, 303);
      await signedInClient(t, 'pat@example.com', 'my new long password');
    });

    test('cookies are HttpOnly and SameSite, and pages carry a strict CSP', async () => {
      const client = await signedInClient(t, 'mo@example.com');
      const res = await client.get('/account');
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /script-src 'self' 'nonce-[a-f0-9]+'/);
      assert.doesNotMatch(csp, /unsafe-inline/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      const signIn = await new Client(t.app).get('/sign-in');
      const cookie = String(signIn.headers['set-cookie']);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
    });
  });
}

describe('sign-in is rate limited', () => {
  test('too many tries in a minute are refused with a plain page', async () => {
    const t = await makeTestApp({ env: { SIGN_IN_RATE_LIMIT: '3' } });
    try {
      await organisationWithAdmin(t);
      const client = new Client(t.app);
      await client.get('/sign-in');
      const codes: number[] = [];
      for (let i = 0; i < 4; i++)
        codes.push((await client.post('/sign-in', { email: 'admin@northshire.test', password: 'not the password' })).statusCode);
      assert.deepEqual(codes, [401, 401, 401, 429]);
      assert.match(client.last!.body, /Too many tries/);
    } finally {
      await t.close();
    }
  });

  for (const dialect of databaseDialects()) {
    test(`two app processes over one database share one allowance, which starts again a minute later (${dialect})`, async () => {
      const t = await makeTestApp({ dialect, env: { SIGN_IN_RATE_LIMIT: '3' } });
      // A second process: its own services and app, the same database and clock.
      const second = await buildApp(t.config, {
        services: makeServices({ db: t.database.db, config: t.config, now: t.now, delivery: null, secret: testSessionSecret }),
      });
      try {
        await organisationWithAdmin(t);
        const [one, two] = [new Client(t.app), new Client(second)];
        await one.get('/sign-in');
        await two.get('/sign-in');
        const wrong = { email: 'admin@northshire.test', password: 'not the password' };
        const codes: number[] = [];
        for (const client of [one, two, one, two]) codes.push((await client.post('/sign-in', wrong)).statusCode);
        assert.deepEqual(codes, [401, 401, 401, 429]);
        t.clock.now = new Date(t.clock.now.getTime() + 61_000);
        assert.equal((await two.post('/sign-in', wrong)).statusCode, 401);
      } finally {
        await second.close();
        await t.close();
      }
    });
  }

  test('a made-up X-Forwarded-For changes nothing unless TRUST_PROXY names the proxy', async () => {
    const tries = async (env: Record<string, string>) => {
      const t = await makeTestApp({ env: { SIGN_IN_RATE_LIMIT: '3', ...env } });
      try {
        await organisationWithAdmin(t);
        const client = new Client(t.app);
        await client.get('/sign-in');
        const codes: number[] = [];
        for (let i = 0; i < 40; i++) {
          const forged = { 'x-forwarded-for': `203.0.113.${i + 1}` };
          // A different email each time, so only the limit by address is at work (not the one by account).
          codes.push(
            (await client.post('/sign-in', { email: `someone${i}@northshire.test`, password: 'not the password' }, { headers: forged }))
              .statusCode,
          );
        }
        return codes;
      } finally {
        await t.close();
      }
    };
    // Off (the default): every try comes from the same address, whatever the header says.
    const off = await tries({});
    assert.deepEqual(off.slice(0, 4), [401, 401, 401, 429]);
    assert.equal(off.filter((c) => c === 429).length, 37);
    // Behind a named proxy (here the test's own address), each forwarded address counts on its own.
    assert.ok((await tries({ TRUST_PROXY: '127.0.0.1' })).every((c) => c === 401));
  });

  test('secure cookies in production (https)', async () => {
    const t = await makeTestApp({ env: { PUBLIC_URL: 'https://coproduce.example.org', TRUST_PROXY: '1' } });
    try {
      await organisationWithAdmin(t);
      // Behind a TLS-terminating proxy, as in production.
      const res = await t.app.inject({ method: 'GET', url: '/sign-in', headers: { 'x-forwarded-proto': 'https' } });
      assert.match(String(res.headers['set-cookie']), /Secure/);
    } finally {
      await t.close();
    }
  });
});
