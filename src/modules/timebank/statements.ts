import type { Db } from '../../db/connection.ts';
import type { TimebankAccountKind, TimebankTransactionKind } from '../../db/schema/timebank.ts';
import { NotFound } from '../../platform/errors.ts';
import { londonToday } from '../../platform/time.ts';
import type { PeopleService } from '../people/service.ts';
import { sumOf } from './ledger.ts';
import * as repo from './repository.ts';
import type { KeepFigure } from '../../platform/kept-figures.ts';
import { pageOf, type Page } from '../../platform/pagination.ts';
import type { SourceBound } from '../../platform/history-window.ts';

/** Who an entry belongs to. A null name on the organisation's account: show its own name. */
export type Party = { accountId: string; kind: TimebankAccountKind; personId: string | null; name: string | null; minutes: number };

export type LedgerLine = {
  transactionId: string;
  kind: TimebankTransactionKind;
  memo: string;
  /** What the credit was for, once only (attendance:<meeting>:<person>, claim:<claim> ...); never shown. */
  reference: string | null;
  at: string;
  /** For one account's history: what this transaction did to that account. */
  minutes: number;
  parties: Party[];
  reversed: boolean;
  reversesId: string | null;
  /** Who recorded it (staff, or the person who said yes), and for whom when staff acted for them. */
  recordedBy: string | null;
  onBehalfOf: string | null;
};

/** Time at a meeting the ledger credited from attendance. */
export type MeetingTime = { meetingId: string; minutes: number };

type Row = {
  id: string;
  reference: string | null;
  kind: TimebankTransactionKind;
  memo: string;
  created_at: string;
  reverses_id: string | null;
  recorded_by: string | null;
  on_behalf_of: string | null;
};

