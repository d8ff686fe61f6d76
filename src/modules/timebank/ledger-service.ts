import type { Transaction } from 'kysely';
import type { Db, Executor } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import type { TimebankTransactionKind } from '../../db/schema/timebank.ts';
import { writeAudit } from '../../platform/audit.ts';
import { AppError, NotFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Clock } from '../../platform/time.ts';
import type { PeopleService } from '../people/service.ts';
import { buildReversal, buildTransfer, type Floor, type Outcome, type Refusal } from './ledger.ts';
import * as repo from './repository.ts';
import type { Actor } from '../../platform/auth.ts';

export type TransferInput = {
  kind: TimebankTransactionKind;
  fromAccountId: string;
  toAccountId: string;
  minutes: number;
  memo: string;
  reference?: string | null;
  onBehalfOf?: string | null;
};

/** Thrown inside a database transaction to roll it back; turned into an Outcome outside. */
export class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal);
  }
}

export async function refusedAsOutcome<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, refusal: error.refusal };
    throw error;
  }
}

/** Accounts and the ledger kept in the database: every change of balance goes through here. */
export function makeLedgerService({ db, now, people }: { db: Db; now: Clock; people: PeopleService }) {
  const iso = () => now().toISOString();

  async function ownAccountId(organisationId: string): Promise<string> {
    const found = await repo.findAccount(db, organisationId, { kind: 'organisation' });
    if (found) return found.id;
    await repo.ensureAccount(db, organisationId, 'organisation', null, null, iso());
    return (await repo.findAccount(db, organisationId, { kind: 'organisation' }))!.id;
  }

  /** A person's account, made on first use. Someone from another organisation is "not found". */
  async function personAccountId(organisationId: string, personId: string): Promise<string> {
    const found = await repo.findAccount(db, organisationId, { kind: 'person', personId });
    if (found) return found.id;
    if ((await people.summaries(organisationId, [personId])).length === 0) throw new NotFound();
    await repo.ensureAccount(db, organisationId, 'person', personId, null, iso());
    return (await repo.findAccount(db, organisationId, { kind: 'person', personId }))!.id;
  }

  /**
   * A partner's account is found by its entry in the directory of community groups. An
   * account from before the directory, under the same name, becomes that entry's account.
   */
  async function partnerAccountId(organisationId: string, partner: { id: string; name: string }): Promise<string> {
    const found = await repo.findAccount(db, organisationId, { kind: 'partner', communityGroupId: partner.id });
    if (found) {
      if (found.name !== partner.name) await repo.linkPartnerAccount(db, organisationId, found.id, partner.id, partner.name);
      return found.id;
    }
    await repo.ensureAccount(db, organisationId, 'partner', null, partner.name, iso());
    const named = (await repo.findAccount(db, organisationId, { kind: 'partner', name: partner.name }))!;
    await repo.linkPartnerAccount(db, organisationId, named.id, partner.id, partner.name);
    return named.id;
  }

  async function floorOf(exec: Executor, organisationId: string): Promise<Floor> {
    return (await repo.findSettings(exec, organisationId))?.floor_minutes ?? null;
  }

  /**
   * Moves minutes inside the caller's transaction: lock both accounts, read their balances,
   * check the floor, write. Throws Refused, which rolls back everything the caller did too.
   */
  async function transferIn(trx: Transaction<Database>, actor: Actor, input: TransferInput): Promise<string> {
    const { organisationId } = actor;
    await repo.lockAccounts(trx, organisationId, [input.fromAccountId, input.toAccountId]);
    const from = await repo.findAccountById(trx, organisationId, input.fromAccountId);
    const to = await repo.findAccountById(trx, organisationId, input.toAccountId);
    if (!from || !to) throw new NotFound();
    const balances = await repo.balancesOf(trx, organisationId, [from.id, to.id]);
    const built = buildTransfer({
      from: { id: from.id, kind: from.kind, balance: balances.get(from.id) ?? 0 },
      to: { id: to.id, kind: to.kind, balance: balances.get(to.id) ?? 0 },
      minutes: input.minutes,
      floor: await floorOf(trx, organisationId),
    });
    if (!built.ok) throw new Refused(built.refusal);
    const id = newId();
    const at = now();
    await repo.insertTransaction(
      trx,
      {
        id,
        organisation_id: organisationId,
        kind: input.kind,
        memo: input.memo,
        reference: input.reference ?? null,
        reverses_id: null,
        recorded_by: actor.personId,
        on_behalf_of: input.onBehalfOf ?? null,
        created_at: at.toISOString(),
      },
      built.value,
    );
    await writeAudit(trx, {
      organisationId,
      actorPersonId: actor.personId,
      onBehalfOfPersonId: input.onBehalfOf ?? null,
      subjectType: 'timebank',
      subjectId: id,
      action: `transfer:${input.kind}`,
      changes: [{ field: 'minutes', to: input.minutes }],
      at,
    });
    return id;
  }

  const transfer = (actor: Actor, input: TransferInput): Promise<Outcome<string>> =>
    refusedAsOutcome(() => db.transaction().execute((trx) => transferIn(trx, actor, input)));

  /**
   * The organisation gives a person credits, once per reference: a second call with the same
   * reference, even at the same moment, returns the first transaction.
   */
  async function creditPerson(
    actor: Actor,
    input: { personId: string; minutes: number; memo: string; reference: string; kind: TimebankTransactionKind },
  ): Promise<{ transactionId: string; alreadyCredited: boolean }> {
    const existing = await repo.findByReference(db, actor.organisationId, input.reference);
    if (existing) return { transactionId: existing.id, alreadyCredited: true };
    const [fromAccountId, toAccountId] = [
      await ownAccountId(actor.organisationId),
      await personAccountId(actor.organisationId, input.personId),
    ];
    try {
      const result = await transfer(actor, {
        kind: input.kind,
        fromAccountId,
        toAccountId,
        minutes: input.minutes,
        memo: input.memo,
        reference: input.reference,
      });
      // The organisation has no floor, so only a wrong number of minutes is refused.
      if (!result.ok) throw new AppError(400, 'errors:badRequest');
      return { transactionId: result.value, alreadyCredited: false };
    } catch (error) {
      // Another call with this reference won the race: the unique index refused ours.
      const winner = await repo.findByReference(db, actor.organisationId, input.reference);
      if (winner) return { transactionId: winner.id, alreadyCredited: true };
      throw error;
    }
  }

  return {
    transferIn,
    transfer,
    creditPerson,
    ownAccountId,
    personAccountId,
    partnerAccountId,

    /**
     * For other modules (claims: someone chooses time credits instead of money). Safe to
     * call again with the same reference: it credits once.
     */
    creditFromOrganisation(
      actor: Actor,
      input: { personId: string; minutes: number; memo: string; reference: string },
    ): Promise<{ transactionId: string; alreadyCredited: boolean }> {
      return creditPerson(actor, { ...input, kind: 'credit' });
    },

    /** Undoes a transaction with a new one. Undoing twice, or undoing an undo, is refused. */
    async reverse(actor: Actor, transactionId: string, reason: string): Promise<Outcome<string>> {
      const { organisationId } = actor;
      const original = await repo.findTransaction(db, organisationId, transactionId);
      if (!original) throw new NotFound();
      const outcome = await refusedAsOutcome(() =>
        db.transaction().execute(async (trx) => {
          const entries = (await repo.entriesOf(trx, organisationId, [transactionId])).map((e) => ({
            accountId: e.account_id,
            minutes: e.minutes,
          }));
          await repo.lockAccounts(
            trx,
            organisationId,
            entries.map((e) => e.accountId),
          );
          const alreadyReversed = (await repo.reversalOf(trx, organisationId, transactionId)) !== undefined;
          const built = buildReversal({ kind: original.kind, entries, alreadyReversed });
          if (!built.ok) throw new Refused(built.refusal);
          const id = newId();
          const at = now();
          await repo.insertTransaction(
            trx,
            {
              id,
              organisation_id: organisationId,
              kind: 'reversal',
              memo: reason,
              reference: null,
              reverses_id: transactionId,
              recorded_by: actor.personId,
              on_behalf_of: null,
              created_at: at.toISOString(),
            },
            built.value,
          );
          await writeAudit(trx, {
            organisationId,
            actorPersonId: actor.personId,
            subjectType: 'timebank',
            subjectId: id,
            action: 'reversed',
            changes: [{ field: 'reverses', to: transactionId }],
            at,
          });
          return id;
        }),
      ).catch(async (error: unknown) => {
        // Two people pressed "reverse" at once: the unique index let one through.
        if (await repo.reversalOf(db, organisationId, transactionId)) return { ok: false as const, refusal: 'already-reversed' as const };
        throw error;
      });
      return outcome;
    },

    async floor(organisationId: string): Promise<Floor> {
      return floorOf(db, organisationId);
    },

    async saveFloor(actor: Actor, floorMinutes: Floor): Promise<void> {
      const before = await floorOf(db, actor.organisationId);
      const at = now();
      await db.transaction().execute(async (trx) => {
        await repo.saveSettings(trx, {
          organisation_id: actor.organisationId,
          floor_minutes: floorMinutes,
          updated_at: at.toISOString(),
          updated_by: actor.personId,
        });
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          subjectType: 'timebank',
          subjectId: actor.organisationId,
          action: 'floor-changed',
          changes: [{ field: 'floor', from: before, to: floorMinutes }],
          at,
        });
      });
    },
  };
}

export type LedgerService = ReturnType<typeof makeLedgerService>;
