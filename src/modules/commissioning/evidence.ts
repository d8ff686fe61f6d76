import type { CultureEvidenceSource } from '../reviews/culture-evidence.ts';
import { livedExperiencePerspectives } from '../people/vocabulary.ts';
import * as followUp from './follow-up-repository.ts';
import * as repo from './repository.ts';

/**
 * P6 and P7 beside the self-assessment: whether there is a commissioning policy that asks
 * providers to co-produce (P6), and how many rounds had people with lived experience on the
 * panel, were scored alone then together, and were published (P7). Three queries, whatever
 * the number of rounds. Counts of rounds, not of people: no small-number rule is needed.
 */
export const commissioningEvidence: CultureEvidenceSource = async (db, organisationId, _now, t) => {
  const { byStage, withLived, policy } = await repo.evidenceCounts(db, organisationId, livedExperiencePerspectives);
  const n = (stage: string) => byStage.find((s) => s.stage === stage)?.n ?? 0;
  const rounds = byStage.reduce((sum, s) => sum + s.n, 0);
  const p6 = policy
    ? t('commissioning:evidence.policy', { version: policy.version, count: (JSON.parse(policy.codes) as unknown[]).length })
    : t('commissioning:evidence.noPolicy');
  const p7 = rounds
    ? t('commissioning:evidence.rounds', {
        count: rounds,
        lived: withLived,
        together: n('together') + n('published'),
        published: n('published'),
      })
    : t('commissioning:evidence.noRounds');
  // After the contract: did providers do what their bids said? (provider-checks.ts)
  const checked = await followUp.newestReviewCheckCounts(db, organisationId);
  return [
    { code: 'P6', words: p6, href: '/commissioning/policy' },
    { code: 'P7', words: p7, href: '/commissioning' },
    ...(checked ? [{ code: 'P7' as const, words: t('provider-checks:evidenceLine', checked), href: '/commissioning' }] : []),
  ];
};
