// Decisions as pages show them: how each was made, and who took part, in plain words.
import type { Translate } from '../../platform/i18n.ts';
import { takingPartText } from './messages.ts';
import type { Decision } from './service.ts';

export type DecisionView = Decision & { how: string; takingPartLines: string[] };

export function howDecided(t: Translate, d: Pick<Decision, 'proposalId' | 'meeting'>): string {
  if (d.proposalId && d.meeting) return t('decision-log:how.voteAtMeeting', { meeting: d.meeting.title });
  if (d.proposalId) return t('decision-log:how.vote');
  if (d.meeting) return t('decision-log:how.meeting', { meeting: d.meeting.title });
  return t('decision-log:how.other');
}

export function presentDecision(t: Translate, d: Decision): DecisionView {
  return { ...d, how: howDecided(t, d), takingPartLines: takingPartText(t, d.takingPart).split('\n') };
}