/** What the ledger shows: a person's balance and history, and the organisation's overview. */
export function makeStatements({ db, people, keep }: { db: Db; people: PeopleService; keep: KeepFigure }) {
  // The shared accounts' balances and the ledger's total sum half a million entries at county
  // size: kept until the ledger changes.
  const sharedBalances = (organisationId: string) =>
    keep(organisationId, 'timebank|shared-balances', () => repo.sharedAccountBalances(db, organisationId));
  const countLedger = (organisationId: string) => keep(organisationId, 'timebank|ledger-total', () => repo.ledgerTotal(db, organisationId));
  async function lines(organisationId: string, rows: ReadonlyArray<Row & { minutes?: number }>): Promise<LedgerLine[]> {
    const ids = rows.map((r) => r.id);
    const [entries, reversed] = await Promise.all([repo.entriesOf(db, organisationId, ids), repo.reversedAmong(db, organisationId, ids)]);
    return rows.map((r) => {
      const parties = entries
        .filter((e) => e.transaction_id === r.id)
        .map((e) => ({
          accountId: e.account_id,
          kind: e.kind,
          personId: e.person_id,
          name: e.kind === 'person' ? e.preferred_name || e.full_name : e.name,
          minutes: e.minutes,
        }));
      return {
        transactionId: r.id,
        kind: r.kind,
        memo: r.memo,
        reference: r.reference,
        at: r.created_at,
        minutes: r.minutes ?? 0,
        parties,
        reversed: reversed.has(r.id),
        reversesId: r.reverses_id,
        recordedBy: r.recorded_by,
        onBehalfOf: r.on_behalf_of,
      };
    });
  }

  async function accountOf(organisationId: string, personId: string) {
    return repo.findAccount(db, organisationId, { kind: 'person', personId });
  }

  return {
    async balanceOf(organisationId: string, personId: string): Promise<number> {
      const account = await accountOf(organisationId, personId);
      return account ? ((await repo.balancesOf(db, organisationId, [account.id])).get(account.id) ?? 0) : 0;
    },

    /** A person's balance and every transaction on their account, newest first. */
    async history(organisationId: string, personId: string): Promise<{ balance: number; lines: LedgerLine[] }> {
      const account = await accountOf(organisationId, personId);
      if (!account) return { balance: 0, lines: [] };
      const [rows, balances] = await Promise.all([
        repo.transactionsOfAccount(db, organisationId, account.id),
        repo.balancesOf(db, organisationId, [account.id]),
      ]);
      const all = await lines(organisationId, rows);
      // Only the other side is worth naming: "with Sam", not "with you and Sam".
      return {
        balance: balances.get(account.id) ?? 0,
        lines: all.map((l) => ({ ...l, parties: l.parties.filter((p) => p.accountId !== account.id) })),
      };
    },

    /** The transactions on a person's account nearest a key of their history of changes. */
    async historyWindow(organisationId: string, personId: string, bound: SourceBound): Promise<LedgerLine[]> {
      const account = await accountOf(organisationId, personId);
      if (!account) return [];
      const found = await lines(organisationId, await repo.transactionsOfAccountWindow(db, organisationId, account.id, bound));
      return found.map((l) => ({ ...l, parties: l.parties.filter((p) => p.accountId !== account.id) }));
    },

    /**
     * A person's time credits in and out between two London dates (both included), for
     * their printed statement, with the totals and their balance at the end of the period.
     */
    async between(organisationId: string, personId: string, from: string, to: string) {
      const account = await accountOf(organisationId, personId);
      if (!account) return { lines: [] as LedgerLine[], inMinutes: 0, outMinutes: 0, creditedMinutes: 0, attendance: [] as MeetingTime[] };
      // London is at most an hour from UTC: take a day either side, then keep London's dates.
      const day = 86_400_000;
      const range = {
        from: new Date(Date.parse(`${from}T00:00:00Z`) - day).toISOString(),
        to: new Date(Date.parse(`${to}T00:00:00Z`) + 2 * day).toISOString(),
      };
      const rows = (await repo.transactionsOfAccount(db, organisationId, account.id, 5000, range)).filter((r) => {
        const date = londonToday(new Date(r.created_at));
        return date >= from && date <= to;
      });
      const found = (await lines(organisationId, rows)).map((l) => ({
        ...l,
        parties: l.parties.filter((p) => p.accountId !== account.id),
      }));
      // A mistake and its correction in the same period cancel out: counting both would say
      // the person got credits and used them, when the ledger says neither happened.
      const ids = new Set(found.map((l) => l.transactionId));
      const counted = found.filter((l) => !(l.reversed || (l.reversesId !== null && ids.has(l.reversesId))));
      return {
        lines: found,
        inMinutes: sumOf(counted.filter((l) => l.minutes > 0)),
        outMinutes: 0 - sumOf(counted.filter((l) => l.minutes < 0)),
        /** Credits the organisation gave (for meetings and claims) and did not take back. */
        creditedMinutes: sumOf(counted.filter((l) => l.minutes > 0 && (l.kind === 'attendance' || l.kind === 'credit'))),
        /** Meetings credited from attendance and still standing: time given that no claim paid for. */
        attendance: counted
          .filter((l) => l.kind === 'attendance' && l.minutes > 0 && l.reference)
          .map((l) => ({ meetingId: l.reference!.split(':')[1] ?? '', minutes: l.minutes })),
      };
    },

    /**
     * Everyone's balance, the organisation's own account and partners'. The total is the sum
     * of every account, which double entry keeps at zero.
     */
    /**
     * The organisation's and partners' balances, one page of people's balances (by name),
     * and the sum of every entry, which is zero whenever the ledger is sound. Each figure is
     * summed by the database; a county's 20,000 people are shown 50 at a time.
     */
    async overview(organisationId: string, page: Page = pageOf(1)) {
      const [accounts, list, peopleTotal, ledgerTotal] = await Promise.all([
        sharedBalances(organisationId),
        people.list(organisationId, { limit: page.limit, offset: page.offset }),
        people.count(organisationId),
        countLedger(organisationId),
      ]);
      const balances = await repo.personBalances(
        db,
        organisationId,
        list.map((p) => p.id),
      );
      return {
        people: list.map((p) => ({ personId: p.id, name: p.name, fullName: p.fullName, balance: balances.get(p.id) ?? 0 })),
        peopleTotal,
        organisationBalance: accounts.find((a) => a.kind === 'organisation')?.balance ?? 0,
        partners: accounts
          .filter((a) => a.kind === 'partner')
          .map((a) => ({ name: a.name ?? '', balance: a.balance }))
          .sort((a, b) => a.name.localeCompare(b.name)),
        ledgerTotal,
      };
    },

    /** Partners' balances: what each has been given in credits, less what it gave. */
    async partnerBalances(organisationId: string) {
      const balances = await sharedBalances(organisationId);
      return balances
        .filter((a) => a.kind === 'partner')
        .map((a) => ({ name: a.name ?? '', balance: a.balance }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },

    async recent(organisationId: string, limit = 50): Promise<LedgerLine[]> {
      return lines(organisationId, await repo.recentTransactions(db, organisationId, limit));
    },

    async transaction(organisationId: string, id: string): Promise<LedgerLine> {
      const row = await repo.findTransaction(db, organisationId, id);
      if (!row) throw new NotFound();
      return (await lines(organisationId, [row]))[0]!;
    },

    /** The credits given under these references: what the person got, and whether it was undone. */
    async creditsByReference(organisationId: string, references: readonly string[]) {
      return (await repo.creditsByReference(db, organisationId, references)).map((r) => ({
        transactionId: r.id,
        reference: r.reference ?? '',
        kind: r.kind,
        minutes: Number(r.minutes),
        reversed: Boolean(r.reversed),
      }));
    },

    /** Which of these references already have a transaction (credits given once only). */
    async referencesUsed(organisationId: string, references: readonly string[]): Promise<Set<string>> {
      return repo.referencesUsed(db, organisationId, references);
    },
  };
}

export type Statements = ReturnType<typeof makeStatements>;
