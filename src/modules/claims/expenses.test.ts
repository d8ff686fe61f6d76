import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { setUpClaimsWorld, type ClaimsWorld } from '../../../test/worlds/claims.ts';
import type { ExpenseType } from './vocabulary.ts';

const pdf = { name: 'bus ticket.pdf', type: 'application/pdf', content: '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n' };
const on = (day: string, month = '12', year = '2026') => ({ 'onDate-day': day, 'onDate-month': month, 'onDate-year': year });
const idFrom = (location: unknown) => String(location).split('/').pop()!;

// S2: expenses are paid back, kept apart from payments; rural journeys are just journeys.
for (const dialect of databaseDialects()) {
  describe(`expenses, receipts and corrections (${dialect})`, () => {
    let t: TestApp;
    let w: ClaimsWorld;
    const row = (id: string) => t.database.db.selectFrom('claims').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    beforeEach(async () => {
      t = await makeTestApp({ dialect, env: { MAX_UPLOAD_MB: '1' } });
      w = await setUpClaimsWorld(t);
    });
    afterEach(() => t.close());
    // Mo sends an expense for 3 December.
    const moSends = async (type: ExpenseType, amountPence: number) => {
      const mo = { ...w.admin, accountId: 'x', personId: w.ids.mo, role: 'member' as const, name: 'Mo Member' };
      const made = await t.services.claims.addExpense(mo, {
        personId: w.ids.mo,
        type,
        onDate: '2026-12-03',
        amountPence,
        mileTenths: null,
        projectId: null,
        note: null,
        submit: true,
      });
      assert.ok(made.ok);
      return made.id;
    };
    // Mo's bus fare, waiting for approval.
    const busFareWaiting = () => moSends('public-transport', 1850);
    // Mo's childcare, £24, approved by the admin.
    const childcareApproved = async () => {
      const id = await moSends('childcare', 2400);
      assert.ok((await t.services.claimWorkflow.approve(w.admin, id, { confirmedOverLimit: false })).ok);
      return id;
    };

    test('a member claims back a bus fare with a receipt, checked by its bytes not its name', async () => {
      const mo = await signedInClient(t, 'mo@example.com');
      const mine = await mo.get('/my-claims');
      assert.equal(mine.statusCode, 200);
      assert.match(mine.body, /href="\/my-claims"[^>]*>\s*(<strong[^>]*>)?My payments/);
      await mo.get('/my-claims/expenses/new');
      const fake = await mo.upload(
        '/my-claims/expenses/new',
        'receipt',
        { name: 'ticket.pdf', type: 'application/pdf', content: 'not really a pdf' },
        { type: 'public-transport', amount: '18.50', ...on('3') },
      );
      assert.equal(fake.statusCode, 400);
      assert.match(fake.body, /The file must be a PDF or a photo/);
      assert.match(fake.body, /value="18.50"/);
      assert.equal(
        (await t.database.db.selectFrom('claims').select('id').where('person_id', '=', w.ids.mo).where('kind', '=', 'expense').execute())
          .length,
        0,
      );
      // Over MAX_UPLOAD_MB (1 here): an error on the form, what was typed kept, nothing saved.
      const big = { ...pdf, name: 'scan.pdf', content: pdf.content + ' '.repeat(1024 * 1024) };
      const tooBig = await mo.upload('/my-claims/expenses/new', 'receipt', big, {
        type: 'public-transport',
        amount: '18.50',
        note: 'Bus to Northby and back',
        ...on('3'),
      });
      assert.equal(tooBig.statusCode, 400);
      assert.match(tooBig.body, /The file is too big/);
      assert.match(tooBig.body, /value="18.50"/);
      assert.match(tooBig.body, /Bus to Northby and back/);
      assert.equal(
        (await t.database.db.selectFrom('claims').select('id').where('person_id', '=', w.ids.mo).where('kind', '=', 'expense').execute())
          .length,
        0,
      );
      const res = await mo.upload('/my-claims/expenses/new', 'receipt', pdf, {
        type: 'public-transport',
        amount: '18.50',
        note: 'Bus to Northby and back',
        ...on('3'),
      });
      assert.equal(res.statusCode, 303);
      const id = idFrom(res.headers.location);
      const saved = await row(id);
      assert.deepEqual(
        [saved.kind, saved.category, saved.amount_pence, saved.status, saved.created_by],
        ['expense', 'public-transport', 1850, 'submitted', w.ids.mo],
      );
      const page = await mo.get(`/claims/${id}`);
      assert.match(page.body, /We are checking it/);
      assert.match(page.body, /bus ticket.pdf/);
      const receipt = await t.database.db.selectFrom('claim_receipts').selectAll().where('claim_id', '=', id).executeTakeFirstOrThrow();
      const download = await mo.get(`/claims/${id}/receipts/${receipt.id}`);
      assert.equal(download.statusCode, 200);
      assert.match(String(download.headers['content-disposition']), /attachment; filename="bus ticket.pdf"/);
      const len = await signedInClient(t, 'len@example.com');
      assert.equal((await len.get(`/claims/${id}/receipts/${receipt.id}`)).statusCode, 404);
      assert.equal((await len.get(`/claims/${id}`)).statusCode, 404);
    });

    test('mileage is the miles times the policy rate on the day, however far', async () => {
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get('/my-claims/expenses/new');
      const near = await mo.post('/my-claims/expenses/new', { type: 'mileage', miles: '23.5', ...on('3') });
      assert.equal(near.statusCode, 303);
      assert.equal((await row(idFrom(near.headers.location))).amount_pence, 1058);
      await mo.get('/my-claims/expenses/new');
      const rural = await mo.post('/my-claims/expenses/new', { type: 'mileage', miles: '180', ...on('3') });
      const far = await row(idFrom(rural.headers.location));
      assert.deepEqual([far.amount_pence, far.mile_tenths, far.rate_pence], [8100, 1800, 45]);
      await mo.get('/my-claims/expenses/new');
      const bad = await mo.post('/my-claims/expenses/new', { type: 'mileage', miles: 'far', amount: '', ...on('31', '2') });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter the miles as a number/);
      assert.match(bad.body, /Enter a real date/);
      assert.match(bad.body, /value="far"/);
      const missing = await mo.post('/my-claims/expenses/new', { amount: '1,000', ...on('3') });
      assert.match(missing.body, /Choose what you spent money on/);
    });

    test('a draft can be changed and sent; once sent the member cannot change it, and nothing is changed after approval', async () => {
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get('/my-claims/expenses/new');
      const draft = await mo.post('/my-claims/expenses/new', { type: 'childcare', amount: '20', ...on('3'), send: 'draft' });
      const id = idFrom(draft.headers.location);
      assert.equal((await row(id)).status, 'draft');
      await mo.get(`/claims/${id}/edit`);
      assert.equal((await mo.post(`/claims/${id}/edit`, { type: 'childcare', amount: '24.00', ...on('3') })).statusCode, 303);
      assert.equal((await row(id)).amount_pence, 2400);
      await mo.get(`/claims/${id}`);
      assert.equal((await mo.post(`/claims/${id}/submit`)).statusCode, 303);
      assert.equal((await mo.post(`/claims/${id}/edit`, { type: 'childcare', amount: '99', ...on('3') })).statusCode, 409);

      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get(`/claims/${id}/approve`);
      assert.equal((await admin.post(`/claims/${id}/approve`, {})).statusCode, 303);
      await admin.get(`/claims/${id}`);
      assert.equal((await admin.post(`/claims/${id}/edit`, { type: 'childcare', amount: '99', ...on('3') })).statusCode, 409);
      assert.equal((await admin.get(`/claims/${id}/edit`)).statusCode, 404);
      assert.equal((await admin.upload(`/claims/${id}/receipts`, 'receipt', pdf)).statusCode, 409);
      assert.equal((await admin.post(`/claims/${id}/submit`)).statusCode, 409);
      assert.equal((await admin.post(`/claims/${id}/change-way`, { way: 'volunteer' })).statusCode, 409);
      const after = await row(id);
      assert.deepEqual([after.amount_pence, after.status], [2400, 'approved']);
      assert.doesNotMatch((await admin.get(`/claims/${id}`)).body, /Change this expense/);
    });

    test('a correction is a new entry, linked to the first, approved by someone else, never below nothing', async () => {
      await busFareWaiting();
      await childcareApproved();
      const original = await t.database.db.selectFrom('claims').selectAll().where('category', '=', 'childcare').executeTakeFirstOrThrow();
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/claims/${original.id}/adjust`);
      const tooMuch = await fay.post(`/claims/${original.id}/adjust`, { direction: 'less', amount: '30', reason: 'Wrong amount' });
      assert.equal(tooMuch.statusCode, 400);
      assert.match(tooMuch.body, /cannot come to less than £0/);
      const noReason = await fay.post(`/claims/${original.id}/adjust`, { direction: 'less', amount: '4' });
      assert.match(noReason.body, /Say why it needs correcting/);
      const res = await fay.post(`/claims/${original.id}/adjust`, { direction: 'less', amount: '4.00', reason: 'The receipt says £20' });
      assert.equal(res.statusCode, 303);
      const correction = await row(idFrom(res.headers.location));
      assert.deepEqual(
        [correction.corrects_claim_id, correction.amount_pence, correction.status, correction.kind],
        [original.id, -400, 'submitted', 'expense'],
      );
      assert.equal((await row(original.id)).amount_pence, 2400);
      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get(`/claims/${correction.id}/approve`);
      assert.equal((await admin.post(`/claims/${correction.id}/approve`, {})).statusCode, 303);
      assert.match((await admin.get(`/claims/${original.id}`)).body, /Corrections/);
      // A claim not yet approved is put right by changing it, not by a correction.
      const waiting = await t.database.db
        .selectFrom('claims')
        .select('id')
        .where('category', '=', 'public-transport')
        .executeTakeFirstOrThrow();
      assert.equal((await admin.post(`/claims/${waiting.id}/adjust`, { direction: 'more', amount: '1', reason: 'x' })).statusCode, 409);
    });

    test('staff record payment with the finance reference; a member cannot', async () => {
      await childcareApproved();
      const original = await t.database.db
        .selectFrom('claims')
        .selectAll()
        .where('category', '=', 'childcare')
        .where('corrects_claim_id', 'is', null)
        .executeTakeFirstOrThrow();
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get(`/claims/${original.id}`);
      assert.equal((await mo.post(`/claims/${original.id}/paid`, { paymentReference: 'x' })).statusCode, 403);
      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get(`/claims/${original.id}`);
      const empty = await admin.post(`/claims/${original.id}/paid`, { paymentReference: ' ' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /Enter the payment reference/);
      assert.equal((await admin.post(`/claims/${original.id}/paid`, { paymentReference: 'BACS 20261205-17' })).statusCode, 303);
      assert.match((await mo.get(`/claims/${original.id}`)).body, /payment reference BACS 20261205-17/);
    });

    test('staff add expenses for people who do not sign in, recorded as on their behalf', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get('/claims/expenses/new');
      const noPerson = await fay.post('/claims/expenses/new', { type: 'taxi', amount: '31.20', ...on('3') });
      assert.equal(noPerson.statusCode, 400);
      assert.match(noPerson.body, /Choose who this is for/);
      const res = await fay.post('/claims/expenses/new', {
        personId: w.ids.dennis,
        type: 'taxi',
        amount: '31.20',
        ...on('3'),
        projectId: w.projectId,
        send: 'draft',
      });
      assert.equal(res.statusCode, 303);
      const id = idFrom(res.headers.location);
      await fay.get(`/claims/${id}`);
      assert.equal((await fay.post(`/claims/${id}/submit`)).statusCode, 303);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'actor_person_id', 'on_behalf_of_person_id'])
        .where('subject_id', '=', id)
        .orderBy('at')
        .execute();
      assert.deepEqual(
        audit.map((a) => [a.action, a.actor_person_id, a.on_behalf_of_person_id]),
        [
          ['created', w.ids.fay, w.ids.dennis],
          ['submitted', w.ids.fay, w.ids.dennis],
        ],
      );
    });

    test("staff enter time given by hand at the rate of the day, in the person's way; paid staff and days with no policy are refused", async () => {
      const admin = await signedInClient(t, 'admin@northshire.test');
      const form = await admin.get('/claims/new');
      assert.equal(form.statusCode, 200);
      const base = { activity: 'training', 'duration-hours': '1', 'duration-minutes': '30', ...on('30', '11') };
      const res = await admin.post('/claims/new', { ...base, personId: w.ids.dennis });
      assert.equal(res.statusCode, 303);
      const claim = await row(idFrom(res.headers.location));
      // Dennis chose £8 an hour, less than the £12 training rate.
      assert.deepEqual(
        [claim.category, claim.minutes, claim.rate_pence, claim.amount_pence, claim.way, claim.status],
        ['training', 90, 800, 1200, 'lower-amount', 'submitted'],
      );
      const paidStaff = await admin.post('/claims/new', { ...base, personId: w.ids.pat });
      assert.equal(paidStaff.statusCode, 400);
      assert.match(paidStaff.body, /paid staff/);
      const noPolicy = await admin.post('/claims/new', { ...base, personId: w.ids.mo, ...on('1', '1', '2025') });
      assert.match(noPolicy.body, /There is no payment policy for this date/);
      const blank = await admin.post('/claims/new', { personId: w.ids.mo, 'duration-hours': 'two' });
      for (const m of [/Choose what they did/, /Enter the date/, /Enter the hours and minutes as numbers/]) assert.match(blank.body, m);
      assert.match(blank.body, /value="two"/);
      const mo = await signedInClient(t, 'mo@example.com');
      assert.equal((await mo.get('/claims/new')).statusCode, 403);
      assert.equal((await mo.post('/claims/new', { ...base, personId: w.ids.mo })).statusCode, 403);
    });

    test('receipts are added to and taken from a draft; a file that is not a receipt is refused on the claim page', async () => {
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get('/my-claims/expenses/new');
      const id = idFrom(
        (await mo.post('/my-claims/expenses/new', { type: 'internet-phone', amount: '5', ...on('3'), send: 'draft' })).headers.location,
      );
      await mo.get(`/claims/${id}`);
      const wrong = await mo.upload(`/claims/${id}/receipts`, 'receipt', { name: 'notes.txt', type: 'text/plain', content: 'hello' });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /The file must be a PDF or a photo/);
      assert.equal((await mo.upload(`/claims/${id}/receipts`, 'receipt', pdf)).statusCode, 303);
      const receipt = await t.database.db.selectFrom('claim_receipts').select('id').where('claim_id', '=', id).executeTakeFirstOrThrow();
      const len = await signedInClient(t, 'len@example.com');
      await len.get('/my-claims');
      assert.equal((await len.post(`/claims/${id}/receipts/${receipt.id}/remove`)).statusCode, 404);
      await mo.get(`/claims/${id}`);
      assert.equal((await mo.post(`/claims/${id}/receipts/${receipt.id}/remove`)).statusCode, 303);
      assert.equal((await t.database.db.selectFrom('claim_receipts').select('id').where('claim_id', '=', id).execute()).length, 0);
    });

    test('staff see every claim, and can show only those waiting for approval', async () => {
      await busFareWaiting();
      await childcareApproved();
      const fay = await signedInClient(t, 'fay@example.com');
      const all = await fay.get('/claims');
      assert.equal(all.statusCode, 200);
      assert.match(all.body, /Mo Member/);
      assert.match(all.body, /govuk-tag--turquoise/, 'the approved claim is in the full list');
      const waiting = await fay.get('/claims?status=submitted');
      assert.match(waiting.body, /<caption[^>]*>Waiting for approval<\/caption>/);
      assert.doesNotMatch(waiting.body, /govuk-tag--turquoise/);
      assert.equal((await fay.get('/claims?status=nonsense')).statusCode, 200);
    });

    test('members reach only their own pages: not the claims list, staff forms, exports or statements of others', async () => {
      const len = await signedInClient(t, 'len@example.com');
      for (const url of [
        '/claims',
        '/claims/expenses/new',
        '/claims/export',
        '/claims/export.csv',
        `/claims/statement?personId=${w.ids.mo}`,
      ]) {
        assert.equal((await len.get(url)).statusCode, 403, url);
      }
      assert.doesNotMatch((await len.get('/')).body, /href="\/claims"/);
    });
  });
}
