import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { countNow } from '../../platform/counts.ts';
import { makeTranslator } from '../../platform/i18n.ts';
import { buddiesEvidence } from './evidence.ts';

// P5: staff give a newcomer a buddy; the buddy (or staff) writes down the help given; the
// To do page counts newcomers nobody is supporting yet.
for (const dialect of databaseDialects()) {
  describe(`buddies (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let nia: string;
    let bo: string;
    const staff = () => ({ organisationId: org.organisationId, personId: org.adminPersonId, role: 'admin' as const });
    /** The To do page's count, as it asks it. */
    const withoutBuddy = () => countNow(t.database.db, t.services.buddies.newcomersWithoutBuddyCount(staff()));
    const member = async (fullName: string, email: string) =>
      (
        await personWithAccount(
          t,
          org.organisationId,
          { fullName, perspectives: ['draws-on-care'], contactOrder: ['email'] },
          { email, role: 'member' },
        )
      ).personId;

    beforeEach(async () => {
      // Wednesday 9 December 2026.
      t = await makeTestApp({ dialect, startAt: new Date('2026-12-09T10:00:00Z') });
      org = await organisationWithAdmin(t);
      const projectId = await t.services.projects.create(staff(), {
        title: 'Better day centre lunches',
        purpose: 'Work together.',
        activities: ['co-design'],
        levelAim: 'transformative',
        stage: 'deciding',
        startDate: '2026-01-05',
      });
      nia = await member('Nia Newcomer', 'nia@example.com');
      bo = await member('Bo Buddy', 'bo@example.com');
      // Nia joined her first project three weeks ago; Bo has been a member all year.
      await t.services.projects.addMember(staff(), projectId, nia, 'member', '2026-11-18');
      await t.services.projects.addMember(staff(), projectId, bo, 'member', '2026-01-05');
    });
    afterEach(() => t.close());

    test('P5 beside the self-assessment: newcomers, how many have had a buddy, help written down; small counts hidden', async () => {
      const tr = makeTranslator('en');
      const words = async () => (await buddiesEvidence(t.database.db, org.organisationId, t.now(), tr)).map((e) => e.words);
      assert.deepEqual(await words(), [
        'Fewer than 8 people joined their first project in the last 90 days. 0 of them have had a buddy.',
        'Buddies wrote down 0 times they helped in the last 90 days.',
      ]);
      // Ten more newcomers (eleven with Nia), two of them with a buddy who helped three times.
      const projectId = (await t.database.db.selectFrom('projects').select('id').executeTakeFirstOrThrow()).id;
      const more: string[] = [];
      for (let i = 0; i < 10; i++) {
        const id = (await personWithAccount(t, org.organisationId, { fullName: `New ${i}`, perspectives: ['carer'] })).personId;
        await t.services.projects.addMember(staff(), projectId, id, 'member', '2026-12-01');
        more.push(id);
      }
      for (const newcomerId of [nia, more[0]!]) {
        const id = await t.services.buddies.link(staff(), { newcomerId, buddyId: bo, startsOn: '2026-12-02' });
        await t.services.buddies.recordSupport(staff(), id, { givenOn: '2026-12-03', what: 'Met before the meeting', how: 'in-person' });
      }
      const pairing = await t.database.db.selectFrom('buddy_pairings').select('id').executeTakeFirstOrThrow();
      await t.services.buddies.recordSupport(staff(), pairing.id, { givenOn: '2026-12-04', what: 'Rang about the papers', how: 'phone' });
      assert.deepEqual(await words(), [
        '10 people joined their first project in the last 90 days. Fewer than 8 of them have had a buddy.',
        'Buddies wrote down 3 times they helped in the last 90 days.',
      ]);
      // Another organisation has none of it.
      const other = await anotherOrganisation(t);
      assert.deepEqual(
        (await buddiesEvidence(t.database.db, other.organisationId, t.now(), tr)).map((e) => e.words),
        ['Nobody joined their first project in the last 90 days.'],
      );
      // The self-assessment puts it beside P5.
      const evidence = await t.services.reviews.cultureEvidence(org.organisationId);
      assert.equal(evidence.P5.length, 2);
    });

    test('staff give a newcomer a buddy; bad input keeps what was typed; the To do count goes down', async () => {
      assert.equal(await withoutBuddy(), 1, 'Nia only: Bo joined long ago');
      const admin = await signedInClient(t, org.email);
      const todo = await admin.get('/to-do');
      assert.match(todo.body, /Newcomers without a buddy/);
      assert.match(todo.body, /href="\/buddies\?show=needs"/);
      const needs = await admin.get('/buddies?show=needs');
      assert.match(needs.body, /1 newcomer with no buddy/);
      assert.match(needs.body, new RegExp(`href="/buddies/new/${nia}">Give them a buddy`));
      assert.doesNotMatch(needs.body, new RegExp(`href="/people/${bo}"`), 'Bo joined long ago');

      const person = await admin.get(`/people/${nia}`);
      assert.match(person.body, new RegExp(`href="/buddies/new/${nia}"`));
      const form = await admin.get(`/buddies/new/${nia}`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Give Nia Newcomer a buddy/);

      const none = await admin.post(`/buddies/new/${nia}`, {
        buddyId: '',
        'startsOn-day': '9',
        'startsOn-month': '12',
        'startsOn-year': '2026',
      });
      assert.equal(none.statusCode, 400);
      assert.match(none.body, /Choose who will be the buddy/);
      assert.match(none.body, /name="startsOn-month"[^>]*value="12"/);
      const self = await admin.post(`/buddies/new/${nia}`, {
        buddyId: nia,
        'startsOn-day': '9',
        'startsOn-month': '12',
        'startsOn-year': '2026',
      });
      assert.equal(self.statusCode, 400);
      assert.match(self.body, /cannot be their own buddy/);
      const badDate = await admin.post(`/buddies/new/${nia}`, {
        buddyId: bo,
        'startsOn-day': '31',
        'startsOn-month': '2',
        'startsOn-year': '2026',
      });
      assert.equal(badDate.statusCode, 400);
      assert.match(badDate.body, /Enter a real date/);

      const linked = await admin.post(`/buddies/new/${nia}`, {
        buddyId: bo,
        'startsOn-day': '9',
        'startsOn-month': '12',
        'startsOn-year': '2026',
      });
      assert.equal(linked.statusCode, 303);
      const pairingUrl = linked.headers.location as string;
      assert.match(pairingUrl, /^\/buddies\/[0-9a-f-]{36}$/);
      assert.equal(await withoutBuddy(), 0);
      assert.match((await admin.get('/buddies?show=needs')).body, /Every newcomer has a buddy/);
      const again = await admin.post(`/buddies/new/${nia}`, {
        buddyId: bo,
        'startsOn-day': '9',
        'startsOn-month': '12',
        'startsOn-year': '2026',
      });
      assert.equal(again.statusCode, 400);
      assert.match(again.body, /already their buddy/);

      const active = await admin.get('/buddies');
      assert.equal(active.statusCode, 200);
      assert.match(active.body, /1 pair/);
      assert.match(active.body, /Nia Newcomer/);
      assert.doesNotMatch((await admin.get('/buddies?show=ended')).body, /Nia Newcomer/);
      assert.match((await admin.get(`/people/${nia}`)).body, /Buddy: Bo Buddy/);

      // Ended today: the count is back, and the pair shows under Ended.
      await admin.get(pairingUrl);
      assert.equal((await admin.post(`${pairingUrl}/end`, {})).statusCode, 303);
      assert.match((await admin.get(pairingUrl)).body, /Buddy pair ended/);
      assert.match((await admin.get('/buddies?show=ended')).body, /Nia Newcomer/);
      assert.doesNotMatch((await admin.get('/buddies')).body, /Nia Newcomer/);
      assert.equal(await withoutBuddy(), 1);
      const audit = await t.database.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'buddy-pairing').execute();
      assert.deepEqual(audit.map((a) => a.action).sort(), ['ended', 'linked']);
    });

    test('the buddy writes down help given; the newcomer reads it; other members and organisations cannot', async () => {
      const id = await t.services.buddies.link(staff(), { newcomerId: nia, buddyId: bo, startsOn: '2026-12-01' });
      const buddy = await signedInClient(t, 'bo@example.com');
      const own = await buddy.get(`/people/${bo}`);
      assert.match(own.body, /You are a buddy for Nia Newcomer/);
      const page = await buddy.get(`/buddies/${id}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Nothing has been written down yet/);

      const empty = await buddy.post(`/buddies/${id}/support`, {
        'givenOn-day': '8',
        'givenOn-month': '12',
        'givenOn-year': '2026',
        how: 'phone',
        what: '',
      });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /Say what help was given/);
      assert.match(empty.body, /name="givenOn-day"[^>]*value="8"/);
      assert.match(empty.body, /value="phone" checked/);
      const saved = await buddy.post(`/buddies/${id}/support`, {
        'givenOn-day': '8',
        'givenOn-month': '12',
        'givenOn-year': '2026',
        how: 'phone',
        what: 'Phoned to talk about the meeting on Tuesday',
      });
      assert.equal(saved.statusCode, 303);
      const after = await buddy.get(`/buddies/${id}`);
      assert.match(after.body, /Phoned to talk about the meeting on Tuesday/);
      assert.match(after.body, /By phone/);
      assert.match(after.body, /1 time/);
      assert.equal((await buddy.post(`/buddies/${id}/end`, {})).statusCode, 403, 'only staff end a pair');

      const newcomer = await signedInClient(t, 'nia@example.com');
      assert.match((await newcomer.get(`/people/${nia}`)).body, /Your buddy is Bo Buddy/);
      const read = await newcomer.get(`/buddies/${id}`);
      assert.equal(read.statusCode, 200);
      assert.match(read.body, /Phoned to talk about the meeting/);
      assert.doesNotMatch(read.body, /Write down help given/);
      assert.equal(
        (
          await newcomer.post(`/buddies/${id}/support`, {
            'givenOn-day': '8',
            'givenOn-month': '12',
            'givenOn-year': '2026',
            how: 'phone',
            what: 'x',
          })
        ).statusCode,
        403,
      );

      await member('Mo Member', 'mo@example.com');
      const mo = await signedInClient(t, 'mo@example.com');
      assert.equal((await mo.get(`/buddies/${id}`)).statusCode, 404);
      assert.equal((await mo.get('/buddies')).statusCode, 403);
      assert.equal((await mo.get('/buddies?show=needs')).statusCode, 403);
      assert.equal((await mo.get(`/buddies/new/${nia}`)).statusCode, 403);

      const other = await anotherOrganisation(t);
      const them = await signedInClient(t, other.email);
      assert.equal((await them.get(`/buddies/${id}`)).statusCode, 404);
      assert.equal((await them.get(`/buddies/new/${nia}`)).statusCode, 404);
      assert.equal((await them.post(`/buddies/${id}/end`, {})).statusCode, 404);
      assert.equal(
        (
          await them.post(`/buddies/${id}/support`, {
            'givenOn-day': '8',
            'givenOn-month': '12',
            'givenOn-year': '2026',
            how: 'phone',
            what: 'x',
          })
        ).statusCode,
        404,
      );
      assert.doesNotMatch((await them.get('/buddies')).body, /Nia Newcomer/);
      const count = await t.database.db
        .selectFrom('buddy_support')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 1);
    });
  });
}
