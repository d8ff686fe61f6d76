import assert from 'node:assert/strict';
import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { isPostgres, type Db } from '../src/db/connection.ts';
import { personBalances } from '../src/modules/timebank/repository.ts';
import { keptFigures } from '../src/platform/kept-figures.ts';
import { databaseDialects } from './helpers/databases.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';
import { setUpImpactWorld, type ImpactWorld } from './worlds/impact.ts';

// The organisation's figures (impact, the time bank's sums, review results) are kept between
// requests and counted again only when the data under them changes or time moves past a
// meeting's start. These tests hold that promise: a kept figure is never a stale one.

const period = { from: '2026-01-01', to: '2026-12-31' };

async function withWorld(
  dialect: 'sqlite' | 'postgres',
  run: (t: TestApp, w: ImpactWorld, queries: () => number) => Promise<void>,
  opts: Parameters<typeof makeTestApp>[0] = {},
) {
  let queries = 0;
  const onQuery = opts.onQuery;
  const t = await makeTestApp({
    ...opts,
    dialect,
    onQuery: (text, ms) => {
      queries++;
      onQuery?.(text, ms);
    },
  });
  try {
    await run(t, await setUpImpactWorld(t), () => queries);
  } finally {
    await t.close();
  }
}

async function cost(queries: () => number, run: () => Promise<unknown>): Promise<number> {
  const before = queries();
  await run();
  return queries() - before;
}

