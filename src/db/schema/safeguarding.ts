// Safeguarding concerns (C3, issue 21): who leads, and the concerns raised with their
// handling. Joined into Database in ../schema.ts. Times are UTC ISO text.
import type { ColumnType } from 'kysely';

type Optional<T> = ColumnType<T, T | undefined, T>;

export type ReferredTo = 'adults' | 'children' | 'police' | 'other';

/** One row per organisation that has named its leads; no row means nobody is named yet. */
export interface SafeguardingSettingsTable {
  organisation_id: string;
  lead_person_id: string | null;
  deputy_person_id: string | null;
  /** Working days a concern may wait for a lead to say they have it, before admins are told. */
  acknowledge_within_days: number;
  /** What to do out of hours, in the organisation's words (its emergency duty team, say). */
  out_of_hours: string | null;
  /** The council's adult safeguarding team, shown to the leads when they refer a concern. */
  local_team: string | null;
  updated_at: string;
}

export interface SafeguardingConcernsTable {
  id: string;
  organisation_id: string;
  /** Short, to quote on the phone: SG- and six characters. */
  reference: string;
  raised_at: string;
  /** The signed-in person who raised it; null when raised without signing in. */
  raised_by_person_id: string | null;
  reporter_name: string | null;
  /** An email address or phone number to tell them it was received and to reach them. */
  reporter_contact: string | null;
  about_name: string | null;
  what_happened: string;
  /** 1: they said someone is in danger now (the page told them to call 999 too). */
  danger_now: number;
  acknowledge_by: string;
  acknowledged_at: Optional<string | null>;
  acknowledged_by: Optional<string | null>;
  referred_at: Optional<string | null>;
  referred_to: Optional<ReferredTo | null>;
  referral_note: Optional<string | null>;
  closed_at: Optional<string | null>;
  closed_by: Optional<string | null>;
  outcome: Optional<string | null>;
  /** When admins were told nobody had acknowledged it in time. */
  escalated_at: Optional<string | null>;
}

export interface SafeguardingTables {
  safeguarding_settings: SafeguardingSettingsTable;
  safeguarding_concerns: SafeguardingConcernsTable;
}
