import type { Translate } from '../../platform/i18n.ts';
import type { Answerer } from '../replies/answerers.ts';
import type { LiveAction } from '../replies/service.ts';
import { ballotAnswerer } from './ballot-action.ts';
import type { BallotProposal } from './ballot-form.ts';
import type { ProposalService } from './service.ts';
import type { VotingService } from './voting.ts';

/**
 * A vote answered with a number alone ("2"), as a text message back does. Only a vote where
 * each person picks one option (majority) has numbered options: the number is the option's
 * place on the ballot, counting from 1. Every other way of voting needs more than one
 * number (a ranking, scores, a share of a budget, a reason for a consent block), so no
 * number stands for a vote there. Returns the ballot form's fields, or null.
 */
export function ballotFromNumber(p: BallotProposal, n: number): { choice: string } | null {
  if (p.method !== 'majority' || !Number.isInteger(n) || n < 1 || n > p.options.length) return null;
  return { choice: p.options[n - 1]!.id };
}

/** For one open vote action: the ballot's own answerer and the fields a number stands for. */
export async function voteByNumber(
  deps: { t: Translate; proposals: ProposalService; votes: VotingService },
  action: LiveAction,
  n: number,
): Promise<{ answerer: Answerer; body: { choice: string } } | null> {
  if (action.kind !== 'vote') return null;
  const body = ballotFromNumber(await deps.proposals.load(action.organisationId, action.aboutId), n);
  return body ? { answerer: ballotAnswerer(deps), body } : null;
}
