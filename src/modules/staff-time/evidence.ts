import type { CultureEvidenceSource } from '../reviews/culture-evidence.ts';
import { londonToday } from '../../platform/time.ts';
import { givenAgainstUsed, mondayOf } from './given-against-used.ts';
import * as repo from './repository.ts';

/** Weeks looked back: a quarter, as the summary page shows by default. */
const weeks = 13;

/**
 * P4 beside the self-assessment: the staff time given against used over the last quarter,
 * for all staff together. Three queries (time given, staff by role, minutes used by role). No
 * link: members rate these statements too, and the summary is for staff.
 */
export const staffTimeEvidence: CultureEvidenceSource = async (db, organisationId, now, t) => {
  const toWeek = mondayOf(londonToday(now));
  const fromWeek = new Date(Date.parse(`${toWeek}T00:00:00Z`) - (weeks - 1) * 7 * 86_400_000).toISOString().slice(0, 10);
  const [allowances, { counts, used }] = await Promise.all([
    repo.allowances(db, organisationId),
    repo.summary(db, organisationId, fromWeek, toWeek, false),
  ]);
  if (!allowances.length && !used.length) return [];
  const staff: Partial<Record<repo.StaffRole, number>> = {};
  for (const c of counts) staff[c.role] = (staff[c.role] ?? 0) + Number(c.n);
  const usedMinutes = used.reduce((sum, u) => sum + Number(u.minutes), 0);
  const [all] = givenAgainstUsed(Object.fromEntries(allowances.map((a) => [a.role, a.minutes_a_week])), weeks, [
    { key: 'all', staff, usedMinutes },
  ]);
  const hours = (minutes: number) => Math.round(minutes / 60);
  return [
    {
      code: 'P4',
      words:
        all!.givenMinutes > 0
          ? t('staff-time:evidence.givenAndUsed', {
              weeks,
              given: hours(all!.givenMinutes),
              used: hours(usedMinutes),
              percent: all!.usedPercent,
            })
          : t('staff-time:evidence.noneGiven', { weeks, used: hours(usedMinutes) }),
    },
  ];
};
