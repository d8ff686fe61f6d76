// Tables of the time bank (issue 4). Joined into Database in ../schema.ts.
// Minutes are whole numbers; timestamps UTC ISO text; dates YYYY-MM-DD; flags 0/1.
import type { ColumnType } from 'kysely';

export type TimebankAccountKind = 'person' | 'organisation' | 'partner';

/** One row per person, one for the organisation itself, one per partner that accepts credits. */
export interface TimebankAccountsTable {
  id: string;
  organisation_id: string;
  kind: TimebankAccountKind;
  /** Set for a person's account only. */
  person_id: string | null;
  /** A partner's name (a leisure centre); null for people and the organisation. */
  name: string | null;
  created_at: string;
  /** A partner's entry in the directory of community groups (issue 20): one list, not two. */
  community_group_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export type TimebankTransactionKind = 'exchange' | 'attendance' | 'credit' | 'partner' | 'reversal';

/** Append-only: rows are never changed or deleted. A mistake is undone by a reversal. */
export interface TimebankTransactionsTable {
  id: string;
  organisation_id: string;
  kind: TimebankTransactionKind;
  memo: string;
  /** Makes a credit happen once only, e.g. attendance:<meetingId>:<personId>. */
  reference: string | null;
  /** The transaction this one undoes; unique, so nothing is undone twice. */
  reverses_id: string | null;
  recorded_by: string | null;
  on_behalf_of: string | null;
  created_at: string;
}

/** The entries of one transaction add up to zero. Positive: credits in; negative: out. */
export interface TimebankEntriesTable {
  id: string;
  organisation_id: string;
  transaction_id: string;
  account_id: string;
  minutes: number;
  created_at: string;
}

export interface TimebankSettingsTable {
  organisation_id: string;
  /** How far below zero a person's account may go, as minutes (0 or less); null: no limit. */
  floor_minutes: number | null;
  updated_at: string;
  updated_by: string | null;
}

export type ListingKind = 'offer' | 'request';

/** "I can help with forms" (offer) or "I need help with my garden" (request). */
export interface TimebankListingsTable {
  id: string;
  organisation_id: string;
  person_id: string;
  kind: ListingKind;
  title: string;
  description: string;
  /** A rough guess of how long it takes. */
  minutes: number;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * asked: someone said "I can help" or "I'd like this"; proposed: one side says it happened
 * (minutes, date); confirmed: the other side agreed and credits moved; withdrawn.
 */
export type ExchangeStatus = 'asked' | 'proposed' | 'confirmed' | 'withdrawn';

export interface TimebankExchangesTable {
  id: string;
  organisation_id: string;
  listing_id: string | null;
  giver_person_id: string;
  receiver_person_id: string;
  status: ExchangeStatus;
  note: string | null;
  minutes: number | null;
  happened_on: string | null;
  proposed_by: string | null;
  proposed_at: string | null;
  confirmed_by: string | null;
  confirmed_at: string | null;
  transaction_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Staff who recorded it for people who do not sign in. */
  recorded_by: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: string;
  updated_at: string;
}

/** What a partner gives for credits: "a swim" for 60 minutes at the leisure centre. */
export interface TimebankPartnerOffersTable {
  id: string;
  organisation_id: string;
  partner_account_id: string;
  what: string;
  minutes: number;
  withdrawn_at: string | null;
  created_at: string;
  created_by: string | null;
}

export interface TimebankTables {
  timebank_accounts: TimebankAccountsTable;
  timebank_transactions: TimebankTransactionsTable;
  timebank_entries: TimebankEntriesTable;
  timebank_settings: TimebankSettingsTable;
  timebank_listings: TimebankListingsTable;
  timebank_exchanges: TimebankExchangesTable;
  timebank_partner_offers: TimebankPartnerOffersTable;
}
