import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp, datesWrittenFor } from '../../../test/helpers/test-app.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';

// S2: each person chooses how they are rewarded; benefits are kept only with consent.
// The test clock says 23 November 2026.
for (const dialect of databaseDialects()) {
  describe(`how each person is rewarded, and their benefits (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    const ids: Record<string, string> = {};
    const audit = (action: string, subjectId: string) =>
      t.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('subject_type', '=', 'benefits')
        .where('action', '=', action)
        .where('subject_id', '=', subjectId)
        .execute();
    beforeEach(async () => {
      t = await makeTestApp({ dialect, startAt: datesWrittenFor });
      org = await organisationWithAdmin(t);
      await anotherOrganisation(t);
      ids.fay = (
        await personWithAccount(
          t,
          org.organisationId,
          { fullName: 'Fay Facilitator', perspectives: ['practitioner'] },
          { email: 'fay@example.com', role: 'facilitator' },
        )
      ).personId;
      ids.mo = (
        await personWithAccount(
          t,
          org.organisationId,
          { fullName: 'Mo Member', perspectives: ['draws-on-care'] },
          { email: 'mo@example.com', role: 'member' },
        )
      ).personId;
      ids.sue = (await personWithAccount(t, org.organisationId, { fullName: 'Sue Carer', perspectives: ['carer'] })).personId;
    });
    afterEach(() => t.close());
    const actorFor = (personId: string) => ({ organisationId: org.organisationId, personId });
    // Mo's first choice, made on 23 November.
    const moChoosesLowerAmount = () =>
      t.services.rewards.chooseReward(actorFor(ids.mo!), ids.mo!, { way: 'lower-amount', lowerAmountPence: 500, charity: null });
    // Mo's latest choice, and benefits kept with Mo's consent.
    const moChoosesVouchersAndKeepsBenefits = async () => {
      await t.services.rewards.chooseReward(actorFor(ids.mo!), ids.mo!, { way: 'voucher', lowerAmountPence: null, charity: null });
      await t.services.rewards.saveBenefits(actorFor(ids.mo!), ids.mo!, true, {
        universalCredit: null,
        esaPermittedWork: true,
        other: null,
      });
    };
    // Fay records, for Sue, time credits.
    const sueGetsTimeCredits = () =>
      t.services.rewards.chooseReward(
        actorFor(ids.fay!),
        ids.sue!,
        { way: 'time-credits', lowerAmountPence: null, charity: null },
        ids.sue!,
      );
    // Fay keeps Sue's benefits, with Sue's consent.
    const sueBenefitsKept = () =>
      t.services.rewards.saveBenefits(actorFor(ids.fay!), ids.sue!, true, {
        universalCredit: { assessmentStartDay: 31 },
        esaPermittedWork: true,
        other: 'Carers Allowance',
      });

    test('a member finds their page from their details, and chooses a lower amount', async () => {
      const mo = await signedInClient(t, 'mo@example.com');
      assert.match(
        (await mo.get(`/people/${ids.mo}`)).body,
        new RegExp(`href="/people/${ids.mo}/reward">How you are rewarded, and your benefits`),
      );
      const short = await mo.get('/reward');
      assert.equal(short.statusCode, 303);
      assert.equal(short.headers.location, `/people/${ids.mo}/reward`);
      const page = await mo.get(`/people/${ids.mo}/reward`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /How you are rewarded/);
      assert.match(page.body, /Not chosen yet/);
      await mo.get(`/people/${ids.mo}/reward/change`);
      const res = await mo.post(`/people/${ids.mo}/reward/change`, { way: 'lower-amount', lowerAmount: '£5' });
      assert.equal(res.statusCode, 303);
      const after = await mo.get(`/people/${ids.mo}/reward`);
      assert.match(after.body, /A lower amount of money: £5.00 an hour. Since 23 November 2026/);
      assert.deepEqual(await t.services.rewards.rewardChoiceOn(org.organisationId, ids.mo!, '2026-11-23'), {
        way: 'lower-amount',
        lowerAmountPence: 500,
        charity: null,
        since: '2026-11-23',
      });
      // Work done before the first choice (a first meeting, say) follows that first choice.
      assert.deepEqual(await t.services.rewards.rewardChoiceOn(org.organisationId, ids.mo!, '2026-11-22'), {
        way: 'lower-amount',
        lowerAmountPence: 500,
        charity: null,
        since: '2026-11-23',
      });
      assert.equal((await t.services.rewards.rewardChoiceOn(org.organisationId, ids.sue!, '2026-11-22')).way, 'not-chosen');
    });

    test('they can change their mind; the history keeps each choice and the latest wins', async () => {
      await moChoosesLowerAmount();
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get(`/people/${ids.mo}/reward/change`);
      assert.equal(
        (await mo.post(`/people/${ids.mo}/reward/change`, { way: 'donation', charity: 'Northby Food Bank', lowerAmount: '5.00' }))
          .statusCode,
        303,
      );
      // Nine days later: a new session, as the old one has timed out.
      t.clock.now = new Date('2026-12-02T10:00:00Z');
      const later = await signedInClient(t, 'mo@example.com');
      await later.get(`/people/${ids.mo}/reward/change`);
      assert.equal((await later.post(`/people/${ids.mo}/reward/change`, { way: 'voucher' })).statusCode, 303);
      const rewards = t.services.rewards;
      assert.equal((await rewards.rewardChoiceOn(org.organisationId, ids.mo!, '2026-11-30')).charity, 'Northby Food Bank');
      assert.deepEqual(await rewards.rewardChoiceOn(org.organisationId, ids.mo!, '2026-12-02'), {
        way: 'voucher',
        lowerAmountPence: null,
        charity: null,
        since: '2026-12-02',
      });
      const page = await later.get(`/people/${ids.mo}/reward`);
      assert.match(page.body, /Vouchers. Since 2 December 2026/);
      assert.match(page.body, /Earlier choices/);
      assert.match(page.body, /Payment given to a charity: Northby Food Bank/);
      assert.match(page.body, /A lower amount of money: £5.00 an hour/);
      assert.equal((await rewards.rewardChoices(org.organisationId, ids.mo!)).length, 3);
    });

    test('bad input keeps what was typed and saves nothing', async () => {
      const before = (await t.services.rewards.rewardChoices(org.organisationId, ids.mo!)).length;
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get(`/people/${ids.mo}/reward/change`);
      const tooPrecise = await mo.post(`/people/${ids.mo}/reward/change`, { way: 'lower-amount', lowerAmount: '12.345' });
      assert.equal(tooPrecise.statusCode, 400);
      assert.match(tooPrecise.body, /no more than 2 numbers after the point/);
      assert.match(tooPrecise.body, /value="12.345"/);
      assert.match(tooPrecise.body, /value="lower-amount" checked/);
      const zero = await mo.post(`/people/${ids.mo}/reward/change`, { way: 'lower-amount', lowerAmount: '0' });
      assert.match(zero.body, /To be paid nothing, choose volunteering/);
      const noCharity = await mo.post(`/people/${ids.mo}/reward/change`, { way: 'donation', charity: '  ' });
      assert.match(noCharity.body, /Enter the name of the charity/);
      const nothing = await mo.post(`/people/${ids.mo}/reward/change`, {});
      assert.match(nothing.body, /Choose how to be rewarded/);
      const made = await mo.post(`/people/${ids.mo}/reward/change`, { way: 'bitcoin' });
      assert.equal(made.statusCode, 400);
      assert.equal((await t.services.rewards.rewardChoices(org.organisationId, ids.mo!)).length, before);
    });

    test('staff record a choice for someone who does not sign in, and say they acted for them', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      const page = await fay.get(`/people/${ids.sue}/reward`);
      assert.match(page.body, /How Sue Carer is rewarded/);
      await fay.get(`/people/${ids.sue}/reward/change`);
      assert.equal((await fay.post(`/people/${ids.sue}/reward/change`, { way: 'time-credits', onBehalf: 'yes' })).statusCode, 303);
      const entry = await t.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('subject_type', '=', 'rewards')
        .where('subject_id', '=', ids.sue!)
        .executeTakeFirstOrThrow();
      assert.equal(entry.on_behalf_of_person_id, ids.sue);
      assert.equal(entry.actor_person_id, ids.fay);
      assert.match((await fay.get(`/people/${ids.sue}/reward`)).body, /Time credits. Since 23 November 2026/);
      // Staff who take part as part of their job choose not to be paid again.
      await fay.get(`/people/${ids.fay}/reward/change`);
      assert.equal((await fay.post(`/people/${ids.fay}/reward/change`, { way: 'paid-staff' })).statusCode, 303);
      assert.equal((await t.services.rewards.rewardChoiceOn(org.organisationId, ids.fay!, '2026-11-23')).way, 'paid-staff');
    });

    test('benefits are kept only with consent; each look by staff is logged with field names only', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/people/${ids.sue}/benefits/change`);
      const noConsent = await fay.post(`/people/${ids.sue}/benefits/change`, { consent: 'no', benefits: 'esa-permitted-work' });
      assert.equal(noConsent.statusCode, 400);
      assert.match(noConsent.body, /We can only keep benefits if they agree/);
      const noDay = await fay.post(`/people/${ids.sue}/benefits/change`, {
        consent: 'yes',
        benefits: ['universal-credit', 'other'],
        assessmentDay: '32',
        otherBenefit: '',
      });
      assert.equal(noDay.statusCode, 400);
      assert.match(noDay.body, /a number from 1 to 31/);
      assert.match(noDay.body, /Enter which other benefit/);
      assert.match(noDay.body, /value="32"/);
      assert.match(noDay.body, /value="universal-credit" checked/);
      const none = await fay.post(`/people/${ids.sue}/benefits/change`, { consent: 'yes' });
      assert.match(none.body, /Tick the benefits they get/);
      assert.equal(await t.database.db.selectFrom('benefits_records').select('person_id').executeTakeFirst(), undefined);

      const ok = await fay.post(`/people/${ids.sue}/benefits/change`, {
        consent: 'yes',
        benefits: ['universal-credit', 'esa-permitted-work', 'other'],
        assessmentDay: '31',
        otherBenefit: 'Carers Allowance',
      });
      assert.equal(ok.statusCode, 303);
      const page = await fay.get(`/people/${ids.sue}/benefits`);
      assert.match(page.body, /Universal Credit, assessment period starts on day 31 of each month/);
      assert.match(page.body, /Carers Allowance \(not checked against any limit\)/);
      assert.match(page.body, /Agreed to keep this on 23 November 2026. Recorded by Fay Facilitator/);
      assert.match(page.body, /never tells anyone what their benefits will be/);
      assert.match(page.body, /citizensadvice.org.uk\/benefits\//);
      const saved = await audit('consent-given', ids.sue!);
      assert.equal(saved.length, 1);
      assert.doesNotMatch(saved[0]!.changes, /Carers|31/);
      assert.match(saved[0]!.changes, /assessmentStartDay/);
      assert.ok((await audit('viewed', ids.sue!)).length >= 1);
    });

    test('a member sees and changes only their own benefits; their own looks are not logged', async () => {
      await sueGetsTimeCredits();
      await sueBenefitsKept();
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get(`/people/${ids.mo}/benefits/change`);
      assert.equal(
        (await mo.post(`/people/${ids.mo}/benefits/change`, { consent: 'yes', benefits: 'esa-permitted-work' })).statusCode,
        303,
      );
      assert.match((await mo.get(`/people/${ids.mo}/benefits`)).body, /Employment and Support Allowance \(ESA\), doing permitted work/);
      assert.equal((await audit('viewed', ids.mo!)).length, 0);
      for (const path of ['/reward', '/reward/change', '/benefits', '/benefits/change']) {
        assert.equal((await mo.get(`/people/${ids.sue}${path}`)).statusCode, 403, path);
      }
      await mo.get(`/people/${ids.mo}/reward`);
      assert.equal((await mo.post(`/people/${ids.sue}/reward/change`, { way: 'voucher' })).statusCode, 403);
      assert.equal((await mo.post(`/people/${ids.sue}/benefits/change`, { consent: 'no' })).statusCode, 403);
      assert.notEqual(
        await t.database.db.selectFrom('benefits_records').select('person_id').where('person_id', '=', ids.sue!).executeTakeFirst(),
        undefined,
      );
      assert.equal((await t.services.rewards.rewardChoiceOn(org.organisationId, ids.sue!, '2026-11-23')).way, 'time-credits');
    });

    test('the benefits check for a payment: null without consent, not logged as a look', async () => {
      await sueBenefitsKept();
      const staff = { organisationId: org.organisationId, personId: org.adminPersonId };
      await t.services.rewards.addLimit(staff, { kind: 'universal-credit', effectiveFrom: '2026-04-06', limitPence: 40_000 });
      await t.services.rewards.addLimit(staff, { kind: 'esa-permitted-work', effectiveFrom: '2026-04-06', limitPence: 20_000 });
      const looks = (await audit('viewed', ids.sue!)).length;
      const asked: Array<[string, string]> = [];
      const earned = async (from: string, to: string) => {
        asked.push([from, to]);
        return from === '2026-10-31' ? 39_000 : 0;
      };
      const check = await t.services.rewards.benefitsCheck(
        org.organisationId,
        ids.sue!,
        { amountPence: 1_500, on: '2026-11-23', method: 'bank-transfer' },
        earned,
      );
      assert.deepEqual(asked, [
        ['2026-10-31', '2026-11-29'],
        ['2026-11-23', '2026-11-29'],
      ]);
      assert.deepEqual(
        check!.lines.map((l) => [l.kind, l.earnedWithPaymentPence, l.limitPence, l.wouldGoOver]),
        [
          ['universal-credit', 40_500, 40_000, true],
          ['esa-permitted-work', 1_500, 20_000, false],
        ],
      );
      assert.equal(check!.other, 'Carers Allowance');
      assert.equal((await audit('viewed', ids.sue!)).length, looks);
      assert.equal(
        await t.services.rewards.benefitsCheck(
          org.organisationId,
          ids.fay!,
          { amountPence: 1, on: '2026-11-23', method: 'voucher' },
          earned,
        ),
        null,
      );
      // Another organisation's check on this person finds nothing.
      const rita = await t.database.db
        .selectFrom('accounts')
        .select('organisation_id')
        .where('email', '=', 'admin@riverside.test')
        .executeTakeFirstOrThrow();
      assert.equal(
        await t.services.rewards.benefitsCheck(
          rita.organisation_id,
          ids.sue!,
          { amountPence: 1, on: '2026-11-23', method: 'voucher' },
          earned,
        ),
        null,
      );
    });

    test('"No" deletes everything that was kept', async () => {
      await sueBenefitsKept();
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/people/${ids.sue}/benefits/change`);
      assert.equal((await fay.post(`/people/${ids.sue}/benefits/change`, { consent: 'no', onBehalf: 'yes' })).statusCode, 303);
      assert.equal(
        await t.database.db.selectFrom('benefits_records').select('person_id').where('person_id', '=', ids.sue!).executeTakeFirst(),
        undefined,
      );
      assert.match((await fay.get(`/people/${ids.sue}/benefits`)).body, /Nothing is recorded/);
      assert.equal((await audit('consent-withdrawn', ids.sue!)).length, 1);
    });

    test("another organisation cannot see or change this organisation's people", async () => {
      await moChoosesVouchersAndKeepsBenefits();
      const rita = await signedInClient(t, 'admin@riverside.test');
      for (const path of ['/reward', '/reward/change', '/benefits', '/benefits/change']) {
        assert.equal((await rita.get(`/people/${ids.mo}${path}`)).statusCode, 404, path);
      }
      await rita.get('/reward');
      assert.equal((await rita.post(`/people/${ids.mo}/reward/change`, { way: 'volunteer' })).statusCode, 404);
      assert.equal((await rita.post(`/people/${ids.mo}/benefits/change`, { consent: 'no' })).statusCode, 404);
      assert.equal((await t.services.rewards.rewardChoiceOn(org.organisationId, ids.mo!, '2026-12-31')).way, 'voucher');
      assert.notEqual(
        await t.database.db.selectFrom('benefits_records').select('person_id').where('person_id', '=', ids.mo!).executeTakeFirst(),
        undefined,
      );
      assert.equal((await rita.get('/people/not-a-uuid/reward')).statusCode, 404);
    });

    test('a form without its CSRF token changes nothing', async () => {
      await moChoosesVouchersAndKeepsBenefits();
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get(`/people/${ids.mo}/reward/change`);
      assert.equal((await mo.post(`/people/${ids.mo}/reward/change`, { way: 'volunteer' }, { csrf: null })).statusCode, 403);
      assert.equal((await mo.post(`/people/${ids.mo}/benefits/change`, { consent: 'no' }, { csrf: null })).statusCode, 403);
      assert.equal((await t.services.rewards.rewardChoiceOn(org.organisationId, ids.mo!, '2026-12-31')).way, 'voucher');
      assert.notEqual(
        await t.database.db.selectFrom('benefits_records').select('person_id').where('person_id', '=', ids.mo!).executeTakeFirst(),
        undefined,
      );
    });
  });
}
