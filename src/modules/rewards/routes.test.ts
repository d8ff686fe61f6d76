import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp, datesWrittenFor } from '../../../test/helpers/test-app.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';

// S2, S3: the organisation's payment policy and benefits limits. The test clock says 23 November 2026.
const policyForm = (from: [string, string, string], overrides: Record<string, string> = {}) => ({
  'effectiveFrom-day': from[0],
  'effectiveFrom-month': from[1],
  'effectiveFrom-year': from[2],
  'rates-meeting': '£15.00',
  'rates-preparation': '15',
  'rates-training': '12.50',
  'rates-recruitment-panel': '20',
  'rates-consultation': '15',
  'rates-peer-support': '13',
  'rates-other': '0',
  preparation: 'per-meeting-hour',
  preparationMinutes: '30',
  mileage: '0.45',
  ...overrides,
});

for (const dialect of databaseDialects()) {
  describe(`payment policy and benefits limits (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    const count = async (table: 'payment_policies' | 'benefit_limits') =>
      (await t.database.db.selectFrom(table).select('id').execute()).length;
    beforeEach(async () => {
      t = await makeTestApp({ dialect, startAt: datesWrittenFor });
      org = await organisationWithAdmin(t);
      await anotherOrganisation(t);
      await personWithAccount(t, org.organisationId, { fullName: 'Fay Facilitator' }, { email: 'fay@example.com', role: 'facilitator' });
      await personWithAccount(
        t,
        org.organisationId,
        { fullName: 'Mo Member', perspectives: ['draws-on-care'] },
        { email: 'mo@example.com', role: 'member' },
      );
    });
    afterEach(() => t.close());

    /** The admin adds the first version of the policy: from 1 April 2026, £15.00 for a meeting. */
    const addFirstPolicy = async () => {
      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get('/rewards/policy/new');
      assert.equal((await admin.post('/rewards/policy/new', policyForm(['1', '4', '2026']))).statusCode, 303);
    };
    /** The admin adds a later version: from 1 April 2027, £16.00 for a meeting and 45 minutes of preparation. */
    const addNextYearsPolicy = async () => {
      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get('/rewards/policy/new');
      const res = await admin.post(
        '/rewards/policy/new',
        policyForm(['1', '4', '2027'], { 'rates-meeting': '16.00', preparation: 'fixed', preparationMinutes: '45' }),
      );
      assert.equal(res.statusCode, 303);
    };
    /** The admin adds two benefits limits from 6 April 2026: ESA permitted work £200, Universal Credit £411. */
    const addBenefitsLimits = async () => {
      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get('/rewards/benefits/limits/new');
      for (const [kind, limit] of [
        ['esa-permitted-work', '£200'],
        ['universal-credit', '411'],
      ]) {
        const res = await admin.post('/rewards/benefits/limits/new', {
          kind,
          'effectiveFrom-day': '6',
          'effectiveFrom-month': '4',
          'effectiveFrom-year': '2026',
          limit,
        });
        assert.equal(res.statusCode, 303, kind);
      }
    };
    /** The admin decides that vouchers do not count as earnings. */
    const vouchersDoNotCount = async () => {
      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get('/rewards/benefits');
      assert.equal((await admin.post('/rewards/benefits/vouchers', { vouchersCount: 'no' })).statusCode, 303);
    };

    test('staff find Payments in the menu and a landing page; members do not', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      const home = await fay.get('/');
      assert.match(home.body, /href="\/rewards"[^>]*>\s*Payments/);
      const landing = await fay.get('/rewards');
      assert.equal(landing.statusCode, 200);
      assert.match(landing.body, /href="\/rewards\/policy"/);
      assert.match(landing.body, /href="\/rewards\/benefits"/);
      assert.match(landing.body, /href="\/claims"/);
      assert.match(landing.body, /There is no payment policy yet/);
      const mo = await signedInClient(t, 'mo@example.com');
      assert.doesNotMatch((await mo.get('/')).body, /href="\/rewards"/);
    });

    test('an admin adds the first version; its rates are shown in pounds and pence', async () => {
      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get('/rewards/policy/new');
      const res = await admin.post('/rewards/policy/new', policyForm(['1', '4', '2026']));
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/rewards/policy');
      const page = await admin.get('/rewards/policy');
      assert.match(page.body, /The new version of the payment policy is saved/);
      assert.match(page.body, /In force today/);
      assert.match(page.body, /From 1 April 2026/);
      assert.match(page.body, /Training\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*£12.50/);
      assert.match(page.body, /30 minutes of preparation for every hour of a meeting/);
      assert.match(page.body, /£0.45 a mile/);
      const policy = await t.services.rewards.policyOn(org.organisationId, '2026-11-23');
      assert.deepEqual(policy?.rates, {
        meeting: 1500,
        preparation: 1500,
        training: 1250,
        'recruitment-panel': 2000,
        consultation: 1500,
        'peer-support': 1300,
        other: 0,
      });
      assert.deepEqual(policy?.preparation, { kind: 'per-meeting-hour', minutes: 30 });
      assert.equal(policy?.mileagePencePerMile, 45);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('subject_type', '=', 'rewards')
        .where('action', '=', 'policy-added')
        .execute();
      assert.equal(audit.length, 1);
    });

    test('bad input keeps what was typed and saves nothing', async () => {
      const admin = await signedInClient(t, 'admin@northshire.test');
      const before = await count('payment_policies');
      await admin.get('/rewards/policy/new');
      const res = await admin.post(
        '/rewards/policy/new',
        policyForm(['31', '2', '2027'], {
          'rates-meeting': '12.345',
          'rates-training': '1,000.00',
          'rates-consultation': '-1',
          'rates-other': '',
          mileage: '£',
          preparation: 'fixed',
          preparationMinutes: 'ten',
        }),
      );
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /There is a problem/);
      assert.match(res.body, /Enter a real date/);
      assert.match(res.body, /no more than 2 numbers after the point/);
      assert.match(res.body, /without commas/);
      assert.match(res.body, /Enter an amount of £0 or more/);
      assert.match(res.body, /Enter how much an hour is paid/);
      assert.match(res.body, /Enter an amount in pounds and pence, like 12.50/);
      assert.match(res.body, /a whole number from 1 to 600/);
      assert.match(res.body, /href="#rates-meeting"/);
      assert.match(res.body, /value="12.345"/);
      assert.match(res.body, /value="1,000.00"/);
      assert.match(res.body, /name="effectiveFrom-day" type="text" value="31"/);
      assert.match(res.body, /value="fixed" checked/);
      assert.equal(await count('payment_policies'), before);
    });

    test('a version cannot start on the same day as another; a new one never changes the old', async () => {
      await addFirstPolicy();
      const admin = await signedInClient(t, 'admin@northshire.test');
      const first = await t.database.db.selectFrom('payment_policies').selectAll().executeTakeFirstOrThrow();
      await admin.get('/rewards/policy/new');
      const taken = await admin.post('/rewards/policy/new', policyForm(['1', '4', '2026'], { 'rates-meeting': '16' }));
      assert.equal(taken.statusCode, 400);
      assert.match(taken.body, /Another version already starts on this date/);
      assert.match(taken.body, /value="16"/);
      const ok = await admin.post(
        '/rewards/policy/new',
        policyForm(['1', '4', '2027'], { 'rates-meeting': '16.00', preparation: 'fixed', preparationMinutes: '45' }),
      );
      assert.equal(ok.statusCode, 303);
      assert.deepEqual(
        await t.database.db.selectFrom('payment_policies').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow(),
        first,
      );
      // The day before and the day a change starts.
      const rewards = t.services.rewards;
      assert.equal(await rewards.policyOn(org.organisationId, '2026-03-31'), null);
      assert.equal((await rewards.policyOn(org.organisationId, '2026-04-01'))?.rates.meeting, 1500);
      assert.equal((await rewards.policyOn(org.organisationId, '2027-03-31'))?.rates.meeting, 1500);
      const next = await rewards.policyOn(org.organisationId, '2027-04-01');
      assert.equal(next?.rates.meeting, 1600);
      assert.deepEqual(next?.preparation, { kind: 'fixed', minutes: 45 });
      assert.equal(rewards.preparationMinutes(next!, 90), 45);
      const page = await admin.get('/rewards/policy');
      assert.match(page.body, /Starting later/);
      assert.match(page.body, /From 1 April 2027/);
    });

    test('facilitators read the policy but cannot change it; members cannot see it', async () => {
      await addFirstPolicy();
      const before = await count('payment_policies');
      const fay = await signedInClient(t, 'fay@example.com');
      const page = await fay.get('/rewards/policy');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /£15.00/);
      assert.doesNotMatch(page.body, /Add a new version/);
      assert.equal((await fay.get('/rewards/policy/new')).statusCode, 403);
      assert.equal((await fay.post('/rewards/policy/new', policyForm(['1', '5', '2027']))).statusCode, 403);
      const mo = await signedInClient(t, 'mo@example.com');
      for (const path of ['/rewards', '/rewards/policy', '/rewards/policy/new', '/rewards/benefits', '/rewards/benefits/limits/new'])
        assert.equal((await mo.get(path)).statusCode, 403, path);
      await mo.get('/');
      assert.equal((await mo.post('/rewards/policy/new', policyForm(['1', '6', '2027']))).statusCode, 403);
      assert.equal(await count('payment_policies'), before);
      assert.equal((await new Client(t.app).get('/rewards/policy')).statusCode, 303);
    });

    test('an admin adds benefits limits from a date; bad input and same-day limits save nothing', async () => {
      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get('/rewards/benefits/limits/new');
      const bad = await admin.post('/rewards/benefits/limits/new', {
        kind: '',
        'effectiveFrom-day': '6',
        'effectiveFrom-month': '4',
        'effectiveFrom-year': '2026',
        limit: '200.001',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Choose which benefit this limit is for/);
      assert.match(bad.body, /value="200.001"/);
      assert.equal(await count('benefit_limits'), 0);
      const ok = await admin.post('/rewards/benefits/limits/new', {
        kind: 'esa-permitted-work',
        'effectiveFrom-day': '6',
        'effectiveFrom-month': '4',
        'effectiveFrom-year': '2026',
        limit: '£200',
      });
      assert.equal(ok.statusCode, 303);
      const again = await admin.post('/rewards/benefits/limits/new', {
        kind: 'esa-permitted-work',
        'effectiveFrom-day': '6',
        'effectiveFrom-month': '4',
        'effectiveFrom-year': '2026',
        limit: '210',
      });
      assert.equal(again.statusCode, 400);
      assert.match(again.body, /already starts on this date/);
      await admin.post('/rewards/benefits/limits/new', {
        kind: 'universal-credit',
        'effectiveFrom-day': '6',
        'effectiveFrom-month': '4',
        'effectiveFrom-year': '2026',
        limit: '411',
      });
      const page = await admin.get('/rewards/benefits');
      assert.match(page.body, /£200.00/);
      assert.match(page.body, /£411.00/);
      assert.match(page.body, /In force today/);
      assert.match(page.body, /never tells anyone what their benefits will be/);
      assert.match(page.body, /href="https:\/\/www.citizensadvice.org.uk\/benefits\/"/);
      assert.match(page.body, /href="https:\/\/www.disabilityrightsuk.org\/resources\/factsheets"/);
      assert.deepEqual((await t.services.rewards.limits(org.organisationId)).map((l) => [l.kind, l.limitPence]).sort(), [
        ['esa-permitted-work', 20_000],
        ['universal-credit', 41_100],
      ]);
    });

    test('only admins decide whether vouchers count as earnings; the careful answer is the default', async () => {
      await addBenefitsLimits();
      assert.equal(await t.services.rewards.vouchersCountAsEarnings(org.organisationId), true);
      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get('/rewards/benefits');
      const missing = await admin.post('/rewards/benefits/vouchers', {});
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /Choose whether vouchers count as earnings/);
      assert.equal((await admin.post('/rewards/benefits/vouchers', { vouchersCount: 'no' })).statusCode, 303);
      assert.equal(await t.services.rewards.vouchersCountAsEarnings(org.organisationId), false);
      const fay = await signedInClient(t, 'fay@example.com');
      const page = await fay.get('/rewards/benefits');
      assert.match(page.body, /Vouchers do not count as earnings/);
      assert.doesNotMatch(page.body, /Add an earnings limit/);
      assert.equal((await fay.post('/rewards/benefits/vouchers', { vouchersCount: 'yes' })).statusCode, 403);
      assert.equal(
        (
          await fay.post('/rewards/benefits/limits/new', {
            kind: 'universal-credit',
            'effectiveFrom-day': '1',
            'effectiveFrom-month': '5',
            'effectiveFrom-year': '2027',
            limit: '1',
          })
        ).statusCode,
        403,
      );
      assert.equal(await t.services.rewards.vouchersCountAsEarnings(org.organisationId), false);
      assert.equal(await count('benefit_limits'), 2);
    });

    test("another organisation sees none of this organisation's policy or limits", async () => {
      await addFirstPolicy();
      await addNextYearsPolicy();
      await addBenefitsLimits();
      const rita = await signedInClient(t, 'admin@riverside.test');
      const page = await rita.get('/rewards/policy');
      assert.match(page.body, /There is no payment policy yet/);
      assert.doesNotMatch(page.body, /£15.00/);
      assert.doesNotMatch((await rita.get('/rewards/benefits')).body, /£200.00/);
      await rita.get('/rewards/policy/new');
      assert.equal((await rita.post('/rewards/policy/new', policyForm(['1', '4', '2026']))).statusCode, 303);
      assert.equal((await t.services.rewards.policies(org.organisationId)).length, 2);
    });

    test('a form without its CSRF token changes nothing', async () => {
      await addFirstPolicy();
      await addNextYearsPolicy();
      await vouchersDoNotCount();
      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get('/rewards/policy/new');
      assert.equal((await admin.post('/rewards/policy/new', policyForm(['1', '9', '2027']), { csrf: null })).statusCode, 403);
      assert.equal((await admin.post('/rewards/benefits/vouchers', { vouchersCount: 'yes' }, { csrf: null })).statusCode, 403);
      assert.equal((await t.services.rewards.policies(org.organisationId)).length, 2);
      assert.equal(await t.services.rewards.vouchersCountAsEarnings(org.organisationId), false);
    });
  });
}
