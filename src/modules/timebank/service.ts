import type { Db } from '../../db/connection.ts';
import type { Translate } from '../../platform/i18n.ts';
import type { KeepFigure } from '../../platform/kept-figures.ts';
import type { Clock } from '../../platform/time.ts';
import type { MeetingRecordService } from '../meetings/record.ts';
import type { MeetingService } from '../meetings/service.ts';
import type { Notices } from '../outbox/notices.ts';
import type { PeopleService } from '../people/service.ts';
import { makeAttendanceCredits, type MeetingClaimsPort } from './attendance-credits.ts';
import { makeExchangeService } from './exchanges.ts';
import { makeLedgerService } from './ledger-service.ts';
import { makePartnerService, type PartnerDirectory } from './partners.ts';
import { makeTimebankHistory } from './person-history.ts';
import { makeStatements } from './statements.ts';
import { makeSwapNotices, type SwapReplies } from './swap-notices.ts';
import * as repo from './repository.ts';

type Deps = {
  db: Db;
  now: Clock;
  /** Keeps the ledger's sums between requests until the ledger changes. */
  keep: KeepFigure;
  people: PeopleService;
  meetings: MeetingService;
  meetingRecords: MeetingRecordService;
  /** Swaps tell the other side by their own channel, with a link from publicUrl. */
  notices: Notices;
  t: Translate;
  publicUrl: string;
  /** Claims and the rewards setting that decide whether attendance credits stand (decision 0015). */
  meetingClaims: MeetingClaimsPort;
  /** Personal links and reply codes for "please say yes" to a swap. */
  replies: SwapReplies;
  /** Partners are entries of the directory of community groups (issue 20, S5). */
  directory: PartnerDirectory;
};

/**
 * The time bank (reciprocity, S2): everyone's time is worth the same. Other modules use
 * creditFromOrganisation; the rest is for this module's pages.
 */
export function makeTimebankService({
  db,
  now,
  keep,
  people,
  meetings,
  meetingRecords,
  notices,
  t,
  publicUrl,
  meetingClaims,
  replies,
  directory,
}: Deps) {
  const ledger = makeLedgerService({ db, now, people });
  const statements = makeStatements({ db, people, keep });
  const attendance = makeAttendanceCredits({ ledger, statements, meetings, meetingRecords, people, claims: meetingClaims, t });
  return {
    creditFromOrganisation: ledger.creditFromOrganisation,
    /** For claims: what the ledger holds under some references, and undoing attendance credits. */
    creditsByReference: statements.creditsByReference,
    ledger,
    statements,
    /** Credits given to people in a period, for the impact figures. */
    creditMinutesBetween: (organisationId: string, fromIso: string, toIso: string) =>
      repo.creditMinutesBetween(db, organisationId, fromIso, toIso),
    exchanges: makeExchangeService({ db, now, ledger, tell: makeSwapNotices({ notices, people, t, publicUrl, replies, now }) }),
    partners: makePartnerService({ db, now, ledger, statements, directory }),
    /** Lines for a person's history of changes. */
    history: makeTimebankHistory({ statements, people, t }),
    attendance,
    undoAttendance: attendance.undoAttendance,
  };
}

export type TimebankService = ReturnType<typeof makeTimebankService>;
