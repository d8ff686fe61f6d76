// When a survey round can be answered. Pure: dates are London YYYY-MM-DD.
export type RoundState = 'not-open' | 'open' | 'closed';

export function roundState(round: { opensOn: string; closesOn: string }, today: string): RoundState {
  if (today < round.opensOn) return 'not-open';
  if (today > round.closesOn) return 'closed';
  return 'open';
}

/** Open and close dates: the close date cannot be before the open date. */
export const datesInOrder = (opensOn: string, closesOn: string) => closesOn >= opensOn;
