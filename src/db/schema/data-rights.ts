// Tables of people's rights over their data (issue 18, UK GDPR). Joined into Database in ../schema.ts.
// Dates are London YYYY-MM-DD; timestamps UTC ISO text.
import type { ColumnType } from 'kysely';

type IsoTime = string;
type IsoDate = string;
type Optional<T> = ColumnType<T, T | undefined, T>;

export const requestKinds = ['access', 'erasure'] as const;
export type RequestKind = (typeof requestKinds)[number];
export const requestWays = ['email', 'letter', 'phone', 'in-person', 'online'] as const;
export type RequestWay = (typeof requestWays)[number];
export type RequestStatus = 'open' | 'done' | 'refused';

/** A request a person made about their data: to see it (subject access) or to have it erased. */
export interface DataRequestsTable {
  id: string;
  organisation_id: string;
  person_id: string;
  kind: RequestKind;
  received_on: IsoDate;
  received_how: RequestWay;
  /** What staff did to be sure the request came from the person (never a copy of a document). */
  identity_check: string;
  /** One calendar month after it was received (UK GDPR Article 12(3)). */
  due_on: IsoDate;
  status: RequestStatus;
  closed_on: Optional<IsoDate | null>;
  closed_by: Optional<string | null>;
  created_at: IsoTime;
  created_by: string | null;
}

/** That a person was erased, when and by whom: nothing of what was erased. */
export interface DataErasuresTable {
  organisation_id: string;
  person_id: string;
  erased_at: IsoTime;
  erased_by: string | null;
  request_id: string | null;
}

/** How long after a person's last activity their sensitive records are kept. No row: the defaults. */
export interface RetentionSettingsTable {
  organisation_id: string;
  access_needs_months: number;
  benefits_months: number;
  updated_at: IsoTime;
  updated_by: string | null;
}

export interface DataRightsTables {
  data_requests: DataRequestsTable;
  data_erasures: DataErasuresTable;
  retention_settings: RetentionSettingsTable;
}
