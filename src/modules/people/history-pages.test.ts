import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { setUpClaimsWorld, type ClaimsWorld } from '../../../test/worlds/claims.ts';
import { compareKeys, type HistoryKey } from '../../platform/history-window.ts';
import { newId } from '../../platform/ids.ts';
import type { Client } from '../../../test/helpers/browser-like-client.ts';

// Issue 14: a person's history is paged, 50 lines at a time, newest first, and nothing is
// dropped or shown twice, however many times their record was looked at.

/** The table's rows as text, cell by cell. */
function rowsOf(html: string): string[] {
  const body = /<tbody class="govuk-table__body">([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)]
      .map((cell) =>
        cell[1]!
          .replace(/<[^>]+>/g, '')
          .replace(/&amp;/g, '&')
          .replace(/\s+/g, ' ')
          .trim(),
      )
      .join(' | '),
  );
}

const linkTo = (html: string, rel: 'next' | 'prev') =>
  new RegExp(`<a[^>]*href="([^"]+)"[^>]*rel="${rel}"`).exec(html)?.[1]?.replace(/&amp;/g, '&') ?? null;

for (const dialect of databaseDialects()) {
  describe(`a person's history, a page at a time (${dialect})`, () => {
    let t: TestApp;
    let w: ClaimsWorld;
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      w = await setUpClaimsWorld(t);
    });
    afterEach(() => t.close());

    const minutesAgo = (base: Date, minutes: number) => new Date(base.getTime() - minutes * 60_000).toISOString();

    /** Mo's history: 110 looks at their record, 20 time credits (some at the same moment as a look), 6 claims. */
    async function moWithALongHistory() {
      const base = t.now();
      const marked = new Map<string, HistoryKey>();
      const looks = Array.from({ length: 110 }, (_, i) => {
        // Every tenth look is at the very moment of a time credit: the page boundary must not split them wrongly.
        const at = i % 10 === 0 ? minutesAgo(base, 30 + (i / 10) * 7) : minutesAgo(base, 200 + i * 3);
        return { id: newId(), at, marker: `Look${i}` };
      });
      await t.database.db
        .insertInto('audit_log')
        .values(
          looks.map((l) => ({
            id: l.id,
            organisation_id: w.admin.organisationId,
            at: l.at,
            actor_person_id: w.admin.personId,
            on_behalf_of_person_id: null,
            subject_type: 'person',
            subject_id: w.ids.mo,
            action: 'viewed-in-access-check',
            changes: JSON.stringify([{ field: l.marker.toLowerCase() }]),
          })),
        )
        .execute();
      for (const l of looks) marked.set(l.marker, { at: l.at, source: 'audit', id: l.id });
      const staff = { organisationId: w.admin.organisationId, personId: w.admin.personId };
      for (let i = 0; i < 20; i++) {
        const at = i < 10 ? minutesAgo(base, 30 + i * 7) : minutesAgo(base, 500 + i * 11);
        t.clock.now = new Date(at);
        const memo = `Credit${i}`;
        await t.services.timebank.creditFromOrganisation(staff, { personId: w.ids.mo, minutes: 30 + i, memo, reference: `history:${i}` });
        const tx = await t.database.db.selectFrom('timebank_transactions').select('id').where('memo', '=', memo).executeTakeFirstOrThrow();
        marked.set(memo, { at, source: 'timebank', id: tx.id });
      }
      const mo = { ...w.admin, accountId: 'x', personId: w.ids.mo, role: 'member' as const, name: 'Mo Member' };
      for (let i = 0; i < 6; i++) {
        t.clock.now = new Date(minutesAgo(base, 100 + i * 13));
        const made = await t.services.claims.addExpense(mo, {
          personId: w.ids.mo,
          type: 'public-transport',
          onDate: `2026-11-0${i + 1}`,
          amountPence: 300 + i,
          mileTenths: null,
          projectId: null,
          note: null,
          submit: true,
        });
        assert.ok(made.ok);
      }
      t.clock.now = base;
      return marked;
    }

    /** How many lines Mo's history has, counted in the database's own tables. */
    async function linesInTheDatabase() {
      const db = t.database.db;
      const accounts = (await db.selectFrom('accounts').select('id').where('person_id', '=', w.ids.mo).execute()).map((a) => a.id);
      const own = await db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('subject_id', 'in', [w.ids.mo, ...accounts])
        .executeTakeFirstOrThrow();
      const claims = await db
        .selectFrom('audit_log as a')
        .innerJoin('claims as c', 'c.id', 'a.subject_id')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('a.subject_type', '=', 'claim')
        .where('c.person_id', '=', w.ids.mo)
        .executeTakeFirstOrThrow();
      const credits = await db
        .selectFrom('timebank_entries as e')
        .innerJoin('timebank_accounts as a', 'a.id', 'e.account_id')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('a.person_id', '=', w.ids.mo)
        .executeTakeFirstOrThrow();
      return { total: Number(own.n) + Number(claims.n) + Number(credits.n), claims: Number(claims.n) };
    }

    const markerOf = (row: string) => /\b(Look\d+|Credit\d+)\b/.exec(row)?.[1] ?? null;

    test('walking the pages shows every line once, newest first, and walking back shows the same pages', async () => {
      const marked = await moWithALongHistory();
      const counted = await linesInTheDatabase();
      assert.ok(counted.total >= 130, `${counted.total} lines`);
      assert.ok(counted.claims >= 6, 'claims are part of the history');
      const admin = await signedInClient(t, 'admin@northshire.test');
      const pages: string[][] = [];
      let href: string | null = `/people/${w.ids.mo}/history`;
      while (href) {
        const page = await admin.get(href);
        assert.equal(page.statusCode, 200, href);
        const rows = rowsOf(page.body);
        assert.ok(rows.length > 0 && rows.length <= 50, `${rows.length} rows on ${href}`);
        if (pages.length === 0) assert.equal(linkTo(page.body, 'prev'), null, 'the newest page has no newer page');
        else assert.ok(linkTo(page.body, 'prev'), 'a later page links to newer changes');
        pages.push(rows);
        href = linkTo(page.body, 'next');
        assert.ok(pages.length < 10, 'the pages come to an end');
      }
      assert.equal(pages.length, Math.ceil(counted.total / 50));
      const all = pages.flat();
      assert.equal(all.length, counted.total, 'every line is shown');
      // The lines we marked appear once each, in the history's order (time, then source, then id).
      const shown = all.map(markerOf).filter((m): m is string => m !== null);
      assert.equal(new Set(shown).size, shown.length, 'no marked line twice');
      const expected = [...marked.entries()].sort((a, b) => compareKeys(a[1], b[1])).map(([m]) => m);
      assert.deepEqual(shown, expected);
      assert.equal(all.filter((r) => /Expense: Made and sent for approval/.test(r)).length, counted.claims, 'each claim is shown once');

      // Back from the last page, by the newer links: the same pages again.
      let last = await admin.get(`/people/${w.ids.mo}/history`);
      for (let i = 1; i < pages.length; i++) last = await admin.get(linkTo(last.body, 'next')!);
      for (let i = pages.length - 2; i >= 0; i--) {
        last = await admin.get(linkTo(last.body, 'prev')!);
        assert.deepEqual(rowsOf(last.body), pages[i], `page ${i + 1} going back`);
      }
      assert.equal(linkTo(last.body, 'prev'), null);
    });

    test('another organisation cannot read the history, on any page; a made-up key is the newest page', async () => {
      await moWithALongHistory();
      const admin = await signedInClient(t, 'admin@northshire.test');
      const first = await admin.get(`/people/${w.ids.mo}/history`);
      const second = linkTo(first.body, 'next')!;
      const riverside: Client = await signedInClient(t, 'admin@riverside.test');
      assert.equal((await riverside.get(`/people/${w.ids.mo}/history`)).statusCode, 404);
      const other = await riverside.get(second);
      assert.equal(other.statusCode, 404);
      assert.doesNotMatch(other.body, /Look\d|Credit\d/);
      const madeUp = await admin.get(`/people/${w.ids.mo}/history?before=not-a-key`);
      assert.equal(madeUp.statusCode, 200);
      assert.deepEqual(rowsOf(madeUp.body), rowsOf(first.body));
    });
  });
}
