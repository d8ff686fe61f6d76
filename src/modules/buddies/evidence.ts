import type { CultureEvidenceSource } from '../reviews/culture-evidence.ts';
import { nhsDigitalRule, showCount, shownText } from '../../platform/small-numbers.ts';
import { londonToday } from '../../platform/time.ts';
import { newcomerDays, newcomersSince } from './newcomers.ts';
import * as repo from './repository.ts';

/**
 * P5 beside the self-assessment: how many people joined their first project lately, how many
 * of them have had a buddy, and how often buddies wrote down help they gave. Two queries
 * whatever the size; people are counted under the organisation's small-number rule. No link:
 * members rate these statements too, and the buddies page is for staff.
 */
export const buddiesEvidence: CultureEvidenceSource = async (db, organisationId, now, t, _keep, rule = nhsDigitalRule) => {
  const today = londonToday(now);
  const figures = await repo.newcomerFigures(db, organisationId, newcomersSince(today), today);
  if (figures.newcomers === 0 && figures.helpGiven === 0)
    return [{ code: 'P5', words: t('buddies:evidence.none', { days: newcomerDays }) }];
  const shown = (n: number) => shownText(showCount(n, rule), t);
  return [
    {
      code: 'P5',
      words: t('buddies:evidence.newcomers', {
        days: newcomerDays,
        newcomers: shown(figures.newcomers),
        withBuddy: shown(figures.withBuddy),
      }),
    },
    { code: 'P5', words: t('buddies:evidence.help', { days: newcomerDays, count: figures.helpGiven }) },
  ];
};
