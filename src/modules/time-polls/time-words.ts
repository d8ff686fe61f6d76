import type { Translate } from '../../platform/i18n.ts';
import { formatClock, formatDate } from '../../platform/time.ts';

const weekday = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'long' });

/** "Monday 11 January 2027, 10am to midday", in London time: the day of the week matters when choosing. */
export function timeLabel(t: Translate, startsAt: string, endsAt: string): string {
  return t('time-polls:time', {
    day: weekday.format(new Date(startsAt)),
    date: formatDate(startsAt),
    start: formatClock(startsAt),
    end: formatClock(endsAt),
  });
}
