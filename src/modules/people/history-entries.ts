import { mergeWindow, type HistoryKey, type HistoryPage, type HistoryWindow } from '../../platform/history-window.ts';
import type { Translate } from '../../platform/i18n.ts';

/**
 * One line of a person's history of changes. The record's own lines come from the audit
 * log; other parts (the time bank, claims) add lines already worded: `what` in place of
 * subject and action, `detail` in place of the parts changed.
 */
export type HistoryEntry = {
  /** Where it sits in the history, for paging: its time, its source and its id there. */
  key: HistoryKey;
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

/** A history is 50 lines a page, newest first. */
export const historyPageSize = 50;

/** One part of a person's history (their record, time credits, claims): its nearest lines to the window's key. */
export type HistorySourceReader = (window: HistoryWindow) => Promise<HistoryEntry[]>;

/** One page of a person's history from all its parts, each read only near the page. */
export async function historyPage(parts: readonly HistorySourceReader[], window: HistoryWindow): Promise<HistoryPage<HistoryEntry>> {
  return mergeWindow(await Promise.all(parts.map((read) => read(window))), window);
}
