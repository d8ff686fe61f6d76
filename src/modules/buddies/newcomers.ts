// P5: people new to co-production are most likely to drop out in their first months, so
// each should have a buddy. A newcomer is someone whose first project began within the last
// 90 days (today counted); they "need a buddy" while no pairing of theirs is active.
// The To do count runs the same rule in SQL (repository.countNewcomersWithoutBuddy).

export const newcomerDays = 90;

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The first day a first project may have begun for its member to still be a newcomer today. */
export const newcomersSince = (today: string) => addDays(today, -(newcomerDays - 1));

/** Active on a day: begun by then, and not yet ended (it ends at the start of its end day). */
export const isActivePairing = (p: { startsOn: string; endsOn: string | null }, today: string) =>
  p.startsOn <= today && (p.endsOn === null || p.endsOn > today);

export type NewcomerStatus = 'not-newcomer' | 'has-buddy' | 'needs-buddy';

export function newcomerStatus(
  firstJoinedOn: string | null,
  pairings: ReadonlyArray<{ startsOn: string; endsOn: string | null }>,
  today: string,
): NewcomerStatus {
  if (firstJoinedOn === null || firstJoinedOn < newcomersSince(today) || firstJoinedOn > today) return 'not-newcomer';
  return pairings.some((p) => isActivePairing(p, today)) ? 'has-buddy' : 'needs-buddy';
}
