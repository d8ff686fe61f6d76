import type { Role } from '../../platform/auth.ts';
import type { Executor } from '../../db/connection.ts';

export async function findUserView(db: Executor, accountId: string) {
  return db
    .selectFrom('accounts')
    .innerJoin('people', 'people.id', 'accounts.person_id')
    .innerJoin('organisations', 'organisations.id', 'accounts.organisation_id')
    .select([
      'accounts.id as accountId',
      'accounts.person_id as personId',
      'accounts.organisation_id as organisationId',
      'accounts.role as role',
      'organisations.name as organisationName',
      'people.full_name as fullName',
      'people.preferred_name as preferredName',
    ])
    .where('accounts.id', '=', accountId)
    .where('accounts.active', '=', 1)
    .executeTakeFirst();
}

export async function findAccountByEmail(db: Executor, email: string) {
  return db.selectFrom('accounts').selectAll().where('email', '=', email).where('active', '=', 1).executeTakeFirst();
}

export async function findAccountForPerson(db: Executor, organisationId: string, personId: string) {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export async function emailInUse(db: Executor, email: string, exceptAccountId?: string): Promise<boolean> {
  let q = db.selectFrom('accounts').select('id').where('email', '=', email);
  if (exceptAccountId) q = q.where('id', '!=', exceptAccountId);
  return Boolean(await q.executeTakeFirst());
}

export async function insertAccount(
  db: Executor,
  row: { id: string; organisationId: string; personId: string; email: string; role: Role; passwordHash: string | null; at: string },
) {
  await db
    .insertInto('accounts')
    .values({
      id: row.id,
      organisation_id: row.organisationId,
      person_id: row.personId,
      email: row.email,
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
  changes: { role?: Role; email?: string; active?: number; password_hash?: string | null },
) {
  await db.updateTable('accounts').set(changes).where('organisation_id', '=', organisationId).where('id', '=', accountId).execute();
}

export async function setPasswordHash(db: Executor, accountId: string, hash: string) {
  await db.updateTable('accounts').set({ password_hash: hash }).where('id', '=', accountId).execute();
}

export async function insertSignInToken(db: Executor, tokenHash: string, accountId: string, expiresAt: string) {
  await db
    .insertInto('sign_in_tokens')
    .values({ token_hash: tokenHash, account_id: accountId, expires_at: expiresAt, used_at: null })
    .execute();
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

/** Everyone who can sign in now, with their role. */
/** Active accounts: all of them, or only those of some people (a page of a list). */
export async function activeAccounts(db: Executor, organisationId: string, among?: readonly string[]) {
  if (among?.length === 0) return [];
  let q = db.selectFrom('accounts').select(['person_id', 'role']).where('organisation_id', '=', organisationId).where('active', '=', 1);
  if (among) q = q.where('person_id', 'in', among);
  return q.execute();
}
