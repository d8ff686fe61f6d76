// Sign-in limits (issue 18). Joined into Database in ../schema.ts.
import type { ColumnType } from 'kysely';

/** Wrong passwords in a row for one email address, whether or not it opens an account. */
export interface SignInLockoutsTable {
  /** Normalised email address. */
  address: string;
  failures: number;
  last_failure_at: string;
  /** No password is checked before this (the growing wait after each wrong one). */
  not_before: ColumnType<string | null, string | null | undefined, string | null>;
  /** Locked after too many wrong passwords in a row: until then, no password is checked. */
  locked_until: ColumnType<string | null, string | null | undefined, string | null>;
  /** How many times it was locked since the last right password: each lock lasts longer. */
  locks: ColumnType<number, number | undefined, number>;
}

/** An ask for a sign-in link, waiting to be worked on after the page has answered. */
export interface SignInLinkRequestsTable {
  id: string;
  email: string;
  requested_at: string;
}

export interface SignInLimitsTables {
  sign_in_lockouts: SignInLockoutsTable;
  sign_in_link_requests: SignInLinkRequestsTable;
}
