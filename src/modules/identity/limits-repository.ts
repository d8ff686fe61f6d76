import { sql } from 'kysely';
import type { Executor } from '../../db/connection.ts';

export async function findLockout(db: Executor, address: string) {
  return db
    .selectFrom('sign_in_lockouts')
    .select(['failures', 'last_failure_at', 'not_before', 'locked_until', 'locks'])
    .where('address', '=', address)
    .executeTakeFirst();
}

/**
 * Counts a wrong password in one statement, so tries at once on several machines all count.
 * A count whose last wrong password is older than `forgetBefore` starts again from one.
 */
export async function countFailure(db: Executor, address: string, at: string, forgetBefore: string) {
  const forgotten = sql<boolean>`sign_in_lockouts.last_failure_at <= ${forgetBefore}`;
  return db
    .insertInto('sign_in_lockouts')
    .values({ address, failures: 1, last_failure_at: at, locks: 0 })
    .onConflict((oc) =>
      oc.column('address').doUpdateSet({
        failures: sql<number>`case when ${forgotten} then 1 else sign_in_lockouts.failures + 1 end`,
        locks: sql<number>`case when ${forgotten} then 0 else sign_in_lockouts.locks end`,
        last_failure_at: at,
      }),
    )
    .returning(['failures', 'locks'])
    .executeTakeFirstOrThrow();
}

export async function setNotBefore(db: Executor, address: string, notBefore: string | null) {
  await db.updateTable('sign_in_lockouts').set({ not_before: notBefore }).where('address', '=', address).execute();
}

/** Locks the address; true only for the one try that got there first, so the person is told once. */
export async function lock(db: Executor, address: string, until: string, minFailures: number): Promise<boolean> {
  const result = await db
    .updateTable('sign_in_lockouts')
    .set((eb) => ({ locked_until: until, not_before: null, failures: 0, locks: eb('locks', '+', 1) }))
    .where('address', '=', address)
    .where('failures', '>=', minFailures)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Forgets the wrong passwords (a right one, or staff unlocking); true when there was something to forget. */
export async function clearLockout(db: Executor, address: string): Promise<boolean> {
  const result = await db.deleteFrom('sign_in_lockouts').where('address', '=', address).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function forgetOldLockouts(db: Executor, before: string) {
  await db.deleteFrom('sign_in_lockouts').where('last_failure_at', '<', before).execute();
}

export async function insertLinkRequest(db: Executor, row: { id: string; email: string; at: string }) {
  await db.insertInto('sign_in_link_requests').values({ id: row.id, email: row.email, requested_at: row.at }).execute();
}

export async function waitingLinkRequests(db: Executor, limit: number) {
  return db.selectFrom('sign_in_link_requests').select('id').orderBy('requested_at').orderBy('id').limit(limit).execute();
}

/** Takes one request off the queue; the email only for the one worker that got it. */
export async function claimLinkRequest(db: Executor, id: string) {
  return db.deleteFrom('sign_in_link_requests').where('id', '=', id).returning('email').executeTakeFirst();
}

/** Ends sessions of these accounts, except the one given (the person's own, when they made the change). */
export async function endSessionsOf(db: Executor, accountIds: readonly string[], exceptSessionId: string | null) {
  if (accountIds.length === 0) return;
  let q = db.deleteFrom('sessions').where('account_id', 'in', accountIds);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  await q.execute();
}
