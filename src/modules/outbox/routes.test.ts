import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';

for (const dialect of databaseDialects()) {
  describe(`messages page for admins (${dialect})`, () => {
    let t: TestApp;
    let messageId: string;
    before(async () => {
      t = await makeTestApp({ dialect });
      const org = await organisationWithAdmin(t);
      await anotherOrganisation(t);
      await personWithAccount(t, org.organisationId, { fullName: 'Fay Facilitator' }, { email: 'fay@example.com', role: 'facilitator' });
      const client = new Client(t.app);
      await client.get('/sign-in');
      await client.post('/sign-in/link', { linkEmail: 'fay@example.com' });
      messageId = (await t.database.db.selectFrom('outbox').select('id').executeTakeFirstOrThrow()).id;
    });
    after(() => t.close());

    test('an admin reads held messages, with a note that no mail server is set', async () => {
      const admin = await signedInClient(t, 'admin@northshire.test');
      const list = await admin.get('/admin/messages');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /No mail server is set up/);
      assert.match(list.body, /fay@example.com/);
      const one = await admin.get(`/admin/messages/${messageId}`);
      assert.equal(one.statusCode, 200);
      assert.match(one.body, /\/sign-in\/link\//);
    });

    test('a facilitator cannot read messages', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      assert.equal((await fay.get('/admin/messages')).statusCode, 403);
      assert.equal((await fay.get(`/admin/messages/${messageId}`)).statusCode, 403);
    });

    test("another organisation's admin cannot see them", async () => {
      const other = await signedInClient(t, 'admin@riverside.test');
      const list = await other.get('/admin/messages');
      assert.doesNotMatch(list.body, /fay@example.com/);
      assert.equal((await other.get(`/admin/messages/${messageId}`)).statusCode, 404);
    });
  });
}
