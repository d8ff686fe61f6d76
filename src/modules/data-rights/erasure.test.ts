import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { sql } from 'kysely';
import { isPostgres, type Db } from '../../db/connection.ts';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { signedInClient, testPassword } from '../../../test/helpers/fixtures.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { mo, setUpDataRightsWorld, type DataRightsWorld } from '../../../test/worlds/data-rights.ts';
import { fieldsOnly } from './erasure.ts';
import { keptWhole } from './person-data-map.ts';

// Erasure on request (UK GDPR Article 17): afterwards nothing in any table of the database,
// nor any file, holds the person's name, email address or phone number; payments, time
// credits, attendance and answers are still counted; the erasure is audited without values.

/** Every row of every table whose text holds one of the needles, searched without the map the erasure uses. */
async function findAnywhere(db: Db, needles: string[]): Promise<string[]> {
  const schema = isPostgres(db) ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s : undefined;
  const found: string[] = [];
  for (const table of await db.introspection.getTables()) {
    // Safeguarding records are kept whole by law (person-data-map.ts): not searched.
    if ((schema && table.schema !== schema) || keptWhole.has(table.name)) continue;
    for (const column of table.columns.filter((c) => /char|text|json|clob/i.test(c.dataType))) {
      for (const needle of needles) {
        const { rows } = await sql<{
          n: number | string;
        }>`select count(*) as n from ${sql.table(table.name)} where lower(${sql.ref(column.name)}) like ${`%${needle.toLowerCase()}%`}`.execute(
          db,
        );
        if (Number(rows[0]?.n) > 0) found.push(`${table.name}.${column.name} holds "${needle}"`);
      }
    }
  }
  return found;
}

const filesHolding = (dir: string, needles: string[]) =>
  fs.existsSync(dir)
    ? fs.readdirSync(dir).filter((f) => {
        const text = fs.readFileSync(path.join(dir, f), 'latin1').toLowerCase();
        return needles.some((n) => text.includes(n.toLowerCase()));
      })
    : [];

