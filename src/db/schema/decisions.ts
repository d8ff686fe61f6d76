// Tables of shared decisions (issue 5): proposals, their options, who may take part, who
// took part, and the ballots. Joined into Database in ../schema.ts. Times are UTC ISO text.
import type { ColumnType } from 'kysely';

type IsoTime = string;
type Flag = number;
type JsonText = string;
type Optional<T> = ColumnType<T, T | undefined, T>;

export type ProposalMethod = 'consent' | 'majority' | 'ranked-choice' | 'dot-voting' | 'scoring' | 'budget';

export interface ProposalsTable {
  id: string;
  organisation_id: string;
  project_id: string;
  meeting_id: string | null;
  question: string;
  background: string | null;
  method: ProposalMethod;
  /** JSON: the method's settings (quorum, dots each, criteria with weights, budget and how people vote on it). */
  settings: JsonText;
  /** 1: every member of the project may take part; 0: only the people in proposal_voters. */
  everyone: Flag;
  /** 1: who voted is kept apart from how they voted. */
  secret: Flag;
  opens_at: IsoTime;
  closes_at: IsoTime;
  /** JSON option id -> criterion id -> score a scoring panel agreed after talking it through. */
  agreed_scores: Optional<JsonText | null>;
  invitations_sent_at: Optional<IsoTime | null>;
  /** When a closed secret vote's ballots were rewritten in shuffled order; counted only after. */
  ballots_sealed_at: Optional<IsoTime | null>;
  created_at: IsoTime;
  created_by: string | null;
  updated_at: IsoTime;
}

export interface ProposalOptionsTable {
  id: string;
  organisation_id: string;
  proposal_id: string;
  position: number;
  title: string;
  description: string | null;
  /** Whole pence, for participatory budgeting; null otherwise. */
  cost_pence: number | null;
}

export interface ProposalPapersTable {
  organisation_id: string;
  proposal_id: string;
  paper_id: string;
}

/** The chosen people, when not every project member takes part (for example a scoring panel). */
export interface ProposalVotersTable {
  organisation_id: string;
  proposal_id: string;
  person_id: string;
}

/**
 * Who took part and when. Unique per proposal and person: one vote each, even when two
 * clicks arrive at once. For a secret vote this is the only place the person is named.
 */
export interface ProposalParticipationTable {
  organisation_id: string;
  proposal_id: string;
  person_id: string;
  voted_at: IsoTime;
  /** Staff who recorded a vote given by phone or in person; null when the person voted. */
  recorded_by: string | null;
  recorded_how: 'phone' | 'letter' | 'in-person' | null;
}

/**
 * How people voted. A secret ballot has no person and no time, and a random id, so nothing
 * in the row links it to the participation table. A named ballot names its voter.
 */
export interface ProposalBallotsTable {
  id: string;
  organisation_id: string;
  proposal_id: string;
  /** Null on a secret ballot. */
  voter_person_id: string | null;
  /** JSON list of perspective groups the count by perspective uses (one group on a secret ballot). */
  perspective_groups: JsonText;
  /** JSON: the ballot in the shape its counting function takes, without a voter id. */
  body: JsonText;
}

export interface DecisionsTables {
  proposals: ProposalsTable;
  proposal_options: ProposalOptionsTable;
  proposal_papers: ProposalPapersTable;
  proposal_voters: ProposalVotersTable;
  proposal_participation: ProposalParticipationTable;
  proposal_ballots: ProposalBallotsTable;
}
