// Consent: a proposal goes ahead when nobody blocks it and at least one person agrees.
// Disagreeing is allowed without stopping it ("I would do it differently, but can live
// with it"); a block is a serious objection and stops it. Both need a reason, so the group
// can see what to change; a ballot without one is reported, not counted, because an
// unexplained block would be a veto nobody can answer.
import { oneBallotEach, sortInvalid, byCodeUnits, type Invalid } from './one-ballot-each.ts';

export const consentResponses = ['agree', 'abstain', 'disagree', 'block'] as const;
export type ConsentResponse = (typeof consentResponses)[number];
export type ConsentBallot = { voterId: string; response: ConsentResponse; reason?: string | null };
export type ConsentInvalidReason = 'reason-missing' | 'unknown-response' | 'more-than-one-ballot';
/**
 * 'no-support' covers no ballots and everyone abstaining: with nobody saying yes there is
 * nothing to go ahead with, and silence is not consent.
 */
export type ConsentWhy = 'consented' | 'blocked' | 'no-support';
export type ConsentResult = {
  counts: Record<ConsentResponse, number>;
  valid: number;
  invalid: Invalid<ConsentInvalidReason>[];
  passed: boolean;
  why: ConsentWhy;
  /** Reasons without names, sorted, so the group can talk about the objections themselves. */
  reasons: { block: string[]; disagree: string[] };
};

const needsReason = (r: ConsentResponse) => r === 'disagree' || r === 'block';

export function countConsent(ballots: readonly ConsentBallot[]): ConsentResult {
  const { single, duplicates } = oneBallotEach(ballots);
  const invalid: Invalid<ConsentInvalidReason>[] = [...duplicates];
  const counts: Record<ConsentResponse, number> = { agree: 0, abstain: 0, disagree: 0, block: 0 };
  const reasons = { block: [] as string[], disagree: [] as string[] };
  for (const b of single) {
    // Ballots arrive as plain data from forms, so a response outside the list is possible.
    if (!(consentResponses as readonly string[]).includes(b.response)) {
      invalid.push({ voterId: b.voterId, reason: 'unknown-response' });
      continue;
    }
    const reason = (b.reason ?? '').trim();
    if (needsReason(b.response) && reason === '') {
      invalid.push({ voterId: b.voterId, reason: 'reason-missing' });
      continue;
    }
    counts[b.response] += 1;
    if (b.response === 'block' || b.response === 'disagree') reasons[b.response].push(reason);
  }
  const why: ConsentWhy = counts.block > 0 ? 'blocked' : counts.agree === 0 ? 'no-support' : 'consented';
  return {
    counts,
    valid: counts.agree + counts.abstain + counts.disagree + counts.block,
    invalid: sortInvalid(invalid),
    passed: why === 'consented',
    why,
    reasons: { block: reasons.block.sort(byCodeUnits), disagree: reasons.disagree.sort(byCodeUnits) },
  };
}
