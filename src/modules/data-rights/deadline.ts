// The deadline for answering a request about someone's data (UK GDPR Article 12(3)): one
// calendar month, counted from the day it was received. The ICO's guidance: received on
// 3 September, due by 3 October; when the next month has no such day (received 31 January),
// due on its last day (28 or 29 February).

/** The London date one calendar month after `received` (both YYYY-MM-DD). */
export function oneMonthAfter(received: string): string {
  const [year, month, day] = received.split('-').map(Number) as [number, number, number];
  const nextMonth = month === 12 ? 1 : month + 1;
  const nextYear = month === 12 ? year + 1 : year;
  const lastDay = new Date(Date.UTC(nextYear, nextMonth, 0)).getUTCDate();
  const dueDay = Math.min(day, lastDay);
  return `${nextYear}-${String(nextMonth).padStart(2, '0')}-${String(dueDay).padStart(2, '0')}`;
}

/** A request still open after its due date is overdue; on the due date itself it is not yet. */
export const isOverdue = (request: { status: string; dueOn: string }, today: string) => request.status === 'open' && request.dueOn < today;

/** The London date `months` calendar months before `date`, for keeping records "two years after". */
export function monthsBefore(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const total = year * 12 + (month - 1) - months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${String(m).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}
