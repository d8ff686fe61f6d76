import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, testSessionSecret, type TestApp } from '../../../test/helpers/test-app.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { organisationWithAdmin, personWithAccount, signedInClient, testPassword } from '../../../test/helpers/fixtures.ts';
import { buildApp } from '../../app.ts';
import { makeServices } from '../../services.ts';
import { waitAfterFailures } from './lockout.ts';

const wrong = (email: string) => ({ email, password: 'not the password at all' });

for (const dialect of databaseDialects()) {
  describe(`sign-in that cannot be hammered (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let mo: Awaited<ReturnType<typeof personWithAccount>>;
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      org = await organisationWithAdmin(t);
      mo = await personWithAccount(
        t,
        org.organisationId,
        { fullName: 'Mo Member', perspectives: ['draws-on-care'] },
        { email: 'mo@example.com', role: 'member' },
      );
    });
    afterEach(() => t.close());

    const later = (ms: number) => {
      t.clock.now = new Date(t.clock.now.getTime() + ms);
    };
    const lockEmails = () =>
      t.database.db
        .selectFrom('outbox')
        .select(['recipient', 'body_text'])
        .where('subject', '=', 'Signing in to Coproduce with your password is stopped for now')
        .execute();

    test('55 wrong passwords, even paced to wait as asked, lock the account: the right one is refused, the person told, an admin unlocks', async () => {
      // A second process over the same database: the lock is shared, not per process.
      const second = await buildApp(t.config, {
        services: makeServices({ db: t.database.db, config: t.config, now: t.now, delivery: null, secret: testSessionSecret }),
      });
      try {
        const clients = [new Client(t.app), new Client(second)];
        for (const c of clients) await c.get('/sign-in');
        const codes: number[] = [];
        for (let i = 0; i < 55; i++) {
          codes.push((await clients[i % 2]!.post('/sign-in', wrong('MO@example.com'))).statusCode);
          // Waits exactly as long as asked before the next try (an attacker who reads the
          // page); once locked, goes on trying every second.
          later(i < 9 ? waitAfterFailures(i + 1) * 1000 : 1000);
        }
        assert.deepEqual(codes.slice(0, 9), Array(9).fill(401));
        // The tenth wrong one locks; every try after is refused without checking it.
        assert.deepEqual(codes.slice(9), Array(46).fill(429));
        assert.match(clients[0]!.last!.body, /Signing in with a password is stopped for now/);

        const right = await clients[0]!.post('/sign-in', { email: 'mo@example.com', password: testPassword });
        assert.equal(right.statusCode, 429);
        assert.equal((await clients[0]!.get('/account')).statusCode, 303);

        // Told once, by email, with how long it lasts.
        const told = await lockEmails();
        assert.equal(told.length, 1);
        assert.equal(told[0]!.recipient, 'mo@example.com');
        assert.match(told[0]!.body_text, /stopped for 15 minutes/);

        // An admin sees it on Mo's page and unlocks it; a facilitator or Mo cannot.
        const admin = await signedInClient(t, org.email);
        const page = await admin.get(`/people/${mo.personId}`);
        assert.match(page.body, /Signing in with a password is stopped until/);
        const unlock = await admin.post(`/people/${mo.personId}/sign-in-lock/remove`);
        assert.equal(unlock.statusCode, 303);
        assert.match((await admin.get(`/people/${mo.personId}`)).body, /Mo Member can sign in with a password again/);
        const history = await t.database.db
          .selectFrom('audit_log')
          .select(['actor_person_id'])
          .where('action', '=', 'sign-in-unlocked')
          .where('subject_id', '=', mo.accountId!)
          .execute();
        assert.deepEqual(history, [{ actor_person_id: org.adminPersonId }]);

        const again = await clients[1]!.post('/sign-in', { email: 'mo@example.com', password: testPassword });
        assert.equal(again.statusCode, 303);
      } finally {
        await second.close();
      }
    });

    test('a lock runs out by itself, and the next one lasts longer', async () => {
      const client = new Client(t.app);
      await client.get('/sign-in');
      const lockOut = async () => {
        for (let i = 0; i < 10; i++) {
          if (i > 0) later(waitAfterFailures(i) * 1000);
          await client.post('/sign-in', wrong('mo@example.com'));
        }
      };
      await lockOut();
      later(14 * 60_000);
      assert.equal((await client.post('/sign-in', { email: 'mo@example.com', password: testPassword })).statusCode, 429);
      later(60_000);
      await lockOut();
      const told = await lockEmails();
      assert.deepEqual(
        told.map((m) => /stopped for (\d+) minutes/.exec(m.body_text)?.[1]),
        ['15', '30'],
      );
      later(29 * 60_000);
      assert.equal((await client.post('/sign-in', { email: 'mo@example.com', password: testPassword })).statusCode, 429);
      later(2 * 60_000);
      assert.equal((await client.post('/sign-in', { email: 'mo@example.com', password: testPassword })).statusCode, 303);
    });

    test('hammering without waiting is refused unchecked after a few tries, and the right password waits too', async () => {
      const client = new Client(t.app);
      await client.get('/sign-in');
      const codes: number[] = [];
      for (let i = 0; i < 55; i++) codes.push((await client.post('/sign-in', wrong('mo@example.com'))).statusCode);
      // Three checked (the third makes the next wait), then refused while waiting.
      assert.deepEqual(codes.slice(0, 3), [401, 401, 401]);
      assert.ok(codes.slice(3).every((c) => c === 429));
      assert.match(client.last!.body, /Wait a minute, then try again/);
      assert.equal((await client.post('/sign-in', { email: 'mo@example.com', password: testPassword })).statusCode, 429);
      later(60_000);
      assert.equal((await client.post('/sign-in', { email: 'mo@example.com', password: testPassword })).statusCode, 303);
    });

    test('an address with no account answers exactly the same, and nobody is emailed', async () => {
      const codesFor = async (email: string) => {
        const client = new Client(t.app);
        await client.get('/sign-in');
        const codes: number[] = [];
        for (let i = 0; i < 12; i++) {
          codes.push((await client.post('/sign-in', wrong(email))).statusCode);
          later(waitAfterFailures(i + 1) * 1000);
        }
        return codes;
      };
      assert.deepEqual(await codesFor('nobody@example.com'), await codesFor('mo@example.com'));
      assert.deepEqual(
        (await lockEmails()).map((m) => m.recipient),
        ['mo@example.com'],
      );
    });

    test('only an admin can unlock, and only people of their own organisation', async () => {
      const facilitator = await personWithAccount(
        t,
        org.organisationId,
        { fullName: 'Fay Facilitator', perspectives: ['practitioner'] },
        { email: 'fay@example.com', role: 'facilitator' },
      );
      assert.ok(facilitator.accountId);
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/people/${mo.personId}`);
      assert.equal((await fay.post(`/people/${mo.personId}/sign-in-lock/remove`)).statusCode, 403);
      const admin = await signedInClient(t, org.email);
      await admin.get('/');
      assert.equal((await admin.post('/people/00000000-0000-4000-8000-000000000000/sign-in-lock/remove')).statusCode, 404);
    });

    test('links and codes to one address are capped per hour, whoever asks and whether or not it has an account', async () => {
      const linkCodes = async (email: string) => {
        const codes: number[] = [];
        for (let i = 0; i < 6; i++) {
          // A new visitor each time: the cap is per address, not per browser.
          const client = new Client(t.app);
          await client.get('/sign-in');
          codes.push((await client.post('/sign-in/link', { linkEmail: email })).statusCode);
        }
        return codes;
      };
      assert.deepEqual(await linkCodes('mo@example.com'), [200, 200, 200, 200, 200, 429]);
      assert.deepEqual(await linkCodes('nobody@example.com'), [200, 200, 200, 200, 200, 429]);
      await t.services.identity.sendRequestedSignInLinks();
      const sent = await t.database.db.selectFrom('outbox').select('recipient').where('subject', 'like', 'Your link%').execute();
      assert.equal(sent.length, 5);
      later(61 * 60_000);
      assert.deepEqual((await linkCodes('mo@example.com')).slice(0, 1), [200]);

      // Codes by text: 3 in a quarter of an hour, and 5 in an hour.
      const askCode = async () => {
        const client = new Client(t.app);
        await client.get('/sign-in');
        return (await client.post('/sign-in/code', { mobile: '07700 900123' })).statusCode;
      };
      const codes = [await askCode(), await askCode(), await askCode(), await askCode()];
      later(16 * 60_000);
      codes.push(await askCode(), await askCode(), await askCode());
      assert.deepEqual(codes, [303, 303, 303, 429, 303, 303, 429]);
    });

    test('asking for a link does the same work before answering whether or not the address has an account', async () => {
      // An app of its own that hears every statement sent to the database.
      const heard: string[] = [];
      const listened = await makeTestApp({ dialect, onQuery: (sql) => heard.push(sql) });
      try {
        const admin = await organisationWithAdmin(listened);
        const statementsFor = async (email: string) => {
          const client = new Client(listened.app);
          await client.get('/sign-in');
          heard.length = 0;
          const res = await client.post('/sign-in/link', { linkEmail: email });
          assert.equal(res.statusCode, 200);
          // Everything up to the ask joining the queue was done before answering; the link
          // itself is made after (the queue is worked on once the page has gone).
          const queued = heard.findIndex((q) => /insert into "sign_in_link_requests"/.test(q));
          assert.ok(queued >= 0, 'the ask is queued');
          // The session's reads run at the same time, so they may be heard in any order.
          const before = heard.slice(0, queued + 1);
          const sessionReads = before.filter((q) => / from "sessions"/.test(q)).sort();
          await listened.services.identity.sendRequestedSignInLinks();
          return [...sessionReads, ...before.filter((q) => !/ from "sessions"/.test(q))];
        };
        const known = await statementsFor(admin.email);
        const unknown = await statementsFor('nobody@example.com');
        assert.deepEqual(known, unknown);
        // Nothing that could tell them apart: no look-up of accounts, no link, no message.
        // (Reading the session joins the session's own account, which a visitor has none of.)
        assert.ok(
          known.filter((q) => !/ from "sessions"/.test(q)).every((q) => !/"accounts"|"sign_in_tokens"|"outbox"/.test(q)),
          known.join('\n'),
        );
        // And the link did go, just after.
        const sent = await listened.database.db.selectFrom('outbox').select('recipient').where('subject', 'like', 'Your link%').execute();
        assert.deepEqual(
          sent.map((m) => m.recipient),
          [admin.email],
        );
      } finally {
        await listened.close();
      }
    });
  });
}
