import { perspectiveGroupOf, perspectiveGroups, type PerspectiveGroup } from '../../platform/perspective-groups.ts';

/** One person at one meeting, with the minutes they were really there. */
export type Presence = { meetingId: string; personId: string; minutes: number };
export type Taking = { people: number; minutes: number };
export type Participation = { meetings: number; everyone: Taking; byGroup: Record<PerspectiveGroup, Taking> };

/**
 * Who took part in a period (S1, P1, V4): distinct people and the time they gave, by
 * perspective group. Someone with two perspectives counts in both groups but once in
 * "everyone", so groups need not add up to everyone.
 */
export function participation(
  meetingIds: readonly string[],
  presences: readonly Presence[],
  perspectivesOf: ReadonlyMap<string, readonly string[]>,
): Participation {
  const held = new Set(meetingIds);
  const people = new Map<PerspectiveGroup | 'everyone', Set<string>>();
  const minutes = new Map<PerspectiveGroup | 'everyone', number>();
  const add = (key: PerspectiveGroup | 'everyone', p: Presence) => {
    people.set(key, (people.get(key) ?? new Set()).add(p.personId));
    minutes.set(key, (minutes.get(key) ?? 0) + Math.max(0, p.minutes));
  };
  for (const p of presences) {
    if (!held.has(p.meetingId)) continue;
    add('everyone', p);
    for (const g of new Set((perspectivesOf.get(p.personId) ?? []).map(perspectiveGroupOf))) add(g, p);
  }
  const taking = (key: PerspectiveGroup | 'everyone'): Taking => ({ people: people.get(key)?.size ?? 0, minutes: minutes.get(key) ?? 0 });
  return {
    meetings: held.size,
    everyone: taking('everyone'),
    byGroup: Object.fromEntries(perspectiveGroups.map((g) => [g, taking(g)])) as Record<PerspectiveGroup, Taking>,
  };
}

/** Whole hours for a figure read by people: 90 minutes is "2 hours", 29 is "0". */
export const wholeHours = (minutes: number) => Math.round(minutes / 60);
