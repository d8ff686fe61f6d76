import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import fc from 'fast-check';
import type { MeetingCreditsRule } from '../src/db/schema/rewards.ts';
import { statementOf } from '../src/modules/claims/statement.ts';
import { attendanceReference } from '../src/modules/timebank/attendance-credits.ts';
import { databaseDialects } from './helpers/databases.ts';
import { signedInClient } from './helpers/fixtures.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';
import { setUpClaimsWorld, type ClaimsWorld } from './worlds/claims.ts';

// S2, decision 0015: attendance credits and a claim for the same meeting. By default the
// claim says what the person gets, once; every figure a person is shown is the ledger's.

const wholePeriod = { from: '2026-01-01', to: '2027-12-31' };

async function claimOf(t: TestApp, w: ClaimsWorld, personId: string) {
  return t.database.db
    .selectFrom('claims')
    .selectAll()
    .where('person_id', '=', personId)
    .where('meeting_id', '=', w.meetingId)
    .where('split_from_claim_id', 'is', null)
    .executeTakeFirst();
}

/** What the ledger holds for a person, straight from its tables: no app code in between. */
async function ledgerOf(t: TestApp, w: ClaimsWorld, personId: string) {
  const rows = await t.database.db
    .selectFrom('timebank_transactions as tx')
    .innerJoin('timebank_entries as e', 'e.transaction_id', 'tx.id')
    .innerJoin('timebank_accounts as a', 'a.id', 'e.account_id')
    .select(['tx.id', 'tx.kind', 'tx.reference', 'tx.reverses_id', 'e.minutes'])
    .where('tx.organisation_id', '=', w.organisationId)
    .where('a.person_id', '=', personId)
    .execute();
  const reversed = new Set(rows.map((r) => r.reverses_id).filter((id): id is string => id !== null));
  const live = rows.filter((r) => r.kind !== 'reversal' && !reversed.has(r.id));
  return {
    balance: rows.reduce((n, r) => n + Number(r.minutes), 0),
    live,
    liveCredits: live.filter((r) => r.kind === 'attendance' || r.kind === 'credit').reduce((n, r) => n + Number(r.minutes), 0),
  };
}

/** The person's figures as the app shows them: home balance, statement, claim page. */
async function shown(t: TestApp, w: ClaimsWorld, personId: string) {
  const { claims } = await t.services.claims.forStatement(w.admin, personId, wholePeriod.from, wholePeriod.to);
  const timebank = await t.services.timebank.statements.between(w.organisationId, personId, wholePeriod.from, wholePeriod.to);
  const claim = await claimOf(t, w, personId);
  return {
    balance: await t.services.timebank.statements.balanceOf(w.organisationId, personId),
    statement: statementOf(claims, timebank),
    timebank,
    claimPage: claim ? (await t.services.claims.get(w.admin, claim.id)).claim : null,
  };
}

