import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';

const codeIn = (body: string) => /\b(\d{6})\b/.exec(body)?.[1];
const linkIn = (body: string) => /\/sign-in\/link\/([A-Za-z0-9_-]+)/.exec(body)?.[1];

/** The newest message to someone, as the delivery would send it (tests may read what staff may not). */
async function lastMessageTo(t: TestApp, recipient: string) {
  return t.database.db
    .selectFrom('outbox')
    .selectAll()
    .where('recipient', '=', recipient)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
}

async function askForCode(client: Client, mobile: string) {
  await client.get('/sign-in');
  return client.post('/sign-in/code', { mobile });
}

for (const dialect of databaseDialects()) {
  describe(`signing in by a code sent by text (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let personId: string;
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      org = await organisationWithAdmin(t);
      // A member with a mobile and no email; the admin gives them sign-in by text.
      personId = await t.services.people.create(
        { organisationId: org.organisationId, personId: null },
        { fullName: 'Sam Text', perspectives: ['draws-on-care'], mobile: '07700 900123' },
      );
      const admin = await signedInClient(t, org.email);
      const form = await admin.get(`/people/${personId}/sign-in-access`);
      assert.match(form.body, /value="07700 900123"/, 'the mobile on their record is offered');
      const saved = await admin.post(`/people/${personId}/sign-in-access`, { email: '', mobile: '07700 900123', role: 'member' });
      assert.equal(saved.statusCode, 303);
    });
    afterEach(() => t.close());

    test('the right code signs in, once; the code is kept only as a hash', async () => {
      const client = new Client(t.app);
      const asked = await askForCode(client, '+44 7700 900 123');
      assert.equal(asked.statusCode, 303);
      assert.equal(asked.headers.location, '/sign-in/code');
      const page = await client.get('/sign-in/code');
      assert.match(page.body, /Check your phone/);
      const text = await lastMessageTo(t, '+447700900123');
      assert.equal(text.channel, 'text');
      const code = codeIn(text.body_text)!;
      assert.ok(code);
      const stored = await t.database.db.selectFrom('sign_in_codes').selectAll().execute();
      assert.equal(stored.length, 1);
      assert.ok(!JSON.stringify(stored).includes(code));
      const res = await client.post('/sign-in/code/check', { code: `${code.slice(0, 3)} ${code.slice(3)}` });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/');
      assert.match((await client.get('/')).body, /Sam Text/);
      // Used once: the same code again, in another browser, does nothing.
      const other = new Client(t.app);
      await askForCode(other, '07700900123');
      await t.database.db.deleteFrom('outbox').execute();
      const again = await other.post('/sign-in/code/check', { code });
      assert.equal(again.statusCode, 401);
    });

    test('a wrong, old or used-up code is refused, and five wrong tries spend the code', async () => {
      const client = new Client(t.app);
      await askForCode(client, '07700 900123');
      const code = codeIn((await lastMessageTo(t, '+447700900123')).body_text)!;
      const wrong = code === '000000' ? '111111' : '000000';
      const refused = await client.post('/sign-in/code/check', { code: wrong });
      assert.equal(refused.statusCode, 401);
      assert.match(refused.body, /That code is not right/);
      assert.equal((await client.post('/sign-in/code/check', { code: '12ab' })).statusCode, 400);
      for (let i = 0; i < 4; i++) await client.post('/sign-in/code/check', { code: wrong });
      assert.equal((await client.post('/sign-in/code/check', { code })).statusCode, 401, 'no tries left');

      // A new code, but too late.
      t.clock.now = new Date(t.clock.now.getTime() + 16 * 60_000);
      await askForCode(client, '07700 900123');
      const fresh = codeIn((await lastMessageTo(t, '+447700900123')).body_text)!;
      t.clock.now = new Date(t.clock.now.getTime() + 11 * 60_000);
      assert.equal((await client.post('/sign-in/code/check', { code: fresh })).statusCode, 401, 'ran out');
      assert.equal((await client.get('/account')).statusCode, 303);
    });

    test('a number with no account gets the same page and no text', async () => {
      const client = new Client(t.app);
      const asked = await askForCode(client, '07700 900999');
      assert.equal(asked.statusCode, 303);
      assert.match((await client.get('/sign-in/code')).body, /If 07700 900999|If \+447700900999/);
      assert.equal((await t.database.db.selectFrom('outbox').select('id').where('channel', '=', 'text').execute()).length, 0);
      const bad = await askForCode(client, 'twelve');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter a mobile phone number/);
    });

    test('codes are limited per number, whoever asks, and start again later', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await askForCode(new Client(t.app), '07700 900123')).statusCode);
      assert.deepEqual(statuses, [303, 303, 303, 429]);
      // A number with no account is limited the same way, so the limit tells nothing.
      const none: number[] = [];
      for (let i = 0; i < 4; i++) none.push((await askForCode(new Client(t.app), '07700 900555')).statusCode);
      assert.deepEqual(none, statuses);
      t.clock.now = new Date(t.clock.now.getTime() + 15 * 60_000);
      assert.equal((await askForCode(new Client(t.app), '07700 900123')).statusCode, 303);
    });

    test('staff never see a sign-in code or link: not under Messages sent, not in the history', async () => {
      const client = new Client(t.app);
      await askForCode(client, '07700 900123');
      const text = await lastMessageTo(t, '+447700900123');
      const code = codeIn(text.body_text)!;
      await t.services.identity.sendSignInLink(org.email);
      const email = await lastMessageTo(t, org.email);
      const token = linkIn(email.body_text)!;
      const admin = await signedInClient(t, org.email);
      const list = await admin.get('/admin/messages');
      assert.match(list.body, /Sign-in code \(hidden\)/);
      assert.match(list.body, /Sign-in link \(hidden\)/);
      for (const message of [text, email]) {
        const shown = await admin.get(`/admin/messages/${message.id}`);
        assert.equal(shown.statusCode, 200);
        assert.match(shown.body, /Only the person it was sent to can read/);
        assert.match(shown.body, /Kept to send by hand|Waiting|Kept/);
        for (const page of [list.body, shown.body]) {
          assert.ok(!page.includes(code), 'no code');
          assert.ok(!page.includes(token), 'no link');
          assert.ok(!page.includes(message.subject), 'not even the subject');
        }
      }
      await client.post('/sign-in/code/check', { code });
      const audit = JSON.stringify(await t.database.db.selectFrom('audit_log').selectAll().execute());
      assert.ok(!audit.includes(code));
      const history = await admin.get(`/people/${personId}/history`);
      assert.ok(!history.body.includes(code));
    });
  });

  describe(`one person in two organisations (${dialect})`, () => {
    let t: TestApp;
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
    });
    afterEach(() => t.close());

    test('an admin giving access with an address another organisation uses learns nothing; the person then chooses', async () => {
      const council = await organisationWithAdmin(t);
      const charity = await anotherOrganisation(t);
      await personWithAccount(
        t,
        council.organisationId,
        { fullName: 'Cara Carer', mobile: '07700 900321' },
        { email: 'cara@example.com', role: 'member' },
      );
      const charityAdmin = await signedInClient(t, charity.email);
      const give = async (fullName: string, email: string) => {
        const id = await t.services.people.create(
          { organisationId: charity.organisationId, personId: null },
          { fullName, perspectives: ['carer'] },
        );
        await charityAdmin.get(`/people/${id}/sign-in-access`);
        const res = await charityAdmin.post(`/people/${id}/sign-in-access`, { email, mobile: '', role: 'member' });
        return {
          status: res.statusCode,
          location: res.headers.location?.replace(id, 'ID'),
          flash: (await charityAdmin.get(`/people/${id}`)).body.includes('Sign-in access is saved'),
        };
      };
      const used = await give('Cara C', 'Cara@Example.com');
      const fresh = await give('Fresh Person', 'fresh@example.com');
      assert.deepEqual(used, fresh);
      assert.equal(used.status, 303);

      // Within one organisation an address is still one person's.
      const twin = await t.services.people.create(
        { organisationId: charity.organisationId, personId: null },
        { fullName: 'Twin', perspectives: [] },
      );
      await charityAdmin.get(`/people/${twin}/sign-in-access`);
      const clash = await charityAdmin.post(`/people/${twin}/sign-in-access`, { email: 'cara@example.com', role: 'member' });
      assert.equal(clash.statusCode, 400);
      assert.match(clash.body, /Someone else here already signs in with this email/);

      // Cara signs in by link and chooses the charity.
      const cara = new Client(t.app);
      await cara.get('/sign-in');
      await cara.post('/sign-in/link', { linkEmail: 'cara@example.com' });
      await t.services.identity.sendRequestedSignInLinks();
      const token = linkIn((await lastMessageTo(t, 'cara@example.com')).body_text)!;
      await cara.get(`/sign-in/link/${token}`);
      const signedIn = await cara.post(`/sign-in/link/${token}`, {});
      assert.equal(signedIn.headers.location, '/sign-in/choose');
      const choice = await cara.get('/sign-in/choose');
      assert.match(choice.body, /Northshire County Council/);
      assert.match(choice.body, /Riverside Carers Trust/);
      const nothing = await cara.post('/sign-in/choose', {});
      assert.equal(nothing.statusCode, 400);
      assert.match(nothing.body, /Choose an organisation/);
      const charityAccount = await t.database.db
        .selectFrom('accounts')
        .select('id')
        .where('organisation_id', '=', charity.organisationId)
        .where('email', '=', 'cara@example.com')
        .executeTakeFirstOrThrow();
      const chosen = await cara.post('/sign-in/choose', { accountId: charityAccount.id });
      assert.equal(chosen.headers.location, '/');
      const account = await cara.get('/account');
      assert.match(account.body, /Riverside Carers Trust/);
      assert.match(account.body, /Use another organisation/);
      // An account the address does not open cannot be chosen.
      const adminAccount = charity.adminAccountId;
      assert.equal((await cara.post('/sign-in/choose', { accountId: adminAccount })).statusCode, 400);
    });

    test('by text too: the number opens its account in each organisation, and each keeps its own record', async () => {
      const council = await organisationWithAdmin(t);
      const charity = await anotherOrganisation(t);
      for (const o of [council, charity]) {
        const id = await t.services.people.create(
          { organisationId: o.organisationId, personId: null },
          { fullName: `Dev at ${o.organisationId.slice(0, 4)}`, perspectives: [] },
        );
        await t.services.identity.giveAccess({ organisationId: o.organisationId, personId: null }, id, null, {
          email: null,
          mobile: '+447700900777',
          role: 'member',
          active: true,
        });
      }
      const dev = new Client(t.app);
      await askForCode(dev, '07700 900777');
      const code = codeIn((await lastMessageTo(t, '+447700900777')).body_text)!;
      const res = await dev.post('/sign-in/code/check', { code });
      assert.equal(res.headers.location, '/sign-in/choose');
      const accounts = await t.database.db
        .selectFrom('accounts')
        .select(['id', 'organisation_id', 'person_id'])
        .where('mobile', '=', '+447700900777')
        .execute();
      assert.equal(accounts.length, 2);
      assert.notEqual(accounts[0]!.person_id, accounts[1]!.person_id);
      const councilAccount = accounts.find((a) => a.organisation_id === council.organisationId)!;
      assert.match((await dev.get('/sign-in/choose')).body, /Riverside Carers Trust/);
      assert.equal((await dev.post('/sign-in/choose', { accountId: councilAccount.id })).statusCode, 303);
      const account = await dev.get('/account');
      assert.match(account.body, /Northshire County Council/);
      // Signed in by text, they cannot set a password for an email they never proved.
      assert.match(account.body, /signed in with a code by text/);
    });
  });
}
