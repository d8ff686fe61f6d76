import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { londonToday } from '../../platform/time.ts';
import { nextReviewDate } from './access-review.ts';
import { noAccessNeeds } from './access-needs.ts';

// AIS step 6, review: needs recorded today are checked a year from now; when the date
// comes the person is asked once by their own channel; "nothing has changed" (or a change)
// moves the date on a year.

describe('nextReviewDate', () => {
  for (const [name, from, to] of [
    ['an ordinary day', '2026-11-23', '2027-11-23'],
    ['the last day of the year', '2026-12-31', '2027-12-31'],
    ['29 February moves to 1 March', '2028-02-29', '2029-03-01'],
  ] as const)
    test(name, () => assert.equal(nextReviewDate(from), to));
});

const day = 86_400_000;

for (const dialect of databaseDialects()) {
  describe(`access needs reviews (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let mo: string;
    let sam: string;
    const staff = () => ({ organisationId: org.organisationId, personId: org.adminPersonId, role: 'admin' as const });
    const asks = () =>
      t.database.db
        .selectFrom('outbox')
        .select(['person_id', 'channel', 'body_text'])
        .where('kind', '=', 'access-review')
        .orderBy('channel')
        .execute();

    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      org = await organisationWithAdmin(t);
      mo = (
        await personWithAccount(
          t,
          org.organisationId,
          { fullName: 'Mo Member', perspectives: ['draws-on-care'] },
          { email: 'mo@example.com', role: 'member' },
        )
      ).personId;
      sam = (
        await personWithAccount(t, org.organisationId, {
          fullName: 'Sam Phone',
          perspectives: ['carer'],
          landline: '01632 960001',
          contactOrder: ['phone'],
        })
      ).personId;
      for (const id of [mo, sam]) await t.services.accessNeeds.save(staff(), id, true, { ...noAccessNeeds(), formats: ['large-print'] });
    });
    afterEach(() => t.close());

    test('needs recorded today are due in a year; nothing is overdue or asked before then', async () => {
      const review = await t.services.accessReviews.of(staff(), mo);
      assert.equal(review?.dueOn, nextReviewDate(londonToday(t.now())));
      assert.equal(await t.services.accessReviews.countOverdueReviews(org.organisationId), 0);
      assert.equal(await t.services.accessReviews.sendDueAsks(), 0);
      assert.deepEqual(await asks(), []);
    });

    test('when due, each person is asked once by their own channel, and both show as overdue', async () => {
      t.clock.now = new Date(t.now().getTime() + 366 * day);
      // Ada the admin too: she chose email when she set the organisation up (contact choices are reviewed).
      assert.equal(await t.services.accessReviews.countOverdueReviews(org.organisationId), 3);
      assert.equal(await t.services.accessReviews.sendDueAsks(), 3);
      assert.equal(await t.services.accessReviews.sendDueAsks(), 0, 'a second round sends nothing');
      const sent = (await asks()).filter((a) => a.person_id !== org.adminPersonId);
      assert.deepEqual(
        sent.map((a) => [a.person_id, a.channel]),
        [
          [mo, 'email'],
          [sam, 'phone'],
        ],
      );
      assert.match(sent[0]!.body_text, new RegExp(`/people/${mo}/access-review`));
      const overdue = await t.services.accessReviews.overdueReviews(org.organisationId, 1);
      assert.deepEqual(overdue.map((o) => o.name).sort(), ['Ada Admin', 'Mo Member', 'Sam Phone']);
      assert.ok(overdue.every((o) => o.askedAt !== null));
      assert.deepEqual(await t.services.accessReviews.overdueReviews(org.organisationId, 2), []);
    });

    test('"nothing has changed" from the person, or staff after a call, moves the date on a year', async () => {
      t.clock.now = new Date(t.now().getTime() + 366 * day);
      await t.services.accessReviews.sendDueAsks();
      const client = await signedInClient(t, 'mo@example.com');
      const page = await client.get(`/people/${mo}/access-review`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /It is time to check/);
      const done = await client.post(`/people/${mo}/access-review`);
      assert.equal(done.statusCode, 303);
      assert.equal((await t.services.accessReviews.of(staff(), mo))?.dueOn, nextReviewDate(londonToday(t.now())));

      const admin = await signedInClient(t, org.email);
      await admin.get(`/people/${sam}/access-review`);
      assert.equal((await admin.post(`/people/${sam}/access-review`)).statusCode, 303);
      assert.deepEqual(
        (await t.services.accessReviews.overdueReviews(org.organisationId)).map((o) => o.personId),
        [org.adminPersonId],
      );
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['subject_id', 'actor_person_id', 'on_behalf_of_person_id'])
        .where('action', '=', 'confirmed-unchanged')
        .orderBy('at')
        .execute();
      assert.deepEqual(
        audit.map((a) => [a.subject_id, a.actor_person_id, a.on_behalf_of_person_id]).sort(),
        [
          [mo, mo, null],
          [sam, org.adminPersonId, sam],
        ].sort(),
      );
      // The new date's ask goes a year later, once more.
      t.clock.now = new Date(t.now().getTime() + 366 * day);
      assert.equal(await t.services.accessReviews.sendDueAsks(), 2);
    });

    test('changing the needs moves the date; withdrawing consent ends the review unless there are contact choices', async () => {
      t.clock.now = new Date(t.now().getTime() + 366 * day);
      await t.services.accessNeeds.save(staff(), sam, true, { ...noAccessNeeds(), formats: ['easy-read'] });
      assert.equal((await t.services.accessReviews.of(staff(), sam))?.due, false);
      await t.services.accessNeeds.save(staff(), mo, false, noAccessNeeds());
      assert.equal(await t.services.accessReviews.of(staff(), mo), null);
      // Sam said how he likes to hear from us (phone): that is still checked yearly.
      await t.services.accessNeeds.save(staff(), sam, false, noAccessNeeds());
      assert.equal((await t.services.accessReviews.of(staff(), sam))?.dueOn, nextReviewDate(londonToday(t.now())));
    });

    test('changing contact choices, on the staff form or on "Your details", moves the date on a year; other changes do not', async () => {
      t.clock.now = new Date(t.now().getTime() + 366 * day);
      const dueNow = async (id: string) => (await t.services.accessReviews.of(staff(), id))?.due;
      const admin = await signedInClient(t, org.email);
      // Staff change only Sam's skills: still due.
      const current = await t.services.people.get(org.organisationId, sam);
      await t.services.people.update(staff(), sam, { ...current, skills: 'Gardening' });
      assert.equal(await dueNow(sam), true);
      const form = {
        fullName: 'Sam Phone',
        perspectives: 'carer',
        landline: '01632 960001',
        contact1: 'phone',
        contact2: 'letter',
        address: '1 High Street',
      };
      await admin.get(`/people/${sam}/edit`);
      assert.equal((await admin.post(`/people/${sam}/edit`, form)).statusCode, 303);
      assert.deepEqual((await t.services.people.get(org.organisationId, sam)).contactOrder, ['phone', 'letter']);
      assert.equal(await dueNow(sam), false);

      const member = await signedInClient(t, 'mo@example.com');
      await member.get(`/people/${mo}/details`);
      assert.equal((await member.post(`/people/${mo}/details/strengths`, { skills: 'Cooking' })).statusCode, 303);
      assert.equal(await dueNow(mo), true);
      assert.equal((await member.post(`/people/${mo}/details/times`, { contactDays: ['tue'] })).statusCode, 303);
      assert.equal(await dueNow(mo), false);
    });

    test('someone with contact choices and no access needs is asked once a year; clearing the choices ends it', async () => {
      const kim = (
        await personWithAccount(t, org.organisationId, {
          fullName: 'Kim Text',
          perspectives: ['community'],
          mobile: '07700 900123',
          contactOrder: ['text'],
        })
      ).personId;
      const none = (await personWithAccount(t, org.organisationId, { fullName: 'Nia Nothing', perspectives: ['community'] })).personId;
      assert.equal((await t.services.accessReviews.of(staff(), kim))?.dueOn, nextReviewDate(londonToday(t.now())));
      assert.equal(await t.services.accessReviews.of(staff(), none), null);
      t.clock.now = new Date(t.now().getTime() + 366 * day);
      assert.equal(await t.services.accessReviews.sendDueAsks(), 4, 'Mo, Sam, Ada the admin and Kim');
      assert.ok((await asks()).some((a) => a.person_id === kim && a.channel === 'text'));
      const current = await t.services.people.get(org.organisationId, kim);
      await t.services.people.update(staff(), kim, { ...current, contactOrder: [] });
      assert.equal(await t.services.accessReviews.of(staff(), kim), null);
    });

    test("someone else cannot see or confirm a person's review; another organisation sees none", async () => {
      await personWithAccount(
        t,
        org.organisationId,
        { fullName: 'Len Other', perspectives: ['community'] },
        { email: 'len@example.com', role: 'member' },
      );
      const len = await signedInClient(t, 'len@example.com');
      assert.equal((await len.get(`/people/${mo}/access-review`)).statusCode, 403);
      await len.get(`/people/${mo}/access-needs`).catch(() => undefined);
      const other = await anotherOrganisation(t);
      t.clock.now = new Date(t.now().getTime() + 366 * day);
      assert.equal(await t.services.accessReviews.countOverdueReviews(other.organisationId), 0);
      const rita = await signedInClient(t, other.email);
      assert.equal((await rita.get(`/people/${mo}/access-review`)).statusCode, 404);
    });
  });
}
