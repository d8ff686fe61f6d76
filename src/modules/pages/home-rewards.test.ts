import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { setUpClaimsWorld, type ClaimsWorld } from '../../../test/worlds/claims.ts';

// S2, reciprocity: a person sees at home what they have got back (time credits) and which
// claims are not decided yet; staff see the time credits and claims in a person's history.
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

for (const dialect of databaseDialects()) {
  describe(`home page and history: time credits and claims (${dialect})`, () => {
    let t: TestApp;
    let w: ClaimsWorld;
    const later = () => (t.clock.now = new Date(t.clock.now.getTime() + 60_000));
    const claimOf = (personId: string) =>
      t.database.db
        .selectFrom('claims')
        .select('id')
        .where('person_id', '=', personId)
        .where('meeting_id', '=', w.meetingId)
        .executeTakeFirstOrThrow();
    // Fay makes the claims from the meeting's attendance, as the second test does.
    const makeClaims = async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/claims/meetings/${w.meetingId}`);
      assert.equal((await fay.post(`/claims/meetings/${w.meetingId}`)).statusCode, 303);
    };
    // Mo is given 90 minutes of time credits, then her claim is approved, as the third test does.
    const welcomeMoAndApproveHerClaim = async () => {
      later();
      await t.services.timebank.creditFromOrganisation(w.staff, {
        personId: w.ids.mo,
        minutes: 90,
        memo: 'Welcome',
        reference: 'home-test:mo',
      });
      const moClaim = await claimOf(w.ids.mo);
      later();
      const done = await t.services.claimWorkflow.approve(w.admin, moClaim.id, { confirmedOverLimit: true });
      assert.ok(done);
    };
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      w = await setUpClaimsWorld(t);
    });
    afterEach(() => t.close());

    test('home: no time credits and no claims yet, said plainly', async () => {
      const mo = await signedInClient(t, 'mo@example.com');
      const home = text((await mo.get('/')).body);
      assert.match(home, /What you get back/);
      assert.match(home, /You have 0 hours of time credits/);
      assert.doesNotMatch(home, /Your claims not decided yet/);
      assert.doesNotMatch(home, /waiting for approval/, 'members approve nothing');
    });

    test('home: claims waiting show with where they are; staff see how many wait for approval, not their own', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/claims/meetings/${w.meetingId}`);
      assert.equal((await fay.post(`/claims/meetings/${w.meetingId}`)).statusCode, 303);
      const made = await t.database.db.selectFrom('claims').select(['person_id', 'status']).where('meeting_id', '=', w.meetingId).execute();
      assert.ok(made.every((c) => c.status === 'submitted'));
      assert.ok(
        made.some((c) => c.person_id === w.ids.fay),
        'Fay took part too',
      );

      const mo = await signedInClient(t, 'mo@example.com');
      const home = (await mo.get('/')).body;
      assert.match(home, /<caption[^>]*>Your claims not decided yet<\/caption>/);
      assert.match(text(home), /Meeting .*3 December 2026 .*£40\.00 We are checking it/);
      const moClaim = await claimOf(w.ids.mo);
      assert.match(home, new RegExp(`href="/claims/${moClaim.id}"`));

      const others = made.filter((c) => c.person_id !== w.ids.fay).length;
      assert.match(text((await fay.get('/')).body), new RegExp(`${others} claims are waiting for approval`));
      const admin = await signedInClient(t, 'admin@northshire.test');
      assert.match(text((await admin.get('/')).body), new RegExp(`${made.length} claims are waiting for approval`));
    });

    test('home: time credits show, and an approved claim leaves the list', async () => {
      await makeClaims();
      await welcomeMoAndApproveHerClaim();
      const mo = await signedInClient(t, 'mo@example.com');
      const home = text((await mo.get('/')).body);
      assert.match(home, /You have 1 hour and 30 minutes of time credits/);
      assert.doesNotMatch(home, /Your claims not decided yet/);
    });

    test('history: time credits in and out, who recorded them, and every step of a claim', async () => {
      await makeClaims();
      await welcomeMoAndApproveHerClaim();
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get('/timebank/record');
      later();
      const recorded = await fay.post('/timebank/record', {
        giverId: w.ids.dennis,
        receiverId: w.ids.mo,
        what: 'Lift to the shops',
        'duration-minutes': '30',
        'date-day': '3',
        'date-month': '12',
        'date-year': '2026',
      });
      assert.equal(recorded.statusCode, 303);
      const moClaim = await claimOf(w.ids.mo);
      later();
      await t.services.claimWorkflow.markPaid(w.admin, moClaim.id, 'BACS-123');
      const sueClaim = await claimOf(w.ids.sue);
      await t.services.claimWorkflow.reject(w.admin, sueClaim.id, 'Came late');

      const page = await fay.get(`/people/${w.ids.mo}/history`);
      assert.equal(page.statusCode, 200);
      const body = text(page.body);
      assert.match(body, /Time credits in: 1 hour and 30 minutes Given by the organisation: Welcome\. With Northshire County Council/);
      assert.match(
        body,
        /Fay Facilitator for Mo Member Time credits out: 30 minutes Time given or received: Lift to the shops\. With Dennis Whitfield/,
      );
      assert.match(body, /Fay Facilitator for Mo Member Payment: Made from meeting attendance Meeting, 3 December 2026/);
      assert.match(body, /Ada Admin Payment: Approved Meeting, 3 December 2026/);
      assert.match(body, /Ada Admin Payment: Paid Meeting, 3 December 2026/);
      // Newest first: paid comes before approved, which comes before made.
      assert.ok(body.indexOf('Payment: Paid') < body.indexOf('Payment: Approved'));
      assert.ok(body.indexOf('Payment: Approved') < body.indexOf('Payment: Made from meeting attendance'));
      assert.doesNotMatch(body, /Not agreed/, "Sue's claim is not in Mo's history");

      const dennis = text((await fay.get(`/people/${w.ids.dennis}/history`)).body);
      assert.match(dennis, /Time credits in: 30 minutes Time given or received: Lift to the shops\. With Mo Member/);
      const sue = text((await fay.get(`/people/${w.ids.sue}/history`)).body);
      assert.match(sue, /Ada Admin Payment: Not agreed/);
      // Mo, signed in, sees time credits below zero said plainly, not as "minus".
      await t.services.timebank.creditFromOrganisation(w.staff, { personId: w.ids.len, minutes: 1, memo: 'x', reference: 'home-test:len' });
      await fay.get('/timebank/record');
      await fay.post('/timebank/record', {
        giverId: w.ids.mo,
        receiverId: w.ids.len,
        what: 'Gardening',
        'duration-hours': '2',
        'date-day': '3',
        'date-month': '12',
        'date-year': '2026',
      });
      const len = await signedInClient(t, 'len@example.com');
      assert.match(text((await len.get('/')).body), /Your time credits are 1 hour and 59 minutes below zero/);
    });

    test('history stays with staff of the same organisation', async () => {
      const mo = await signedInClient(t, 'mo@example.com');
      assert.equal((await mo.get(`/people/${w.ids.mo}/history`)).statusCode, 403);
      const other = await signedInClient(t, 'admin@riverside.test');
      assert.equal((await other.get(`/people/${w.ids.mo}/history`)).statusCode, 404);
    });
  });
}
