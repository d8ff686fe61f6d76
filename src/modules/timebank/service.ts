import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../platform/time.ts';
import type { MeetingRecordService } from '../meetings/record.ts';
import type { MeetingService } from '../meetings/service.ts';
import type { PeopleService } from '../people/service.ts';
import type { ProjectService } from '../projects/service.ts';
import { makeAttendanceCredits } from './attendance-credits.ts';
import { makeExchangeService } from './exchanges.ts';
import { makeLedgerService } from './ledger-service.ts';
import { makePartnerService } from './partners.ts';
import { makeStatements } from './statements.ts';

type Deps = { db: Db; now: Clock; people: PeopleService; projects: ProjectService; meetings: MeetingService; meetingRecords: MeetingRecordService };

/**
 * The time bank (reciprocity, S2): everyone's time is worth the same. Other modules use
 * creditFromOrganisation; the rest is for this module's pages.
 */
export function makeTimebankService({ db, now, people, projects, meetings, meetingRecords }: Deps) {
  const ledger = makeLedgerService({ db, now, people });
  const statements = makeStatements({ db, people });
  return {
    creditFromOrganisation: ledger.creditFromOrganisation,
    ledger,
    statements,
    exchanges: makeExchangeService({ db, now, ledger }),
    partners: makePartnerService({ db, now, ledger, statements }),
    attendance: makeAttendanceCredits({ now, ledger, statements, meetings, meetingRecords, projects, people }),
  };
}

export type TimebankService = ReturnType<typeof makeTimebankService>;
