import type { Db } from '../../db/connection.ts';
import type { FileStore } from '../../platform/files.ts';
import type { Translate } from '../../platform/i18n.ts';
import type { Clock } from '../../platform/time.ts';
import type { MeetingRecordService } from '../meetings/record.ts';
import type { MeetingService } from '../meetings/service.ts';
import type { PeopleService } from '../people/service.ts';
import type { ProjectService } from '../projects/service.ts';
import { claimAccess } from './access.ts';
import { makeBudgetService } from './budget-service.ts';
import { makeMeetingClaimsService } from './meeting-claims.ts';
import { makeClaimHistory } from './person-history.ts';
import type { RewardsAccess, TimebankAccess } from './ports.ts';
import { makeReceiptsService } from './receipts.ts';
import { makeClaimsService } from './service.ts';
import { makeClaimWorkflow } from './workflow.ts';

type Deps = {
  db: Db;
  now: Clock;
  t: Translate;
  people: PeopleService;
  projects: ProjectService;
  meetings: MeetingService;
  meetingRecords: MeetingRecordService;
  rewards: RewardsAccess;
  timebank: TimebankAccess;
  files: FileStore;
  maxUploadBytes: number;
};

/** Claims, their workflow, receipts and project budgets, built once for services.ts. */
export function makeClaimServices(deps: Deps) {
  const { db, now, t, people, projects, meetings, meetingRecords, rewards, timebank, files, maxUploadBytes } = deps;
  const access = claimAccess({ db, now });
  return {
    claims: makeClaimsService({ db, now, access, people, projects, rewards, timebank, files }),
    meetingClaims: makeMeetingClaimsService({ db, now, access, people, meetings, meetingRecords, rewards }),
    claimWorkflow: makeClaimWorkflow({ db, now, t, access, rewards, timebank }),
    claimReceipts: makeReceiptsService({ db, now, access, files, maxUploadBytes }),
    budgets: makeBudgetService({ db, now, projects }),
    claimHistory: makeClaimHistory({ db, t }),
  };
}
