// P4: frontline staff need time for co-production. The organisation says how many minutes a
// week each staff role is given; staff say what they used. This rule turns both into the
// figures a review can trust: time given over a period against time used, by team or role.

export type Allowances = Readonly<Partial<Record<'admin' | 'facilitator', number>>>;

/** One group of staff (a team, or a role where there are no teams) over the period. */
export type GroupInput = {
  key: string;
  /** How many staff of each role are in the group. */
  staff: Readonly<Partial<Record<'admin' | 'facilitator', number>>>;
  usedMinutes: number;
};

export type GroupFigures = {
  key: string;
  staff: number;
  givenMinutes: number;
  usedMinutes: number;
  /** Used as a whole percentage of given; null when nothing was given. */
  usedPercent: number | null;
  /**
   * little-used: under half the time given was recorded (staff may not really have it, or not
   * be saying); as-given: half to 110%; over: more than 110% (the allowance is too small);
   * none-given: the organisation gives this group no time at all.
   */
  status: 'little-used' | 'as-given' | 'over' | 'none-given';
};

/** Whole weeks in an inclusive period of ISO dates, counting a part week as a week (at least 1). */
export function weeksIn(from: string, to: string): number {
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  return Math.max(1, Math.ceil(days / 7));
}

export function givenAgainstUsed(allowances: Allowances, weeks: number, groups: readonly GroupInput[]): GroupFigures[] {
  return groups.map((g) => {
    const staff = (g.staff.admin ?? 0) + (g.staff.facilitator ?? 0);
    const givenMinutes =
      ((g.staff.admin ?? 0) * (allowances.admin ?? 0) + (g.staff.facilitator ?? 0) * (allowances.facilitator ?? 0)) * weeks;
    const usedPercent = givenMinutes > 0 ? Math.round((g.usedMinutes / givenMinutes) * 100) : null;
    const status: GroupFigures['status'] =
      usedPercent === null ? 'none-given' : usedPercent < 50 ? 'little-used' : usedPercent > 110 ? 'over' : 'as-given';
    return { key: g.key, staff, givenMinutes, usedMinutes: g.usedMinutes, usedPercent, status };
  });
}

/** The Monday (ISO date) of the week a London date falls in: weeks start on Monday. */
export function mondayOf(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}
