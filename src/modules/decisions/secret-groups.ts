// Results of a secret vote by perspective, without giving any vote away.
//
// Small groups are hidden (fewer than `fewestToShow` ballots), but hiding is not enough:
// the overall result minus the groups shown is what the hidden people voted. If that
// remainder is 1 or 2 ballots, their votes can be worked out. So, while the remainder is
// between 1 and fewestToShow - 1, the smallest group still shown is hidden too, adding its
// ballots to the remainder, until the remainder is empty or big enough (or nothing is left
// to show but the overall result). Groups must not overlap for the sums to work, so on a
// secret vote each ballot counts in one group only: see countingGroup.
// Why, and what else was considered: docs/decisions/0007-secret-ballots.md.
import { perspectiveGroups, type PerspectiveGroup } from '../../platform/perspective-groups.ts';

/**
 * The one group a secret ballot counts in: the first of the person's groups in the order
 * people who draw on care and support, carers, family and community, staff and partners,
 * so lived experience is never folded into staff. Null when the person has no perspective.
 */
export function countingGroup(groups: readonly PerspectiveGroup[]): PerspectiveGroup | null {
  return perspectiveGroups.find((g) => groups.includes(g)) ?? null;
}

export type SafeGroups = {
  /** Groups whose results can be shown. */
  shown: PerspectiveGroup[];
  /** Groups big enough to show, hidden only so that a smaller one cannot be worked out. */
  hiddenToProtect: PerspectiveGroup[];
};

/**
 * ballots: how many ballots count in each group (groups do not overlap); ungrouped: ballots
 * of people with no perspective, who are in the overall result but in no group.
 */
export function groupsSafeToShow(
  ballots: Readonly<Partial<Record<PerspectiveGroup, number>>>,
  ungrouped: number,
  fewestToShow = 3,
): SafeGroups {
  const count = (g: PerspectiveGroup) => ballots[g] ?? 0;
  const total = perspectiveGroups.reduce((n, g) => n + count(g), 0) + ungrouped;
  let shown = perspectiveGroups.filter((g) => count(g) >= fewestToShow);
  const hiddenToProtect: PerspectiveGroup[] = [];
  for (;;) {
    const remainder = total - shown.reduce((n, g) => n + count(g), 0);
    if (remainder === 0 || remainder >= fewestToShow || shown.length === 0) break;
    // The smallest shown group goes; among equals the last in order, so the groups of people
    // who draw on care and support and carers are kept whenever they can be.
    const smallest = [...shown].reverse().reduce((s, g) => (count(g) < count(s) ? g : s));
    shown = shown.filter((g) => g !== smallest);
    hiddenToProtect.push(smallest);
  }
  // Showing a single group next to the overall result is the same as showing the rest, so
  // with one group left the rest must be big enough too; the loop above already made sure.
  return { shown, hiddenToProtect };
}
