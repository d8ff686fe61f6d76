import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { enqueue } from '../../platform/outbox.ts';

for (const dialect of databaseDialects()) {
  describe(`messages page for admins (${dialect})`, () => {
    let t: TestApp;
    let messageId: string;
    let organisationId: string;
    let otherOrganisationId: string;
    let projectId: string;
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      const org = await organisationWithAdmin(t);
      organisationId = org.organisationId;
      otherOrganisationId = (await anotherOrganisation(t)).organisationId;
      const fay = await personWithAccount(
        t,
        org.organisationId,
        { fullName: 'Fay Facilitator' },
        { email: 'fay@example.com', role: 'facilitator' },
      );
      const staff = { organisationId, personId: org.adminPersonId };
      projectId = await t.services.projects.create(staff, {
        title: 'Better day centre lunches',
        purpose: 'Menus',
        activities: ['co-design'],
        levelAim: 'intermediate',
        stage: 'designing',
        startDate: '2026-11-01',
      });
      await t.services.projects.addMember(staff, projectId, fay.personId, 'member', '2026-11-01');
      await personWithAccount(t, org.organisationId, { fullName: 'Mo Member' }, { email: 'mo@example.com', role: 'member' });
      const client = new Client(t.app);
      await client.get('/sign-in');
      await client.post('/sign-in/link', { linkEmail: 'fay@example.com' });
      await t.services.identity.sendRequestedSignInLinks();
      messageId = (await t.database.db.selectFrom('outbox').select('id').executeTakeFirstOrThrow()).id;
    });
    afterEach(() => t.close());

    const letter = (orgId: string, name: string) =>
      enqueue(
        t.database.db,
        {
          organisationId: orgId,
          // Letters about Fay's project: she prints and posts them.
          projectId: orgId === organisationId ? projectId : null,
          kind: 'invitation',
          channel: 'letter',
          recipient: `${name}\n1 High Street, Northshire\nNS1 1AA`,
          subject: `Meeting for ${name}`,
          bodyText: `Dear ${name},\nPlease come.`,
        },
        t.clock.now,
        null,
      );

    test('an admin reads held messages, with a note that no mail server is set', async () => {
      const admin = await signedInClient(t, 'admin@northshire.test');
      const list = await admin.get('/admin/messages');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /No mail server is set up/);
      assert.match(list.body, /fay@example.com/);
      assert.match(list.body, /<td class="govuk-table__cell">Email<\/td>\s*<td class="govuk-table__cell">Sign-in link<\/td>/);
      assert.match(list.body, /Kept here \(not sent\)/);
      const one = await admin.get(`/admin/messages/${messageId}`);
      assert.equal(one.statusCode, 200);
      // A sign-in link is its owner's alone: even an admin sees only that one was kept (decision 0016).
      assert.doesNotMatch(one.body, /\/sign-in\/link\//);
      assert.match(one.body, /Sign-in link \(hidden\)/);
    });

    test('failed sends show their problem, waiting ones their next try, and the list filters by status', async () => {
      const failed = await enqueue(
        t.database.db,
        { organisationId, kind: 'invitation', recipient: 'gone@example.com', subject: 'Failed one', bodyText: 'B' },
        t.clock.now,
        null,
      );
      const retrying = await enqueue(
        t.database.db,
        { organisationId, kind: 'invitation', recipient: 'later@example.com', subject: 'Retrying one', bodyText: 'B' },
        t.clock.now,
        null,
      );
      await t.database.db
        .updateTable('outbox')
        .set({ status: 'failed', attempts: 5, last_error: 'mailbox unavailable' })
        .where('id', '=', failed)
        .execute();
      await t.database.db
        .updateTable('outbox')
        .set({ status: 'pending', attempts: 1, last_error: 'timeout', next_attempt_at: '2026-11-23T10:04:00.000Z' })
        .where('id', '=', retrying)
        .execute();
      const admin = await signedInClient(t, 'admin@northshire.test');
      const all = await admin.get('/admin/messages');
      assert.match(all.body, /Could not send<br><span class="govuk-body-s">Problem: mailbox unavailable<\/span>/);
      assert.match(all.body, /Waiting to send<br><span class="govuk-body-s">Next try 23 November 2026 at 10:04am<\/span>/);

      const onlyFailed = await admin.get('/admin/messages?status=failed');
      assert.match(onlyFailed.body, /Failed one/);
      assert.doesNotMatch(onlyFailed.body, /Retrying one|fay@example.com/);
      assert.match(onlyFailed.body, /<option value="failed" selected>Could not send<\/option>/);
      const none = await admin.get('/admin/messages?status=to-call');
      assert.match(none.body, /No messages with this status/);
      // A status that does not exist shows everything rather than an error.
      const unknown = await admin.get('/admin/messages?status=lost');
      assert.equal(unknown.statusCode, 200);
      assert.match(unknown.body, /Failed one/);
      assert.match(unknown.body, /Retrying one/);
    });

    test('a message refused for good or expired says why in plain words, with the reason given', async () => {
      const queue = (subject: string) =>
        enqueue(t.database.db, { organisationId, recipient: 'sam@example.com', subject, bodyText: 'B' }, t.clock.now, null);
      const refused = await queue('Refused one');
      const expired = await queue('Expired one');
      await t.database.db
        .updateTable('outbox')
        .set({
          status: 'failed',
          failure: 'refused',
          attempts: 1,
          last_error: "Notify 400: Can't send to this recipient using a team-only API key",
        })
        .where('id', '=', refused)
        .execute();
      await t.database.db
        .updateTable('outbox')
        .set({ status: 'failed', failure: 'expired', attempts: 2, last_error: 'Notify 500: Internal server error' })
        .where('id', '=', expired)
        .execute();
      const admin = await signedInClient(t, 'admin@northshire.test');
      const list = await admin.get('/admin/messages?status=failed');
      assert.match(
        list.body,
        /Could not send<br><span class="govuk-body-s">Not tried again: the sending service refused it, [^<]*It said: Notify 400: Can&#39;t send to this recipient using a team-only API key<\/span>/,
      );
      assert.match(
        list.body,
        /Could not send<br><span class="govuk-body-s">Not sent: the sign-in link in it had run out before it could go[^<]*<\/span>/,
      );

      const one = await admin.get(`/admin/messages/${refused}`);
      assert.match(
        one.body,
        /Why it was not sent\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Not tried again: the sending service refused it/,
      );
      assert.match(one.body, /It said: Notify 400: Can&#39;t send to this recipient/);
      const other = await admin.get(`/admin/messages/${expired}`);
      assert.match(other.body, /Why it was not sent/);
      assert.match(other.body, /The person can ask for a new link/);
      // A message that has not failed for good has no such line.
      assert.doesNotMatch((await admin.get(`/admin/messages/${messageId}`)).body, /Why it was not sent/);
    });

    test("a facilitator cannot read messages of no project of theirs, such as another person's sign-in link", async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      const list = await fay.get('/admin/messages');
      assert.equal(list.statusCode, 200);
      assert.doesNotMatch(list.body, /fay@example.com/);
      assert.equal((await fay.get(`/admin/messages/${messageId}`)).statusCode, 404);
      assert.equal((await fay.post(`/admin/messages/${messageId}/handled`)).statusCode, 404);
    });

    test("another organisation's admin cannot see them", async () => {
      const other = await signedInClient(t, 'admin@riverside.test');
      const list = await other.get('/admin/messages');
      assert.doesNotMatch(list.body, /fay@example.com/);
      assert.equal((await other.get(`/admin/messages/${messageId}`)).statusCode, 404);
    });

    test('staff print letters, one to a page with the address first, and mark them posted', async () => {
      const ann = await letter(organisationId, 'Ann Able');
      const ben = await letter(organisationId, 'Ben Baker');
      const rivers = await letter(otherOrganisationId, 'Rhys Rivers');

      const admin = await signedInClient(t, 'admin@northshire.test');
      assert.match((await admin.get('/admin/messages')).body, /There are 2 letters to print and post/);

      const fay = await signedInClient(t, 'fay@example.com');
      const page = await fay.get('/admin/messages/letters');
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /Rhys Rivers/);
      const letters = [...page.body.matchAll(/<article class="app-letter"[^>]*>\s*<p class="app-letter__address">([^<]*)<br>/g)].map(
        (m) => m[1],
      );
      assert.deepEqual(letters.sort(), ['Ann Able', 'Ben Baker']);
      assert.match(page.body, /Meeting for Ann Able/);
      assert.match(page.body, /Mark these 2 letters as posted/);

      // A letter written after the page was printed is not marked with the others.
      const late = await letter(organisationId, 'Cat Late');
      assert.equal((await fay.post('/admin/messages/letters', { ids: [ann, ben] }, { csrf: null })).statusCode, 403);
      const done = await fay.post('/admin/messages/letters', { ids: [ann, ben, rivers, messageId] });
      assert.equal(done.statusCode, 303);
      assert.equal(done.headers.location, '/admin/messages/letters');
      const after = await fay.get('/admin/messages/letters');
      assert.match(after.body, /2 letters marked as posted/);
      assert.doesNotMatch(after.body, /Ann Able|Ben Baker/);
      assert.match(after.body, /Cat Late/);
      const statuses = Object.fromEntries(
        (
          await t.database.db.selectFrom('outbox').select(['id', 'status']).where('id', 'in', [ann, ben, rivers, late, messageId]).execute()
        ).map((r) => [r.id, r.status]),
      );
      assert.deepEqual(statuses, { [ann]: 'sent', [ben]: 'sent', [rivers]: 'to-print', [late]: 'to-print', [messageId]: 'held' });
    });

    test('marking letters posted with none shown explains the problem', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get('/admin/messages/letters');
      const res = await fay.post('/admin/messages/letters', {});
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /There is a problem/);
      assert.match(res.body, /There were no letters to mark as posted/);
    });

    test('members cannot see letters to print', async () => {
      const mo = await signedInClient(t, 'mo@example.com');
      assert.equal((await mo.get('/admin/messages/letters')).statusCode, 403);
      assert.equal((await mo.post('/admin/messages/letters', { ids: [messageId] })).statusCode, 403);
    });

    test('an admin marks a call as made from its page', async () => {
      const call = await enqueue(
        t.database.db,
        { organisationId, kind: 'invitation', channel: 'phone', recipient: '01632 960001', subject: 'Ring Dee', bodyText: 'Invite Dee' },
        t.clock.now,
        null,
      );
      const admin = await signedInClient(t, 'admin@northshire.test');
      const page = await admin.get(`/admin/messages/${call}`);
      assert.match(page.body, /To phone/);
      assert.match(page.body, /Mark as called/);
      const res = await admin.post(`/admin/messages/${call}/handled`);
      assert.equal(res.statusCode, 303);
      const after = await admin.get(`/admin/messages/${call}`);
      assert.match(after.body, /Call marked as made/);
      assert.doesNotMatch(after.body, /Mark as called/);
      const other = await signedInClient(t, 'admin@riverside.test');
      await other.get('/admin/messages');
      assert.equal((await other.post(`/admin/messages/${call}/handled`)).statusCode, 404);
    });
  });
}
