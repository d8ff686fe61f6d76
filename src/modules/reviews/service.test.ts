import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { latestStanding } from './cycles.ts';
import { setUpReviewsWorld, type ReviewsWorld } from '../../../test/worlds/reviews.ts';

test('where things stand: the latest closed cycle by closing date, else the latest open one; never an upcoming one', () => {
  const c = (id: string, status: 'upcoming' | 'open' | 'closed', opensOn: string, closesOn: string) => ({
    id,
    status,
    opensOn,
    closesOn,
    closedAt: status === 'closed' ? `${closesOn}T12:00:00Z` : null,
  });
  assert.equal(
    latestStanding([
      c('a', 'closed', '2026-01-01', '2026-01-31'),
      c('b', 'closed', '2026-04-01', '2026-04-30'),
      c('c', 'open', '2026-07-01', '2026-07-31'),
    ])?.id,
    'b',
  );
  assert.equal(
    latestStanding([
      c('a', 'open', '2026-01-01', '2026-01-31'),
      c('b', 'open', '2026-04-01', '2026-04-30'),
      c('u', 'upcoming', '2027-01-01', '2027-01-31'),
    ])?.id,
    'b',
  );
  assert.equal(latestStanding([c('u', 'upcoming', '2027-01-01', '2027-01-31')]), null);
  assert.equal(latestStanding([]), null);
});

for (const dialect of databaseDialects()) {
  describe(`review cycles (${dialect})`, () => {
    let t: TestApp;
    let w: ReviewsWorld;
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      w = await setUpReviewsWorld(t);
    });
    afterEach(() => t.close());

    test('the next cycle of a series is made once, even when asked for at the same moment', async () => {
      const made = await t.services.reviews.create(w.admin, {
        title: 'Half-year check',
        projectId: null,
        opensOn: '2026-08-31',
        closesOn: '2026-09-30',
        schedule: 'six-monthly',
        gapThresholdTenths: 10,
      });
      assert.ok(made.ok);
      const ids = await Promise.all([
        t.services.reviews.startNext(w.admin, made.id),
        t.services.reviews.startNext(w.admin, made.id),
        t.services.reviews.close(w.admin, made.id).then((r) => r.nextId),
      ]);
      assert.equal(new Set(ids).size, 1);
      const next = await t.services.reviews.load(w.organisationId, ids[0]!);
      assert.deepEqual(
        [next.opensOn, next.closesOn, next.schedule, next.followsCycleId, next.status],
        ['2027-02-28', '2027-03-30', 'six-monthly', made.id, 'upcoming'],
      );
      const once = await t.services.reviews.create(w.admin, {
        title: 'Once',
        projectId: null,
        opensOn: '2026-11-01',
        closesOn: '2026-11-30',
        schedule: 'none',
        gapThresholdTenths: 10,
      });
      assert.ok(once.ok);
      assert.deepEqual(await t.services.reviews.close(w.admin, once.id), { nextId: null });
    });

    test('answers: a person saves only their own as "self"; staff record for others only in person or by phone', async () => {
      const made = await t.services.reviews.create(w.admin, {
        title: 'Rules',
        projectId: w.projectId,
        opensOn: '2026-11-01',
        closesOn: '2026-12-31',
        schedule: 'none',
        gapThresholdTenths: 10,
      });
      assert.ok(made.ok);
      const mo = (await t.services.identity.loadUser(
        (await t.database.db.selectFrom('accounts').select('id').where('email', '=', 'mo@example.com').executeTakeFirstOrThrow()).id,
      ))!;
      const one = [{ code: 'C1' as const, answer: 3 as const, comment: null }];
      await assert.rejects(t.services.reviews.saveSection(mo, made.id, w.ids.dennis, one, 'phone'), { status: 404 });
      await assert.rejects(t.services.reviews.saveSection(mo, made.id, mo.personId, one, 'phone'), { status: 404 });
      await assert.rejects(t.services.reviews.saveSection(w.admin, made.id, w.ids.dennis, one, 'self'), { status: 404 });
      // Sue is not in the project.
      await assert.rejects(t.services.reviews.saveSection(w.admin, made.id, w.ids.sue, one, 'phone'), { status: 404 });
      await t.services.reviews.saveSection(mo, made.id, mo.personId, one, 'self');
      await t.services.reviews.saveSection(w.admin, made.id, w.ids.dennis, one, 'in-person');
      const rows = await t.database.db
        .selectFrom('review_answers')
        .select(['person_id', 'way'])
        .where('cycle_id', '=', made.id)
        .orderBy('way')
        .execute();
      assert.deepEqual(
        rows.map((r) => r.way),
        ['in-person', 'self'],
      );
      // Changing an answer replaces it: one row per person and statement.
      await t.services.reviews.saveSection(
        mo,
        made.id,
        mo.personId,
        [{ code: 'C1', answer: 'dont-know', comment: 'Not sure yet' }],
        'self',
      );
      const again = await t.database.db
        .selectFrom('review_answers')
        .selectAll()
        .where('cycle_id', '=', made.id)
        .where('person_id', '=', mo.personId)
        .execute();
      assert.deepEqual(
        again.map((r) => [r.rating, r.dont_know, r.comment]),
        [[null, 1, 'Not sure yet']],
      );
    });

    test('the background job closes reviews after their closing day, in every organisation, and starts the next of a series once', async () => {
      // The clock stands at 1 December 2026.
      const reviews = t.services.reviews;
      const quarterly = await reviews.create(w.admin, {
        title: 'Autumn check',
        projectId: null,
        opensOn: '2026-11-01',
        closesOn: '2026-11-30',
        schedule: 'quarterly',
        gapThresholdTenths: 10,
      });
      const today = await reviews.create(w.admin, {
        title: 'Closes today',
        projectId: null,
        opensOn: '2026-11-01',
        closesOn: '2026-12-01',
        schedule: 'none',
        gapThresholdTenths: 10,
      });
      const theirs = await reviews.create(
        { organisationId: w.other.organisationId, personId: w.other.adminPersonId },
        {
          title: 'Riverside check',
          projectId: null,
          opensOn: '2026-10-01',
          closesOn: '2026-10-31',
          schedule: 'none',
          gapThresholdTenths: 10,
        },
      );
      assert.ok(quarterly.ok && today.ok && theirs.ok);
      assert.ok((await reviews.closeDue()) >= 2);
      const autumn = await reviews.load(w.organisationId, quarterly.id);
      assert.equal(autumn.status, 'closed');
      assert.equal((await reviews.load(w.organisationId, today.id)).status, 'open', 'answers are still taken on the closing day');
      assert.equal((await reviews.load(w.other.organisationId, theirs.id)).status, 'closed');
      const nextId = await reviews.follower(w.organisationId, quarterly.id);
      assert.ok(nextId);
      const next = await reviews.load(w.organisationId, nextId);
      assert.deepEqual([next.opensOn, next.closesOn, next.schedule, next.status], ['2027-02-01', '2027-02-28', 'quarterly', 'upcoming']);
      assert.equal(await reviews.follower(w.other.organisationId, theirs.id), null, 'a review that does not repeat has no next one');
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['actor_person_id', 'changes'])
        .where('subject_id', '=', quarterly.id)
        .where('action', '=', 'closed')
        .execute();
      assert.deepEqual(
        audit.map((a) => a.actor_person_id),
        [null],
      );
      // Running again closes nothing more and makes no second next cycle.
      assert.equal(await reviews.closeDue(), 0);
      const series = await t.database.db.selectFrom('review_cycles').select('id').where('follows_cycle_id', '=', quarterly.id).execute();
      assert.equal(series.length, 1);
    });
  });
}
