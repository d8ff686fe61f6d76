import type { Insertable } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { ReplyActionKind, ReplyActionsTable } from '../../db/schema/replies.ts';

// Every query that starts from what a person or staff typed names the organisation, except
// opening a signed link: its signature is the proof, and the row says whose it is.

export async function freeExpiredCodes(db: Executor, at: string) {
  await db.updateTable('reply_actions').set({ code: null }).where('expires_at', '<', at).where('code', 'is not', null).execute();
}

export async function actionsAbout(
  db: Executor,
  organisationId: string,
  kind: ReplyActionKind,
  aboutId: string,
  personIds: readonly string[],
) {
  if (!personIds.length) return [];
  return db
    .selectFrom('reply_actions')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('kind', '=', kind)
    .where('about_id', '=', aboutId)
    .where('person_id', 'in', personIds)
    .execute();
}

export async function codesTaken(db: Executor, codes: readonly string[]): Promise<Set<string>> {
  if (!codes.length) return new Set();
  const rows = await db.selectFrom('reply_actions').select('code').where('code', 'in', codes).execute();
  return new Set(rows.flatMap((r) => (r.code ? [r.code] : [])));
}

export async function insertActions(db: Executor, rows: ReadonlyArray<Insertable<ReplyActionsTable>>) {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('reply_actions')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** A thing can move (a meeting put back a day): its actions follow it. */
export async function setExpiry(db: Executor, organisationId: string, kind: ReplyActionKind, aboutId: string, expiresAt: string) {
  await db
    .updateTable('reply_actions')
    .set({ expires_at: expiresAt })
    .where('organisation_id', '=', organisationId)
    .where('kind', '=', kind)
    .where('about_id', '=', aboutId)
    .where('expires_at', '!=', expiresAt)
    .execute();
}

export async function giveCode(db: Executor, id: string, code: string) {
  await db.updateTable('reply_actions').set({ code }).where('id', '=', id).execute();
}

export async function findAction(db: Executor, id: string) {
  return db.selectFrom('reply_actions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findByCode(db: Executor, organisationId: string, code: string) {
  return db
    .selectFrom('reply_actions')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Marks a once-only action used; false when someone else got there first. */
export async function claimUse(db: Executor, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('reply_actions')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function latestLive(
  db: Executor,
  organisationId: string,
  personId: string,
  at: string,
  skipKinds: readonly ReplyActionKind[],
) {
  return db
    .selectFrom('reply_actions')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .$if(skipKinds.length > 0, (q) => q.where('kind', 'not in', skipKinds))
    .where('expires_at', '>', at)
    .where('used_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}
