import { keepAct, type ActingFor } from '../../platform/acting-for.ts';
import type { Insertable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { ClaimsTable } from '../../db/schema/claims.ts';
import { isStaff, type CurrentUser } from '../../platform/auth.ts';
import { Conflict, NotFound } from '../../platform/errors.ts';
import type { FieldErrors } from '../../platform/forms.ts';
import { newId } from '../../platform/ids.ts';
import type { Clock } from '../../platform/time.ts';
import type { FileStore } from '../../platform/files.ts';
import type { PeopleService } from '../people/service.ts';
import type { ProjectService } from '../projects/service.ts';
import type { ClaimAccess } from './access.ts';
import { isOpen, type Claim } from './claim.ts';
import type { ActivityType, RewardsAccess, TimebankAccess } from './ports.ts';
import { withLedgerCredits } from './ledger-credits.ts';
import { insertReceiptIn, type CheckedReceipt } from './receipts.ts';
import * as repo from './repository.ts';
import type { Page } from '../../platform/pagination.ts';
import { priceTime } from './time-claims.ts';
import type { MoneyTotals } from './totals.ts';
import type { ExpenseType } from './vocabulary.ts';

export type TimeClaimInput = {
  personId: string;
  activity: ActivityType;
  onDate: string;
  minutes: number;
  projectId: string | null;
  note: string | null;
  submit: boolean;
};
export type ExpenseInput = {
  personId: string;
  type: ExpenseType;
  onDate: string;
  /** Typed for every expense but mileage, which is worked out from the miles. */
  amountPence: number | null;
  mileTenths: number | null;
  projectId: string | null;
  note: string | null;
  submit: boolean;
};
export type Made = { ok: true; id: string } | { ok: false; errors: FieldErrors };

type Deps = {
  db: Db;
  now: Clock;
  access: ClaimAccess;
  people: PeopleService;
  projects: ProjectService;
  rewards: RewardsAccess;
  timebank: TimebankAccess;
  files: FileStore;
};

/** Rows of the finance export read at a time: a few megabytes of file, one quick indexed query. */
export const financeBatchSize = 2000;

async function* financeBatches(db: Db, organisationId: string, period: repo.DatePeriod, size: number): AsyncGenerator<Claim[]> {
  let after: repo.FinanceKey | null = null;
  for (;;) {
    const batch = await repo.listFinanceItems(db, organisationId, period, { limit: size, after });
    if (batch.claims.length > 0) yield batch.claims;
    if (batch.claims.length < size) return;
    after = batch.last;
  }
}

/** Claims for time given and expenses: seeing them, and making them by hand. */
export function makeClaimsService({ db, now, access, people, projects, rewards, timebank, files }: Deps) {
  /** A member claims only for themself, and only on projects they are in. */
  async function checkWho(user: CurrentUser, personId: string, projectId: string | null, actingFor?: ActingFor) {
    // A supporter may claim for the person they support (decision 0018), as staff may for anyone.
    const supporting = actingFor?.supporterPersonId === user.personId && actingFor.personId === personId;
    if (!isStaff(user) && personId !== user.personId && !supporting) throw new NotFound();
    await people.get(user.organisationId, personId);
    if (projectId) await projects.get(user, projectId);
  }

  function baseRow(
    user: CurrentUser,
    personId: string,
    submit: boolean,
  ): Omit<Insertable<ClaimsTable>, 'kind' | 'reference' | 'category' | 'on_date' | 'amount_pence' | 'way'> {
    const at = now().toISOString();
    return {
      id: newId(),
      organisation_id: user.organisationId,
      person_id: personId,
      project_id: null,
      meeting_id: null,
      status: submit ? 'submitted' : 'draft',
      created_at: at,
      created_by: user.personId,
      submitted_at: submit ? at : null,
      submitted_by: submit ? user.personId : null,
      updated_at: at,
    };
  }

  /** What an expense costs: mileage at the policy's rate on the day, anything else as typed. */
  async function expenseCost(organisationId: string, input: Pick<ExpenseInput, 'type' | 'onDate' | 'amountPence' | 'mileTenths'>) {
    if (input.type !== 'mileage') return { ok: true as const, amountPence: input.amountPence ?? 0, ratePence: 0, mileTenths: null };
    const policy = await rewards.policyOn(organisationId, input.onDate);
    if (!policy) return { ok: false as const, errors: { onDate: 'claims:errors.noPolicyMileage' } };
    const tenths = input.mileTenths ?? 0;
    // Rural journeys are long and cost more; that is why no cap is put on them.
    return {
      ok: true as const,
      amountPence: Math.round((tenths * policy.mileagePencePerMile) / 10),
      ratePence: policy.mileagePencePerMile,
      mileTenths: tenths,
    };
  }

  return {
    async get(user: CurrentUser, id: string) {
      const claim = (await withLedgerCredits(timebank, user.organisationId, [await access.visibleTo(user, id)]))[0]!;
      const [receipts, adjustments, splitParts] = await Promise.all([
        repo.listReceipts(db, user.organisationId, claim.id),
        repo.listClaims(db, user.organisationId, { correctsClaimId: claim.id }),
        repo
          .listClaims(db, user.organisationId, { splitFromClaimId: claim.id })
          .then((c) => withLedgerCredits(timebank, user.organisationId, c)),
      ]);
      const corrects = claim.correctsClaimId ? await repo.findClaim(db, user.organisationId, claim.correctsClaimId) : null;
      const splitFrom = claim.splitFromClaimId ? await repo.findClaim(db, user.organisationId, claim.splitFromClaimId) : null;
      return {
        claim,
        receipts: receipts.map((r) => ({
          id: r.id,
          fileName: r.file_name,
          mediaType: r.media_type,
          sizeBytes: Number(r.size_bytes),
          uploadedAt: r.uploaded_at,
        })),
        adjustments,
        splitParts,
        corrects,
        splitFrom,
      };
    },

    /** Staff: what was approved and paid in a period (London dates, both ends included). */
    async settledTotals(user: CurrentUser, from: string, to: string) {
      access.staffOnly(user);
      return repo.settledTotals(db, user.organisationId, from, to);
    },

    /** Staff: one page of the organisation's claims, newest first, and how many there are in all. */
    async page(user: CurrentUser, filter: repo.ClaimFilter, page: Page): Promise<{ claims: Claim[]; total: number }> {
      access.staffOnly(user);
      const [list, total] = await Promise.all([
        repo
          .listClaims(db, user.organisationId, filter, page.limit, page.offset)
          .then((c) => withLedgerCredits(timebank, user.organisationId, c)),
        repo.countClaims(db, user.organisationId, filter),
      ]);
      return { claims: list, total };
    },

    /** Staff: claims of the organisation, newest first. */
    async list(user: CurrentUser, filter: repo.ClaimFilter = {}): Promise<Claim[]> {
      access.staffOnly(user);
      return repo.listClaims(db, user.organisationId, filter);
    },

    /** Staff: one page of what finance pays for a period, in the export's order, and the period's totals and count. */
    async financePage(user: CurrentUser, period: repo.DatePeriod, page: Page): Promise<{ items: Claim[]; totals: MoneyTotals }> {
      access.staffOnly(user);
      const [list, totals] = await Promise.all([
        repo.listFinanceItems(db, user.organisationId, period, { limit: page.limit, offset: page.offset }),
        repo.financeTotals(db, user.organisationId, period),
      ]);
      return { items: list.claims, totals };
    },

    /**
     * Staff: what finance pays for a period, by the London day each item was approved (an
     * item approved late for an earlier month still reaches the next export, never no
     * export): the totals, and the items a batch at a time in the export's order, so a
     * county's year is written out without being held in memory. The batches are read as
     * the file is written (a second or two), so an item of the period approved in those
     * seconds can be in the rows but not the totals; the next download agrees again.
     */
    async financeExport(user: CurrentUser, period: repo.DatePeriod, batchSize = financeBatchSize) {
      access.staffOnly(user);
      const totals = await repo.financeTotals(db, user.organisationId, period);
      return { totals, batches: financeBatches(db, user.organisationId, period, batchSize) };
    },

    async mine(user: CurrentUser): Promise<Claim[]> {
      return withLedgerCredits(timebank, user.organisationId, await repo.listClaims(db, user.organisationId, { personId: user.personId }));
    },

    /**
     * For the home page: the person's own claims not yet decided (not sent, or being
     * checked), and for staff how many of the organisation's claims wait for approval.
     */
    async waiting(user: CurrentUser): Promise<{ mine: Claim[]; forApproval: number | null }> {
      // A county has thousands of claims waiting: the home page counts them, it does not load them.
      const [mine, forApproval] = await Promise.all([
        repo.listClaims(db, user.organisationId, { personId: user.personId, statuses: ['draft', 'submitted'] }, 20),
        isStaff(user) ? repo.countClaims(db, user.organisationId, { statuses: ['submitted'], notPersonId: user.personId }) : null,
      ]);
      return { mine, forApproval };
    },

    /** Everything of one person's in a period: for their statement. Members see only their own. */
    async forStatement(user: CurrentUser, personId: string, from: string, to: string) {
      if (!isStaff(user) && personId !== user.personId) throw new NotFound();
      const person = await people.get(user.organisationId, personId);
      return {
        person: { id: person.id, name: person.name },
        claims: await withLedgerCredits(
          timebank,
          user.organisationId,
          await repo.listClaims(db, user.organisationId, { personId, onFrom: from, onTo: to }),
        ),
      };
    },

    /** Of these people, those whose approved claim for a meeting settles what they get for it. */
    settledForMeeting(organisationId: string, meetingId: string, personIds: readonly string[]): Promise<Set<string>> {
      return repo.peopleWithSettledTimeClaim(db, organisationId, meetingId, personIds);
    },

    /** A claim for time given, by hand (training, a panel ...), at the policy's rate on the day. */
    async addTime(user: CurrentUser, input: TimeClaimInput): Promise<Made> {
      access.staffOnly(user);
      await checkWho(user, input.personId, input.projectId);
      const [policy, choice] = await Promise.all([
        rewards.policyOn(user.organisationId, input.onDate),
        rewards.rewardChoiceOn(user.organisationId, input.personId, input.onDate),
      ]);
      if (!policy) return { ok: false, errors: { onDate: 'claims:errors.noPolicy' } };
      const priced = priceTime({ activity: input.activity, minutes: input.minutes, preparationMinutes: 0, policy, choice });
      if ('none' in priced) return { ok: false, errors: { personId: `claims:errors.noClaim.${priced.none}` } };
      const base = baseRow(user, input.personId, input.submit);
      await repo.insertClaimOnce(db, {
        ...base,
        kind: 'payment',
        reference: `time:${base.id}`,
        project_id: input.projectId,
        category: input.activity,
        on_date: input.onDate,
        minutes: input.minutes,
        rate_pence: priced.ratePence,
        amount_pence: priced.amountPence,
        way: priced.way,
        charity: priced.charity,
        credit_minutes: priced.creditMinutes,
        note: input.note,
      });
      await access.audit(user, { id: base.id, personId: input.personId }, input.submit ? 'created-and-submitted' : 'created', [], {
        onBehalf: true,
      });
      return { ok: true, id: base.id };
    },

    /** An expense. Members claim their own; staff claim for people who do not sign in. */
    /**
     * An expense, with its receipt if one came with the form: the claim, the receipt's row
     * and their history are saved in one transaction (submitted at once if asked), so there
     * is never a claim sent without the receipt it was sent with. The receipt's bytes are
     * kept first and removed again if the transaction fails.
     */
    async addExpense(user: CurrentUser, input: ExpenseInput, receipt: CheckedReceipt | null = null, actingFor?: ActingFor): Promise<Made> {
      await checkWho(user, input.personId, input.projectId, actingFor);
      const cost = await expenseCost(user.organisationId, input);
      if (!cost.ok) return cost;
      const base = baseRow(user, input.personId, input.submit);
      const claim = { id: base.id, personId: input.personId };
      const storedName = receipt ? await files.put(receipt.data) : null;
      try {
        await db.transaction().execute(async (trx) => {
          await repo.insertClaimOnce(trx, {
            ...base,
            kind: 'expense',
            reference: `expense:${base.id}`,
            project_id: input.projectId,
            category: input.type,
            on_date: input.onDate,
            rate_pence: cost.ratePence,
            mile_tenths: cost.mileTenths,
            amount_pence: cost.amountPence,
            way: 'bank-transfer',
            credit_minutes: 0,
            note: input.note,
          });
          await access.audit(user, claim, input.submit ? 'created-and-submitted' : 'created', [], { onBehalf: true }, trx);
          if (receipt && storedName) await insertReceiptIn(trx, access, now(), user, claim, receipt, storedName);
          await keepAct(trx, actingFor?.personId === input.personId ? actingFor : null, 'claim', base.id);
        });
      } catch (error) {
        if (storedName) await files.remove(storedName);
        throw error;
      }
      return { ok: true, id: base.id };
    },

    /**
     * Puts an expense right before anyone approves it. The person can change their own
     * draft; staff can change it until it is approved. After that, only an adjustment.
     */
    async changeExpense(user: CurrentUser, id: string, input: Omit<ExpenseInput, 'personId' | 'submit'>): Promise<Made> {
      const claim = await access.visibleTo(user, id);
      if (claim.kind !== 'expense') throw new NotFound();
      const editable = isStaff(user) ? isOpen(claim) : claim.status === 'draft';
      if (!editable) throw new Conflict('claims:errors.notEditable');
      if (input.projectId) await projects.get(user, input.projectId);
      const cost = await expenseCost(user.organisationId, input);
      if (!cost.ok) return cost;
      const changed = await repo.updateClaimIn(db, user.organisationId, claim.id, isStaff(user) ? ['draft', 'submitted'] : ['draft'], {
        category: input.type,
        on_date: input.onDate,
        project_id: input.projectId,
        rate_pence: cost.ratePence,
        mile_tenths: cost.mileTenths,
        amount_pence: cost.amountPence,
        note: input.note,
        updated_at: now().toISOString(),
      });
      if (!changed) throw new Conflict('claims:errors.notEditable');
      await access.audit(user, claim, 'changed', [{ field: 'amountPence', from: claim.amountPence, to: cost.amountPence }], {
        onBehalf: true,
      });
      return { ok: true, id: claim.id };
    },

    /** Sends a draft to staff: the person for themself, or staff for them. */
    async submit(user: CurrentUser, id: string): Promise<void> {
      const claim = await access.visibleTo(user, id);
      const at = now().toISOString();
      const done = await repo.updateClaimIn(db, user.organisationId, claim.id, ['draft'], {
        status: 'submitted',
        submitted_at: at,
        submitted_by: user.personId,
        updated_at: at,
      });
      if (!done) throw new Conflict('claims:errors.notDraft');
      await access.audit(user, claim, 'submitted', [], { onBehalf: true });
    },
  };
}

export type ClaimsService = ReturnType<typeof makeClaimsService>;
