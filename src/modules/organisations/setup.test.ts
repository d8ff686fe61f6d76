import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { testPassword } from '../../../test/helpers/fixtures.ts';

for (const dialect of databaseDialects()) {
  describe(`first-run set-up (${dialect})`, () => {
    let t: TestApp;
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
    });
    afterEach(() => t.close());

    test('every page leads to set-up until an organisation exists', async () => {
      const client = new Client(t.app);
      const res = await client.get('/people');
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/setup');
      assert.equal((await client.get('/health')).statusCode, 200);
    });

    test('bad input shows an error summary and keeps what was typed, but not the password', async () => {
      const client = new Client(t.app);
      await client.get('/setup');
      const res = await client.post('/setup', {
        organisationName: 'Northshire Council',
        area: '',
        adminName: 'Ada',
        email: 'not-an-email',
        password: 'short',
      });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /There is a problem/);
      assert.match(res.body, /Enter the area you work in/);
      assert.match(res.body, /Enter an email address like name@example.com/);
      assert.match(res.body, /at least 12 characters/);
      assert.match(res.body, /value="Northshire Council"/);
      assert.match(res.body, /value="not-an-email"/);
      assert.doesNotMatch(res.body, /value="short"/);
      assert.match(res.body, /<title>Error: Set up Coproduce/);
    });

    test('a form without its CSRF token is refused', async () => {
      const client = new Client(t.app);
      await client.get('/setup');
      const res = await client.post(
        '/setup',
        { organisationName: 'X', area: 'Y', adminName: 'Z', email: 'z@example.com', password: testPassword },
        { csrf: null },
      );
      assert.equal(res.statusCode, 403);
      assert.match(res.body, /This form has expired/);
    });

    test('set-up creates the organisation and signs the admin in, then never shows again', async () => {
      const client = new Client(t.app);
      await client.get('/setup');
      const res = await client.post('/setup', {
        organisationName: 'Northshire County Council',
        area: 'Northshire',
        adminName: 'Ada Admin',
        email: 'Ada@Northshire.test',
        password: testPassword,
      });
      assert.equal(res.statusCode, 303);
      const home = await client.get('/');
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /Hello, Ada Admin/);
      assert.match(home.body, /Northshire County Council/);

      const again = await new Client(t.app).get('/setup');
      assert.equal(again.statusCode, 303);
      assert.equal(again.headers.location, '/sign-in');
      // A second set-up attempt by POST cannot create another organisation.
      const other = new Client(t.app);
      await other.get('/sign-in');
      await other.post('/setup', {
        organisationName: 'Evil',
        area: 'X',
        adminName: 'Eve',
        email: 'eve@example.com',
        password: testPassword,
      });
      const count = await t.database.db
        .selectFrom('organisations')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 1);
    });
  });
}
