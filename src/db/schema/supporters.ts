// Supporters (issue 17). Joined into Database in ../schema.ts.
import type { ColumnType } from 'kysely';

type Optional<T> = ColumnType<T, T | undefined, T>;

export type SupporterKind = 'family' | 'friend' | 'carer' | 'advocate' | 'care-act-advocate' | 'support-worker';
/** The person's own consent, or (lacking capacity, Mental Capacity Act 2005) the legal basis staff record instead. */
export type SupporterBasis = 'consent' | 'lpa' | 'deputy' | 'best-interests';
export type SupporterChannel = 'email' | 'text' | 'phone' | 'letter';
export type SupporterAction = 'meeting-reply' | 'vote' | 'claim' | 'review' | 'survey' | 'time-poll' | 'equality';

export interface SupportersTable {
  id: string;
  organisation_id: string;
  person_id: string;
  /** Someone with their own record (perhaps an account); null for a contact staff reach. */
  supporter_person_id: string | null;
  contact_name: string | null;
  contact_channel: SupporterChannel | null;
  contact_email: string | null;
  contact_mobile: string | null;
  contact_address: string | null;
  kind: SupporterKind;
  relationship: string | null;
  may_copies: Optional<number>;
  may_reply: Optional<number>;
  may_vote: Optional<number>;
  may_reviews: Optional<number>;
  may_claim: Optional<number>;
  basis: SupporterBasis;
  /** Consent: how it was given ("in person at the day centre"). */
  consent_how: string | null;
  /** Best interests: who made the decision; an LPA or deputy: the attorney or deputy. */
  basis_made_by: string | null;
  /** When consent was given, the LPA registered, the order made or the decision taken. */
  basis_made_on: string;
  basis_reference: string | null;
  review_on: string;
  recorded_by: string;
  created_at: string;
  ended_at: Optional<string | null>;
  ended_by: Optional<string | null>;
}

export interface SupporterActsTable {
  id: string;
  organisation_id: string;
  supporter_id: string;
  person_id: string;
  action: SupporterAction;
  /** The meeting, proposal, claim, review or survey the act answered; for equality answers, the person. */
  subject_id: string;
  /** How and when the person told them ("by phone on 3 March"); votes must have it. */
  how_told: string | null;
  /** Staff who took it from a supporter without an account; null when the supporter signed in. */
  recorded_by: string | null;
  at: string;
}

export interface SupportersTables {
  supporters: SupportersTable;
  supporter_acts: SupporterActsTable;
}
