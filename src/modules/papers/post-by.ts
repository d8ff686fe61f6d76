// Printed papers must arrive in time. Royal Mail aims to deliver second class within two
// to three working days (Monday to Saturday); we allow four working days (Monday to
// Friday), so a pack posted by the date we give arrives before the meeting even when the
// post is slow. Bank holidays are not known to the app: staff allow for them.

/** Working days between posting a second-class pack and the meeting. */
export const secondClassWorkingDays = 4;

/** The London date (YYYY-MM-DD) by which to post, counting back working days from the meeting's London date. */
export function postBy(meetingLondonDate: string, workingDays = secondClassWorkingDays): string {
  const [y, m, d] = meetingLondonDate.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  let left = workingDays;
  while (left > 0) {
    day.setUTCDate(day.getUTCDate() - 1);
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return day.toISOString().slice(0, 10);
}
