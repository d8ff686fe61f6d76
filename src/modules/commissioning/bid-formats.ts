// P7: "the bids, each with a plain-language summary for the panel, in each panel member's
// format". A panel member who reads easy read is shown the bid's easy read summary, and one
// who reads large print is shown it in large type, as meeting papers go to each person in
// their format. Until staff write an easy read version, its reader is shown the usual words
// with a line saying so, and the round's page tells staff who is waiting: nobody is left
// without a summary, and nobody is quietly given the wrong one.
import { sentencesOf } from '../easy-read/sentences.ts';

/** How one person reads: easy read words, large print, both or neither. */
export type ReadingFormat = { easyRead: boolean; largePrint: boolean };

export const usualFormat: ReadingFormat = { easyRead: false, largePrint: false };

export type BidWords = { summary: string; easyReadSummary: string | null };

/** A bid's summary as one reader is shown it. */
export type ShownSummary = {
  /** The usual summary, when it is what they are shown. */
  text: string | null;
  /** The easy read summary, one sentence a line, when it is what they are shown. */
  easyReadLines: string[] | null;
  large: boolean;
  /** They read easy read and there is no easy read version yet: they are shown the usual words. */
  easyReadMissing: boolean;
};

const written = (text: string | null) => (text?.trim() ? text : null);

export function summaryFor(bid: BidWords, format: ReadingFormat): ShownSummary {
  const easy = format.easyRead ? written(bid.easyReadSummary) : null;
  return {
    text: easy ? null : bid.summary,
    easyReadLines: easy ? sentencesOf(easy) : null,
    large: format.largePrint,
    easyReadMissing: format.easyRead && !easy,
  };
}

/**
 * For each bid with no easy read version, the panel members who read easy read and will be
 * shown it (a bid they declared an interest in is never shown to them), in panel order.
 */
export function easyReadGaps(
  bids: ReadonlyArray<BidWords & { id: string; conflicted: readonly string[] }>,
  panel: readonly string[],
  formats: ReadonlyMap<string, ReadingFormat>,
): Array<{ bidId: string; personIds: string[] }> {
  const readers = panel.filter((p) => formats.get(p)?.easyRead);
  return bids.flatMap((bid) => {
    if (written(bid.easyReadSummary)) return [];
    const waiting = readers.filter((p) => !bid.conflicted.includes(p));
    return waiting.length ? [{ bidId: bid.id, personIds: waiting }] : [];
  });
}

/** Who reads how: two reads of other modules' data, however many people. */
export type ReadingFormats = (organisationId: string, personIds: readonly string[]) => Promise<Map<string, ReadingFormat>>;

/**
 * Easy read for people who made it their default or whose access needs name it (as meeting
 * messages decide); large print for people whose needs name it (as papers decide). Needs are
 * read to choose a format, as the papers do, and not shown, so this is not a logged view.
 */
export function readingFormatsFrom(
  easyReaders: (organisationId: string, personIds: readonly string[]) => Promise<Set<string>>,
  needsOf: (organisationId: string, personIds: readonly string[]) => Promise<Map<string, { formats: readonly string[] }>>,
): ReadingFormats {
  return async (organisationId, personIds) => {
    if (!personIds.length) return new Map();
    const readers = await easyReaders(organisationId, personIds);
    const needs = await needsOf(organisationId, personIds);
    return new Map(
      personIds.map((id) => {
        const formats = needs.get(id)?.formats ?? [];
        return [id, { easyRead: readers.has(id) || formats.includes('easy-read'), largePrint: formats.includes('large-print') }];
      }),
    );
  };
}
