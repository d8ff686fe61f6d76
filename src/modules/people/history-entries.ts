import type { Translate } from '../../platform/i18n.ts';

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

/**
 * The parts changed, in words: the catalogue's name for a part when it has one
 * (people:history.field), or else the code split into words ("assessmentStartDay" becomes
 * "Assessment start day"), never the code itself.
 */
export function partsInWords(fields: readonly string[], t: Translate): string[] {
  return fields.map((field) => {
    const words = field
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/[_-]+/g, ' ')
      .toLowerCase();
    return t(`people:history.field.${field}`, { defaultValue: words.charAt(0).toUpperCase() + words.slice(1) });
  });
}

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