for (const dialect of databaseDialects()) {
  describe(`erasing a person (${dialect})`, () => {
    let t: TestApp;
    let w: DataRightsWorld;
    let filesDir: string;
    beforeEach(async () => {
      filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coproduce-erasure-'));
      t = await makeTestApp({ dialect, env: { FILES_DIR: filesDir } });
      w = await setUpDataRightsWorld(t);
    });
    afterEach(async () => {
      await t.close();
      fs.rmSync(filesDir, { recursive: true, force: true });
    });

    const counts = async () => {
      const db = t.database.db;
      const one = async (q: Promise<{ n: number | string } | undefined>) => Number((await q)?.n ?? 0);
      return {
        claims: await one(
          db
            .selectFrom('claims')
            .select((e) => e.fn.countAll<number>().as('n'))
            .where('person_id', '=', w.mo)
            .executeTakeFirst(),
        ),
        paidPence: await one(
          db
            .selectFrom('claims')
            .select((e) => e.fn.sum<number>('amount_pence').as('n'))
            .where('person_id', '=', w.mo)
            .executeTakeFirst(),
        ),
        ledger: await one(
          db
            .selectFrom('timebank_entries')
            .select((e) => e.fn.sum<number>('minutes').as('n'))
            .where('organisation_id', '=', w.organisationId)
            .executeTakeFirst(),
        ),
        moBalance: await one(
          db
            .selectFrom('timebank_entries')
            .innerJoin('timebank_accounts', 'timebank_accounts.id', 'timebank_entries.account_id')
            .select((e) => e.fn.sum<number>('timebank_entries.minutes').as('n'))
            .where('timebank_accounts.person_id', '=', w.mo)
            .executeTakeFirst(),
        ),
        attendance: await one(
          db
            .selectFrom('meeting_attendance')
            .select((e) => e.fn.countAll<number>().as('n'))
            .where('person_id', '=', w.mo)
            .executeTakeFirst(),
        ),
        surveyAnswers: await one(
          db
            .selectFrom('survey_answers')
            .select((e) => e.fn.countAll<number>().as('n'))
            .where('person_id', '=', w.mo)
            .executeTakeFirst(),
        ),
        reviewAnswers: await one(
          db
            .selectFrom('review_answers')
            .select((e) => e.fn.countAll<number>().as('n'))
            .where('person_id', '=', w.mo)
            .executeTakeFirst(),
        ),
      };
    };

    test('afterwards nothing in any table or file holds their name, email or phone, and every total still adds up', async () => {
      const needles = [mo.name, mo.email, mo.mobile, '+447700900456', 'Orchard Row'];
      assert.ok((await findAnywhere(t.database.db, needles)).length > 5, 'the world holds Mo in many places first');
      assert.ok(filesHolding(filesDir, needles).length > 0, 'and in a file');
      const receiptFiles = await t.database.db.selectFrom('claim_receipts').select('stored_name').execute();
      assert.equal(receiptFiles.length, 1);
      const before = await counts();

      const admin = await signedInClient(t, 'admin@northshire.test');
      const plan = await admin.get(`/people/${w.mo}/erase`);
      assert.equal(plan.statusCode, 200);
      assert.match(plan.body, /HMRC expects them kept for about six years/);
      assert.match(plan.body, /Access needs: 1 record/);
      const unconfirmed = await admin.post(`/people/${w.mo}/erase`, {});
      assert.equal(unconfirmed.statusCode, 400);
      assert.match(unconfirmed.body, /Tick the box to say you understand/);
      assert.deepEqual(await findAnywhere(t.database.db, [mo.email]).then((f) => f.length > 0), true, 'nothing erased without the tick');

      const erased = await admin.post(`/people/${w.mo}/erase`, { confirm: 'yes' });
      assert.equal(erased.statusCode, 303);

      assert.deepEqual(await findAnywhere(t.database.db, needles), []);
      assert.deepEqual(filesHolding(filesDir, needles), []);
      for (const { stored_name } of receiptFiles)
        assert.equal(fs.existsSync(path.join(filesDir, stored_name)), false, 'the receipt file is gone');
      assert.equal(fs.existsSync(path.join(filesDir, w.storedName)), false, 'the recording is gone');

      assert.deepEqual(await counts(), before, 'payments, credits, attendance and answers are all still counted');
      assert.equal(before.ledger, 0);
      const person = await t.database.db.selectFrom('people').selectAll().where('id', '=', w.mo).executeTakeFirstOrThrow();
      assert.equal(person.full_name, 'A person who was removed');
      for (const table of [
        'access_needs',
        'benefits_records',
        'accounts',
        'person_perspectives',
        'access_reviews',
        'reward_choices',
      ] as const) {
        const left = await t.database.db.selectFrom(table).select('organisation_id').where('person_id', '=', w.mo).execute();
        assert.equal(left.length, 0, `${table} is empty of them`);
      }
      assert.equal((await t.database.db.selectFrom('stories').select('id').where('teller_person_id', '=', w.mo).execute()).length, 0);

      // The history keeps which fields changed about them, never what they were; the erasure is in it, with nothing erased.
      const history = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'changes', 'actor_person_id'])
        .where('subject_id', '=', w.mo)
        .execute();
      assert.ok(history.length > 2);
      for (const entry of history) assert.doesNotMatch(entry.changes, /"(from|to)"/, `${entry.action} keeps no values`);
      const entry = history.find((h) => h.action === 'erased');
      assert.deepEqual(entry && { changes: entry.changes, by: entry.actor_person_id }, { changes: '[]', by: w.admin.personId });

      // They can no longer sign in, and the page of what is kept shows the erasure.
      const client = new Client(t.app);
      await client.get('/sign-in');
      assert.notEqual((await client.post('/sign-in', { email: mo.email, password: testPassword })).statusCode, 303);
      assert.match((await admin.get(`/people/${w.mo}/erase`)).body, /was erased on/);
      assert.equal((await admin.post(`/people/${w.mo}/erase`, { confirm: 'yes' })).statusCode, 409);
    });

    test('only an admin of their own organisation may erase them, never themself', async () => {
      const { anotherOrganisation } = await import('../../../test/helpers/fixtures.ts');
      void anotherOrganisation;
      const riverside = await signedInClient(t, 'admin@riverside.test');
      assert.equal((await riverside.get(`/people/${w.mo}/erase`)).statusCode, 404);
      await riverside.get('/data-requests');
      assert.equal((await riverside.post(`/people/${w.mo}/erase`, { confirm: 'yes' })).statusCode, 404);
      const fay = await signedInClient(t, 'fay@example.com');
      assert.equal((await fay.get(`/people/${w.mo}/erase`)).statusCode, 403);
      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get(`/people/${w.admin.personId}/erase`);
      assert.equal((await admin.post(`/people/${w.admin.personId}/erase`, { confirm: 'yes' })).statusCode, 409);
      const still = await t.database.db.selectFrom('people').select('full_name').where('id', '=', w.mo).executeTakeFirstOrThrow();
      assert.equal(still.full_name, mo.name);
    });
  });
}

test('an audit entry keeps its field names and loses its values', () => {
  assert.equal(fieldsOnly(JSON.stringify([{ field: 'mobile', from: null, to: '07700900456' }])), '[{"field":"mobile"}]');
  assert.equal(fieldsOnly('[{"field":"email"}]'), '[{"field":"email"}]');
  assert.equal(fieldsOnly('not json'), '[]');
});
