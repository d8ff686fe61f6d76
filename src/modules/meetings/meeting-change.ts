import type { MeetingInput } from './service.ts';

const whenAndWhere = ['startsAt', 'endsAt', 'format', 'venueId', 'joiningDetails'] as const;

/**
 * A change that people already invited must hear about: when, how or where they meet.
 * A new title, purpose or list of arrangements changes nothing about getting there.
 */
export function movesPeople(
  before: Pick<MeetingInput, (typeof whenAndWhere)[number]>,
  after: Pick<MeetingInput, (typeof whenAndWhere)[number]>,
): boolean {
  return whenAndWhere.some((k) => before[k] !== after[k]);
}
