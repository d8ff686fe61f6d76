/**
 * A supporter allowed to do one thing for one person (issue 17, decision 0018). Only the
 * supporters module makes one, after checking the person's record of supporters; the
 * module that keeps the answer takes it in place of "the person themself", keeps the
 * answer as the person's, and writes the supporter as the actor on the person's behalf.
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
};
