// What members are sent about a decision, in the three shapes a notice takes: written in
// full (email, letter), short for a text message, and words staff read out on the phone.
import type { Translate } from '../../platform/i18n.ts';
import { formatDate } from '../../platform/time.ts';
import type { NoticeText } from '../outbox/notices.ts';
import { groupsToShow, type TakingPart } from './rules.ts';

export type DecisionForMessage = {
  projectTitle: string;
  decided: string;
  why: string;
  decidedOn: string;
  takingPart: TakingPart | null;
  link: string;
};
export type ActionForMessage = { projectTitle: string; decided: string; what: string; whatWeDid: string; doneOn: string; link: string };

/** Text messages are cut to this many characters at a word, with the link kept whole. */
export const textMessageLimit = 306;

/** "9 of 12 people took part." plus a line per group, in plain words. */
export function takingPartText(t: Translate, tp: TakingPart | null): string {
  if (!tp) return t('decision-log:takingPart.notCounted');
  const lines = [t('decision-log:takingPart.overall', { count: tp.invited, tookPart: tp.tookPart })];
  for (const g of groupsToShow(tp))
    lines.push(
      t('decision-log:takingPart.group', { group: t(`meetings:perspectiveGroup.${g.group}`), tookPart: g.tookPart, invited: g.invited }),
    );
  return lines.join('\n');
}

/** Cuts a person's own words to fit a text message, at a word, with "..." to show it goes on. */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 3);
  const atWord = cut.lastIndexOf(' ') > max / 2 ? cut.slice(0, cut.lastIndexOf(' ')) : cut;
  return `${atWord.replace(/[.,;:!?-]+$/, '')}...`;
}

/** People's own words end as a sentence, so the words after them read as a new one. */
export const asSentence = (text: string): string => {
  const s = text.trim();
  return s === '' || /[.!?]["')]?$/.test(s) ? s : `${s}.`;
};

/** Fits a text message: the fixed words and link stay, the decision's own words are shortened. */
function fitText(t: Translate, key: string, vars: Record<string, string>, field: string): string {
  const without = t(key, { ...vars, [field]: '' });
  const room = Math.max(20, textMessageLimit - without.length);
  return t(key, { ...vars, [field]: shorten(vars[field] ?? '', room) });
}

export function composeDecisionNotice(t: Translate, d: DecisionForMessage, name: string): NoticeText {
  const vars = {
    name,
    project: d.projectTitle,
    decided: asSentence(d.decided),
    why: asSentence(d.why),
    date: formatDate(d.decidedOn),
    link: d.link,
    takingPart: takingPartText(t, d.takingPart),
  };
  return {
    subject: t('decision-log:notice.decision.subject', vars),
    full: t('decision-log:notice.decision.full', vars),
    text: fitText(t, 'decision-log:notice.decision.text', vars, 'decided'),
    say: t('decision-log:notice.decision.say', vars),
  };
}

export function composeUpdateNotice(t: Translate, a: ActionForMessage, name: string): NoticeText {
  const vars = {
    name,
    project: a.projectTitle,
    decided: asSentence(a.decided),
    what: asSentence(a.what),
    whatWeDid: asSentence(a.whatWeDid),
    date: formatDate(a.doneOn),
    link: a.link,
  };
  return {
    subject: t('decision-log:notice.update.subject', vars),
    full: t('decision-log:notice.update.full', vars),
    text: fitText(t, 'decision-log:notice.update.text', vars, 'whatWeDid'),
    say: t('decision-log:notice.update.say', vars),
  };
}
