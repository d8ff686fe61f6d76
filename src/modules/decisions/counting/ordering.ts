// Two ways of putting options in order that every method shares.
import { createHash } from 'node:crypto';
import { byCodeUnits } from './one-ballot-each.ts';

/**
 * A tie-break of last resort that anyone can re-run: the caller gives a seed that is fixed
 * before voting starts (for example the proposal id), so nobody can choose the outcome, and
 * the same ballots always give the same answer. Never Math.random: a result that changes
 * when counted twice is not one people can check.
 */
export function seededOrder(seed: string, ids: readonly string[]): string[] {
  // JSON keeps seed and id apart, so ("ab", "c") and ("a", "bc") never hash alike.
  const key = (id: string) =>
    createHash('sha256')
      .update(JSON.stringify([seed, id]))
      .digest('hex');
  return [...ids]
    .map((id) => ({ id, k: key(id) }))
    .sort((a, b) => byCodeUnits(a.k, b.k) || byCodeUnits(a.id, b.id))
    .map((x) => x.id);
}

export type Ranked<T> = { item: T; rank: number; sharedRank: boolean };

/**
 * Highest first; equal scores share a rank and the next rank is skipped (1, 1, 3), so
 * "joint first" reads the same way it does anywhere else. Equal scores keep the caller's
 * order: that is display order, never a decision.
 */
export function rankWithTies<T>(items: readonly T[], score: (item: T) => number): Ranked<T>[] {
  const scored = items.map((item, i) => ({ item, i, s: score(item) })).sort((a, b) => b.s - a.s || a.i - b.i);
  return scored.map(({ item, s }) => {
    const above = scored.filter((x) => x.s > s).length;
    const same = scored.filter((x) => x.s === s).length;
    return { item, rank: above + 1, sharedRank: same > 1 };
  });
}
