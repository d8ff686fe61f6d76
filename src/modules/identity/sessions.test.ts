import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { organisationWithAdmin, personWithAccount, signedInClient, testPassword } from '../../../test/helpers/fixtures.ts';

const newPassword = 'sea kettle orange ladder';

for (const dialect of databaseDialects()) {
  describe(`passwords and sessions (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let mo: Awaited<ReturnType<typeof personWithAccount>>;
    beforeEach(async () => {
      t = await makeTestApp({ dialect, env: { SESSION_IDLE_MINUTES: '60', SESSION_MAX_HOURS: '2' } });
      org = await organisationWithAdmin(t);
      mo = await personWithAccount(
        t,
        org.organisationId,
        { fullName: 'Mo Member', perspectives: ['draws-on-care'] },
        { email: 'mo@example.com', role: 'member' },
      );
    });
    afterEach(() => t.close());

    test('changing a password asks for the current one, and ends every other session of that account', async () => {
      const here = await signedInClient(t, 'mo@example.com');
      const elsewhere = await signedInClient(t, 'mo@example.com');
      const page = await here.get('/account');
      assert.match(page.body, /<label[^>]*for="current"[^>]*>\s*Your password now/);

      const missing = await here.post('/account/password', { password: newPassword, confirm: newPassword });
      assert.equal(missing.statusCode, 401);
      assert.match(missing.body, /Your password now is not right/);
      const wrongNow = await here.post('/account/password', { current: 'a guess at it', password: newPassword, confirm: newPassword });
      assert.equal(wrongNow.statusCode, 401);
      assert.equal((await elsewhere.get('/account')).statusCode, 200, 'a refused change ends nothing');

      const changed = await here.post('/account/password', { current: testPassword, password: newPassword, confirm: newPassword });
      assert.equal(changed.statusCode, 303);
      assert.match((await here.get('/account')).body, /If you were signed in anywhere else, you are now signed out there/);
      const signedOut = await elsewhere.get('/account');
      assert.equal(signedOut.statusCode, 303);
      assert.match(String(signedOut.headers.location), /^\/sign-in/);
      await signedInClient(t, 'mo@example.com', newPassword);
      const old = new Client(t.app);
      await old.get('/sign-in');
      assert.equal((await old.post('/sign-in', { email: 'mo@example.com', password: testPassword })).statusCode, 401);
    });

    test('wrong current passwords count like wrong ones at sign-in', async () => {
      const client = await signedInClient(t, 'mo@example.com');
      await client.get('/account');
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        codes.push(
          (await client.post('/account/password', { current: `guess ${i}`, password: newPassword, confirm: newPassword })).statusCode,
        );
      }
      // The third wrong one makes the next try wait; it is not even checked.
      assert.deepEqual(codes, [401, 401, 401, 429]);
      const other = new Client(t.app);
      await other.get('/sign-in');
      assert.equal((await other.post('/sign-in', { email: 'mo@example.com', password: testPassword })).statusCode, 429);
    });

    test('a common password is refused with the reason in plain words', async () => {
      const client = await signedInClient(t, 'mo@example.com');
      await client.get('/account');
      for (const common of ['Password1234', 'qwertyuiop123', 'sunshine2026!', 'passwordpassword']) {
        const res = await client.post('/account/password', { current: testPassword, password: common, confirm: common });
        assert.equal(res.statusCode, 400, common);
        assert.match(res.body, /This password is too easy to guess. Lots of people use it/);
      }
    });

    test('a new role ends the sessions of that account: they sign in again with it', async () => {
      const member = await signedInClient(t, 'mo@example.com');
      const admin = await signedInClient(t, org.email);
      await admin.get(`/people/${mo.personId}/sign-in-access`);
      const unchanged = await admin.post(`/people/${mo.personId}/sign-in-access`, {
        email: 'mo@example.com',
        role: 'member',
        active: 'yes',
      });
      assert.equal(unchanged.statusCode, 303);
      assert.equal((await member.get('/account')).statusCode, 200, 'nothing changed, nothing ends');
      await admin.get(`/people/${mo.personId}/sign-in-access`);
      const changed = await admin.post(`/people/${mo.personId}/sign-in-access`, {
        email: 'mo@example.com',
        role: 'facilitator',
        active: 'yes',
      });
      assert.equal(changed.statusCode, 303);
      assert.equal((await member.get('/account')).statusCode, 303);
      assert.equal((await admin.get('/account')).statusCode, 200, "the admin's own session goes on");
      const again = await signedInClient(t, 'mo@example.com');
      assert.match((await again.get('/account')).body, /Facilitator/);
    });

    test('a page reads the session, its account and its language in one round trip, and sees a new name or a closed account at once', async () => {
      const heard: string[] = [];
      const listened = await makeTestApp({ dialect, onQuery: (sql) => heard.push(sql) });
      try {
        const { organisationId } = await organisationWithAdmin(listened);
        const sam = await personWithAccount(
          listened,
          organisationId,
          { fullName: 'Sam Member', perspectives: ['carer'] },
          { email: 'sam@example.com', role: 'member' },
        );
        const client = await signedInClient(listened, 'sam@example.com');
        await client.get('/accessibility');
        heard.length = 0;
        const page = await client.get('/accessibility');
        assert.equal(page.statusCode, 200);
        // This page asks nothing of its own: what is heard is the request's own reading (the
        // session with its account, the language, easy read), every query keyed by the
        // session, so none waits for another.
        assert.equal(heard.length, 3, heard.join('\n'));
        assert.ok(
          heard.every((q) => / from "sessions"/.test(q)),
          heard.join('\n'),
        );

        // A member's page with an easy read version asks nothing more to know which to show.
        heard.length = 0;
        assert.equal((await client.get('/meetings')).statusCode, 200);
        assert.deepEqual(
          heard.filter((q) => /"easy_read_readers"/.test(q) && !/ from "sessions"/.test(q)),
          [],
        );

        // Many requests of one session at once each find their own account.
        const many = await Promise.all(Array.from({ length: 8 }, () => client.get('/account')));
        assert.deepEqual(
          many.map((r) => [r.statusCode, /Sam Member/.test(r.body)]),
          many.map(() => [200, true]),
        );

        // Read afresh each time: a new name shows on the next page, and a closed account is signed out.
        const { db } = listened.database;
        await db.updateTable('people').set({ preferred_name: 'Sammy' }).where('id', '=', sam.personId).execute();
        assert.match((await client.get('/account')).body, /Sammy/);
        await db.updateTable('accounts').set({ active: 0 }).where('person_id', '=', sam.personId).execute();
        const closed = await client.get('/account');
        assert.equal(closed.statusCode, 303);
        assert.match(String(closed.headers.location), /^\/sign-in/);
      } finally {
        await listened.close();
      }
    });

    test('a session ends SESSION_MAX_HOURS after sign-in, however busy', async () => {
      const client = await signedInClient(t, 'mo@example.com');
      const start = t.clock.now.getTime();
      // Busy every 20 minutes: the idle timeout (an hour) never ends it.
      for (let minutes = 20; minutes < 120; minutes += 20) {
        t.clock.now = new Date(start + minutes * 60_000);
        assert.equal((await client.get('/account')).statusCode, 200, `${minutes} minutes`);
        await client.post('/session/extend', { returnTo: '/account' });
      }
      t.clock.now = new Date(start + 120 * 60_000);
      const ended = await client.get('/account');
      assert.equal(ended.statusCode, 303);
      assert.match(String(ended.headers.location), /^\/sign-in/);
      const row = await t.database.db.selectFrom('sessions').select(['expires_at', 'signed_in_at', 'account_id']).execute();
      assert.ok(row.every((r) => r.account_id === null || r.expires_at <= new Date(start + 120 * 60_000).toISOString()));
    });
  });
}

describe('the session cookie', () => {
  test('is __Host- prefixed and Secure over https, and keeps its plain name over http', async () => {
    const secure = await makeTestApp({ env: { PUBLIC_URL: 'https://coproduce.example.org', TRUST_PROXY: '1' } });
    try {
      await organisationWithAdmin(secure);
      const res = await secure.app.inject({ method: 'GET', url: '/sign-in', headers: { 'x-forwarded-proto': 'https' } });
      const cookie = String(res.headers['set-cookie']);
      assert.match(cookie, /^__Host-coproduce\.sid=/);
      assert.match(cookie, /; Path=\//);
      assert.match(cookie, /; Secure/);
      assert.doesNotMatch(cookie, /Domain=/);
      // And a browser sending it back is signed in with it.
      const token = /name="_csrf" value="([^"]+)"/.exec(res.body)![1]!;
      const signIn = await secure.app.inject({
        method: 'POST',
        url: '/sign-in',
        headers: {
          'x-forwarded-proto': 'https',
          'content-type': 'application/x-www-form-urlencoded',
          cookie: cookie.split(';')[0]!,
        },
        payload: new URLSearchParams({ _csrf: token, email: 'admin@northshire.test', password: testPassword }).toString(),
      });
      assert.equal(signIn.statusCode, 303);
      const session = String(signIn.headers['set-cookie']).split(';')[0]!;
      const home = await secure.app.inject({ method: 'GET', url: '/', headers: { 'x-forwarded-proto': 'https', cookie: session } });
      assert.match(home.body, /Hello, Ada Admin/);
    } finally {
      await secure.close();
    }
    const plain = await makeTestApp();
    try {
      await organisationWithAdmin(plain);
      const res = await new Client(plain.app).get('/sign-in');
      assert.match(String(res.headers['set-cookie']), /^coproduce\.sid=/);
    } finally {
      await plain.close();
    }
  });
});
