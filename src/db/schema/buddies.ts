// Buddies for newcomers (P5, issue 22): who supports whom, and the support given.
// Joined into Database in ../schema.ts. Dates are ISO days; times UTC ISO text.
import type { ColumnType } from 'kysely';

type Optional<T> = ColumnType<T, T | undefined, T>;

export type SupportHow = 'phone' | 'in-person' | 'video' | 'message' | 'letter';

export interface BuddyPairingsTable {
  id: string;
  organisation_id: string;
  newcomer_person_id: string;
  buddy_person_id: string;
  starts_on: string;
  /** Null while the pairing is active. */
  ends_on: Optional<string | null>;
  created_at: string;
  created_by_person_id: string | null;
}

export interface BuddySupportTable {
  id: string;
  organisation_id: string;
  pairing_id: string;
  /** Copied from the pairing, so a person's copy and erasure find these rows. */
  newcomer_person_id: string;
  buddy_person_id: string;
  given_on: string;
  what: string;
  how: SupportHow;
  /** Staff, or the buddy signed in. */
  recorded_by_person_id: string | null;
  recorded_at: string;
}

export interface BuddiesTables {
  buddy_pairings: BuddyPairingsTable;
  buddy_support: BuddySupportTable;
}
