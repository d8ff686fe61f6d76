// Results as a page shows them: option ids become titles, numbers become plain sentences.
// The figures come from the counting functions; nothing here counts.
import type { Translate } from '../../platform/i18n.ts';
import { formatMoney } from '../../platform/money.ts';
import type { BallotBody } from './ballot-form.ts';
import type { Proposal } from './service.ts';
import type { ByPerspective, Counted } from './tally.ts';

type Table = { head: string[]; rows: string[][]; numeric: boolean[] };

const percent = (n: number, of: number) => (of === 0 ? 0 : Math.round((100 * n) / of));

export function optionTitles(p: Proposal): (id: string) => string {
  const titles = new Map(p.options.map((o) => [o.id, o.title]));
  return (id) => titles.get(id) ?? id;
}

/** One sentence on what happened, and the why, both ready for the decision log. */
export function headline(p: Proposal, c: Counted, t: Translate): { decided: string; why: string } {
  const title = optionTitles(p);
  switch (c.method) {
    case 'consent': {
      const r = c.result;
      const counts = { agree: r.counts.agree, disagree: r.counts.disagree, block: r.counts.block, abstain: r.counts.abstain };
      return { decided: t(`decisions:headline.consent.${r.why}`, { question: p.question }), why: t('decisions:why.consent', counts) };
    }
    case 'majority': {
      const o = c.result.outcome;
      const why = t('decisions:why.majority', { cast: c.result.cast, abstained: c.result.abstained, required: c.result.quorum.required });
      if (o.decided)
        return { decided: t('decisions:headline.majority.decided', { option: title(o.option), votes: o.votes, cast: c.result.cast }), why };
      if (o.why === 'no-quorum')
        return {
          decided: t('decisions:headline.majority.noQuorum', { present: c.result.quorum.present, required: c.result.quorum.required }),
          why,
        };
      return {
        decided: t(o.tie ? 'decisions:headline.majority.tie' : 'decisions:headline.majority.noMajority', {
          options: o.leaders.map(title).join(', '),
        }),
        why,
      };
    }
    case 'ranked-choice': {
      const r = c.result;
      const why = t('decisions:why.rankedChoice', { rounds: r.rounds.length, valid: r.valid });
      return {
        decided: r.winner
          ? t('decisions:headline.rankedChoice.winner', { option: title(r.winner) })
          : t('decisions:headline.rankedChoice.none'),
        why,
      };
    }
    case 'dot-voting': {
      const top = c.result.ranking.filter((x) => x.rank === 1 && x.dots > 0).map((x) => title(x.option));
      const why = t('decisions:why.dotVoting', { valid: c.result.valid, dots: c.result.dotsUsed });
      return {
        decided: top.length ? t('decisions:headline.dotVoting.top', { options: top.join(', ') }) : t('decisions:headline.dotVoting.none'),
        why,
      };
    }
    case 'scoring': {
      const top = c.result.options.filter((o) => o.rank === 1).map((o) => title(o.option));
      const why = t('decisions:why.scoring', { panel: c.result.valid });
      return {
        decided: top.length ? t('decisions:headline.scoring.top', { options: top.join(', ') }) : t('decisions:headline.scoring.none'),
        why,
      };
    }
    case 'budget': {
      const r = c.result;
      const why = t('decisions:why.budget', {
        valid: r.valid,
        budget: formatMoney(r.budget),
        spent: formatMoney(r.spent),
        left: formatMoney(r.left),
      });
      return {
        decided: r.funded.length
          ? t('decisions:headline.budget.funded', { options: r.funded.map(title).join(', ') })
          : t('decisions:headline.budget.none'),
        why,
      };
    }
  }
}

