import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { organisationWithAdmin, anotherOrganisation, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

// Requests about people's data (UK GDPR Article 12(3)): each has the day it came, how, the
// identity check staff made, and a deadline one calendar month later, worked out with the
// app's clock. An open request past its deadline is on the To do page until it is closed.

/** The To do page's count of overdue requests. */
const overdueCount = (body: string) => /past their one-month deadline<\/dt>\s*<dd[^>]*>(\d+) request/.exec(body)?.[1];

const received = (iso: string) => {
  const [year, month, day] = iso.split('-');
  return { 'receivedOn-day': day, 'receivedOn-month': month, 'receivedOn-year': year };
};

for (const dialect of databaseDialects()) {
  describe(`requests about people's data (${dialect})`, () => {
    let t: TestApp;
    let personId: string;
    beforeEach(async () => {
      // 20 February 2027, midday in London.
      t = await makeTestApp({ dialect, startAt: new Date('2027-02-20T12:00:00Z') });
      const org = await organisationWithAdmin(t);
      await anotherOrganisation(t);
      personId = (
        await personWithAccount(
          t,
          org.organisationId,
          { fullName: 'Sam Asker', perspectives: ['carer'] },
          { email: 'sam@example.com', role: 'member' },
        )
      ).personId;
    });
    afterEach(() => t.close());

    test('a request received on 31 January is due on 28 February, and is overdue on the To do page from 1 March', async () => {
      let admin = await signedInClient(t, 'admin@northshire.test');
      const form = await admin.get(`/data-requests/new?person=${personId}`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Record a request from Sam Asker/);

      const bad = await admin.post('/data-requests/new', {
        personId,
        kind: 'access',
        ...received('2027-02-31'),
        receivedHow: 'phone',
        identityCheck: '',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /The date we received it must be a real date/);
      assert.match(bad.body, /Say how you checked it was them/);
      assert.match(bad.body, /name="receivedOn-day" type="text" value="31"/, 'what was typed is kept');

      const made = await admin.post('/data-requests/new', {
        personId,
        kind: 'access',
        ...received('2027-01-31'),
        receivedHow: 'phone',
        identityCheck: 'Called back on the number we hold',
      });
      assert.equal(made.statusCode, 303);
      const url = String(made.headers.location);
      const page = await admin.get(url);
      assert.match(page.body, /28 February 2027/);
      assert.match(page.body, /Called back on the number we hold/);
      assert.doesNotMatch(page.body, /Overdue/);
      assert.equal(overdueCount((await admin.get('/to-do')).body), '0');

      t.clock.now = new Date('2027-03-01T09:00:00Z');
      admin = await signedInClient(t, 'admin@northshire.test');
      assert.match((await admin.get(url)).body, /Overdue/);
      const todo = await admin.get('/to-do');
      assert.match(todo.body, /Requests about people’s data past their one-month deadline/);
      assert.equal(overdueCount(todo.body), '1');
      const overdue = await admin.get('/data-requests?status=overdue');
      assert.match(overdue.body, /Sam Asker/);

      const closed = await admin.post(`${url}/close`, { outcome: 'done' });
      assert.equal(closed.statusCode, 303);
      assert.match((await admin.get(url)).body, /Answered/);
      assert.equal(overdueCount((await admin.get('/to-do')).body), '0');
      assert.doesNotMatch((await admin.get('/data-requests?status=overdue')).body, /Sam Asker/);
      // Recorded and closed are in Sam's history, without the words of the identity check.
      const history = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'changes'])
        .where('subject_id', '=', personId)
        .execute();
      assert.ok(history.some((h) => h.action === 'data-request-recorded:access'));
      assert.ok(history.some((h) => h.action === 'data-request-done'));
      assert.ok(history.every((h) => !h.changes.includes('Called back')));
    });

    test('another organisation and members cannot see or record requests', async () => {
      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get(`/data-requests/new?person=${personId}`);
      const made = await admin.post('/data-requests/new', {
        personId,
        kind: 'erasure',
        ...received('2027-02-19'),
        receivedHow: 'letter',
        identityCheck: 'Signature matches',
      });
      const url = String(made.headers.location);

      const riverside = await signedInClient(t, 'admin@riverside.test');
      assert.equal((await riverside.get(url)).statusCode, 404);
      assert.doesNotMatch((await riverside.get('/data-requests')).body, /Sam Asker/);
      assert.equal((await riverside.get(`/data-requests/new?person=${personId}`)).statusCode, 404);
      assert.equal(
        (
          await riverside.post('/data-requests/new', {
            personId,
            kind: 'access',
            ...received('2027-02-19'),
            receivedHow: 'letter',
            identityCheck: 'x',
          })
        ).statusCode,
        404,
      );
      assert.equal((await riverside.post(`${url}/close`, { outcome: 'done' })).statusCode, 404);
      const sam = await signedInClient(t, 'sam@example.com');
      assert.equal((await sam.get('/data-requests')).statusCode, 403);
      assert.equal((await sam.get(url)).statusCode, 403);
      const count = await t.database.db
        .selectFrom('data_requests')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 1);
    });
  });
}
