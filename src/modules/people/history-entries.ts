/**
 * One line of a person's history of changes. The record's own lines come from the audit
 * log; other parts (the time bank, claims) add lines already worded: `what` in place of
 * subject and action, `detail` in place of the parts changed.
 */
export type HistoryEntry = {
  at: string;
  actorName: string | null;
  behalfName: string | null;
  subjectType: string;
  action: string;
  fields: string[];
  what?: string;
  detail?: string;
};

/** Every list joined, newest first; the same moment keeps the order the lists came in. */
export function newestFirst(lists: ReadonlyArray<readonly HistoryEntry[]>, limit = 500): HistoryEntry[] {
  const stamp = (e: HistoryEntry) => new Date(e.at).getTime() || 0;
  return lists
    .flat()
    .map((e, i) => ({ e, i }))
    .sort((a, b) => stamp(b.e) - stamp(a.e) || a.i - b.i)
    .slice(0, limit)
    .map(({ e }) => e);
}
