import { activeLanguage } from './i18n.ts';

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

// Welsh readers get Welsh month names and "yb"/"yp" (issue 24); the style stays GOV.UK's.
const welshDate = new Intl.DateTimeFormat('cy-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });

// London's offset from UTC, found with Intl (which knows the clock changes) once a day:
// a copy of someone's data or a long export formats tens of thousands of times, and asking
// Intl for each took a fifth of the work. A day whose offset differs at its start and end
// (a clock change) is asked hour by hour: London's clocks change on the hour.
const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const londonHour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', hourCycle: 'h23' });
const offsetAt = (ms: number) => (((Number(londonHour.format(ms)) - new Date(ms).getUTCHours()) % 24) + 24) % 24;
const offsets = new Map<number, number | number[]>();

/** London's offset from UTC in hours at this instant (0 in winter, 1 in summer). */
function londonOffset(ms: number): number {
  const day = Math.floor(ms / dayMs);
  let known = offsets.get(day);
  if (known === undefined) {
    const first = offsetAt(day * dayMs);
    const last = offsetAt(day * dayMs + dayMs - 1);
    known = first === last ? first : Array.from({ length: 24 }, (_, h) => offsetAt(day * dayMs + h * hourMs));
    if (offsets.size > 20_000) offsets.clear();
    offsets.set(day, known);
  }
  return typeof known === 'number' ? known : known[Math.floor((ms - day * dayMs) / hourMs)]!;
}

/** The wall clock in London at this instant, read with the UTC getters of the returned date. */
function londonWallClock(d: Date): Date {
  return new Date(d.getTime() + londonOffset(d.getTime()) * hourMs);
}

const monthNames = Array.from({ length: 12 }, (_, m) =>
  new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, m, 15)),
);

/** "5 March 2026" for a London wall clock. */
const dayMonthYear = (w: Date) => `${w.getUTCDate()} ${monthNames[w.getUTCMonth()]} ${w.getUTCFullYear()}`;

/** "5 March 2026": the GOV.UK date style. Accepts an ISO date or timestamp. */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  return activeLanguage() === 'cy' ? welshDate.format(d) : dayMonthYear(londonWallClock(d));
}

/** "5 March 2026 at 2:30pm", in Europe/London whatever the server's zone. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  if (activeLanguage() === 'cy') return `${welshDate.format(d)} am ${formatClock(d)}`;
  const w = londonWallClock(d);
  const h = w.getUTCHours();
  const minutes = String(w.getUTCMinutes()).padStart(2, '0');
  return `${dayMonthYear(w)} at ${h % 12 === 0 ? 12 : h % 12}:${minutes}${h < 12 ? 'am' : 'pm'}`;
}

/** Today's date in London as YYYY-MM-DD. */
export function londonToday(now: Date): string {
  return londonWallClock(now).toISOString().slice(0, 10);
}

/** "2:30pm", "10am", "midday": the GOV.UK time style, in London time. */
export function formatClock(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  const w = londonWallClock(d);
  const [h, m] = [w.getUTCHours(), w.getUTCMinutes()];
  const welsh = activeLanguage() === 'cy';
  if (h === 12 && m === 0) return welsh ? 'canol dydd' : 'midday';
  const hour = h % 12 === 0 ? 12 : h % 12;
  const half = welsh ? (h < 12 ? 'yb' : 'yp') : h < 12 ? 'am' : 'pm';
  return m === 0 ? `${hour}${half}` : `${hour}:${String(m).padStart(2, '0')}${half}`;
}
