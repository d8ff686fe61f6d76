import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import fc from 'fast-check';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { organisationWithAdmin, personWithAccount } from '../../../test/helpers/fixtures.ts';
import type { CurrentUser } from '../../platform/auth.ts';
import { AppError } from '../../platform/errors.ts';

// The ledger in a real database, with many things happening at once (S2).
for (const dialect of databaseDialects()) {
  describe(`time bank ledger at the same moment (${dialect})`, () => {
    let t: TestApp;
    let organisationId: string;
    let staff: { organisationId: string; personId: string };
    const member = (personId: string): CurrentUser => ({
      accountId: '',
      personId,
      organisationId,
      organisationName: '',
      role: 'member',
      name: '',
    });
    const newPerson = async (name: string) =>
      (await personWithAccount(t, organisationId, { fullName: name, perspectives: ['draws-on-care'] })).personId;
    const balance = (personId: string) => t.services.timebank.statements.balanceOf(organisationId, personId);

    /** Every transaction sums to zero, and so does the whole organisation. */
    async function assertLedgerSound() {
      const rows = await t.database.db
        .selectFrom('timebank_entries')
        .select(['transaction_id', 'minutes'])
        .where('organisation_id', '=', organisationId)
        .execute();
      const sums = new Map<string, number>();
      for (const r of rows) sums.set(r.transaction_id, (sums.get(r.transaction_id) ?? 0) + r.minutes);
      for (const [id, sum] of sums) assert.equal(sum, 0, `transaction ${id}`);
      const overview = await t.services.timebank.statements.overview(organisationId);
      assert.equal(overview.ledgerTotal, 0);
    }

    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      const org = await organisationWithAdmin(t);
      organisationId = org.organisationId;
      staff = { organisationId, personId: org.adminPersonId };
    });
    afterEach(() => t.close());

    test('forty spends at once from one account: the floor holds and the ledger sums to zero', async () => {
      await t.services.timebank.ledger.saveFloor(staff, -60);
      const payer = await newPerson('Pat Payer');
      const friend = await newPerson('Fran Friend');
      await t.services.timebank.creditFromOrganisation(staff, { personId: payer, minutes: 100, memo: 'Start', reference: 'start:pat' });
      const offerId = await t.services.timebank.partners.add(staff, { partnerName: 'Northby Pool', what: 'A swim', minutes: 10 });
      const friendAccount = await t.services.timebank.ledger.personAccountId(organisationId, friend);
      const payerAccount = await t.services.timebank.ledger.personAccountId(organisationId, payer);
      // Spends at a partner and gifts to a friend, all from Pat, all at once.
      const attempts = Array.from({ length: 40 }, (_, i) =>
        i % 2
          ? t.services.timebank.partners.spend(member(payer), offerId)
          : t.services.timebank.ledger.transfer(
              { organisationId, personId: payer },
              { kind: 'exchange', fromAccountId: payerAccount, toAccountId: friendAccount, minutes: 10, memo: 'Gift' },
            ),
      );
      const results = await Promise.all(attempts);
      const passed = results.filter((r) => r.ok).length;
      assert.equal(passed, 16, '100 minutes and 60 below zero is room for sixteen 10-minute spends');
      assert.ok(
        results.every((r) => r.ok || r.refusal === 'below-floor'),
        'every refusal is the floor',
      );
      assert.equal(await balance(payer), -60);
      await assertLedgerSound();
    });

    test('two people saying yes at the same moment move the credits once', async () => {
      const giver = await newPerson('Gina Giver');
      const receiver = await newPerson('Ray Receiver');
      const listingId = await t.services.timebank.exchanges.post(member(giver), {
        kind: 'offer',
        title: 'Help with a letter',
        description: 'x',
        minutes: 30,
      });
      const exchangeId = await t.services.timebank.exchanges.respond(member(receiver), listingId, null);
      await t.services.timebank.exchanges.propose(member(giver), exchangeId, { minutes: 30, happenedOn: '2026-11-20' });
      const settled = await Promise.allSettled(
        Array.from({ length: 5 }, () => t.services.timebank.exchanges.confirm(member(receiver), exchangeId, 30)),
      );
      const done = settled.filter((s) => s.status === 'fulfilled' && s.value.ok);
      const conflicts = settled.filter((s) => s.status === 'rejected' && s.reason instanceof AppError && s.reason.status === 409);
      assert.equal(done.length, 1);
      assert.equal(conflicts.length, 4);
      assert.equal(await balance(giver), 30);
      assert.equal(await balance(receiver), -30);
      await assertLedgerSound();
    });

    test('five corrections of one transaction at once: one goes through', async () => {
      const person = await newPerson('Cora Credit');
      const { transactionId } = await t.services.timebank.creditFromOrganisation(staff, {
        personId: person,
        minutes: 75,
        memo: 'Typed wrong',
        reference: 'mistake:cora',
      });
      const results = await Promise.all(
        Array.from({ length: 5 }, () => t.services.timebank.ledger.reverse(staff, transactionId, 'Typed the wrong person')),
      );
      assert.equal(results.filter((r) => r.ok).length, 1);
      assert.ok(
        results.every((r) => r.ok || r.refusal === 'already-reversed'),
        'the rest are refused as already corrected',
      );
      assert.equal(await balance(person), 0);
      await assertLedgerSound();
    });

    test('any run of transfers and corrections in the database keeps to the ledger rules', async () => {
      await t.services.timebank.ledger.saveFloor(staff, -120);
      const people = [await newPerson('Ann Run'), await newPerson('Ben Run'), await newPerson('Cat Run')];
      const accounts = [
        await t.services.timebank.ledger.ownAccountId(organisationId),
        ...(await Promise.all(people.map((p) => t.services.timebank.ledger.personAccountId(organisationId, p)))),
      ];
      const done: string[] = [];
      const op = fc.oneof(
        { weight: 4, arbitrary: fc.record({ from: fc.nat(3), to: fc.nat(3), minutes: fc.integer({ min: 1, max: 180 }) }) },
        { weight: 1, arbitrary: fc.record({ undo: fc.nat(30) }) },
      );
      await fc.assert(
        fc.asyncProperty(fc.array(op, { maxLength: 12 }), async (ops) => {
          for (const o of ops) {
            if ('undo' in o) {
              const id = done[o.undo];
              if (id) await t.services.timebank.ledger.reverse(staff, id, 'Property run');
              continue;
            }
            const before = await t.database.db
              .selectFrom('timebank_entries')
              .select('minutes')
              .where('account_id', '=', accounts[o.from]!)
              .execute();
            const result = await t.services.timebank.ledger.transfer(staff, {
              kind: 'exchange',
              fromAccountId: accounts[o.from]!,
              toAccountId: accounts[o.to]!,
              minutes: o.minutes,
              memo: 'Property run',
            });
            const startBalance = before.reduce((s, e) => s + e.minutes, 0);
            if (o.from === o.to) assert.deepEqual(result, { ok: false, refusal: 'same-account' });
            else if (o.from > 0 && startBalance - o.minutes < -120) assert.deepEqual(result, { ok: false, refusal: 'below-floor' });
            else {
              assert.ok(result.ok, 'allowed transfers go through');
              done.push(result.value);
            }
          }
          for (const p of people) {
            const entries = await t.database.db
              .selectFrom('timebank_entries as e')
              .innerJoin('timebank_accounts as a', 'a.id', 'e.account_id')
              .select('e.minutes')
              .where('a.person_id', '=', p)
              .execute();
            assert.equal(
              await balance(p),
              entries.reduce((s, e) => s + e.minutes, 0),
            );
          }
          await assertLedgerSound();
        }),
        { numRuns: dialect === 'sqlite' ? 15 : 5 },
      );
    });
  });
}
