// From stored ballots to results: which counting function a proposal uses, with its settings,
// overall and by perspective. Pure: no database, so it is tested on its own.
import type { PerspectiveGroup } from '../../platform/perspective-groups.ts';
import type { BallotBody } from './ballot-form.ts';
import { countConsent, type ConsentBallot, type ConsentResult } from './counting/consent.ts';
import { countDots, type DotBallot, type DotVotingResult } from './counting/dot-voting.ts';
import { countMajority, type MajorityResult, type Quorum as CountingQuorum } from './counting/majority.ts';
import { fundByAllocation, fundByApproval, type BudgetResult } from './counting/participatory-budget.ts';
import {
  allocationBudgetTally,
  approvalBudgetTally,
  consentTally,
  dotVotingTally,
  majorityTally,
  rankedChoiceTally,
  resultsByPerspective,
  scoringTally,
  type PerspectiveResults,
  type Tally,
} from './counting/perspectives.ts';
import { countRankedChoice, type RankedChoiceResult } from './counting/ranked-choice.ts';
import { countScores, type Scores, type ScoringResult } from './counting/scoring.ts';
import { countingGroup, groupsSafeToShow } from './secret-groups.ts';
import { scoringScale, type ProposalMethod, type ProposalSettings } from './vocabulary.ts';

/** voterPersonId is null on a secret ballot. */
export type StoredBallot = { id: string; voterPersonId: string | null; groups: PerspectiveGroup[]; body: BallotBody };
export type CountableProposal = {
  id: string;
  method: ProposalMethod;
  settings: ProposalSettings;
  options: ReadonlyArray<{ id: string; costPence: number | null }>;
  /** How many people may take part: a quorum given as a share is a share of them. */
  eligible: number;
  agreedScores: Scores | null;
};

export type Counted =
  | { method: 'consent'; result: ConsentResult }
  | { method: 'majority'; result: MajorityResult }
  | { method: 'ranked-choice'; result: RankedChoiceResult }
  | { method: 'dot-voting'; result: DotVotingResult }
  | { method: 'scoring'; result: ScoringResult }
  | { method: 'budget'; result: BudgetResult };

export function countingQuorum(settings: ProposalSettings, eligible: number): CountingQuorum {
  const q = settings.quorum ?? { kind: 'none' };
  if (q.kind === 'people') return { kind: 'ballots', minimum: q.minimum };
  if (q.kind === 'percent') return { kind: 'share-of-eligible', eligible, numerator: q.percent, denominator: 100 };
  return { kind: 'ballots', minimum: 0 };
}

const scoringSettings = (p: CountableProposal) => ({
  criteria: (p.settings.criteria ?? []).map((c) => ({ id: c.id, weight: c.weight })),
  scale: { ...scoringScale },
});
const budgetOptions = (p: CountableProposal) => p.options.map((o) => ({ id: o.id, cost: o.costPence ?? 0 }));

/** Each ballot as its counting function takes it, keyed by the ballot's own id, never a person. */
function asCounting<B>(ballots: readonly StoredBallot[]): B[] {
  return ballots.map((b) => ({ ...(b.body as object), voterId: b.id }) as B);
}

export function countProposal(p: CountableProposal, ballots: readonly StoredBallot[]): Counted {
  const ids = p.options.map((o) => o.id);
  switch (p.method) {
    case 'consent':
      return { method: 'consent', result: countConsent(asCounting<ConsentBallot>(ballots)) };
    case 'majority':
      return { method: 'majority', result: countMajority(ids, asCounting(ballots), countingQuorum(p.settings, p.eligible)) };
    case 'ranked-choice':
      return { method: 'ranked-choice', result: countRankedChoice(ids, asCounting(ballots), { seed: p.id }) };
    case 'dot-voting':
      return { method: 'dot-voting', result: countDots(ids, asCounting<DotBallot>(ballots), { dotsEach: p.settings.dotsEach ?? 1 }) };
    case 'scoring':
      return {
        method: 'scoring',
        result: countScores(ids, asCounting(ballots), { ...scoringSettings(p), ...(p.agreedScores ? { agreed: p.agreedScores } : {}) }),
      };
    case 'budget': {
      const settings = { budget: p.settings.budgetPence ?? 0, seed: p.id };
      const result =
        p.settings.budgetWay === 'allocate'
          ? fundByAllocation(budgetOptions(p), asCounting(ballots), { ...settings, share: settings.budget })
          : fundByApproval(budgetOptions(p), asCounting(ballots), settings);
      return { method: 'budget', result };
    }
  }
}

// Each method has its own ballot and result types; callers only pass a method's ballots to its own tally.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function tallyOf(p: CountableProposal): Tally<any, any> {
  const ids = p.options.map((o) => o.id);
  switch (p.method) {
    case 'consent':
      return consentTally();
    case 'majority':
      return majorityTally(ids);
    case 'ranked-choice':
      return rankedChoiceTally(ids, { seed: p.id });
    case 'dot-voting':
      return dotVotingTally(ids, { dotsEach: p.settings.dotsEach ?? 1 });
    case 'scoring':
      return scoringTally(ids, scoringSettings(p));
    case 'budget': {
      const settings = { budget: p.settings.budgetPence ?? 0, seed: p.id };
      return p.settings.budgetWay === 'allocate'
        ? allocationBudgetTally(budgetOptions(p), { ...settings, share: settings.budget })
        : approvalBudgetTally(budgetOptions(p), settings);
    }
  }
}

/** A perspective that stands for each group, since resultsByPerspective takes perspectives. */
const perspectiveFor: Record<PerspectiveGroup, string> = {
  'draws-on-care': 'draws-on-care',
  carer: 'carer',
  'family-community': 'family',
  'staff-partners': 'practitioner',
};

export type ByPerspective = PerspectiveResults<unknown> & { hiddenToProtect: PerspectiveGroup[] };

/**
 * Named votes: someone with several perspectives counts in each of their groups, and small
 * groups are hidden. Secret votes: each ballot counts in one group, and groups are also
 * hidden so that no hidden group can be worked out by taking the shown ones from the total.
 */
export function resultsOfGroups(p: CountableProposal, ballots: readonly StoredBallot[], secret: boolean, fewestToShow = 3): ByPerspective {
  const tally = tallyOf(p);
  const counting = asCounting<{ voterId: string }>(ballots);
  if (!secret) {
    const voters = ballots.map((b) => ({ voterId: b.id, perspectives: b.groups.map((g) => perspectiveFor[g]) }));
    return { ...resultsByPerspective(counting, voters, tally, { fewestToShow }), hiddenToProtect: [] };
  }
  const groupOf = new Map(ballots.map((b) => [b.id, countingGroup(b.groups)]));
  const sizes: Partial<Record<PerspectiveGroup, number>> = {};
  let ungrouped = 0;
  for (const g of groupOf.values()) {
    if (g) sizes[g] = (sizes[g] ?? 0) + 1;
    else ungrouped++;
  }
  const safe = groupsSafeToShow(sizes, ungrouped, fewestToShow);
  // Ballots of groups not shown go in with no perspective, so their groups come out hidden
  // and sharp differences are only looked for among the groups that are shown.
  const voters = ballots.map((b) => {
    const g = groupOf.get(b.id);
    return { voterId: b.id, perspectives: g && safe.shown.includes(g) ? [perspectiveFor[g]] : [] };
  });
  return { ...resultsByPerspective(counting, voters, tally, { fewestToShow }), hiddenToProtect: safe.hiddenToProtect };
}
