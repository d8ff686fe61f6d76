import type { Translate } from '../../platform/i18n.ts';
import { formFields } from '../../platform/forms.ts';
import { formatMoney } from '../../platform/money.ts';
import { formatDateTime } from '../../platform/time.ts';
import type { Answerer } from '../replies/answerers.ts';
import { parseBallot } from './ballot-form.ts';
import type { ProposalService } from './service.ts';
import { scoringScale } from './vocabulary.ts';
import type { VotingService } from './voting.ts';

const scale = [...Array(scoringScale.max - scoringScale.min + 1).keys()].map((i) => String(i + scoringScale.min));

/**
 * A vote through a personal link or a reply code: the same ballot as signed-in voting, for
 * that one person, once. A secret vote stays secret: the ballot keeps no name either way.
 */
export function ballotAnswerer(deps: { t: Translate; proposals: ProposalService; votes: VotingService }): Answerer {
  const { t, proposals, votes } = deps;
  return {
    async page(action, values) {
      const proposal = await proposals.load(action.organisationId, action.aboutId);
      const voter = (await proposals.electorate(action.organisationId, proposal)).find((m) => m.personId === action.personId);
      if (!voter) return null;
      const status = proposals.status(proposal);
      const voted = await votes.myVote(action.organisationId, proposal, action.personId);
      const closedReason =
        status === 'coming'
          ? t('decisions:vote.notOpen', { when: formatDateTime(proposal.opensAt) })
          : status === 'closed'
            ? t('decisions:vote.closed')
            : voted
              ? t('decisions:vote.alreadyPerson', { name: voter.name })
              : undefined;
      return {
        heading: proposal.question,
        fieldsTemplate: 'replies/views/ballot-fields.njk',
        data: {
          proposal,
          voterName: voter.name,
          values: { ...(values ?? {}), approve: [values?.approve ?? []].flat() },
          scale,
          ranks: proposal.options.map((_, i) => String(i + 1)),
          money: formatMoney,
        },
        ...(closedReason ? { closedReason } : {}),
      };
    },

    async save(action, body, recorded) {
      const proposal = await proposals.load(action.organisationId, action.aboutId);
      const ballot = parseBallot(proposal, body);
      if (!ballot.ok) return { ok: false, errors: ballot.errors, values: formFields(body) };
      await votes.castFor(action.organisationId, proposal, action.personId, ballot.data, recorded);
      return { ok: true, thanks: t('replies:thanks.vote') };
    },
  };
}
