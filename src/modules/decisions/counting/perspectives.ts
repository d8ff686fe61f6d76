// Results by perspective: does one group see a decision very differently from another?
// Equality says no group should have more power, so the count itself never looks at who
// people are; this is a separate view, after the count, so the group can notice when, say,
// people who draw on care and support were outvoted by staff and talk about it.
// Perspectives are passed apart from ballots so a ballot never carries a role.
import { perspectiveGroupOf, perspectiveGroups, type PerspectiveGroup } from '../../../platform/perspective-groups.ts';
import { countConsent, type ConsentBallot, type ConsentResult } from './consent.ts';
import { countDots, type DotBallot, type DotVotingResult } from './dot-voting.ts';
import { countMajority, type MajorityBallot, type MajorityResult } from './majority.ts';
import {
  fundByAllocation,
  fundByApproval,
  type AllocationBallot,
  type ApprovalBallot,
  type BudgetOption,
  type BudgetResult,
  type BudgetSettings,
} from './participatory-budget.ts';
import { countRankedChoice, type RankedBallot, type RankedChoiceResult } from './ranked-choice.ts';
import { countScores, type ScoreSheet, type ScoringResult, type ScoringSettings } from './scoring.ts';

/** support out of outOf, both whole numbers, so differences are compared exactly. */
export type SupportShare = { option: string; support: number; outOf: number };
/** How one method counts a set of ballots and what "support" for an option means in it. */
export type Tally<B extends { voterId: string }, R extends { valid: number }> = {
  count: (ballots: readonly B[]) => R;
  support: (result: R) => SupportShare[];
};
export type VoterPerspectives = { voterId: string; perspectives: readonly string[] };
/** A hidden group gives no figures at all, not even how many voted in it. */
export type GroupResult<R> =
  | { group: PerspectiveGroup; shown: true; voters: number; result: R; support: SupportShare[] }
  | { group: PerspectiveGroup; shown: false; why: 'too-few-to-show' };
export type GroupShare = { group: PerspectiveGroup; support: number; outOf: number };
export type SharpDifference = { option: string; highest: GroupShare; lowest: GroupShare; points: number };
export type PerspectiveSettings = { fewestToShow?: number; sharpDifferencePoints?: number };
export type PerspectiveResults<R> = {
  groups: GroupResult<R>[];
  sharpDifferences: SharpDifference[];
  fewestToShow: number;
  sharpDifferencePoints: number;
};

/**
 * Someone with several perspectives counts in each of their groups (people are never just
 * one thing), but once per group. A group is shown only with at least `fewestToShow` valid
 * ballots (default 3), so nobody's vote can be read off a group of one or two.
 */
export function resultsByPerspective<B extends { voterId: string }, R extends { valid: number }>(
  ballots: readonly B[],
  voters: readonly VoterPerspectives[],
  tally: Tally<B, R>,
  settings: PerspectiveSettings = {},
): PerspectiveResults<R> {
  const fewestToShow = settings.fewestToShow ?? 3;
  const sharpDifferencePoints = settings.sharpDifferencePoints ?? 30;
  const groupsOf = new Map<string, Set<PerspectiveGroup>>();
  for (const v of voters) groupsOf.set(v.voterId, new Set([...(groupsOf.get(v.voterId) ?? []), ...v.perspectives.map(perspectiveGroupOf)]));

  const groups = perspectiveGroups.map((group): GroupResult<R> => {
    const inGroup = ballots.filter((b) => groupsOf.get(b.voterId)?.has(group));
    const result = tally.count(inGroup);
    if (result.valid < fewestToShow) return { group, shown: false, why: 'too-few-to-show' };
    return { group, shown: true, voters: inGroup.length, result, support: tally.support(result) };
  });
  return { groups, sharpDifferences: sharpDifferences(groups, sharpDifferencePoints), fewestToShow, sharpDifferencePoints };
}

