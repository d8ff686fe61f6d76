// Personal action links and reply codes (issue 16). Joined into Database in ../schema.ts.
import type { ColumnType } from 'kysely';

type Optional<T> = ColumnType<T, T | undefined, T>;

/** A statement is only shown: a link to it has nothing to answer. */
export type ReplyActionKind =
  | 'meeting-reply'
  | 'vote'
  | 'review'
  | 'swap'
  | 'survey'
  | 'statement'
  | 'time-poll'
  | 'equality'
  | 'charter'
  | 'learn'
  /** A commissioning panel member's part in one round: interests, then scores alone (issue 23). */
  | 'commissioning'
  /** A comment on the draft of the commissioning policy (issue 23, P6). */
  | 'commissioning-policy';

/** One thing one person is asked to do, with the short code that stands for it on paper. */
export interface ReplyActionsTable {
  id: string;
  organisation_id: string;
  person_id: string;
  kind: ReplyActionKind;
  /** The meeting, proposal, review, time bank swap or survey round it is about; for a statement, whose and which dates. */
  about_id: string;
  /** Six characters without look-alikes; null once the action has expired and given it back. */
  code: string | null;
  /** 1: the action can be done once only (a vote). */
  once: Optional<number>;
  expires_at: string;
  used_at: Optional<string | null>;
  created_at: string;
}

export interface RepliesTables {
  reply_actions: ReplyActionsTable;
}
