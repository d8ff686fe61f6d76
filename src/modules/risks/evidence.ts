// Beside C3 in the self-assessment: whether risks are looked at when we said we would, and
// how often people chose to go ahead despite a risk (positive risk-taking), counted by SQL.
import type { CultureEvidenceSource } from '../reviews/culture-evidence.ts';
import { londonToday } from '../../platform/time.ts';
import { countDecisionsSince, onTimeCounts } from './repository.ts';
import { addMonths } from './review-due.ts';

export const riskEvidence: CultureEvidenceSource = async (db, organisationId, now, t) => {
  const today = londonToday(now);
  const [{ open, onTime }, decisions] = await Promise.all([
    onTimeCounts(db, organisationId, today),
    countDecisionsSince(db, organisationId, addMonths(today, -12)),
  ]);
  return [
    {
      code: 'C3',
      words: open ? t('risks:evidence.onTime', { onTime, count: open }) : t('risks:evidence.noRisks'),
      href: '/risks?log=all&show=due',
    },
    { code: 'C3', words: t('risks:evidence.decisions', { count: decisions }), href: '/risks' },
  ];
};
