import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { setUpClaimsWorld, type ClaimsWorld } from '../../../test/worlds/claims.ts';

// S2: people who take part are valued and rewarded in the way they choose, and helped to
// stay within their benefits rules. The meeting is on 3 December 2026; the clock moves there.
for (const dialect of databaseDialects()) {
  describe(`claims from attendance and approval (${dialect})`, () => {
    let t: TestApp;
    let w: ClaimsWorld;
    const claimOf = async (personId: string) =>
      t.database.db
        .selectFrom('claims')
        .selectAll()
        .where('person_id', '=', personId)
        .where('meeting_id', '=', w.meetingId)
        .where('split_from_claim_id', 'is', null)
        .executeTakeFirstOrThrow();
    // Fay makes the claims from the meeting's attendance, as the first test does.
    const makeClaims = async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/claims/meetings/${w.meetingId}`);
      assert.equal((await fay.post(`/claims/meetings/${w.meetingId}`)).statusCode, 303);
    };
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      w = await setUpClaimsWorld(t);
    });
    afterEach(() => t.close());

    test('staff see who will get a claim, make them once, and see what was made', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      const meetingPage = await fay.get(`/meetings/${w.meetingId}`);
      assert.match(meetingPage.body, new RegExp(`href="/claims/meetings/${w.meetingId}">Make claims from attendance`));
      const page = await fay.get(`/claims/meetings/${w.meetingId}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Make 5 claims/);
      assert.match(page.body, /Pat Paid is paid staff, so their time is paid through their wages/);
      assert.match(page.body, /Nina Notyet has not chosen how to be rewarded/);
      const [a, b] = await Promise.all([fay.post(`/claims/meetings/${w.meetingId}`), fay.post(`/claims/meetings/${w.meetingId}`)]);
      assert.deepEqual([a.statusCode, b.statusCode], [303, 303]);
      const made = await t.database.db.selectFrom('claims').selectAll().where('meeting_id', '=', w.meetingId).execute();
      assert.equal(made.length, 5);
      const after = await fay.get(`/claims/meetings/${w.meetingId}`);
      assert.doesNotMatch(after.body, /Make \d+ claims?/);
      assert.match(after.body, /Claims made/);

      // Mo: 120 minutes at £15 and 60 minutes' preparation at £10, by bank transfer.
      const mo = await claimOf(w.ids.mo);
      assert.deepEqual(
        [mo.way, mo.minutes, mo.preparation_minutes, mo.amount_pence, mo.status, mo.on_date],
        ['bank-transfer', 120, 60, 4000, 'submitted', '2026-12-03'],
      );
      // Dennis chose £8 an hour: both parts at £8.
      assert.deepEqual([(await claimOf(w.ids.dennis)).way, (await claimOf(w.ids.dennis)).amount_pence], ['lower-amount', 2400]);
      // Sue came late (105 minutes) and takes time credits: no money, the time as credits.
      const sue = await claimOf(w.ids.sue);
      assert.deepEqual([sue.way, sue.amount_pence, sue.credit_minutes], ['time-credits', 0, 105 + 53]);
      const gina = await claimOf(w.ids.gina);
      assert.deepEqual([gina.way, gina.charity, gina.amount_pence], ['donation', 'Northby Food Bank', 4000]);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['on_behalf_of_person_id'])
        .where('subject_type', '=', 'claim')
        .where('action', '=', 'made-from-attendance')
        .execute();
      assert.equal(audit.length, 5);
    });

    test('members cannot make claims from a meeting; another organisation finds nothing', async () => {
      const mo = await signedInClient(t, 'mo@example.com');
      assert.equal((await mo.get(`/claims/meetings/${w.meetingId}`)).statusCode, 403);
      assert.equal((await mo.post(`/claims/meetings/${w.meetingId}`)).statusCode, 403);
      const other = await signedInClient(t, 'admin@riverside.test');
      assert.equal((await other.get(`/claims/meetings/${w.meetingId}`)).statusCode, 404);
      assert.equal((await other.post(`/claims/meetings/${w.meetingId}`)).statusCode, 404);
    });

    test('before approving, staff see the benefits check with a clear warning, and cannot approve past it without saying they talked', async () => {
      await makeClaims();
      const mo = await claimOf(w.ids.mo);
      const admin = await signedInClient(t, 'admin@northshire.test');
      const page = await admin.get(`/claims/${mo.id}/approve`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Paying £40.00 would take Mo Member over a benefits limit/);
      assert.match(page.body, /Universal Credit/);
      assert.match(page.body, /Take part unpaid/);
      assert.match(page.body, /Take time credits instead/);
      // The room before and after the payment, side by side: £30.00 now, £10.00 over after.
      assert.match(page.body, /Room left before this payment/);
      assert.match(page.body, /Room left after this payment/);
      assert.match(page.body, /£30\.00<\/td>\s*<td class="govuk-table__cell govuk-table__cell--numeric">£10\.00 over the limit<\/td>/);
      // £30 limit, nothing earned yet: £30.00 is suggested.
      assert.match(page.body, /name="payAmount"[^>]*value="30.00"/);
      const refused = await admin.post(`/claims/${mo.id}/approve`, {});
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /Tick the box to say you have talked with them/);
      assert.equal((await claimOf(w.ids.mo)).status, 'submitted');
    });

    test('staff pay part and record the rest as volunteering: the time is shared, the money within the limit', async () => {
      await makeClaims();
      const mo = await claimOf(w.ids.mo);
      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get(`/claims/${mo.id}/approve`);
      const tooMuch = await admin.post(`/claims/${mo.id}/approve-part`, { payAmount: '40', restAs: 'volunteer' });
      assert.equal(tooMuch.statusCode, 400);
      assert.match(tooMuch.body, /less than the full amount/);
      assert.match(tooMuch.body, /value="40"/);
      const res = await admin.post(`/claims/${mo.id}/approve-part`, { payAmount: '30.00', restAs: 'volunteer' });
      assert.equal(res.statusCode, 303);
      const paid = await claimOf(w.ids.mo);
      assert.deepEqual(
        [paid.status, paid.amount_pence, paid.minutes, paid.preparation_minutes, paid.approved_by],
        ['approved', 3000, 90, 45, w.adminPersonId],
      );
      const rest = await t.database.db.selectFrom('claims').selectAll().where('split_from_claim_id', '=', mo.id).executeTakeFirstOrThrow();
      assert.deepEqual(
        [rest.way, rest.amount_pence, rest.minutes + rest.preparation_minutes, rest.status],
        ['volunteer', 0, 45, 'approved'],
      );
      // Now Mo has earned £30 of the £30 limit: the next payment would go over.
      const check = await t.services.claimWorkflow.forApproval(w.admin, (await claimOf(w.ids.gina)).id);
      assert.equal(check.check, null, 'Gina has no benefits recorded');
    });

    test('changing a payment to time credits, then approving, credits the time bank once', async () => {
      await makeClaims();
      const dennis = await claimOf(w.ids.dennis);
      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get(`/claims/${dennis.id}/approve`);
      assert.equal((await admin.post(`/claims/${dennis.id}/change-way`, { way: 'time-credits' })).statusCode, 303);
      const changed = await claimOf(w.ids.dennis);
      assert.deepEqual([changed.way, changed.amount_pence, changed.credit_minutes], ['time-credits', 0, 180]);
      await admin.get(`/claims/${dennis.id}/approve`);
      assert.equal((await admin.post(`/claims/${dennis.id}/approve`, {})).statusCode, 303);
      assert.equal(await t.services.timebank.statements.balanceOf(w.organisationId, w.ids.dennis), 180);
      const sue = await claimOf(w.ids.sue);
      await admin.get(`/claims/${sue.id}/approve`);
      assert.equal((await admin.post(`/claims/${sue.id}/approve`, {})).statusCode, 303);
      assert.equal(await t.services.timebank.statements.balanceOf(w.organisationId, w.ids.sue), 158);
      // Approving again is refused and credits nothing more.
      assert.equal((await admin.post(`/claims/${sue.id}/approve`, {})).statusCode, 409);
      assert.equal(await t.services.timebank.statements.balanceOf(w.organisationId, w.ids.sue), 158);
    });

    test('nobody approves their own claim: a facilitator and a member both get 403', async () => {
      await makeClaims();
      const fayClaim = await claimOf(w.ids.fay);
      const fay = await signedInClient(t, 'fay@example.com');
      assert.equal((await fay.get(`/claims/${fayClaim.id}/approve`)).statusCode, 403);
      await fay.get(`/claims/${fayClaim.id}`);
      assert.equal((await fay.post(`/claims/${fayClaim.id}/approve`, {})).statusCode, 403);
      assert.equal((await fay.post(`/claims/${fayClaim.id}/reject`, { reason: 'no' })).statusCode, 403);
      assert.match((await fay.get(`/claims/${fayClaim.id}`)).body, /Someone else must approve it/);
      const mo = await signedInClient(t, 'mo@example.com');
      const moClaim = await claimOf(w.ids.mo);
      await mo.get(`/claims/${moClaim.id}`);
      assert.equal((await mo.post(`/claims/${moClaim.id}/approve`, {})).statusCode, 403);
      assert.equal((await mo.get(`/claims/${moClaim.id}/approve`)).statusCode, 403);
      assert.equal((await claimOf(w.ids.fay)).status, 'submitted');
      // Another member of staff can.
      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get(`/claims/${fayClaim.id}/approve`);
      assert.equal((await admin.post(`/claims/${fayClaim.id}/approve`, {})).statusCode, 303);
    });

    test('a rejection needs a reason, and the person sees it in plain words', async () => {
      await makeClaims();
      const gina = await claimOf(w.ids.gina);
      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get(`/claims/${gina.id}/approve`);
      const empty = await admin.post(`/claims/${gina.id}/reject`, { reason: '' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /Say why you are rejecting it/);
      assert.equal((await admin.post(`/claims/${gina.id}/reject`, { reason: 'Gina was at another meeting that day.' })).statusCode, 303);
      assert.equal((await claimOf(w.ids.gina)).rejection_reason, 'Gina was at another meeting that day.');
    });

    test('a form without its CSRF token changes nothing', async () => {
      // Fay's claim is made and approved by someone else.
      await makeClaims();
      const fayClaim = await claimOf(w.ids.fay);
      assert.ok((await t.services.claimWorkflow.approve(w.admin, fayClaim.id, { confirmedOverLimit: false })).ok);
      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get(`/claims/${fayClaim.id}`);
      assert.equal((await admin.post(`/claims/${fayClaim.id}/paid`, { paymentReference: 'BACS-1' }, { csrf: null })).statusCode, 403);
      assert.equal((await claimOf(w.ids.fay)).status, 'approved');
    });
  });

  describe(`other organisations (${dialect})`, () => {
    let t: TestApp;
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
    });
    afterEach(() => t.close());

    test("another organisation cannot see or change this organisation's claims, receipts or budgets", async () => {
      const org = await organisationWithAdmin(t);
      await anotherOrganisation(t);
      const staff = { organisationId: org.organisationId, personId: org.adminPersonId };
      const { personId } = await personWithAccount(
        t,
        org.organisationId,
        { fullName: 'Mo Member', perspectives: ['draws-on-care'] },
        { email: 'mo@example.com', role: 'member' },
      );
      const projectId = await t.services.projects.create(staff, {
        title: 'Lunches',
        purpose: 'Menus',
        activities: ['co-design'],
        levelAim: 'intermediate',
        stage: 'designing',
        startDate: '2026-11-01',
      });
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get('/my-claims/expenses/new');
      const made = await mo.post('/my-claims/expenses/new', {
        type: 'taxi',
        amount: '12.00',
        'onDate-day': '20',
        'onDate-month': '11',
        'onDate-year': '2026',
      });
      assert.equal(made.statusCode, 303);
      const claimId = String(made.headers.location).split('/').pop()!;
      const other = await signedInClient(t, 'admin@riverside.test');
      for (const url of [
        `/claims/${claimId}`,
        `/claims/${claimId}/approve`,
        `/claims/${claimId}/adjust`,
        `/claims/${claimId}/edit`,
        `/projects/${projectId}/budget`,
        `/claims/statement?personId=${personId}`,
      ]) {
        assert.equal((await other.get(url)).statusCode, 404, url);
      }
      await other.get('/claims');
      for (const url of [
        `/claims/${claimId}/approve`,
        `/claims/${claimId}/reject`,
        `/claims/${claimId}/paid`,
        `/claims/${claimId}/submit`,
        `/projects/${projectId}/budget/plan`,
      ]) {
        assert.equal((await other.post(url, { reason: 'x', paymentReference: 'x' })).statusCode, 404, url);
      }
      assert.equal((await other.get('/claims/not-a-uuid')).statusCode, 404);
      const row = await t.database.db.selectFrom('claims').select('status').where('id', '=', claimId).executeTakeFirstOrThrow();
      assert.equal(row.status, 'submitted');
    });
  });
}
