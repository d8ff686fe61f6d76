// P1: everything is accessible to everyone taking part. Before a meeting goes ahead we
// compare what each invited person needs with what the meeting offers, so that a gap is
// either closed or knowingly accepted (with a reason) rather than discovered on the day.
import { readsOfPeople, type AuditRead } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth.ts';
import type { AccessNeeds } from '../people/access-needs.ts';
import {
  formatNeeds,
  hasLivedExperience,
  physicalNeeds,
  supportNeeds,
  type ContactDay,
  type ContactPart,
  type FormatNeed,
  type PhysicalNeed,
  type SupportNeed,
} from '../people/vocabulary.ts';
import type { VenueFeature } from '../venues/vocabulary.ts';
import { daysOfWeek, partsOfDay } from './meeting-time.ts';
import type { Arrangement, MeetingFormat } from './vocabulary.ts';

export type MeetingForCheck = {
  format: MeetingFormat;
  startsAt: string;
  endsAt: string;
  venueFeatures: readonly VenueFeature[] | null /* null: no venue chosen */;
  arrangements: readonly Arrangement[];
  interpreterLanguages: readonly string[];
  membersOnly: boolean;
  /** Paper formats that every paper of the meeting already has a version in. */
  papersReadyIn?: readonly string[];
};
export type PersonForCheck = {
  personId: string;
  name: string;
  perspectives: readonly string[];
  needs: AccessNeeds | null;
  unsuitableTimes: { days: readonly ContactDay[]; parts: readonly ContactPart[] } | null;
};
export type Acceptance = { personId: string; need: string; reason: string; acceptedByName: string | null; acceptedAt: string };
/**
 * One way to meet a need. A 'venue' entry is a venue with all of `features`.
 * Every entry in a gap's list would meet it alone, with one exception: BSL at a phone
 * meeting needs both a format that people can see AND an interpreter (when not booked yet).
 */
export type MeetBy =
  | { kind: 'venue'; features: VenueFeature[] }
  | { kind: 'arrangement'; arrangement: Arrangement }
  | { kind: 'choose-venue' }
  | { kind: 'format'; formats: MeetingFormat[] };
export type Gap = {
  need: string /* stable key, e.g. 'format:easy-read', 'physical:step-free', 'support:travel-help', 'format:interpreter' */;
  language?: string;
  meetBy: MeetBy[];
  accepted: Acceptance | null;
};
export type PersonCheck = { personId: string; name: string; gaps: Gap[]; timeDoesNotSuit: boolean };
export type Warning =
  | { kind: 'no-invitees' }
  | { kind: 'no-lived-experience' }
  | { kind: 'lived-experience-minority'; count: number; total: number }
  | { kind: 'time-does-not-suit'; personId: string; name: string }
  | { kind: 'members-only-includes-others'; personId: string; name: string };
export type AccessCheck = { people: PersonCheck[]; openGaps: number; acceptedGaps: number; ready: boolean; warnings: Warning[] };

type Unmet = Omit<Gap, 'accepted'>;

const arrangement = (a: Arrangement): MeetBy => ({ kind: 'arrangement', arrangement: a });
const venue = (...features: VenueFeature[]): MeetBy => ({ kind: 'venue', features });

/** Papers in an alternative format are an arrangement (the papers team makes them). */
const paperArrangement: Partial<Record<FormatNeed, Arrangement>> = {
  'easy-read': 'easy-read-papers',
  'large-print': 'large-print-papers',
  audio: 'audio-papers',
  braille: 'braille-papers',
};
const seeingFormats: MeetingFormat[] = ['in-person', 'online', 'hybrid'];

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function formatGap(need: FormatNeed, language: string | null, m: MeetingForCheck): Unmet | null {
  const has = (a: Arrangement) => m.arrangements.includes(a);
  const key = `format:${need}`;
  const paper = paperArrangement[need];
  // Met when the papers team is arranged to make them, or when every paper is already there in it.
  if (paper) return has(paper) || (m.papersReadyIn ?? []).includes(need) ? null : { need: key, meetBy: [arrangement(paper)] };
  if (need === 'bsl') {
    // Sign language has to be seen: no interpreter makes a phone call work.
    const meetBy: MeetBy[] = [];
    if (m.format === 'phone') meetBy.push({ kind: 'format', formats: [...seeingFormats] });
    if (!has('bsl-interpreter')) meetBy.push(arrangement('bsl-interpreter'));
    return meetBy.length ? { need: key, meetBy } : null;
  }
  // A spoken interpreter helps only in the person's language; with no language recorded
  // we cannot know that any booked interpreter is the right one.
  const wanted = language?.trim() ? language.trim() : null;
  const met = wanted !== null && has('spoken-interpreter') && m.interpreterLanguages.some((l) => same(l, wanted));
  if (met) return null;
  return wanted === null
    ? { need: key, meetBy: [arrangement('spoken-interpreter')] }
    : { need: key, language: wanted, meetBy: [arrangement('spoken-interpreter')] };
}

/** A building only matters when people come to it. */
const comesToAPlace = (f: MeetingFormat) => f === 'in-person' || f === 'hybrid';

/** The ways each venue-based need can be met at a place, in order of preference. */
const atAPlace: Partial<Record<PhysicalNeed, { venue: VenueFeature[][]; arrangement?: Arrangement }>> = {
  'step-free': { venue: [['step-free']] },
  'accessible-toilet': { venue: [['accessible-toilet'], ['changing-places']] },
  'hearing-loop': { venue: [['hearing-loop']], arrangement: 'portable-hearing-loop' },
  'quiet-space': { venue: [['quiet-room']] },
};

