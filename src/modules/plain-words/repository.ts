import type { Executor } from '../../db/connection.ts';
import type { Page } from '../../platform/pagination.ts';

export type JargonRow = { id: string; word: string; plain: string };

/** Whether the organisation has its own list yet (else it uses the starter list). */
export async function hasOwnList(db: Executor, organisationId: string) {
  const row = await db
    .selectFrom('plain_word_lists')
    .select('organisation_id')
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Starts the organisation's own list; true when this call started it (so it copies the starter list). */
export async function startList(db: Executor, organisationId: string, at: string) {
  const row = await db
    .insertInto('plain_word_lists')
    .values({ organisation_id: organisationId, started_at: at })
    .onConflict((oc) => oc.column('organisation_id').doNothing())
    .returning('organisation_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The whole list, for the checker: bounded by maxEntries when words are added. */
export async function allJargon(db: Executor, organisationId: string, limit: number) {
  return db
    .selectFrom('plain_word_jargon')
    .select(['id', 'word', 'plain'])
    .where('organisation_id', '=', organisationId)
    .orderBy('word_key')
    .limit(limit)
    .execute();
}

export async function jargonPage(db: Executor, organisationId: string, page: Page) {
  const base = db.selectFrom('plain_word_jargon').where('organisation_id', '=', organisationId);
  const [rows, count] = await Promise.all([
    base.select(['id', 'word', 'plain']).orderBy('word_key').limit(page.limit).offset(page.offset).execute(),
    base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function countJargon(db: Executor, organisationId: string) {
  const row = await db
    .selectFrom('plain_word_jargon')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('organisation_id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findWord(db: Executor, organisationId: string, wordKey: string) {
  return db
    .selectFrom('plain_word_jargon')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('word_key', '=', wordKey)
    .executeTakeFirst();
}

export async function insertJargon(
  db: Executor,
  rows: ReadonlyArray<{ id: string; organisationId: string; word: string; plain: string; at: string }>,
) {
  if (!rows.length) return;
  await db
    .insertInto('plain_word_jargon')
    .values(
      rows.map((r) => ({
        id: r.id,
        organisation_id: r.organisationId,
        word: r.word,
        word_key: r.word.toLowerCase(),
        plain: r.plain,
        created_at: r.at,
      })),
    )
    .execute();
}

export async function deleteJargon(db: Executor, organisationId: string, id: string) {
  const result = await db
    .deleteFrom('plain_word_jargon')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
