// Tables of payment policies, reward choices and benefits settings (issue 4). Joined into Database in ../schema.ts.
import type { ColumnType } from 'kysely';

// As in ../schema.ts: flags are 0/1, timestamps UTC ISO text, dates YYYY-MM-DD in London.
type Flag = number;
type IsoTime = string;
type IsoDate = string;
type JsonText = string;

/** One version of the payment policy. Append-only: a new rate is a new row. */
export interface PaymentPoliciesTable {
  id: string;
  organisation_id: string;
  effective_from: IsoDate;
  /** JSON object: activity type -> pence for an hour. */
  rates: JsonText;
  preparation_kind: 'none' | 'per-meeting-hour' | 'fixed';
  preparation_minutes: number | null;
  mileage_pence_per_mile: number;
  created_at: IsoTime;
  created_by: string | null;
}

/** How a person chose to be rewarded, from a date. Append-only: the history is kept. */
export interface RewardChoicesTable {
  id: string;
  organisation_id: string;
  person_id: string;
  /** Orders two choices made on the same day: the later one wins. */
  seq: number;
  way: 'bank-transfer' | 'voucher' | 'time-credits' | 'lower-amount' | 'donation' | 'volunteer' | 'paid-staff';
  lower_amount_pence: number | null;
  charity: string | null;
  starts_on: IsoDate;
  recorded_at: IsoTime;
  recorded_by: string | null;
}

/** Benefits whose earnings rules matter, kept only with the person's consent. */
export interface BenefitsRecordsTable {
  organisation_id: string;
  person_id: string;
  consent_given: Flag;
  consent_recorded_at: IsoTime;
  consent_recorded_by: string | null;
  universal_credit: Flag;
  assessment_start_day: number | null;
  esa_permitted_work: Flag;
  other: string | null;
  updated_at: IsoTime;
}

/** An earnings limit from a date. Figures change each April, so they are data. */
export interface BenefitLimitsTable {
  id: string;
  organisation_id: string;
  kind: 'universal-credit' | 'esa-permitted-work';
  effective_from: IsoDate;
  limit_pence: number;
  created_at: IsoTime;
  created_by: string | null;
}

export const meetingCreditsRules = ['claim-replaces', 'both'] as const;
export type MeetingCreditsRule = (typeof meetingCreditsRules)[number];

export interface RewardsSettingsTable {
  organisation_id: string;
  /** Sources disagree on whether vouchers are earnings; each organisation decides. */
  vouchers_count_as_earnings: ColumnType<Flag, Flag | undefined, Flag>;
  /** Whether a claim for a meeting replaces the attendance credits for it (docs/decisions/0015). */
  meeting_credits: ColumnType<MeetingCreditsRule, MeetingCreditsRule | undefined, MeetingCreditsRule>;
  updated_at: IsoTime;
  updated_by: string | null;
}

export interface RewardsTables {
  payment_policies: PaymentPoliciesTable;
  reward_choices: RewardChoicesTable;
  benefits_records: BenefitsRecordsTable;
  benefit_limits: BenefitLimitsTable;
  rewards_settings: RewardsSettingsTable;
}
