import { AppError, NotFound } from '../../platform/errors.ts';
import { fieldText, formFields, type FieldErrors } from '../../platform/forms.ts';
import type { Translate } from '../../platform/i18n.ts';
import { formatDate } from '../../platform/time.ts';
import type { AnswerPage, Answerer } from '../replies/answerers.ts';
import type { LiveAction, RecordedBy } from '../replies/service.ts';
import { readInterests, readScores } from './forms.ts';
import type { CommissioningService, PanelBy } from './service.ts';
import { scoreValues } from './vocabulary.ts';

type View = Awaited<ReturnType<CommissioningService['view']>>;
type Step = { step: 'declare' } | { step: 'score'; bidId: string } | { step: 'check' };

/** The link's pages: 1 is the next thing to do, 2 the interests again, 3 onwards each bid the person may score. */
const firstBidPage = 3;
const fields = 'commissioning/views/link-fields.njk';

/**
 * A panel member's part in one round by their personal link, without signing in (P7): the
 * link stands for one person on one round's panel (its about_id is the round). They say who
 * they know first; then each bid they may see is shown, in plain words as on the signed-in
 * page, to score alone; then they check their scores. Staff who typed the reply code write
 * down what the person said on the phone or in a letter, and are named beside it. The same
 * rules as signing in decide everything: the round's service is asked as that person.
 */
export function panelLinkAnswerer(deps: { t: Translate; commissioning: CommissioningService }): Answerer {
  const { t, commissioning } = deps;
  const asMember = (action: LiveAction) => ({ organisationId: action.organisationId, personId: action.personId, role: 'member' as const });

  /** The panel's view of the round for this person; null when they are no longer on its panel. */
  const viewFor = async (action: LiveAction): Promise<View | null> => {
    try {
      const view = await commissioning.view(asMember(action), action.aboutId);
      return view.me ? view : null;
    } catch (error) {
      if (error instanceof NotFound) return null;
      throw error;
    }
  };

  const defaultStep = (view: View): Step | null => {
    if (view.may.declare && !view.me!.declared) return { step: 'declare' };
    if (!view.may.scoreAlone) return null;
    const left = view.bids.find((b) => b.scoredByMe < view.criteria.length);
    return left ? { step: 'score', bidId: left.id } : { step: 'check' };
  };

  const stepAsked = (view: View, values: Record<string, unknown> | null, page: number | undefined): Step | null => {
    const posted = fieldText(values ?? {}, 'step');
    if (posted === 'declare' && view.may.declare) return { step: 'declare' };
    if (posted === 'check' && view.may.scoreAlone) return { step: 'check' };
    if (posted === 'score') {
      const bidId = fieldText(values ?? {}, 'bid');
      if (view.may.scoreAlone && view.bids.some((b) => b.id === bidId)) return { step: 'score', bidId: bidId! };
    }
    if (page === 2 && view.may.declare) return { step: 'declare' };
    const bid = page !== undefined && page >= firstBidPage ? view.bids[page - firstBidPage] : undefined;
    if (bid && view.may.scoreAlone) return { step: 'score', bidId: bid.id };
    return defaultStep(view);
  };

  const round = (view: View) => ({ title: view.round.title, meets: formatDate(view.round.panelMeetsOn) });

  const pageOf = (view: View, step: Step | null, values: Record<string, unknown> | null, href: (n: number) => string): AnswerPage => {
    if (!step) {
      const waiting = view.round.stage === 'preparing';
      return {
        heading: view.round.title,
        fieldsTemplate: fields,
        data: {},
        closedReason: t(waiting ? 'commissioning:link.waiting' : 'commissioning:link.closed', round(view)),
      };
    }
    const common = {
      step: step.step,
      round: view.round,
      criteria: view.criteria,
      scoreValues,
      learn: '/learn/being-on-a-commissioning-panel',
    };
    if (step.step === 'declare') {
      const shown = values ?? {
        interest: view.bidders.filter((b) => b.reason).map((b) => b.id),
        ...Object.fromEntries(view.bidders.filter((b) => b.reason).map((b) => [`reason-${b.id}`, b.reason])),
        none: view.me!.declared && !view.me!.conflicts ? 'yes' : '',
      };
      const ticked = shown.interest === undefined ? [] : Array.isArray(shown.interest) ? shown.interest : [shown.interest];
      return {
        heading: t('commissioning:link.declareHeading'),
        fieldsTemplate: fields,
        data: { ...common, bidders: view.bidders, values: shown, ticked },
      };
    }
    const bids = view.bids.map((b, i) => ({ ...b, href: href(firstBidPage + i), done: b.scoredByMe === view.criteria.length }));
    if (step.step === 'check') {
      const rows = bids.map((b) => ({
        ...b,
        scores: view.criteria.map((c) => ({ name: c.name, score: view.myScores[`${b.id}:${c.id}`] ?? null })),
      }));
      return {
        heading: t('commissioning:link.checkHeading'),
        fieldsTemplate: fields,
        data: { ...common, bids: rows, values: {} },
      };
    }
    const index = bids.findIndex((b) => b.id === step.bidId);
    const bid = bids[index]!;
    const start = Object.fromEntries(view.criteria.map((c) => [`score-${c.id}`, String(view.myScores[`${bid.id}:${c.id}`] ?? '')]));
    return {
      heading: t('commissioning:score.title', { bidder: bid.bidder }),
      fieldsTemplate: fields,
      data: { ...common, bid, number: index + 1, count: bids.length, bids, values: values ?? start },
    };
  };

  /** A refusal the person can act on (scoring closed a moment ago) is shown on the page. */
  const refused = (error: unknown, values: Record<string, unknown>) => {
    if (error instanceof AppError && error.status === 409)
      return { ok: false as const, errors: { form: error.messageKey } as FieldErrors, values };
    throw error;
  };

  const byOf = (recorded: RecordedBy | null): PanelBy =>
    recorded ? { how: recorded.how, recordedBy: recorded.personId } : { how: 'link', recordedBy: null };

  return {
    async page(action, values, shown) {
      const view = await viewFor(action);
      if (!view) return null;
      const href = shown?.href ?? ((n: number) => `?page=${n}`);
      return pageOf(view, stepAsked(view, values, shown?.page), values, href);
    },

    async save(action, body, recorded) {
      const view = await viewFor(action);
      if (!view) throw new NotFound();
      const values = formFields(body);
      const step = fieldText(values, 'step');
      const member = asMember(action);
      if (step === 'declare') {
        const form = readInterests(
          body,
          view.bidders.map((b) => b.id),
        );
        if (!form.ok) return { ok: false, errors: form.errors, values };
        try {
          await commissioning.declare(member, action.aboutId, form.data, byOf(recorded));
        } catch (error) {
          return refused(error, values);
        }
        return { ok: true, thanks: t('commissioning:link.declared') };
      }
      if (step === 'score') {
        const bid = view.bids.find((b) => b.id === fieldText(values, 'bid'));
        // A bid of another round, or one this person knows the bidder of, is not theirs to score.
        if (!bid) throw new NotFound();
        const form = readScores(
          body,
          view.criteria.map((c) => c.id),
        );
        if (!form.ok) return { ok: false, errors: form.errors, values };
        try {
          await commissioning.scoreAlone(member, action.aboutId, bid.id, form.data, byOf(recorded));
        } catch (error) {
          return refused(error, values);
        }
        return { ok: true, thanks: t('commissioning:link.scored', { bidder: bid.bidder }) };
      }
      if (step === 'check') return { ok: true, thanks: t('commissioning:link.finished', round(view)) };
      throw new NotFound();
    },
  };
}
