import type { CultureEvidenceSource } from '../reviews/culture-evidence.ts';
import { countEachTime } from '../../platform/kept-figures.ts';
import { perspectiveGroups } from '../../platform/perspective-groups.ts';
import { nhsDigitalRule, protectLine, showCount, shownText } from '../../platform/small-numbers.ts';
import * as repo from './repository.ts';

/**
 * P3 beside the self-assessment: how many people have finished at least one module, by
 * perspective (so a review sees whether people who draw on care learn alongside staff), and
 * how many reflections they wrote, which staff can read without names. Two queries whatever
 * the size (the counts kept until completions change), under the organisation's small-number
 * rule. The link is to the counts, which everyone may see.
 */
export const learnEvidence: CultureEvidenceSource = async (db, organisationId, _now, t, keep = countEachTime, rule = nhsDigitalRule) => {
  const [any, byGroup] = await keep(organisationId, 'learn-evidence', () =>
    Promise.all([repo.anyDone(db, organisationId), repo.anyDoneByGroup(db, organisationId)]),
  );
  if (any.people === 0) return [{ code: 'P3', words: t('learn:evidence.none'), href: '/learn' }];
  const line = protectLine(
    perspectiveGroups.map((g) => repo.num(byGroup.find((r) => r.grp === g)?.n)),
    rule,
    any.people,
  );
  const groups = perspectiveGroups
    .map((g, i) => ({ g, shown: line.cells[i]! }))
    .filter(({ shown }) => !(shown.kind === 'count' && shown.value === 0))
    .map(({ g, shown }) =>
      shown.kind === 'hidden' ? t(`learn:evidence.groupHidden.${g}`) : t(`learn:evidence.group.${g}`, { count: shownText(shown, t) }),
    );
  const done = t('learn:evidence.done', {
    total: shownText(line.total, t),
    groups: groups.length ? t('learn:evidence.groupsList', { groups: groups.join(', ') }) : '',
  });
  const shownReflections = showCount(any.reflections, rule);
  const reflections =
    shownReflections.kind === 'count'
      ? t('learn:evidence.reflections', { count: shownReflections.value })
      : t('learn:evidence.reflectionsFew', { shown: shownText(shownReflections, t) });
  return [{ code: 'P3', words: `${done} ${reflections}`, href: '/learn/progress' }];
};
