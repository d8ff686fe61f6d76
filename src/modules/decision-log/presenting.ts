// Decisions as pages show them: how each was made, and who took part, in plain words.
import type { CurrentUser } from '../../platform/auth.ts';
import type { Translate } from '../../platform/i18n.ts';
import { takingPartText } from './messages.ts';
import { mayUpdateAction, type Decision } from './service.ts';

type ActionView = Decision['actions'][number] & { mayUpdate: boolean };
export type DecisionView = Omit<Decision, 'actions'> & {
  actions: ActionView[];
  anyUpdatable: boolean;
  how: string;
  takingPartLines: string[];
};

export function howDecided(t: Translate, d: Pick<Decision, 'proposalId' | 'meeting'>): string {
  if (d.proposalId && d.meeting) return t('decision-log:how.voteAtMeeting', { meeting: d.meeting.title });
  if (d.proposalId) return t('decision-log:how.vote');
  if (d.meeting) return t('decision-log:how.meeting', { meeting: d.meeting.title });
  return t('decision-log:how.other');
}

/** The viewer decides which jobs offer "Update": staff see it on all, a member on their own. */
export function presentDecision(t: Translate, d: Decision, viewer: CurrentUser): DecisionView {
  const actions = d.actions.map((a) => ({ ...a, mayUpdate: a.status !== 'done' && mayUpdateAction(viewer, a) }));
  return {
    ...d,
    actions,
    anyUpdatable: actions.some((a) => a.mayUpdate),
    how: howDecided(t, d),
    takingPartLines: takingPartText(t, d.takingPart).split('\n'),
  };
}
