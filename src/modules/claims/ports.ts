// What claims need from the rewards and time bank services. Declared here, as papers do
// with meetings, so claims depend on a small shape rather than on a whole service.
import type { Proposal } from '../rewards/benefits.ts';
import type { ActivityType, BenefitsCheck, Policy, RewardChoice } from '../rewards/service.ts';

export type { ActivityType, BenefitsCheck, Policy, RewardChoice };

export type RewardsAccess = {
  policyOn(organisationId: string, date: string): Promise<Policy | null>;
  preparationMinutes(policy: Policy, meetingMinutes: number): number;
  rewardChoiceOn(organisationId: string, personId: string, date: string): Promise<RewardChoice>;
  vouchersCountAsEarnings(organisationId: string): Promise<boolean>;
  benefitsCheck(
    organisationId: string,
    personId: string,
    proposal: Proposal,
    earnedBetween: (from: string, to: string) => Promise<number>,
  ): Promise<BenefitsCheck | null>;
};

export type TimebankAccess = {
  creditFromOrganisation(
    actor: { organisationId: string; personId: string | null },
    input: { personId: string; minutes: number; memo: string; reference: string },
  ): Promise<unknown>;
};
