import type { Executor } from '../db/connection.ts';
import type { SupporterAction } from '../db/schema/supporters.ts';

/**
 * A supporter allowed to do one thing for one person (issue 17, decision 0018). Only the
 * supporters module makes one, after checking the person's record of supporters; the
 * module that keeps the answer takes it in place of "the person themself", keeps the
 * answer as the person's, writes the supporter as the actor on the person's behalf, and
 * calls `keepAct` inside its own transaction.
 */
export type ActingFor = {
  organisationId: string;
  supporterId: string;
  /** The signed-in supporter; empty for a supporter staff contact, who acts through staff. */
  supporterPersonId: string;
  /** Staff who took the answer from a supporter without an account; absent when the supporter signed in. */
  recordedBy?: string | null;
  supporterName: string;
  /** The person the answer belongs to. */
  personId: string;
  personName: string;
  /** For a vote: how and when the person told the supporter ("voted as Dennis asked, by phone on 3 March"). */
  howTold?: string | null;
  /** Writes the act and its audit with the executor given: the supporters module's own. */
  record: (within: Executor, acting: ActingFor, action: SupporterAction, subjectId: string) => Promise<void>;
};

/**
 * The one call every tool makes, with its own transaction, right beside the answer it
 * keeps: the answer and the record of who gave it are saved together or not at all.
 * Nothing happens when nobody acted for the person.
 */
export async function keepAct(
  within: Executor,
  acting: ActingFor | null | undefined,
  action: SupporterAction,
  subjectId: string,
): Promise<void> {
  if (acting) await acting.record(within, acting, action, subjectId);
}
