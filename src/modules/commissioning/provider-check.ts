// After the contract: did the provider do what its bid said? Each co-production promise of
// the winning bid becomes a commitment; in the organisation's review, members and staff say
// for each one whether it was done, partly done or not done, with what they saw. This file
// holds the rules, with no I/O, so a table of cases pins them down.
import type { CheckOutcome } from '../../db/schema/commissioning.ts';

export const checkOutcomes: readonly CheckOutcome[] = ['done', 'partly', 'not'];
export type OutcomeCounts = Record<CheckOutcome, number>;
export type Finding = CheckOutcome | 'unchecked';

/**
 * What the review found for one commitment: the answer most people gave. A tie goes to the
 * less kept answer (not before partly before done), so a split panel never reads as "done":
 * the provider shows it was done, not the other way round.
 */
export function findingOf(counts: OutcomeCounts): Finding {
  const most = Math.max(counts.done, counts.partly, counts.not);
  if (most === 0) return 'unchecked';
  if (counts.not === most) return 'not';
  if (counts.partly === most) return 'partly';
  return 'done';
}

/**
 * The commitments a winning bid starts with: one for each co-production criterion of the
 * round (those the policy asks for), in the round's order, with what staff wrote the bid
 * promised. A criterion left empty makes no commitment; other criteria (value for money)
 * are not about co-production and are not checked here.
 */
export function commitmentsFrom(
  criteria: ReadonlyArray<{ id: string; fromPolicy: boolean }>,
  promises: Readonly<Record<string, string>>,
): Array<{ criterionId: string; promise: string }> {
  return criteria
    .filter((c) => c.fromPolicy)
    .map((c) => ({ criterionId: c.id, promise: (promises[c.id] ?? '').trim() }))
    .filter((c) => c.promise !== '');
}

/**
 * Whether a check can be kept: only while one of the organisation's reviews is open (the
 * check is part of it), and only for a round whose provider has been chosen and has
 * commitments to check.
 */
export function checkProblem(input: {
  published: boolean;
  commitments: number;
  reviewOpen: boolean;
}): 'not-published' | 'no-commitments' | 'no-review' | null {
  if (!input.published) return 'not-published';
  if (input.commitments === 0) return 'no-commitments';
  if (!input.reviewOpen) return 'no-review';
  return null;
}
