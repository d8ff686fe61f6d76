import { activeLanguage } from './i18n.ts';

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

const londonDate = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });
const londonDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h12',
});
// Welsh readers get Welsh month names and "yb"/"yp" (issue 24); the style stays GOV.UK's.
const welshDate = new Intl.DateTimeFormat('cy-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });
const londonIsoDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** "5 March 2026": the GOV.UK date style. Accepts an ISO date or timestamp. */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return Number.isNaN(d.getTime()) ? '' : (activeLanguage() === 'cy' ? welshDate : londonDate).format(d);
}

/** "5 March 2026 at 2:30pm", in Europe/London whatever the server's zone. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  if (activeLanguage() === 'cy') return `${welshDate.format(d)} am ${formatClock(d)}`;
  const parts = londonDateTime.formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('day')} ${get('month')} ${get('year')} at ${get('hour')}:${get('minute')}${get('dayPeriod').toLowerCase()}`;
}

/** Today's date in London as YYYY-MM-DD. */
export function londonToday(now: Date): string {
  return londonIsoDate.format(now);
}

const londonClock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', minute: '2-digit', hourCycle: 'h23' });

/** "2:30pm", "10am", "midday": the GOV.UK time style, in London time. */
export function formatClock(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  const [h, m] = londonClock.format(d).split(':').map(Number) as [number, number];
  const welsh = activeLanguage() === 'cy';
  if (h === 12 && m === 0) return welsh ? 'canol dydd' : 'midday';
  const hour = h % 12 === 0 ? 12 : h % 12;
  const half = welsh ? (h < 12 ? 'yb' : 'yp') : h < 12 ? 'am' : 'pm';
  return m === 0 ? `${hour}${half}` : `${hour}:${String(m).padStart(2, '0')}${half}`;
}
