import { z } from 'zod';
import type { Translate } from '../../platform/i18n.ts';
import { formFields, parseForm } from '../../platform/forms.ts';
import { formatDate } from '../../platform/time.ts';
import type { Answerer } from '../replies/answerers.ts';
import { describeMinutes } from './duration.ts';
import type { Exchange, ExchangeService } from './exchanges.ts';
import { refusalMessage } from './forms.ts';

const swapForm = z.object({
  answer: z.enum(['yes', 'no'], { message: 'replies:swap.answerRequired' }),
  // The minutes on the page the person saw: a changed swap is never confirmed unseen.
  minutes: z.coerce.number().int().positive(),
});

/** Why a swap cannot be answered by this person now, or null when it waits for their yes. */
function closedFor(t: Translate, exchange: Exchange, personId: string): string | null {
  if (exchange.status === 'confirmed') return t('replies:swap.confirmed');
  if (exchange.status === 'withdrawn') return t('replies:swap.withdrawn');
  if (exchange.status !== 'proposed' || exchange.proposedBy === personId) return t('replies:swap.nothingToAnswer');
  return null;
}

/**
 * "Is this right?" for one time bank swap, by a personal link or a reply code given to staff:
 * the person says yes (the credits move, as when signed in) or no (the proposal is taken
 * back and the swap stays open). A link only ever opens the swap it was sent about, and only
 * while that swap waits for this person's answer.
 */
export function swapAnswerer(deps: { t: Translate; exchanges: ExchangeService }): Answerer {
  const { t, exchanges } = deps;
  return {
    async page(action, values) {
      const exchange = await exchanges.forParty(action.organisationId, action.aboutId, action.personId);
      if (!exchange) return null;
      const other = exchange.giver.id === action.personId ? exchange.receiver : exchange.giver;
      const closedReason = closedFor(t, exchange, action.personId);
      const vars = {
        giver: exchange.giver.name,
        receiver: exchange.receiver.name,
        duration: exchange.minutes === null ? '' : describeMinutes(t, exchange.minutes),
        date: formatDate(exchange.happenedOn),
      };
      return {
        heading: t('replies:swap.heading', { other: other.name }),
        fieldsTemplate: 'replies/views/swap-fields.njk',
        data: {
          what: exchange.listingTitle ?? exchange.note ?? '',
          happened: t('timebank:exchange.confirmText', vars),
          moves: t('timebank:exchange.confirmMoves', vars),
          minutes: exchange.minutes,
          values: values ?? {},
        },
        ...(closedReason ? { closedReason } : {}),
      };
    },

    async save(action, body, recorded) {
      const party = { organisationId: action.organisationId, personId: action.personId };
      const exchange = await exchanges.forParty(action.organisationId, action.aboutId, action.personId);
      if (!exchange) return { ok: false, errors: { answer: 'replies:swap.nothingToAnswer' }, values: formFields(body) };
      const closed = closedFor(t, exchange, action.personId);
      if (closed) return { ok: false, errors: { answer: 'replies:swap.nothingToAnswer' }, values: formFields(body) };
      const form = parseForm(swapForm, body);
      if (!form.ok) return { ok: false, errors: form.errors, values: formFields(body) };
      const by = recorded?.personId ?? null;
      if (form.data.answer === 'no') {
        await exchanges.declineFor(party, exchange.id, form.data.minutes, by);
        return { ok: true, thanks: t('replies:swap.declined') };
      }
      const result = await exchanges.confirmFor(party, exchange.id, form.data.minutes, by);
      if (!result.ok)
        return {
          ok: false,
          errors: { answer: refusalMessage(result.refusal, exchange.receiver.id === action.personId) },
          values: formFields(body),
        };
      return { ok: true, thanks: t('timebank:exchange.confirmed_done') };
    },
  };
}