for (const dialect of databaseDialects()) {
  describe(`time credits for a meeting and a claim for it (${dialect})`, () => {
    let t: TestApp;
    let w: ClaimsWorld;
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      w = await setUpClaimsWorld(t);
    });
    afterEach(() => t.close());

    const creditAttendance = (...people: string[]) => t.services.timebank.attendance.credit(w.admin, w.meetingId, people);
    const makeClaims = () => t.services.meetingClaims.makeFromAttendance(w.admin, w.meetingId);
    const approve = async (personId: string) => {
      const claim = (await claimOf(t, w, personId))!;
      return t.services.claimWorkflow.approve(w.admin, claim.id, { confirmedOverLimit: true });
    };

    test('Sue was credited for coming, then her claim for time credits is approved: she gets what the claim says, once', async () => {
      await creditAttendance(w.ids.sue);
      assert.equal(await t.services.timebank.statements.balanceOf(w.organisationId, w.ids.sue), 105);
      await makeClaims();
      assert.deepEqual(await approve(w.ids.sue), { ok: true });
      const s = await shown(t, w, w.ids.sue);
      // The claim: 105 minutes there and 53 of preparation, as credits.
      assert.equal(s.balance, 158);
      assert.equal(s.statement.creditMinutes, 158);
      assert.equal(s.claimPage!.creditMinutes, 158);
      assert.deepEqual([s.timebank.inMinutes, s.timebank.outMinutes], [158, 0]);
      // The attendance credits show as taken back, with the reason in words.
      const attendance = s.timebank.lines.find((l) => l.kind === 'attendance')!;
      assert.equal(attendance.reversed, true);
      assert.match(
        s.timebank.lines.find((l) => l.kind === 'reversal')!.memo,
        /A claim for this meeting|Your claim for the meeting on 3 December 2026/,
      );
      // Crediting the meeting again gives nothing more: the claim settled it.
      assert.deepEqual(await creditAttendance(w.ids.sue), { credited: 0 });
      assert.equal(await t.services.timebank.statements.balanceOf(w.organisationId, w.ids.sue), 158);
    });

    test('Mo is paid money for the meeting: the attendance credits are taken back, and cannot be given later', async () => {
      await creditAttendance(w.ids.mo, w.ids.dennis);
      await makeClaims();
      await approve(w.ids.mo);
      assert.equal(await t.services.timebank.statements.balanceOf(w.organisationId, w.ids.mo), 0);
      // Dennis's claim is still waiting: his attendance credits stand.
      assert.equal(await t.services.timebank.statements.balanceOf(w.organisationId, w.ids.dennis), 120);
      const mo = await shown(t, w, w.ids.mo);
      assert.equal(mo.statement.creditMinutes, 0);
      // The two hours are counted once as time given: from the claim, not again from attendance.
      assert.equal(mo.statement.minutesGiven, 120 + 60);
      // Staff see why on the meeting's time credits page.
      const admin = await signedInClient(t, 'admin@northshire.test');
      const page = (await admin.get(`/timebank/meetings/${w.meetingId}`)).body;
      assert.match(page, /Mo Member: their claim for this meeting says what they get/);
      await approve(w.ids.dennis);
      assert.equal(await t.services.timebank.statements.balanceOf(w.organisationId, w.ids.dennis), 0);
      // Gina's claim was approved before anyone credited the meeting: she is left out.
      await approve(w.ids.gina);
      assert.deepEqual(await creditAttendance(w.ids.gina, w.ids.nina), { credited: 1 });
      assert.equal(await t.services.timebank.statements.balanceOf(w.organisationId, w.ids.gina), 0);
      assert.equal(await t.services.timebank.statements.balanceOf(w.organisationId, w.ids.nina), 120);
    });

    test('an organisation that chooses "both" keeps attendance credits beside the claim, and the change is audited', async () => {
      const admin = await signedInClient(t, 'admin@northshire.test');
      const form = await admin.get('/rewards/policy');
      assert.match(form.body, /Time credits and claims for the same meeting/);
      assert.equal((await admin.post('/rewards/policy/meeting-credits', { meetingCredits: 'nonsense' })).statusCode, 400);
      assert.equal((await admin.post('/rewards/policy/meeting-credits', { meetingCredits: 'both' })).statusCode, 303);
      assert.equal(await t.services.rewards.meetingCreditsRule(w.organisationId), 'both');
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'meeting-credits-changed')
        .executeTakeFirst();
      assert.ok(audit);
      await creditAttendance(w.ids.mo);
      await makeClaims();
      await approve(w.ids.mo);
      assert.equal(await t.services.timebank.statements.balanceOf(w.organisationId, w.ids.mo), 120);
      // A facilitator can read the rule but not change it.
      const fay = await signedInClient(t, 'fay@example.com');
      assert.equal((await fay.post('/rewards/policy/meeting-credits', { meetingCredits: 'claim-replaces' })).statusCode, 403);
    });

    test('property: for any order of crediting, claiming, approving and taking back, what people are shown is what the ledger holds', async () => {
      const people = ['mo', 'sue', 'dennis', 'gina'] as const;
      type Person = (typeof people)[number];
      const step = fc.oneof(
        fc.record({ op: fc.constant('credit' as const), who: fc.subarray([...people], { minLength: 1 }) }),
        fc.constant({ op: 'claims' as const }),
        fc.record({ op: fc.constant('approve' as const), who: fc.constantFrom(...people) }),
        fc.record({ op: fc.constant('credits-instead' as const), who: fc.constantFrom(...people) }),
        fc.record({ op: fc.constant('take-back' as const), who: fc.constantFrom(...people) }),
      );
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom<MeetingCreditsRule>('claim-replaces', 'both'),
          fc.array(step, { maxLength: 8 }),
          async (rule, steps) => {
            // Each run needs a fresh organisation; the first one is the test's own.
            if (run++ > 0) {
              await t.close();
              t = await makeTestApp({ dialect });
              w = await setUpClaimsWorld(t);
            }
            await t.services.rewards.setMeetingCreditsRule(w.staff, rule);
            for (const s of steps) {
              const ids = (who: Person) => w.ids[who];
              if (s.op === 'credit') await creditAttendance(...s.who.map(ids));
              if (s.op === 'claims') await makeClaims();
              const claim = 'who' in s && typeof s.who === 'string' ? await claimOf(t, w, ids(s.who)) : undefined;
              if (s.op === 'approve' && claim?.status === 'submitted') await approve(ids(s.who));
              if (s.op === 'credits-instead' && claim?.status === 'submitted')
                await t.services.claimWorkflow.changeWay(w.admin, claim.id, 'time-credits');
              if (s.op === 'take-back') {
                const { live } = await ledgerOf(t, w, ids(s.who));
                if (live[0]) await t.services.timebank.ledger.reverse(w.staff, live[0].id, 'Given by mistake');
              }
            }
            for (const who of people) {
              const personId = w.ids[who];
              const ledger = await ledgerOf(t, w, personId);
              const s = await shown(t, w, personId);
              assert.equal(s.balance, ledger.balance, `${who}: home balance`);
              assert.equal(s.timebank.inMinutes - s.timebank.outMinutes, ledger.balance, `${who}: statement in less out`);
              assert.equal(s.statement.creditMinutes, ledger.liveCredits, `${who}: statement time credits`);
              const claim = await claimOf(t, w, personId);
              const settled = claim?.status === 'approved' || claim?.status === 'paid';
              if (claim && settled && claim.way === 'time-credits') {
                const own = ledger.live.filter((r) => r.reference === `claim:${claim.id}`);
                assert.equal(
                  s.claimPage!.creditMinutes,
                  own.reduce((n, r) => n + Number(r.minutes), 0),
                  `${who}: claim page`,
                );
              }
              // Nothing is given twice for the same time.
              const attendance = ledger.live.filter((r) => r.reference === attendanceReference(w.meetingId, personId));
              assert.ok(attendance.length <= 1, `${who}: attendance credited once`);
              if (rule === 'claim-replaces' && settled)
                assert.equal(
                  attendance.filter((r) => r.kind === 'attendance').length,
                  0,
                  `${who}: a claim for the meeting and attendance credits for it`,
                );
            }
          },
        ),
        { numRuns: dialect === 'sqlite' ? 15 : 6 },
      );
    });
  });
}
