import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { CompiledQuery, sql } from 'kysely';
import { databaseDialects } from '../../test/helpers/databases.ts';
import { organisationWithAdmin, personWithAccount } from '../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { readsOfPeople, readsLog, type AuditRead } from './audit.ts';

describe('readsOfPeople', () => {
  const viewer = { organisationId: 'org', personId: 'fay' };
  const cases: Array<[string, string[], string[]]> = [
    ['one read for each person', ['eileen', 'mo'], ['eileen', 'mo']],
    ['a person named twice is read once', ['eileen', 'mo', 'eileen'], ['eileen', 'mo']],
    ['the viewer seeing their own is not a look by someone else', ['eileen', 'fay'], ['eileen']],
    ['nobody named, nothing to log', [], []],
  ];
  for (const [name, named, logged] of cases)
    test(name, () =>
      assert.deepEqual(
        readsOfPeople(viewer, 'access-needs', 'viewed-in-access-check', named),
        logged.map((subjectId) => ({ subjectType: 'access-needs', subjectId, action: 'viewed-in-access-check' })),
      ),
    );
});

for (const dialect of databaseDialects()) {
  describe(`the reads log (${dialect})`, () => {
    let t: TestApp;
    afterEach(() => t.close());

    test("writes every read at the clock's now, however many, a thousand rows to an insert", async () => {
      let inserts = 0;
      t = await makeTestApp({ dialect, onQuery: (text) => void (/^insert into "audit_log"/i.test(text) && inserts++) });
      const org = await organisationWithAdmin(t);
      const reads: AuditRead[] = Array.from({ length: 2500 }, (_, i) => ({
        subjectType: 'access-needs',
        subjectId: `person-${i}`,
        action: 'viewed-in-access-check',
      }));
      inserts = 0;
      await readsLog({ db: t.database.db, now: t.now }).record({ organisationId: org.organisationId, personId: org.adminPersonId }, reads);
      assert.equal(inserts, 3);
      const rows = await t.database.db
        .selectFrom('audit_log')
        .select(['at', 'actor_person_id'])
        .where('action', '=', 'viewed-in-access-check')
        .execute();
      assert.equal(rows.length, 2500);
      assert.ok(rows.every((r) => r.at === t.now().toISOString() && r.actor_person_id === org.adminPersonId));
    });

    test("a person's history reads the log through the (organisation, subject, time) index", async () => {
      const seen: string[] = [];
      t = await makeTestApp({ dialect, onQuery: (text) => void seen.push(text) });
      const org = await organisationWithAdmin(t);
      const { personId } = await personWithAccount(t, org.organisationId, { fullName: 'Eileen Murphy' });
      seen.length = 0;
      await t.services.people.history(org.organisationId, personId);
      const history = seen.find((text) => /from "audit_log" as "a"/.test(text) && /"a"."subject_id" in/.test(text));
      assert.ok(history, 'the history query was not seen');
      // Its values: the organisation, the subjects (the person; they have no account), the limit.
      const placeholders = dialect === 'sqlite' ? (history.match(/\?/g) ?? []).length : (history.match(/\$\d+/g) ?? []).length;
      const values = [org.organisationId, ...Array.from({ length: placeholders - 2 }, () => personId), 500];
      const plan = await t.database.db.connection().execute(async (session) => {
        // A few rows make a scan cheapest: take that away, to see which index the planner would use.
        if (dialect === 'postgres') await sql`set enable_seqscan = off`.execute(session);
        const explained = await session.executeQuery(
          CompiledQuery.raw(`${dialect === 'sqlite' ? 'explain query plan' : 'explain'} ${history}`, values),
        );
        return JSON.stringify(explained.rows);
      });
      assert.match(plan, /audit_log_subject_id/);
    });
  });
}