function sharpDifferences<R>(groups: readonly GroupResult<R>[], points: number): SharpDifference[] {
  const shares = new Map<string, GroupShare[]>();
  for (const g of groups) {
    if (!g.shown) continue;
    // A group where nobody expressed any support either way has no share to compare.
    for (const s of g.support)
      if (s.outOf > 0) shares.set(s.option, [...(shares.get(s.option) ?? []), { group: g.group, support: s.support, outOf: s.outOf }]);
  }
  // a/b against c/d by cross-multiplying, so 60% - 30% is exactly 30 points, never 29.999.
  const above = (a: GroupShare, b: GroupShare) => a.support * b.outOf > b.support * a.outOf;
  const found: SharpDifference[] = [];
  for (const [option, list] of shares) {
    const highest = list.reduce((h, s) => (above(s, h) ? s : h));
    const lowest = list.reduce((l, s) => (above(l, s) ? s : l));
    const gap = 100 * (highest.support * lowest.outOf - lowest.support * highest.outOf);
    if (gap >= points * highest.outOf * lowest.outOf && gap > 0)
      found.push({ option, highest, lowest, points: gap / (highest.outOf * lowest.outOf) });
  }
  return found;
}

// ---- How each method counts within a group ----

export const consentTally = (): Tally<ConsentBallot, ConsentResult> => ({
  count: countConsent,
  support: (r) => [{ option: 'agree', support: r.counts.agree, outOf: r.valid }],
});

/** Within a group there is no quorum: the quorum belongs to the whole vote. */
export const majorityTally = (options: readonly string[]): Tally<MajorityBallot, MajorityResult> => ({
  count: (b) => countMajority(options, b, { kind: 'ballots', minimum: 0 }),
  support: (r) => r.counts.map((c) => ({ option: c.option, support: c.votes, outOf: r.cast })),
});

/** Support is first preferences: what each group wanted most. */
export const rankedChoiceTally = (options: readonly string[], settings: { seed: string }): Tally<RankedBallot, RankedChoiceResult> => ({
  count: (b) => countRankedChoice(options, b, settings),
  support: (r) => (r.rounds[0]?.counts ?? []).map((c) => ({ option: c.option, support: c.votes, outOf: r.valid })),
});

export const dotVotingTally = (options: readonly string[], settings: { dotsEach: number }): Tally<DotBallot, DotVotingResult> => ({
  count: (b) => countDots(options, b, settings),
  support: (r) => r.ranking.map((x) => ({ option: x.option, support: x.dots, outOf: r.dotsUsed })),
});

/**
 * Members' own totals only: a moderated score is agreed by the whole panel, not by a group.
 * Support is measured from the bottom of the scale, so on a 1-5 scale all 1s is 0%.
 */
export const scoringTally = (options: readonly string[], settings: Omit<ScoringSettings, 'agreed'>): Tally<ScoreSheet, ScoringResult> => ({
  count: (b) => countScores(options, b, settings),
  support: (r) => {
    const minTotal = settings.criteria.reduce((sum, c) => sum + c.weight * settings.scale.min, 0);
    return options.map((option) => {
      const totals = r.members.flatMap((m) =>
        m.totals.filter((t) => t.option === option && t.total !== null).map((t) => t.total! - minTotal),
      );
      return { option, support: totals.reduce((a, b) => a + b, 0), outOf: totals.length * (r.maxTotal - minTotal) };
    });
  },
});

export const approvalBudgetTally = (options: readonly BudgetOption[], settings: BudgetSettings): Tally<ApprovalBallot, BudgetResult> => ({
  count: (b) => fundByApproval(options, b, settings),
  support: (r) => options.map((o) => ({ option: o.id, support: r.lines.find((l) => l.option === o.id)!.support, outOf: r.valid })),
});

export const allocationBudgetTally = (
  options: readonly BudgetOption[],
  settings: BudgetSettings & { share: number },
): Tally<AllocationBallot, BudgetResult> => ({
  count: (b) => fundByAllocation(options, b, settings),
  support: (r) => {
    const allocated = r.lines.reduce((n, l) => n + l.support, 0);
    return options.map((o) => ({ option: o.id, support: r.lines.find((l) => l.option === o.id)!.support, outOf: allocated }));
  },
});
