import type { CultureEvidenceSource } from '../reviews/culture-evidence.ts';
import { countEachTime } from '../../platform/kept-figures.ts';
import { perspectiveGroups } from '../../platform/perspective-groups.ts';
import { nhsDigitalRule, protectLine, showCount, shownText } from '../../platform/small-numbers.ts';
import * as repo from './repository.ts';

/**
 * What the charter gives the self-assessment: who backs it (C1) and how many agreed to the
 * version in force, by perspective, with what they would change (C2). Three queries whatever
 * the size; counts by perspective follow the organisation's small-number rule, as every
 * other count of people by perspective does.
 */
export const charterEvidence: CultureEvidenceSource = async (db, organisationId, _now, t, keep = countEachTime, rule = nhsDigitalRule) => {
  const current = await repo.latest(db, organisationId, true);
  if (!current) return [{ code: 'C2', words: t('charter:evidence.none'), href: '/charter' }];
  const version = Number(current.version);
  // Kept until an answer (or a perspective) changes: the review asks on every look.
  const [byGroup, counts] = await keep(organisationId, `charter-evidence|${version}`, () =>
    Promise.all([repo.agreedByGroup(db, organisationId, version), repo.answerCounts(db, organisationId, version)]),
  );
  const line = protectLine(
    perspectiveGroups.map((g) => Number(byGroup.find((r) => r.grp === g)?.n ?? 0)),
    rule,
    counts.agree,
  );
  const groups = perspectiveGroups
    .map((g, i) => ({ g, shown: line.cells[i]! }))
    // A group nobody in it agreed is left out of the sentence, not listed as "0".
    .filter(({ shown }) => !(shown.kind === 'count' && shown.value === 0))
    // A figure hidden so the others cannot give a small one away is named, not numbered.
    .map(({ g, shown }) =>
      shown.kind === 'hidden' ? t(`charter:evidence.groupHidden.${g}`) : t(`charter:evidence.group.${g}`, { count: shownText(shown, t) }),
    );
  const agreed = t('charter:evidence.agreed', {
    version,
    total: shownText(line.total, t),
    groups: groups.length ? t('charter:evidence.groupsList', { groups: groups.join(', ') }) : '',
  });
  const change = t('charter:evidence.wouldChange', { count: shownText(showCount(counts.change, rule), t) });
  const sponsor = current.sponsorName
    ? t(current.sponsor_role ? 'charter:evidence.sponsorWithRole' : 'charter:evidence.sponsor', {
        name: current.sponsorName,
        role: current.sponsor_role,
        version,
      })
    : t('charter:evidence.noSponsor', { version });
  return [
    { code: 'C1', words: sponsor, href: '/charter' },
    { code: 'C2', words: `${agreed} ${change}`, href: '/charter' },
  ];
};
