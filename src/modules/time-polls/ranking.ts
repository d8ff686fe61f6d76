// Which offered time suits best (issue 17, docs/decisions/0017-time-poll-ranking.md).
//
// Times are set so that people who draw on care and support, and carers, are never
// outvoted by staff: a time is ranked first by how many of them can come, and only then by
// everyone. "Yes" counts one and "if need be" a half; the arithmetic is in halves (yes 2,
// if need be 1) so that no sum is ever a rounded fraction. A time no facilitator can come
// to is marked, never hidden or moved down: the people with lived experience come first,
// and staff can rearrange themselves. Ties are broken the same way every time, so two
// people looking at the same answers always see the same order.

import type { TimePollAnswer } from '../../db/schema/time-polls.ts';

export type RankedPerson = {
  personId: string;
  /** Draws on care and support, or is a carer. */
  livedExperience: boolean;
  /** Staff who can run the meeting. */
  facilitator: boolean;
};

export type RankedOption = { id: string; position: number; startsAt: string };

export type RankingInput = {
  options: readonly RankedOption[];
  people: readonly RankedPerson[];
  /** Each person's answer for each option; a missing answer counts as nothing. */
  answers: ReadonlyMap<string, ReadonlyMap<string, TimePollAnswer>>;
  /** How many clashes with stated times or needs each option has (shown; used to break ties). */
  clashes: ReadonlyMap<string, number>;
};

export type RankedTime = {
  optionId: string;
  /** 1 for the best time; two times never share a rank. */
  rank: number;
  /** People who draw on care and carers who can come, in halves: yes 2, if need be 1. */
  livedHalves: number;
  /** Everyone who can come, in halves. */
  everyoneHalves: number;
  yes: number;
  maybe: number;
  no: number;
  unanswered: number;
  clashes: number;
  /** No facilitator said yes or if need be. */
  noFacilitator: boolean;
};

const halves: Record<TimePollAnswer, number> = { yes: 2, maybe: 1, no: 0 };

/**
 * The times in order, best first: most people who draw on care and carers who can come,
 * then most people overall, then fewer clashes with what people told us, then the earlier
 * time, then the order they were offered in.
 */
export function rankTimes(input: RankingInput): RankedTime[] {
  const scored = input.options.map((option) => {
    let livedHalves = 0;
    let everyoneHalves = 0;
    const counts = { yes: 0, maybe: 0, no: 0, unanswered: 0 };
    let facilitatorCan = false;
    for (const person of input.people) {
      const answer = input.answers.get(person.personId)?.get(option.id);
      if (!answer) {
        counts.unanswered++;
        continue;
      }
      counts[answer]++;
      everyoneHalves += halves[answer];
      if (person.livedExperience) livedHalves += halves[answer];
      if (person.facilitator && answer !== 'no') facilitatorCan = true;
    }
    return {
      option,
      optionId: option.id,
      livedHalves,
      everyoneHalves,
      ...counts,
      clashes: input.clashes.get(option.id) ?? 0,
      noFacilitator: !facilitatorCan,
    };
  });
  scored.sort(
    (a, b) =>
      b.livedHalves - a.livedHalves ||
      b.everyoneHalves - a.everyoneHalves ||
      a.clashes - b.clashes ||
      Date.parse(a.option.startsAt) - Date.parse(b.option.startsAt) ||
      a.option.position - b.option.position,
  );
  return scored.map(({ option: _option, ...rest }, i) => ({ ...rest, rank: i + 1 }));
}
