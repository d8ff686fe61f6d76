// Meetings happen on London wall-clock time, but we store instants (UTC ISO strings).
// Only Intl knows the clock changes, so every conversion goes through it with an explicit
// time zone: nothing here reads the server's own zone (process.env.TZ).
import { contactDays, type ContactDay, type ContactPart } from '../people/vocabulary.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
});

/** The London wall time of an instant, as milliseconds on a zone-less (UTC) scale. */
function wallOf(instant: number): number {
  const n: Record<string, number> = {};
  for (const p of londonParts.formatToParts(instant)) if (p.type !== 'literal') n[p.type] = Number(p.value);
  const wall = new Date(0);
  // setUTCFullYear, not Date.UTC, so years 0-99 are not read as 1900-1999.
  wall.setUTCFullYear(n.year!, n.month! - 1, n.day!);
  wall.setUTCHours(n.hour!, n.minute!, n.second!, ((instant % 1000) + 1000) % 1000);
  return wall.getTime();
}

/**
 * Every instant that shows this wall time in London, earliest first: none in the
 * spring-forward gap, two in the autumn overlap. The offsets in force a day either side
 * are the only candidates, so this holds for any historical rule, not just GMT/BST.
 */
function instantsOf(wall: number): number[] {
  const offsets = new Set([wallOf(wall - DAY) - (wall - DAY), wallOf(wall + DAY) - (wall + DAY)]);
  return [...offsets]
    .map((offset) => wall - offset)
    .filter((instant) => wallOf(instant) === wall)
    .sort((a, b) => a - b);
}

/** The first instant whose London wall time is later than a wall time that does not exist. */
function firstInstantAfterGap(wall: number): number {
  let lo = wall - DAY; // wall time before the wall we want
  let hi = wall + DAY; // wall time after it
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallOf(mid) > wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

function parseWall(date: string, time: string): number | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const [y, m, day, h, min] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [number, number, number, number, number];
  if (h > 23 || min > 59) return null;
  const wall = new Date(0);
  wall.setUTCFullYear(y, m - 1, day);
  wall.setUTCHours(h, min, 0, 0);
  // 31 February rolls over into March: reject it rather than silently moving the meeting.
  if (wall.getUTCFullYear() !== y || wall.getUTCMonth() !== m - 1 || wall.getUTCDate() !== day) return null;
  return wall.getTime();
}

/**
 * London date and time to a UTC instant. A time skipped when the clocks go forward does
 * not exist, so we refuse it rather than guess. A time that happens twice when the clocks
 * go back (e.g. 01:30 on 25 October 2026) means the FIRST occurrence, still in BST:
 * people arriving for "1:30" will not have been through the change yet.
 */
export function londonToUtc(date: string, time: string): { ok: true; iso: string } | { ok: false; reason: 'invalid' | 'does-not-exist' } {
  const wall = parseWall(date, time);
  if (wall === null) return { ok: false, reason: 'invalid' };
  const first = instantsOf(wall)[0];
  if (first === undefined) return { ok: false, reason: 'does-not-exist' };
  return { ok: true, iso: new Date(first).toISOString() };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoDateOfWall = (wall: number) => {
  const d = new Date(wall);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};
// getUTCDay counts from Sunday; our vocabulary counts from Monday.
const weekdayOfWall = (wall: number): ContactDay => contactDays[(new Date(wall).getUTCDay() + 6) % 7]!;

function instantOf(iso: string): number {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new RangeError(`Not a date and time: ${iso}`);
  return t;
}

/** The London date, time (HH:MM), weekday and minutes since midnight of an instant. Throws on a bad ISO string. */
export function toLondon(iso: string): { date: string; time: string; weekday: ContactDay; minutesOfDay: number } {
  const wall = wallOf(instantOf(iso));
  const d = new Date(wall);
  return {
    date: isoDateOfWall(wall),
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
    weekday: weekdayOfWall(wall),
    minutesOfDay: d.getUTCHours() * 60 + d.getUTCMinutes(),
  };
}

/**
 * The same London wall time some days later (or earlier, when negative): a notice period
 * of "7 days before a 10am meeting" means 10am, whatever the clocks did in between.
 * Ambiguous targets take the first occurrence; a target in the spring gap moves to the
 * moment the clocks jump (the next instant that exists).
 */
export function addLondonDays(iso: string, days: number): string {
  const wall = wallOf(instantOf(iso)) + days * DAY;
  const first = instantsOf(wall)[0] ?? firstInstantAfterGap(wall);
  return new Date(first).toISOString();
}

const partBounds: ReadonlyArray<[ContactPart, number, number]> = [
  ['morning', 0, 12 * 60],
  ['afternoon', 12 * 60, 17 * 60],
  ['evening', 17 * 60, 24 * 60],
];

/**
 * The meeting as a span of London wall time, half-open [start, end): a meeting ending at
 * 12:00 does not touch the afternoon. One that ends where it starts (or before) is taken
 * as the single moment it starts. Clock changes fall at 01:00-02:00, far from any part
 * boundary, so working in wall time cannot move a meeting into a different part.
 */
function wallSpan(startIso: string, endIso: string): [number, number] {
  const start = wallOf(instantOf(startIso));
  const end = wallOf(instantOf(endIso));
  return [start, Math.max(end, start + 1)];
}

/** The London days the span touches, each as the wall time of its midnight. */
function midnights([start, end]: [number, number], stopAfter: number): number[] {
  const out: number[] = [];
  for (let m = start - (((start % DAY) + DAY) % DAY); m < end && out.length < stopAfter; m += DAY) out.push(m);
  return out;
}

/** Which parts of the London day (morning, afternoon, evening) a meeting overlaps, in that order. */
export function partsOfDay(startIso: string, endIso: string): ContactPart[] {
  const span = wallSpan(startIso, endIso);
  const touched = new Set<ContactPart>();
  // Three days are enough to meet every part, however long the meeting.
  for (const midnight of midnights(span, 3)) {
    for (const [part, from, to] of partBounds) {
      if (span[0] < midnight + to * MINUTE && midnight + from * MINUTE < span[1]) touched.add(part);
    }
  }
  return partBounds.map(([part]) => part).filter((p) => touched.has(p));
}

/** Which London weekdays a meeting touches, Monday first. */
export function daysOfWeek(startIso: string, endIso: string): ContactDay[] {
  const touched = new Set(midnights(wallSpan(startIso, endIso), 7).map(weekdayOfWall));
  return contactDays.filter((d) => touched.has(d));
}
