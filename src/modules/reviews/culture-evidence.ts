// The self-assessment puts the facts the app holds beside each culture statement (C1..C3) and
// the practice statements the app has facts for (P4 staff time, issue 22), so people rate with
// evidence in front of them rather than opinion. Each module that holds such facts (charter,
// risks, safeguarding, staff time) provides one source; the reviews module shows them and
// never reads the other modules' tables itself.
import type { Db } from '../../db/connection.ts';
import type { Translate } from '../../platform/i18n.ts';
import type { KeepFigure } from '../../platform/kept-figures.ts';
import type { SmallNumberRule } from '../../platform/small-numbers.ts';

/** One fact beside a statement: the words are already translated; href links to where it comes from. */
/** The statements that have a source: a box shows beside each, saying "nothing yet" when empty. */
export const evidenceCodes = ['C1', 'C2', 'C3', 'P3', 'P4', 'P5', 'P6', 'P7'] as const;
export type EvidenceCode = (typeof evidenceCodes)[number];

export type CultureEvidence = { code: EvidenceCode; words: string; href?: string };

/**
 * Reads figures with SQL only (COUNT/GROUP BY), a fixed number of queries whatever the size.
 * Counts over tables that move the figure version on (decision 0014) may be kept with `keep`,
 * as the review page asks for the evidence on every look. `rule` is the organisation's
 * small-number rule for counts of people.
 */
export type CultureEvidenceSource = (
  db: Db,
  organisationId: string,
  now: Date,
  t: Translate,
  keep?: KeepFigure,
  rule?: SmallNumberRule,
) => Promise<CultureEvidence[]>;
