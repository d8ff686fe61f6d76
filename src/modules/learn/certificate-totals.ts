// The certificate of involvement (P3, S2): what a person gave and learned, in words an
// employer reads at a glance. The guide says taking part builds confidence and skills and
// can help people into work, so the certificate counts what someone did, never what they
// were paid. Figures arrive already added up by the database; this rule only turns minutes
// into hours the way people say them and decides which lines are worth printing.
//
// "Hours given" is every hour the person gave that the app records, each hour once: time at
// meetings they were present at (the register), approved claims for other time given (a
// panel, a consultation, peer support: never a meeting, which the register already counts,
// and never training, which has its own line), and time they gave other members through the
// time bank. Time credits are what they got back for some of those hours, so they have their
// own line and never add to the hours.

export type CertificateFigures = {
  /** Meetings they were marked present at. */
  meetings: number;
  /** Minutes they were present at those meetings (known times only). */
  meetingMinutes: number;
  /** Approved or paid claims for time given other than at a meeting or in training. */
  claimedMinutes: number;
  /** Time bank swaps in which they helped another member, not taken back. */
  swapMinutes: number;
  /** Time credits earned for time given, net of any taken back, in minutes. */
  creditMinutes: number;
  /** Training courses the organisation recorded for them, and their minutes. */
  courses: number;
  trainingMinutes: number;
  /** Learn modules they finished. */
  modules: number;
};

export type CertificateLine = 'hoursGiven' | 'meetings' | 'training' | 'modules' | 'credits';

export type CertificateTotals = {
  /** Hours given (meetings, other claimed time, swaps), to the nearest half hour (never rounded down to none). */
  hoursGiven: number;
  meetings: number;
  trainingHours: number;
  courses: number;
  modules: number;
  creditHours: number;
  /** The lines with something to say, in the order they print. */
  lines: CertificateLine[];
  /** Nothing to print yet: the page says so rather than show a page of noughts. */
  empty: boolean;
};

/** Minutes as hours to the nearest half; any time at all shows at least half an hour. */
export function hoursOf(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes <= 0) return 0;
  return Math.max(0.5, Math.round(minutes / 30) / 2);
}

export function certificateTotals(f: CertificateFigures): CertificateTotals {
  const whole = (n: number) => (Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);
  const minutes = (n: number) => (Number.isFinite(n) && n > 0 ? n : 0);
  const totals = {
    hoursGiven: hoursOf(minutes(f.meetingMinutes) + minutes(f.claimedMinutes) + minutes(f.swapMinutes)),
    meetings: whole(f.meetings),
    trainingHours: hoursOf(f.trainingMinutes),
    courses: whole(f.courses),
    modules: whole(f.modules),
    creditHours: hoursOf(f.creditMinutes),
  };
  const lines: CertificateLine[] = [];
  if (totals.hoursGiven > 0) lines.push('hoursGiven');
  if (totals.meetings > 0) lines.push('meetings');
  if (totals.courses > 0 || totals.trainingHours > 0) lines.push('training');
  if (totals.modules > 0) lines.push('modules');
  if (totals.creditHours > 0) lines.push('credits');
  return { ...totals, lines, empty: lines.length === 0 };
}
