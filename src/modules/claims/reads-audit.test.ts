import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { setUpClaimsWorld, type ClaimsWorld } from '../../../test/worlds/claims.ts';

// Audit and privacy: a person's benefits on the approval page, the finance files and the
// receipts are sensitive, so each read is in the audit log: who, when, what, about whom.
const pdf = { name: 'bus ticket.pdf', type: 'application/pdf', content: '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n' };

for (const dialect of databaseDialects()) {
  describe(`reads of claims' sensitive data are audited (${dialect})`, () => {
    let t: TestApp;
    let w: ClaimsWorld;
    let filesDir: string;
    const log = (action: string) =>
      t.database.db
        .selectFrom('audit_log')
        .select(['organisation_id', 'actor_person_id', 'subject_type', 'subject_id', 'changes', 'at'])
        .where('action', '=', action)
        .execute();
    const everything = async () => (await t.database.db.selectFrom('audit_log').select('id').execute()).length;
    const claimOf = (personId: string) =>
      t.database.db
        .selectFrom('claims')
        .select(['id'])
        .where('person_id', '=', personId)
        .where('meeting_id', '=', w.meetingId)
        .executeTakeFirstOrThrow();

    beforeEach(async () => {
      filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coproduce-reads-'));
      t = await makeTestApp({ dialect, env: { FILES_DIR: filesDir } });
      w = await setUpClaimsWorld(t);
      await t.services.meetingClaims.makeFromAttendance(w.admin, w.meetingId);
    });
    afterEach(async () => {
      await t.close();
      fs.rmSync(filesDir, { recursive: true, force: true });
    });

    test("the approval page logs whose benefits it showed, and the person's history says so", async () => {
      const mo = await claimOf(w.ids.mo);
      const admin = await signedInClient(t, 'admin@northshire.test');
      const page = await admin.get(`/claims/${mo.id}/approve`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Universal Credit/);
      assert.deepEqual(await log('viewed-for-claim'), [
        {
          organisation_id: w.organisationId,
          actor_person_id: w.adminPersonId,
          subject_type: 'benefits',
          subject_id: w.ids.mo,
          changes: '[]',
          at: t.now().toISOString(),
        },
      ]);
      // Dennis has no benefits recorded: his approval page shows none, and logs none.
      assert.equal((await admin.get(`/claims/${(await claimOf(w.ids.dennis)).id}/approve`)).statusCode, 200);
      assert.equal((await log('viewed-for-claim')).length, 1);

      const history = await admin.get(`/people/${w.ids.mo}/history`);
      assert.match(history.body, /Benefits: Seen while deciding on a payment/);
    });

    test('another organisation cannot open the approval page and writes nothing', async () => {
      const mo = await claimOf(w.ids.mo);
      const before = await everything();
      const other = await signedInClient(t, 'admin@riverside.test');
      assert.equal((await other.get(`/claims/${mo.id}/approve`)).statusCode, 404);
      const member = await signedInClient(t, 'mo@example.com');
      assert.equal((await member.get(`/claims/${mo.id}/approve`)).statusCode, 403);
      assert.equal(await everything(), before);
    });

    test('a finance file logs who took it, for which dates and how many rows', async () => {
      for (const p of ['mo', 'dennis'] as const)
        assert.ok((await t.services.claimWorkflow.approve(w.admin, (await claimOf(w.ids[p])).id, { confirmedOverLimit: true })).ok);
      const admin = await signedInClient(t, 'admin@northshire.test');
      const csv = await admin.get('/claims/export.csv?from=2026-12-01&to=2026-12-31');
      assert.equal(csv.statusCode, 200);
      assert.match(csv.body, /Mo Member/);
      t.clock.now = new Date(t.now().getTime() + 60_000);
      assert.equal((await admin.get('/claims/export.xlsx?from=2026-12-01&to=2026-12-02')).statusCode, 200);
      const rows = await log('finance-exported');
      const entry = (kind: string, from: string, to: string, count: number, at: string) => ({
        organisation_id: w.organisationId,
        actor_person_id: w.adminPersonId,
        subject_type: 'organisation',
        subject_id: w.organisationId,
        changes: JSON.stringify([
          { field: 'format', to: kind },
          { field: 'from', to: from },
          { field: 'to', to },
          { field: 'rows', to: count },
        ]),
        at,
      });
      const first = new Date(t.now().getTime() - 60_000).toISOString();
      assert.deepEqual(
        rows.sort((a, b) => a.at.localeCompare(b.at)),
        [entry('csv', '2026-12-01', '2026-12-31', 2, first), entry('xlsx', '2026-12-01', '2026-12-02', 0, t.now().toISOString())],
      );
    });

    test("a member cannot take the finance file; another organisation's file holds only its own and is logged there", async () => {
      assert.ok((await t.services.claimWorkflow.approve(w.admin, (await claimOf(w.ids.mo)).id, { confirmedOverLimit: true })).ok);
      const before = await everything();
      const member = await signedInClient(t, 'mo@example.com');
      assert.equal((await member.get('/claims/export.csv?from=2026-12-01&to=2026-12-31')).statusCode, 403);
      assert.equal(await everything(), before);
      const other = await signedInClient(t, 'admin@riverside.test');
      const theirs = await other.get('/claims/export.csv?from=2026-12-01&to=2026-12-31');
      assert.equal(theirs.statusCode, 200);
      assert.doesNotMatch(theirs.body, /Mo Member/);
      const [entry, ...more] = await log('finance-exported');
      assert.equal(more.length, 0);
      assert.notEqual(entry!.organisation_id, w.organisationId);
      assert.match(entry!.changes, /"field":"rows","to":0/);
    });

    test('a receipt download logs which receipt of which claim, and shows in the history; a missing file or another organisation logs nothing', async () => {
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get('/my-claims/expenses/new');
      const sent = await mo.upload('/my-claims/expenses/new', 'receipt', pdf, {
        type: 'public-transport',
        amount: '4.80',
        'onDate-day': '3',
        'onDate-month': '12',
        'onDate-year': '2026',
        submit: 'yes',
      });
      assert.equal(sent.statusCode, 303);
      const receipt = await t.database.db
        .selectFrom('claim_receipts')
        .select(['id', 'claim_id', 'stored_name'])
        .where('organisation_id', '=', w.organisationId)
        .executeTakeFirstOrThrow();
      const url = `/claims/${receipt.claim_id}/receipts/${receipt.id}`;

      const before = await everything();
      const other = await signedInClient(t, 'admin@riverside.test');
      assert.equal((await other.get(url)).statusCode, 404);
      assert.equal(await everything(), before);

      const fay = await signedInClient(t, 'fay@example.com');
      const file = await fay.get(url);
      assert.equal(file.statusCode, 200);
      assert.match(file.body, /%PDF/);
      assert.deepEqual(await log('receipt-downloaded'), [
        {
          organisation_id: w.organisationId,
          actor_person_id: w.ids.fay,
          subject_type: 'claim',
          subject_id: receipt.claim_id,
          changes: JSON.stringify([{ field: 'receipt', to: receipt.id }]),
          at: t.now().toISOString(),
        },
      ]);
      const admin = await signedInClient(t, 'admin@northshire.test');
      assert.match((await admin.get(`/people/${w.ids.mo}/history`)).body, /Expense: Receipt downloaded/);

      // The file has gone from the store: "not found", and nobody is logged as taking it.
      fs.rmSync(path.join(filesDir, receipt.stored_name), { force: true });
      assert.equal((await fay.get(url)).statusCode, 404);
      assert.equal((await log('receipt-downloaded')).length, 1);
    });

    test("staff reading someone's statement is logged on their history; the person reading their own is not", async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      assert.equal((await fay.get(`/claims/statement?personId=${w.ids.sue}&from=2026-12-01&to=2026-12-31`)).statusCode, 200);
      const [read, ...more] = await log('viewed-statement');
      assert.equal(more.length, 0);
      assert.deepEqual([read!.actor_person_id, read!.subject_type, read!.subject_id], [w.ids.fay, 'rewards', w.ids.sue]);
      const mo = await signedInClient(t, 'mo@example.com');
      assert.equal((await mo.get('/my-claims/statement?from=2026-12-01&to=2026-12-31')).statusCode, 200);
      assert.equal((await log('viewed-statement')).length, 1);
      const admin = await signedInClient(t, 'admin@northshire.test');
      assert.match((await admin.get(`/people/${w.ids.sue}/history`)).body, /Statement of payments and time looked at/);
    });
  });
}
