// What claims use of the rewards and time bank services: a Pick of each real service type,
// so a change there is a compile error here rather than a second declaration drifting.
import type { RewardsService } from '../rewards/service.ts';
import type { TimebankService } from '../timebank/service.ts';

export type { ActivityType, BenefitsCheck, Policy, RewardChoice } from '../rewards/service.ts';

export type RewardsAccess = Pick<
  RewardsService,
  | 'policyOn'
  | 'preparationMinutes'
  | 'rewardChoiceOn'
  | 'rewardChoicesOn'
  | 'vouchersCountAsEarnings'
  | 'benefitsCheck'
  | 'meetingCreditsRule'
>;
export type TimebankAccess = Pick<TimebankService, 'creditFromOrganisation' | 'creditsByReference' | 'undoAttendance'>;
