import { PostgresAdapter, type Insertable, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { TimebankAccountKind, TimebankTransactionsTable } from '../../db/schema/timebank.ts';
import { newId } from '../../platform/ids.ts';
import type { Entry } from './ledger.ts';
import type { Executor } from '../../db/connection.ts';
import type { SourceBound } from '../../platform/history-window.ts';

// Every query names the organisation. Sums come back as text from PostgreSQL (bigint) and as
// numbers from SQLite, so they are turned into numbers here.

const isPostgres = (db: Executor) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function findAccount(
  db: Executor,
  organisationId: string,
  by:
    | { kind: 'organisation' }
    | { kind: 'person'; personId: string }
    | { kind: 'partner'; name: string }
    | { kind: 'partner'; communityGroupId: string },
) {
  let q = db.selectFrom('timebank_accounts').selectAll().where('organisation_id', '=', organisationId).where('kind', '=', by.kind);
  if (by.kind === 'person') q = q.where('person_id', '=', by.personId);
  if (by.kind === 'partner')
    q = 'communityGroupId' in by ? q.where('community_group_id', '=', by.communityGroupId) : q.where('name', '=', by.name);
  return q.executeTakeFirst();
}

/** Points a partner's account at its directory entry, and keeps the entry's name on it. */
export async function linkPartnerAccount(db: Executor, organisationId: string, accountId: string, communityGroupId: string, name: string) {
  await db
    .updateTable('timebank_accounts')
    .set({ community_group_id: communityGroupId, name })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', accountId)
    .execute();
}

export async function findAccountById(db: Executor, organisationId: string, id: string) {
  return db
    .selectFrom('timebank_accounts')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Makes the account unless it exists; two callers at once still end with one account. */
export async function ensureAccount(
  db: Executor,
  organisationId: string,
  kind: TimebankAccountKind,
  personId: string | null,
  name: string | null,
  at: string,
) {
  await db
    .insertInto('timebank_accounts')
    .values({ id: newId(), organisation_id: organisationId, kind, person_id: personId, name, created_at: at })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/**
 * Holds the accounts until the transaction ends, so two transfers from one account cannot
 * both pass the floor check. PostgreSQL locks the rows, always in id order so that two
 * transfers between the same accounts never wait for each other. SQLite needs nothing: it
 * has one writer, and Kysely runs one transaction at a time on its single connection.
 */
export async function lockAccounts(trx: Transaction<Database>, organisationId: string, accountIds: readonly string[]) {
  if (!isPostgres(trx) || accountIds.length === 0) return;
  await trx
    .selectFrom('timebank_accounts')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', [...accountIds])
    .orderBy('id')
    .forUpdate()
    .execute();
}

export async function balancesOf(db: Executor, organisationId: string, accountIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map(accountIds.map((id) => [id, 0]));
  if (accountIds.length === 0) return out;
  const rows = await db
    .selectFrom('timebank_entries')
    .select(['account_id', (eb) => eb.fn.sum<number | string>('minutes').as('balance')])
    .where('organisation_id', '=', organisationId)
    .where('account_id', 'in', [...accountIds])
    .groupBy('account_id')
    .execute();
  for (const r of rows) out.set(r.account_id, Number(r.balance ?? 0));
  return out;
}

export async function insertTransaction(trx: Executor, row: Insertable<TimebankTransactionsTable>, entries: readonly Entry[]) {
  await trx.insertInto('timebank_transactions').values(row).execute();
  await trx
    .insertInto('timebank_entries')
    .values(
      entries.map((e) => ({
        id: newId(),
        organisation_id: row.organisation_id,
        transaction_id: row.id,
        account_id: e.accountId,
        minutes: e.minutes,
        created_at: row.created_at,
      })),
    )
    .execute();
}

export async function findTransaction(db: Executor, organisationId: string, id: string) {
  return db
    .selectFrom('timebank_transactions')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findByReference(db: Executor, organisationId: string, reference: string) {
  return db
    .selectFrom('timebank_transactions')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('reference', '=', reference)
    .executeTakeFirst();
}

export async function referencesUsed(db: Executor, organisationId: string, references: readonly string[]): Promise<Set<string>> {
  if (references.length === 0) return new Set();
  const rows = await db
    .selectFrom('timebank_transactions')
    .select('reference')
    .where('organisation_id', '=', organisationId)
    .where('reference', 'in', [...references])
    .execute();
  return new Set(rows.map((r) => r.reference).filter((r): r is string => r !== null));
}

export async function reversalOf(db: Executor, organisationId: string, transactionId: string) {
  return db
    .selectFrom('timebank_transactions')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('reverses_id', '=', transactionId)
    .executeTakeFirst();
}

/** The entries of some transactions, with a name for each account. */
export async function entriesOf(db: Executor, organisationId: string, transactionIds: readonly string[]) {
  if (transactionIds.length === 0) return [];
  return db
    .selectFrom('timebank_entries as e')
    .innerJoin('timebank_accounts as a', (j) => j.onRef('a.id', '=', 'e.account_id').onRef('a.organisation_id', '=', 'e.organisation_id'))
    .leftJoin('people as p', (j) => j.onRef('p.id', '=', 'a.person_id').onRef('p.organisation_id', '=', 'a.organisation_id'))
    .select(['e.transaction_id', 'e.account_id', 'e.minutes', 'a.kind', 'a.name', 'a.person_id', 'p.full_name', 'p.preferred_name'])
    .where('e.organisation_id', '=', organisationId)
    .where('e.transaction_id', 'in', [...transactionIds])
    .orderBy('e.minutes')
    .execute();
}

/** Transactions that touched an account, newest first; optionally only those made between two UTC times. */
export async function transactionsOfAccount(
  db: Executor,
  organisationId: string,
  accountId: string,
  limit = 200,
  between?: { from: string; to: string },
) {
  let q = db
    .selectFrom('timebank_transactions as t')
    .innerJoin('timebank_entries as e', (j) =>
      j.onRef('e.transaction_id', '=', 't.id').onRef('e.organisation_id', '=', 't.organisation_id'),
    )
    .selectAll('t')
    .select('e.minutes')
    .where('t.organisation_id', '=', organisationId)
    .where('e.account_id', '=', accountId);
  if (between) q = q.where('t.created_at', '>=', between.from).where('t.created_at', '<', between.to);
  return q.orderBy('t.created_at', 'desc').orderBy('t.id').limit(limit).execute();
}

export async function recentTransactions(db: Executor, organisationId: string, limit = 50) {
  return db
    .selectFrom('timebank_transactions')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function reversedAmong(db: Executor, organisationId: string, transactionIds: readonly string[]): Promise<Set<string>> {
  if (transactionIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('timebank_transactions')
    .select('reverses_id')
    .where('organisation_id', '=', organisationId)
    .where('reverses_id', 'in', [...transactionIds])
    .execute();
  return new Set(rows.map((r) => r.reverses_id).filter((r): r is string => r !== null));
}

/** Every account with its balance, for the organisation's overview. */
/** Balances of the organisation's own account and its partners' accounts. */
export async function sharedAccountBalances(db: Executor, organisationId: string) {
  const rows = await db
    .selectFrom('timebank_accounts as a')
    .leftJoin('timebank_entries as e', (j) => j.onRef('e.account_id', '=', 'a.id').onRef('e.organisation_id', '=', 'a.organisation_id'))
    .select(['a.id', 'a.kind', 'a.name', (eb) => eb.fn.coalesce(eb.fn.sum<number | string>('e.minutes'), eb.lit(0)).as('balance')])
    .where('a.organisation_id', '=', organisationId)
    .where('a.kind', 'in', ['organisation', 'partner'])
    .groupBy(['a.id', 'a.kind', 'a.name'])
    .execute();
  return rows.map((r) => ({ ...r, balance: Number(r.balance) }));
}

/** The balances of some people (a page of a list), by person id; people with no account are left out. */
export async function personBalances(db: Executor, organisationId: string, personIds: readonly string[]): Promise<Map<string, number>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('timebank_accounts as a')
    .innerJoin('timebank_entries as e', (j) => j.onRef('e.account_id', '=', 'a.id').onRef('e.organisation_id', '=', 'a.organisation_id'))
    .select(['a.person_id', (eb) => eb.fn.sum<number | string>('e.minutes').as('balance')])
    .where('a.organisation_id', '=', organisationId)
    .where('a.person_id', 'in', personIds)
    .groupBy('a.person_id')
    .execute();
  return new Map(rows.map((r) => [r.person_id!, Number(r.balance)]));
}

/** Sum of every entry in the organisation: zero whenever the ledger is sound. */
export async function ledgerTotal(db: Executor, organisationId: string): Promise<number> {
  const row = await db
    .selectFrom('timebank_entries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>('minutes'), eb.lit(0)).as('total'))
    .where('organisation_id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

export async function findSettings(db: Executor, organisationId: string) {
  return db.selectFrom('timebank_settings').selectAll().where('organisation_id', '=', organisationId).executeTakeFirst();
}

export async function saveSettings(db: Executor, row: Database['timebank_settings']) {
  await db
    .insertInto('timebank_settings')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('organisation_id')
        .doUpdateSet({ floor_minutes: row.floor_minutes, updated_at: row.updated_at, updated_by: row.updated_by }),
    )
    .execute();
}

/**
 * Minutes the organisation gave people (attendance and other credits) in [fromIso, toIso),
 * leaving out anything since undone, summed by the database. In these transactions the
 * organisation's account gives and a person's account gets, so the positive lines are the
 * people's; joining the accounts to say so led SQLite to read every entry (3 s at county size).
 */
export async function creditMinutesBetween(db: Executor, organisationId: string, fromIso: string, toIso: string): Promise<number> {
  const row = await db
    .selectFrom('timebank_transactions as t')
    .innerJoin('timebank_entries as e', (j) =>
      j.onRef('e.transaction_id', '=', 't.id').onRef('e.organisation_id', '=', 't.organisation_id'),
    )
    .select((eb) => eb.fn.sum<number>('e.minutes').as('minutes'))
    .where('t.organisation_id', '=', organisationId)
    .where('t.created_at', '>=', fromIso)
    .where('t.created_at', '<', toIso)
    .where('t.kind', 'in', ['attendance', 'credit'])
    .where('e.minutes', '>', 0)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('timebank_transactions as r').select('r.id').whereRef('r.reverses_id', '=', 't.id'))),
    )
    .executeTakeFirst();
  return Number(row?.minutes ?? 0);
}

/**
 * The credits given under some references (one transaction each, by the unique index): its
 * kind, the minutes the person got, and whether it has since been undone. One query.
 */
export async function creditsByReference(db: Executor, organisationId: string, references: readonly string[]) {
  if (references.length === 0) return [];
  return db
    .selectFrom('timebank_transactions as t')
    .innerJoin('timebank_entries as e', (j) =>
      j.onRef('e.transaction_id', '=', 't.id').onRef('e.organisation_id', '=', 't.organisation_id'),
    )
    .select(['t.id', 't.reference', 't.kind', 'e.minutes'])
    .select((eb) =>
      eb.exists(eb.selectFrom('timebank_transactions as r').select('r.id').whereRef('r.reverses_id', '=', 't.id')).as('reversed'),
    )
    .where('t.organisation_id', '=', organisationId)
    .where('t.reference', 'in', [...references])
    .where('e.minutes', '>', 0)
    .execute();
}

/**
 * The transactions on an account nearest a person's history key (platform/history-window.ts),
 * found by the account's time index: one page costs a few rows however long the history.
 */
export async function transactionsOfAccountWindow(db: Executor, organisationId: string, accountId: string, bound: SourceBound) {
  let q = db
    .selectFrom('timebank_entries as e')
    .innerJoin('timebank_transactions as t', (j) =>
      j.onRef('t.id', '=', 'e.transaction_id').onRef('t.organisation_id', '=', 'e.organisation_id'),
    )
    .selectAll('t')
    .select('e.minutes')
    .where('e.organisation_id', '=', organisationId)
    .where('e.account_id', '=', accountId);
  const { at, id } = bound;
  if (at)
    q = q.where((eb) =>
      id
        ? eb.or([eb('e.created_at', at.op, at.value), eb.and([eb('e.created_at', '=', at.value), eb('e.transaction_id', id.op, id.value)])])
        : eb('e.created_at', at.op, at.value),
    );
  return q.orderBy('e.created_at', bound.order.at).orderBy('e.transaction_id', bound.order.id).limit(bound.limit).execute();
}