/** The overall result as a table. */
export function overallTable(p: Proposal, c: Counted, t: Translate): Table {
  const title = optionTitles(p);
  const h = (k: string) => t(`decisions:results.column.${k}`);
  switch (c.method) {
    case 'consent': {
      const r = c.result;
      return {
        head: [h('answer'), h('people')],
        numeric: [false, true],
        rows: (['agree', 'abstain', 'disagree', 'block'] as const).map((k) => [t(`decisions:consent.${k}`), String(r.counts[k])]),
      };
    }
    case 'majority': {
      const r = c.result;
      return {
        head: [h('option'), h('votes'), h('share')],
        numeric: [false, true, true],
        rows: [
          ...r.counts.map((x) => [title(x.option), String(x.votes), `${percent(x.votes, r.cast)}%`]),
          [t('decisions:results.abstained'), String(r.abstained), ''],
        ],
      };
    }
    case 'ranked-choice': {
      const first = c.result.rounds[0]?.counts ?? [];
      return { head: [h('option'), h('firstChoices')], numeric: [false, true], rows: first.map((x) => [title(x.option), String(x.votes)]) };
    }
    case 'dot-voting':
      return {
        head: [h('place'), h('option'), h('dots')],
        numeric: [true, false, true],
        rows: c.result.ranking.map((x) => [`${x.rank}${x.sharedRank ? '=' : ''}`, title(x.option), String(x.dots)]),
      };
    case 'scoring':
      return {
        head: [h('place'), h('option'), h('meanTotal'), h('moderatedTotal')],
        numeric: [true, false, true, true],
        rows: c.result.options.map((o) => [
          o.rank === null ? '' : `${o.rank}${o.sharedRank ? '=' : ''}`,
          title(o.option),
          o.meanTotal === null ? '' : o.meanTotal.toFixed(1),
          o.moderatedTotal === null ? '' : o.moderatedTotal.toFixed(1),
        ]),
      };
    case 'budget': {
      const r = c.result;
      const support = r.method === 'allocation' ? (n: number) => formatMoney(n) : (n: number) => String(n);
      return {
        head: [h('option'), h('cost'), r.method === 'allocation' ? h('allocated') : h('approvals'), h('outcome')],
        numeric: [false, true, true, false],
        rows: r.lines.map((l) => [
          title(l.option),
          formatMoney(l.cost),
          support(l.support),
          t(`decisions:results.budgetOutcome.${l.outcome}`, { left: formatMoney(l.leftWhenReached) }),
        ]),
      };
    }
  }
}

/** Ranked choice: each round, and which option went out and why. */
export function rounds(p: Proposal, c: Counted, t: Translate) {
  if (c.method !== 'ranked-choice') return [];
  const title = optionTitles(p);
  return c.result.rounds.map((r) => ({
    round: r.round,
    rows: r.counts.map((x) => [title(x.option), String(x.votes)]),
    exhausted: r.exhausted,
    eliminated: r.eliminated
      ? t(`decisions:results.eliminated.${r.eliminated.by}`, {
          option: title(r.eliminated.option),
          round: 'round' in r.eliminated ? r.eliminated.round : '',
        })
      : null,
  }));
}

/** By perspective: each group's support for each option, and sharp differences. */
export function groupsView(p: Proposal, g: ByPerspective, t: Translate) {
  const title = (id: string) => (p.method === 'consent' ? t('decisions:results.agreeShare') : optionTitles(p)(id));
  return {
    groups: g.groups.map((x) => ({
      name: t(`meetings:perspectiveGroup.${x.group}`),
      shown: x.shown,
      protected: g.hiddenToProtect.includes(x.group),
      voters: x.shown ? x.voters : 0,
      rows: x.shown
        ? x.support.map((s) => [
            title(s.option),
            t('decisions:results.shareOf', { support: s.support, outOf: s.outOf, percent: percent(s.support, s.outOf) }),
          ])
        : [],
    })),
    sharp: g.sharpDifferences.map((d) =>
      t('decisions:results.sharp', {
        option: title(d.option),
        high: t(`meetings:perspectiveGroup.${d.highest.group}`),
        highPercent: percent(d.highest.support, d.highest.outOf),
        low: t(`meetings:perspectiveGroup.${d.lowest.group}`),
        lowPercent: percent(d.lowest.support, d.lowest.outOf),
      }),
    ),
    fewestToShow: g.fewestToShow,
  };
}

/** One person's named vote in a few words. */
export function describeBallot(p: Proposal, body: BallotBody, t: Translate): string {
  const title = optionTitles(p);
  if ('response' in body) return t(`decisions:consent.${body.response}`) + (body.reason ? `: ${body.reason}` : '');
  if ('choice' in body) return body.choice ? title(body.choice) : t('decisions:results.abstained');
  if ('ranking' in body) return body.ranking.map((id, i) => `${i + 1}. ${title(id)}`).join(', ');
  if ('dots' in body)
    return Object.entries(body.dots)
      .map(([id, n]) => `${title(id)}: ${n}`)
      .join(', ');
  if ('approve' in body) return body.approve.length ? body.approve.map(title).join(', ') : t('decisions:results.approvedNone');
  if ('allocate' in body)
    return Object.entries(body.allocate)
      .map(([id, n]) => `${title(id)}: ${formatMoney(n)}`)
      .join(', ');
  return '';
}

/** A scoring panel: each member's weighted total for each option, by name. */
export function panelTable(p: Proposal, c: Counted, named: ReadonlyArray<{ ballotId: string; name: string }>, t: Translate): Table | null {
  if (c.method !== 'scoring') return null;
  const names = new Map(named.map((n) => [n.ballotId, n.name]));
  return {
    head: [t('decisions:results.column.member'), ...p.options.map((o) => o.title)],
    numeric: [false, ...p.options.map(() => true)],
    rows: c.result.members
      .map((m) => [names.get(m.voterId) ?? '', ...m.totals.map((x) => (x.total === null ? '' : String(x.total)))])
      .sort((a, b) => a[0]!.localeCompare(b[0]!)),
  };
}
