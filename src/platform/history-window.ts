import { z } from 'zod';

/**
 * Paging a history merged from several sources (the audit log, the time bank, claims) by
 * key, not by page number. The whole history is in one order, newest first: by time, then
 * by source, then by id, so no two entries tie. A page is the `limit` entries just older
 * (or, going back, just newer) than the key of an entry already seen. Each source gives
 * only its nearest `limit + 1` entries beyond that key, read from an index, and the nearest
 * `limit` of them all are the page: however long the history, nothing is skipped or shown
 * twice, and no page reads more than a few rows from each source.
 */
export type HistorySource = 'audit' | 'claim' | 'timebank';
export const historySources = ['audit', 'claim', 'timebank'] as const satisfies readonly HistorySource[];

/** Where an entry sits in the history. `at` is a UTC ISO time, compared as text as the database does. */
export type HistoryKey = { at: string; source: HistorySource; id: string };

/** Older than `before`, newer than `after`, or the newest when neither is given. */
export type HistoryWindow = { before?: HistoryKey; after?: HistoryKey; limit: number };

/**
 * What one source must ask its database for: times (and ids at the same time) beyond the
 * key, read nearest first. `order` is how its rows are sorted: `at` then `id`.
 */
export type SourceBound = {
  order: { at: 'asc' | 'desc'; id: 'asc' | 'desc' };
  limit: number;
  /** Null on the first page. With `id`, entries at exactly `at` count when their id is beyond it. */
  at: null | { value: string; op: '<' | '<=' | '>' | '>=' };
  id: null | { value: string; op: '<' | '>' };
};

export function boundFor(source: HistorySource, window: HistoryWindow): SourceBound {
  const limit = window.limit + 1;
  const cursor = window.after ?? window.before;
  const older = window.after === undefined;
  const order = older ? ({ at: 'desc', id: 'asc' } as const) : ({ at: 'asc', id: 'desc' } as const);
  if (!cursor) return { order, limit, at: null, id: null };
  if (source === cursor.source)
    return { order, limit, at: { value: cursor.at, op: older ? '<' : '>' }, id: { value: cursor.id, op: older ? '>' : '<' } };
  // At the same moment, a source named later comes later in the history.
  const later = source > cursor.source;
  const op = older ? (later ? '<=' : '<') : later ? '>' : '>=';
  return { order, limit, at: { value: cursor.at, op }, id: null };
}

/** The history's own order: newest first, then by source, then by id. */
export function compareKeys(a: HistoryKey, b: HistoryKey): number {
  if (a.at !== b.at) return a.at > b.at ? -1 : 1;
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  return a.id === b.id ? 0 : a.id < b.id ? -1 : 1;
}

export type HistoryPage<T> = { entries: T[]; newer: HistoryKey | null; older: HistoryKey | null };

/**
 * One page from each source's nearest entries: the `limit` nearest of them all, newest
 * first, with the keys to ask for the pages either side (null where there is nothing).
 */
export function mergeWindow<T extends { key: HistoryKey }>(lists: ReadonlyArray<readonly T[]>, window: HistoryWindow): HistoryPage<T> {
  const all = lists.flat().sort((a, b) => compareKeys(a.key, b.key));
  if (window.after) {
    const entries = all.slice(Math.max(0, all.length - window.limit));
    return {
      entries,
      newer: all.length > window.limit ? entries[0]!.key : null,
      older: entries.length ? entries[entries.length - 1]!.key : window.after,
    };
  }
  const entries = all.slice(0, window.limit);
  return {
    entries,
    newer: window.before ? (entries[0]?.key ?? window.before) : null,
    older: all.length > window.limit ? entries[entries.length - 1]!.key : null,
  };
}

const keyText = z
  .string()
  .max(200)
  .transform((text, ctx): HistoryKey => {
    const [at, source, id, ...rest] = text.split('~');
    const parsed = z
      .object({ at: z.iso.datetime(), source: z.enum(historySources), id: z.string().min(1).max(64) })
      .safeParse({ at, source, id });
    if (!parsed.success || rest.length) {
      ctx.addIssue({ code: 'custom', message: 'not a history key' });
      return z.NEVER;
    }
    return parsed.data;
  });

/** The `before` and `after` query values; a bad one is the newest page, never an error. */
export const historyWindowQuery = z.object({
  before: keyText.optional().catch(undefined),
  after: keyText.optional().catch(undefined),
});

/** A key as it goes in a link's query: `at~source~id`. */
export const keyParam = (key: HistoryKey): string => `${key.at}~${key.source}~${key.id}`;
