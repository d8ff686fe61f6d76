import type { Role } from '../../platform/auth.ts';
import type { Executor } from '../../db/connection.ts';

/** Who is signed in, as the request needs it: read by account (findUserView) or with the session. */
const userViewColumns = [
  'accounts.id as accountId',
  'accounts.person_id as personId',
  'accounts.organisation_id as organisationId',
  'accounts.role as role',
  'organisations.name as organisationName',
  'people.full_name as fullName',
  'people.preferred_name as preferredName',
] as const;

export async function findUserView(db: Executor, accountId: string) {
  return db
    .selectFrom('accounts')
    .innerJoin('people', 'people.id', 'accounts.person_id')
    .innerJoin('organisations', 'organisations.id', 'accounts.organisation_id')
    .select(userViewColumns)
    .where('accounts.id', '=', accountId)
    .where('accounts.active', '=', 1)
    .executeTakeFirst();
}

/**
 * A session's row and, in the same query, its account as findUserView reads it: the account's
 * columns are null when the session has no account or the account is closed.
 */
export async function findSessionWithUser(db: Executor, sessionId: string) {
  return db
    .selectFrom('sessions')
    .leftJoin('accounts', (j) => j.onRef('accounts.id', '=', 'sessions.account_id').on('accounts.active', '=', 1))
    .leftJoin('people', 'people.id', 'accounts.person_id')
    .leftJoin('organisations', 'organisations.id', 'accounts.organisation_id')
    .select([
      'sessions.data',
      'sessions.expires_at',
      'sessions.signed_in_at',
      'sessions.account_id as sessionAccountId',
      ...userViewColumns,
    ])
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst();
}

/** Where a sign-in proved its owner has an address: an email (link or password) or a mobile (code by text). */
export type Address = { kind: 'email' | 'mobile'; address: string };

/** Every active account this address opens, one at most in each organisation. */
export async function accountsOpenedBy(db: Executor, proof: Address) {
  return db
    .selectFrom('accounts')
    .innerJoin('organisations', 'organisations.id', 'accounts.organisation_id')
    .innerJoin('people', 'people.id', 'accounts.person_id')
    .select([
      'accounts.id as accountId',
      'accounts.organisation_id as organisationId',
      'accounts.person_id as personId',
      'accounts.password_hash as passwordHash',
      'organisations.name as organisationName',
      'people.full_name as fullName',
      'people.preferred_name as preferredName',
    ])
    .where(proof.kind === 'email' ? 'accounts.email' : 'accounts.mobile', '=', proof.address)
    .where('accounts.active', '=', 1)
    .orderBy('accounts.created_at')
    .orderBy('accounts.id')
    .execute();
}

export async function findAccountForPerson(db: Executor, organisationId: string, personId: string) {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

/** Whether another account of this organisation already signs in with the address. Other organisations are never asked. */
export async function addressInUseHere(db: Executor, organisationId: string, proof: Address, exceptAccountId?: string): Promise<boolean> {
  let q = db
    .selectFrom('accounts')
    .select('id')
    .where(proof.kind === 'email' ? 'email' : 'mobile', '=', proof.address)
    .where('organisation_id', '=', organisationId);
  if (exceptAccountId) q = q.where('id', '!=', exceptAccountId);
  return Boolean(await q.executeTakeFirst());
}

export async function insertAccount(
  db: Executor,
  row: {
    id: string;
    organisationId: string;
    personId: string;
    email: string | null;
    mobile: string | null;
    role: Role;
    passwordHash: string | null;
    at: string;
  },
) {
  await db
    .insertInto('accounts')
    .values({
      id: row.id,
      organisation_id: row.organisationId,
      person_id: row.personId,
      email: row.email,
      mobile: row.mobile,
      role: row.role,
      password_hash: row.passwordHash,
      active: 1,
      created_at: row.at,
    })
    .execute();
}

export async function updateAccount(
  db: Executor,
  organisationId: string,
  accountId: string,
  changes: { role?: Role; email?: string | null; mobile?: string | null; active?: number; password_hash?: string | null },
) {
  await db.updateTable('accounts').set(changes).where('organisation_id', '=', organisationId).where('id', '=', accountId).execute();
}

/** A password belongs to an email address: every account that address opens gets it. */
export async function setPasswordForEmail(db: Executor, email: string, hash: string) {
  await db.updateTable('accounts').set({ password_hash: hash }).where('email', '=', email).execute();
}

export async function insertSignInToken(db: Executor, tokenHash: string, email: string, expiresAt: string) {
  await db.insertInto('sign_in_tokens').values({ token_hash: tokenHash, email, expires_at: expiresAt, used_at: null }).execute();
}

export async function findSignInToken(db: Executor, tokenHash: string) {
  return db.selectFrom('sign_in_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Marks a link used; true only for the one request that got there first. */
export async function useSignInToken(db: Executor, tokenHash: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('sign_in_tokens')
    .set({ used_at: at })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertSignInCode(db: Executor, row: { id: string; mobile: string; codeHash: string; expiresAt: string; at: string }) {
  await db
    .insertInto('sign_in_codes')
    .values({ id: row.id, mobile: row.mobile, code_hash: row.codeHash, expires_at: row.expiresAt, used_at: null, created_at: row.at })
    .execute();
}

/** The newest code sent to a number: asking again makes every older code worthless. */
export async function newestSignInCode(db: Executor, mobile: string) {
  return db
    .selectFrom('sign_in_codes')
    .selectAll()
    .where('mobile', '=', mobile)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Counts one try at a code; false when it is used, run out, or out of tries (two at once cannot both get the last). */
export async function countCodeTry(db: Executor, id: string, at: string, maxTries: number): Promise<boolean> {
  const result = await db
    .updateTable('sign_in_codes')
    .set((eb) => ({ tries: eb('tries', '+', 1) }))
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .where('tries', '<', maxTries)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function useSignInCode(db: Executor, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('sign_in_codes')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Everyone who can sign in now, with their role. */
/** Active accounts: all of them, or only those of some people (a page of a list). */
/** Staff who can sign in now (a handful, even in a county): for choosing who leads on something. */
export async function activeStaff(db: Executor, organisationId: string) {
  return db
    .selectFrom('accounts')
    .select(['person_id', 'role'])
    .where('organisation_id', '=', organisationId)
    .where('active', '=', 1)
    .where('role', 'in', ['admin', 'facilitator'])
    .execute();
}

export async function activeAccounts(db: Executor, organisationId: string, among?: readonly string[]) {
  if (among?.length === 0) return [];
  let q = db.selectFrom('accounts').select(['person_id', 'role']).where('organisation_id', '=', organisationId).where('active', '=', 1);
  if (among) q = q.where('person_id', 'in', among);
  return q.execute();
}
