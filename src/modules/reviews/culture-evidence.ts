// The self-assessment puts the facts the app holds beside each culture statement (C1..C3), so
// people rate with evidence in front of them rather than opinion. Each module that holds such
// facts (charter, risks, safeguarding) provides one source; the reviews module shows them and
// never reads the other modules' tables itself.
import type { Db } from '../../db/connection.ts';
import type { Translate } from '../../platform/i18n.ts';

/** One fact beside a statement: the words are already translated; href links to where it comes from. */
export type CultureEvidence = { code: 'C1' | 'C2' | 'C3'; words: string; href?: string };

/** Reads figures with SQL only (COUNT/GROUP BY), a fixed number of queries whatever the size. */
export type CultureEvidenceSource = (db: Db, organisationId: string, now: Date, t: Translate) => Promise<CultureEvidence[]>;