for (const dialect of databaseDialects()) {
  describe(`kept figures (${dialect})`, () => {
    test('a second look at the dashboard reuses the counts; fifty at once share one', async () => {
      await withWorld(dialect, async (t, w, queries) => {
        const first = await t.services.impact.dashboard(w.admin, period);
        const one = await cost(queries, () => t.services.impact.dashboard(w.admin, period));
        const fresh = await cost(queries, async () => {
          await t.services.timebank.creditFromOrganisation(w.staff, { personId: w.mo, minutes: 30, memo: 'x', reference: 'test:x' });
        });
        assert.ok(fresh > 0);
        const counted = await cost(queries, () => t.services.impact.dashboard(w.admin, period));
        assert.ok(one < counted, `kept: ${one} queries, counted again: ${counted}`);
        const fifty = await cost(queries, () =>
          Promise.all(Array.from({ length: 50 }, () => t.services.impact.dashboard(w.admin, period))),
        );
        assert.ok(fifty <= 50 * one + counted, `fifty at once: ${fifty} queries`);
        assert.deepEqual((await t.services.impact.dashboard(w.admin, period)).participation, first.participation);
      });
    });

    test('every kind of change is seen at once: attendance, credits, claims, answers, perspectives', async () => {
      await withWorld(dialect, async (t, w) => {
        const look = () => t.services.impact.dashboard(w.admin, period);
        const before = await look();
        await look();

        const newcomer = await t.services.people.create(w.staff, { fullName: 'New Comer', perspectives: ['carer'] });
        await t.services.meetingRecords.saveAttendance(w.staff, w.meetingId, [
          { personId: newcomer, status: 'present', arrivedAt: '2026-11-03T10:00:00.000Z', leftAt: '2026-11-03T11:00:00.000Z' },
        ]);
        const afterAttendance = await look();
        assert.equal(afterAttendance.participation.everyone.people, before.participation.everyone.people + 1);
        assert.equal(afterAttendance.participation.byGroup['carer'].people, before.participation.byGroup['carer'].people + 1);

        await t.services.people.update(w.staff, newcomer, { fullName: 'New Comer', perspectives: ['draws-on-care'] });
        const afterPerspective = await look();
        assert.equal(afterPerspective.participation.byGroup['carer'].people, before.participation.byGroup['carer'].people);

        await t.services.timebank.creditFromOrganisation(w.staff, { personId: w.mo, minutes: 45, memo: 'Lunch', reference: 'test:later' });
        assert.equal((await look()).rewards.creditMinutes, before.rewards.creditMinutes + 45);

        const report = () => t.services.impact.report(w.admin, { kind: 'project', projectId: w.projectId }, period);
        const planned = (await report()).data.budget?.plannedPence ?? 0;
        await t.services.budgets.setPlanned(w.admin, w.projectId, {
          payments: 60000,
          expenses: 10000,
          venues: 20000,
          interpreters: 0,
          training: 0,
          other: 0,
        });
        assert.equal((await report()).data.budget?.plannedPence, planned + 10000);

        const results = await t.services.reviews.results(w.admin, w.reviewId);
        await t.services.reviews.saveSection(
          w.admin,
          w.reviewId,
          w.mo,
          (['S1', 'S2'] as const).map((code) => ({ code, answer: 1 as const, comment: null })),
          'in-person',
        );
        const rescored = await t.services.reviews.results(w.admin, w.reviewId);
        assert.notDeepEqual(rescored.pieces, results.pieces);
      });
    });

    test('a meeting that starts later is counted once its start has passed, with no change to the data', async () => {
      await withWorld(dialect, async (t, w) => {
        const startsAt = new Date(t.now().getTime() + 60 * 60_000);
        await t.services.meetings.create(w.staff, w.projectId, {
          title: 'Later today',
          purpose: 'Plan',
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 60 * 60_000).toISOString(),
          format: 'in-person',
          venueId: null,
          joiningDetails: null,
          membersOnly: false,
          arrangements: [],
          interpreterLanguages: [],
        });
        const now = await t.services.impact.dashboard(w.admin, period);
        t.clock.now = new Date(startsAt.getTime() + 60_000);
        const later = await t.services.impact.dashboard(w.admin, period);
        assert.equal(later.participation.meetings, now.participation.meetings + 1);
      });
    });

    test('the count of everyone is kept, and counted again when someone joins', async () => {
      await withWorld(dialect, async (t, w, queries) => {
        const before = await t.services.people.count(w.organisationId);
        assert.equal(await cost(queries, () => t.services.people.count(w.organisationId)), 1, 'only the version is read');
        await t.services.people.create(w.staff, { fullName: 'Newly Joined', perspectives: ['community'] });
        assert.equal(await t.services.people.count(w.organisationId), before + 1);
        // A search is never kept: what is typed varies too much to be worth keeping.
        assert.equal(await t.services.people.count(w.organisationId, { name: 'newly' }), 1);
      });
    });

    test('a change made through another worker is seen: the version is in the database', async () => {
      await withWorld(dialect, async (t, w) => {
        const otherWorker = keptFigures({ db: t.database.db, now: t.now });
        const ask = async () =>
          (await otherWorker(w.organisationId, 'balances', () => personBalances(t.database.db, w.organisationId, [w.mo]))).get(w.mo) ?? 0;
        const first = await ask();
        assert.equal(await ask(), first);
        await t.services.timebank.creditFromOrganisation(w.staff, { personId: w.mo, minutes: 30, memo: 'x', reference: 'test:y' });
        assert.equal(await ask(), first + 30);
      });
    });

    test('figures are counted only from tables whose changes move the version on', async () => {
      const counting = new AsyncLocalStorage<true>();
      const read = new Set<string>();
      await withWorld(
        dialect,
        async (t, w) => {
          await t.services.impact.dashboard(w.admin, period);
          await t.services.impact.report(w.admin, { kind: 'project', projectId: w.projectId }, period);
          await t.services.reviews.results(w.admin, w.reviewId);
          await t.services.reviews.cycleHistory(w.organisationId);
          await t.services.timebank.statements.overview(w.organisationId);
          await t.services.learn.progress(w.admin);
          await t.services.todo.forStaff(w.admin);
          await t.services.people.count(w.organisationId);
          await t.services.reviews.cultureEvidence(w.organisationId);
          await t.services.whoIsMissing.figures(w.admin, {
            scope: 'organisation',
            projectId: null,
            from: period.from,
            to: period.to,
            who: 'involved',
            rows: 'ageBand',
            cols: 'sex',
          });
          const tables = await tableNames(t.database.db);
          const watched = await versionedTables(t.database.db);
          const counted = tables.filter((name) => [...read].some((text) => text.includes(`"${name}"`)));
          assert.ok(counted.includes('meeting_attendance') && counted.includes('review_answers') && counted.includes('timebank_entries'));
          assert.deepEqual(
            counted.filter((name) => !watched.includes(name)),
            [],
            'a kept figure reads a table whose changes do not move the version on',
          );
        },
        {
          onQuery: (text) => (counting.getStore() ? read.add(text) : undefined),
          keep: (db, now) => {
            const real = keptFigures({ db, now });
            return (organisationId, key, count, goodUntil) => real(organisationId, key, () => counting.run(true, count), goodUntil);
          },
        },
      );
    });

    if (dialect === 'postgres')
      test('two transactions that change figure tables in turn do not deadlock', { timeout: 20_000 }, async () => {
        await withWorld(dialect, async (t, w) => {
          const db = t.database.db;
          const version = async () =>
            Number(
              (await db.selectFrom('figure_versions').select('version').where('organisation_id', '=', w.organisationId).executeTakeFirst())
                ?.version,
            );
          const before = await version();
          let release!: () => void;
          const released = new Promise<void>((resolve) => (release = resolve));
          let firstWrote!: () => void;
          const wrote = new Promise<void>((resolve) => (firstWrote = resolve));
          // The first changes the meeting, then the attendance the second holds; the second
          // waits to commit until the first is queued behind it. A version bumped at each
          // statement would have the second wait for the first's version lock: a deadlock.
          const first = db.transaction().execute(async (trx) => {
            await trx.updateTable('meetings').set({ title: 'Menu tasting, moved' }).where('id', '=', w.meetingId).execute();
            firstWrote();
            await released;
            await trx.updateTable('meeting_attendance').set({ minutes_present: 100 }).where('meeting_id', '=', w.meetingId).execute();
          });
          const second = db.transaction().execute(async (trx) => {
            await wrote;
            await trx.updateTable('meeting_attendance').set({ minutes_present: 90 }).where('meeting_id', '=', w.meetingId).execute();
            release();
            await new Promise((resolve) => setTimeout(resolve, 200));
          });
          await Promise.all([first, second]);
          assert.equal(await version(), before + 2);
        });
      });
  });
}

async function tableNames(db: Db): Promise<string[]> {
  const rows = isPostgres(db)
    ? (await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(db)).rows
    : (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)).rows;
  return rows.map((r) => r.name);
}

async function versionedTables(db: Db): Promise<string[]> {
  const rows = isPostgres(db)
    ? (
        await sql<{ name: string }>`select distinct c.relname as name from pg_trigger g join pg_class c on c.oid = g.tgrelid
          join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = current_schema() and g.tgname like '%_figure_version%'`.execute(db)
      ).rows
    : (
        await sql<{
          name: string;
        }>`select distinct tbl_name as name from sqlite_master where type = 'trigger' and name like '%_figure_version_%'`.execute(db)
      ).rows;
  return rows.map((r) => r.name);
}
