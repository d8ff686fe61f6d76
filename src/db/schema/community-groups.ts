// The directory of community groups, networks, places and partners, and outreach actions
// that close a gap (S5, issue 20). Joined into Database in ../schema.ts. Times are UTC ISO text.
import type { ColumnType } from 'kysely';

type Optional<T> = ColumnType<T, T | undefined, T>;

export type CommunityGroupKind = 'group' | 'network' | 'place' | 'partner';
/** The ways of reaching people the app already knows (people's contact channels). */
export type BestWay = 'email' | 'text' | 'phone' | 'letter' | 'in-person';
export type OutreachResult = 'reached' | 'not-reached';

export interface CommunityGroupsTable {
  id: string;
  organisation_id: string;
  name: string;
  /** The name in lower case with spaces squeezed: one entry per name in an organisation. */
  name_key: string;
  kind: CommunityGroupKind;
  what_they_do: string | null;
  contact_name: string | null;
  /** The group's own address and number, not a person's. */
  email: string | null;
  phone: string | null;
  address: string | null;
  website: string | null;
  best_way: BestWay | null;
  /** How they like to be contacted, in their words ("ring on Tuesday mornings"). */
  contact_notes: string | null;
  /** 1: they accept time credits (the time bank's partners). */
  timebank_partner: Optional<number>;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
}

/** Who a group reaches: an equality group key of "who is missing", such as "circumstances.gypsy-traveller". */
export interface CommunityGroupReachTable {
  organisation_id: string;
  community_group_id: string;
  reach: string;
}

/** The people at the group who are the link. */
export interface CommunityGroupContactsTable {
  id: string;
  organisation_id: string;
  community_group_id: string;
  name: string;
  role: string | null;
  email: string | null;
  phone: string | null;
  created_at: string;
}

export interface OutreachActionsTable {
  id: string;
  organisation_id: string;
  /** Null: a gap in the organisation as a whole. */
  project_id: string | null;
  /** The group that is missing, as a "who is missing" key. */
  reach: string;
  community_group_id: string;
  what: string;
  owner_person_id: string;
  due_on: string;
  result: Optional<OutreachResult | null>;
  outcome: Optional<string | null>;
  closed_at: Optional<string | null>;
  closed_by: Optional<string | null>;
  created_at: string;
  created_by: string;
}

export interface CommunityGroupsTables {
  community_groups: CommunityGroupsTable;
  community_group_reach: CommunityGroupReachTable;
  community_group_contacts: CommunityGroupContactsTable;
  outreach_actions: OutreachActionsTable;
}
