import type { Db, Executor } from '../../db/connection.ts';
import { countNow } from '../../platform/counts.ts';
import type { ReceivedTextsTable } from '../../db/schema/texts.ts';
import { internationalNumber } from '../../platform/delivery/phone-number.ts';
import type { Page } from '../../platform/pagination.ts';

type Row = ReceivedTextsTable;

/** Stores a text unless the provider's id is already stored: true when this call stored it. */
export async function insertOnce(db: Executor, row: Row): Promise<boolean> {
  const inserted = await db
    .insertInto('received_texts')
    .values(row)
    .onConflict((oc) => oc.columns(['provider', 'provider_id']).doNothing())
    .returning('id')
    .execute();
  return inserted.length === 1;
}

/** Which of these provider ids are stored already (one query, any number of ids up to a page). */
export async function storedIds(db: Db, provider: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('received_texts')
    .select('provider_id')
    .where('provider', '=', provider)
    .where('provider_id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.provider_id));
}

export async function settle(
  db: Executor,
  id: string,
  change: Pick<Row, 'outcome' | 'status' | 'meeting_id' | 'reply' | 'person_id' | 'organisation_id'>,
): Promise<void> {
  await db.updateTable('received_texts').set(change).where('id', '=', id).execute();
}

export type InboxFilter = { status?: 'to-do' | 'done' };

const inOrganisation = (db: Db, organisationId: string, filter: InboxFilter) => {
  let q = db.selectFrom('received_texts').where('organisation_id', '=', organisationId);
  if (filter.status) q = q.where('status', '=', filter.status);
  return q;
};

/** One page of the organisation's texts, newest first (index received_texts_inbox / _all). */
export async function page(db: Db, organisationId: string, filter: InboxFilter, p: Page): Promise<Row[]> {
  return inOrganisation(db, organisationId, filter)
    .selectAll()
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(p.limit)
    .offset(p.offset)
    .execute();
}

export async function count(db: Db, organisationId: string, filter: InboxFilter): Promise<number> {
  return countNow(db, countQuery(db, organisationId, filter));
}

/** The count above, to be asked with others (platform/counts.ts). */
export const countQuery = (db: Db, organisationId: string, filter: InboxFilter) =>
  inOrganisation(db, organisationId, filter).select((eb) => eb.fn.countAll<number>().as('n'));

export async function find(db: Db, organisationId: string, id: string): Promise<Row | undefined> {
  return db.selectFrom('received_texts').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

/** Marks a text dealt with; false when it was not waiting (already done, or not this organisation's). */
export async function markDealtWith(
  db: Db,
  organisationId: string,
  id: string,
  by: string,
  at: string,
  note: string | null,
): Promise<boolean> {
  const result = await db
    .updateTable('received_texts')
    .set({ status: 'done', dealt_with_by: by, dealt_with_at: at, dealt_with_note: note })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('status', '=', 'to-do')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The instance's organisation when it serves only one: a text from a number nobody has
 * then plainly belongs to it. Null when there are several (or none).
 */
export async function soleOrganisation(db: Db): Promise<string | null> {
  const rows = await db.selectFrom('organisations').select('id').limit(2).execute();
  return rows.length === 1 ? rows[0]!.id : null;
}

/**
 * The organisations whose own reply phone number (set at /organisation/replies) is this
 * number. An instance holds a handful of organisations, so their numbers are compared
 * here rather than through an index: the numbers are written as people type them.
 */
export async function organisationsByReplyPhone(db: Db, number: string): Promise<string[]> {
  const rows = await db.selectFrom('organisations').select(['id', 'reply_phone']).where('reply_phone', 'is not', null).execute();
  return rows.filter((r) => r.reply_phone && internationalNumber(r.reply_phone) === number).map((r) => r.id);
}

const unfiledTexts = (db: Db) => db.selectFrom('received_texts').where('organisation_id', 'is', null);

/** One page of the texts filed with no organisation, newest first (index received_texts_inbox). */
export async function unfiledPage(db: Db, p: Page): Promise<Row[]> {
  return unfiledTexts(db).selectAll().orderBy('received_at', 'desc').orderBy('id', 'desc').limit(p.limit).offset(p.offset).execute();
}

export async function unfiledCount(db: Db): Promise<number> {
  const row = await unfiledTexts(db)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The instance's organisations by name, for the operator to choose one (an instance holds a handful). */
export async function organisationNames(db: Db, limit = 200): Promise<Array<{ id: string; name: string }>> {
  return db.selectFrom('organisations').select(['id', 'name']).orderBy('name').limit(limit).execute();
}

export async function organisationExists(db: Db, organisationId: string): Promise<boolean> {
  return (await db.selectFrom('organisations').select('id').where('id', '=', organisationId).executeTakeFirst()) !== undefined;
}

/** Who sent an unfiled text; null when there is no such unfiled text. */
export async function unfiledFromNumber(db: Db, id: string): Promise<string | null> {
  const row = await unfiledTexts(db).select('from_number').where('id', '=', id).executeTakeFirst();
  return row?.from_number ?? null;
}

/** Files an unfiled text with an organisation; false when it is not unfiled (already filed, or no such text). */
export async function fileWith(db: Executor, id: string, organisationId: string, personId: string | null): Promise<boolean> {
  const result = await db
    .updateTable('received_texts')
    .set({ organisation_id: organisationId, person_id: personId })
    .where('id', '=', id)
    .where('organisation_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Drops what a text said once acted on, where keeping it would say how someone voted. */
export async function forgetBody(db: Executor, id: string): Promise<void> {
  await db.updateTable('received_texts').set({ body: '' }).where('id', '=', id).execute();
}