function physicalGap(need: PhysicalNeed, m: MeetingForCheck): Unmet | null {
  const key = `physical:${need}`;
  const has = (a: Arrangement) => m.arrangements.includes(a);
  // Breaks matter however people join.
  if (need === 'breaks') return has('breaks') ? null : { need: key, meetBy: [arrangement('breaks')] };
  if (!comesToAPlace(m.format)) {
    // Online, what a hearing loop does for someone is done by captions; by phone there is nothing to caption.
    if (need === 'hearing-loop' && m.format === 'online') return has('captions') ? null : { need: key, meetBy: [arrangement('captions')] };
    return null;
  }
  const ways = atAPlace[need]!;
  if (ways.arrangement && has(ways.arrangement)) return null;
  const features = m.venueFeatures;
  if (features && ways.venue.some((all) => all.every((f) => features.includes(f)))) return null;
  const byVenue: MeetBy[] = features === null ? [{ kind: 'choose-venue' }] : ways.venue.map((all) => venue(...all));
  return { need: key, meetBy: ways.arrangement ? [...byVenue, arrangement(ways.arrangement)] : byVenue };
}

function supportGap(need: SupportNeed, m: MeetingForCheck): Unmet | null {
  const key = `support:${need}`;
  // Transport is only about getting to a place; a support worker helps whatever the format.
  const wanted: Arrangement | null = need === 'support-worker' ? 'support-worker' : comesToAPlace(m.format) ? 'transport' : null;
  if (wanted === null || m.arrangements.includes(wanted)) return null;
  return { need: key, meetBy: [arrangement(wanted)] };
}

/** Gaps in vocabulary order (formats, physical, support), whatever order the needs were saved in. */
function gapsFor(needs: AccessNeeds | null, m: MeetingForCheck): Unmet[] {
  if (!needs) return [];
  const gaps = [
    ...formatNeeds.filter((n) => needs.formats.includes(n)).map((n) => formatGap(n, needs.interpreterLanguage, m)),
    ...physicalNeeds.filter((n) => needs.physical.includes(n)).map((n) => physicalGap(n, m)),
    ...supportNeeds.filter((n) => needs.support.includes(n)).map((n) => supportGap(n, m)),
  ];
  return gaps.filter((g): g is Unmet => g !== null);
}

export function accessCheck(meeting: MeetingForCheck, people: readonly PersonForCheck[], acceptances: readonly Acceptance[]): AccessCheck {
  const days = daysOfWeek(meeting.startsAt, meeting.endsAt);
  const parts = partsOfDay(meeting.startsAt, meeting.endsAt);

  const checks: PersonCheck[] = people.map((p) => ({
    personId: p.personId,
    name: p.name,
    // An accepted gap stays visible: accepting is a decision to record, not a fix.
    gaps: gapsFor(p.needs, meeting).map((g) => ({
      ...g,
      accepted: acceptances.find((a) => a.personId === p.personId && a.need === g.need) ?? null,
    })),
    // Days and parts are checked separately: "not Mondays" and "not evenings" are each enough.
    timeDoesNotSuit: Boolean(
      p.unsuitableTimes && (p.unsuitableTimes.days.some((d) => days.includes(d)) || p.unsuitableTimes.parts.some((x) => parts.includes(x))),
    ),
  }));

  const all = checks.flatMap((c) => c.gaps);
  const openGaps = all.filter((g) => g.accepted === null).length;

  const warnings: Warning[] = [];
  if (people.length === 0) warnings.push({ kind: 'no-invitees' });
  else {
    // The guide: people who draw on care and support attend every meeting, and not as a token few.
    const count = people.filter((p) => hasLivedExperience(p.perspectives)).length;
    if (count === 0) warnings.push({ kind: 'no-lived-experience' });
    else if (count * 3 < people.length) warnings.push({ kind: 'lived-experience-minority', count, total: people.length });
  }
  for (const c of checks) if (c.timeDoesNotSuit) warnings.push({ kind: 'time-does-not-suit', personId: c.personId, name: c.name });
  // Members-only meetings are where people with lived experience agree their priorities on their own.
  if (meeting.membersOnly) {
    for (const p of people)
      if (!hasLivedExperience(p.perspectives)) warnings.push({ kind: 'members-only-includes-others', personId: p.personId, name: p.name });
  }

  // Warnings inform; only open gaps stop a meeting being ready.
  return { people: checks, openGaps, acceptedGaps: all.length - openGaps, ready: openGaps === 0, warnings };
}

/** The people whose needs the check names: those with a gap, open or accepted. */
export const whoseNeedsAreShown = (check: Pick<AccessCheck, 'people'>): string[] =>
  check.people.filter((p) => p.gaps.length > 0).map((p) => p.personId);

/**
 * What the audit log keeps of a look at a meeting's access check: that the meeting's check
 * was seen and how many people's needs it named, and a line in each person's history.
 */
export function accessCheckReads(viewer: Actor, meetingId: string, personIds: readonly string[]): AuditRead[] {
  const named = new Set(personIds);
  return [
    { subjectType: 'meeting', subjectId: meetingId, action: 'access-check-viewed', changes: [{ field: 'people', to: named.size }] },
    ...readsOfPeople(viewer, 'access-needs', 'viewed-in-access-check', named),
  ];
}
