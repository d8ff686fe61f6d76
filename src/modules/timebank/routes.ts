import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDeps } from '../../services.ts';
import { allow, isStaff, signedInUser } from '../../platform/auth.ts';
import { parseForm, type FieldErrors, formFields } from '../../platform/forms.ts';
import { londonToday } from '../../platform/time.ts';
import { durationParts } from './duration.ts';
import type { Exchange } from './exchanges.ts';
import { confirmForm, listingForm, proposeForm, refusalMessage, respondForm, typedForm } from './forms.ts';
import { partnerRoutes } from './partner-routes.ts';
import { idParam, timebankRenderer } from './render.ts';
import { staffRoutes } from './staff-routes.ts';

/** The time bank (S2, reciprocity): everything under /timebank. */
export const timebankRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, config, t, now }) => {
  // Not the options as they came: they carry this plugin's prefix, which would apply twice.
  const deps = { services, config, t, now };
  await app.register(memberRoutes, deps);
  await app.register(partnerRoutes, deps);
  await app.register(staffRoutes, deps);
};

/**
 * Anyone signed in: their balance and history, the board of offers and requests, and the
 * swaps they are part of. People act only for themselves here.
 */
const memberRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t, now }) => {
  const { timebank } = services;
  const show = timebankRenderer(t);
  app.addHook('preHandler', allow('admin', 'facilitator', 'member'));

  app.get('/', async (request, reply) => {
    const user = signedInUser(request);
    const [history, mine, board, partnerOffers] = await Promise.all([
      timebank.statements.history(user.organisationId, user.personId),
      timebank.exchanges.mine(user.organisationId, user.personId),
      timebank.exchanges.board(user.organisationId),
      timebank.partners.offers(user.organisationId),
    ]);
    return show(reply, 'home', {
      balance: history.balance,
      lines: history.lines,
      ongoing: mine.filter((x) => x.status === 'asked' || x.status === 'proposed'),
      offers: board.filter((l) => l.kind === 'offer'),
      requests: board.filter((l) => l.kind === 'request'),
      partnerOffers,
      staff: isStaff(user),
    });
  });

  // Offers and requests ----------------------------------------------------------

  const showListingForm = (reply: FastifyReply, values: Record<string, unknown>, errors?: FieldErrors) =>
    show(reply, 'listing-form', { values }, errors);

  app.get('/listings/new', async (request, reply) => {
    const kind = formFields(request.query).kind;
    return showListingForm(reply, { kind: kind === 'offer' || kind === 'request' ? kind : '', duration: durationParts(null) });
  });

  app.post('/listings/new', async (request, reply) => {
    const user = signedInUser(request);
    const values = typedForm(request.body, { durations: ['duration'] });
    const form = parseForm(listingForm, values);
    if (!form.ok) return showListingForm(reply, values, form.errors);
    const id = await timebank.exchanges.post(user, {
      kind: form.data.kind,
      title: form.data.title,
      description: form.data.description,
      minutes: form.data.duration,
    });
    request.flash(t('timebank:listing.posted'));
    return reply.redirect(`/timebank/listings/${id}`, 303);
  });

  const showListing = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown> = {}, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const listing = await timebank.exchanges.listing(user.organisationId, idParam(request));
    const own = listing.personId === user.personId;
    const responses = own || isStaff(user) ? await timebank.exchanges.responses(user.organisationId, listing.id) : [];
    const myExchange = own
      ? undefined
      : (await timebank.exchanges.mine(user.organisationId, user.personId)).find(
          (x) => x.listingId === listing.id && x.status !== 'withdrawn',
        );
    return show(reply, 'listing', { listing, own, responses, myExchange, values }, errors);
  };

  app.get('/listings/:id', async (request, reply) => showListing(request, reply));

  app.post('/listings/:id/respond', async (request, reply) => {
    const user = signedInUser(request);
    const form = parseForm(respondForm, request.body);
    if (!form.ok) return showListing(request, reply, typedForm(request.body), form.errors);
    const listingId = idParam(request);
    const id = await timebank.exchanges.respond(user, listingId, form.data.note);
    request.flash(t('timebank:listing.responded', { name: (await timebank.exchanges.listing(user.organisationId, listingId)).personName }));
    return reply.redirect(`/timebank/exchanges/${id}`, 303);
  });

  app.post('/listings/:id/close', async (request, reply) => {
    const user = signedInUser(request);
    const id = idParam(request);
    await timebank.exchanges.close(user, id);
    request.flash(t('timebank:listing.closedDone'));
    return reply.redirect(`/timebank/listings/${id}`, 303);
  });

  // Swaps ---------------------------------------------------------------------------

  const showExchange = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const exchange = await timebank.exchanges.get(user, idParam(request));
    return show(
      reply,
      'exchange',
      { exchange, ...exchangeActions(exchange, user.personId), values: values ?? proposalValues(exchange) },
      errors,
    );
  };

  app.get('/exchanges/:id', async (request, reply) => showExchange(request, reply));

  app.post('/exchanges/:id/propose', async (request, reply) => {
    const user = signedInUser(request);
    const values = typedForm(request.body, { durations: ['duration'], dates: ['date'] });
    const form = parseForm(proposeForm(londonToday(now())), values);
    if (!form.ok) return showExchange(request, reply, values, form.errors);
    const id = idParam(request);
    await timebank.exchanges.propose(user, id, { minutes: form.data.duration, happenedOn: form.data.date });
    const exchange = await timebank.exchanges.get(user, id);
    request.flash(
      t('timebank:exchange.proposed', { name: exchange.giver.id === user.personId ? exchange.receiver.name : exchange.giver.name }),
    );
    return reply.redirect(`/timebank/exchanges/${id}`, 303);
  });

  app.post('/exchanges/:id/confirm', async (request, reply) => {
    const user = signedInUser(request);
    const id = idParam(request);
    const form = parseForm(confirmForm, request.body);
    // The minutes come from the page the person saw; a missing or odd number is a stale page.
    const exchange = await timebank.exchanges.get(user, id);
    const result = await timebank.exchanges.confirm(user, id, form.ok ? form.data.minutes : -1);
    if (!result.ok)
      return showExchange(request, reply, undefined, { confirm: refusalMessage(result.refusal, exchange.receiver.id === user.personId) });
    request.flash(t('timebank:exchange.confirmed_done'));
    return reply.redirect(`/timebank/exchanges/${id}`, 303);
  });

  app.post('/exchanges/:id/withdraw', async (request, reply) => {
    const user = signedInUser(request);
    const id = idParam(request);
    await timebank.exchanges.withdraw(user, id);
    request.flash(t('timebank:exchange.withdrawn_done'));
    return reply.redirect(`/timebank/exchanges/${id}`, 303);
  });
};

/** What the viewer may do with a swap: only its two people act on it. */
function exchangeActions(x: Exchange, personId: string) {
  const party = x.giver.id === personId || x.receiver.id === personId;
  const open = x.status === 'asked' || x.status === 'proposed';
  const other = x.giver.id === personId ? x.receiver : x.giver;
  return {
    party,
    other,
    canPropose: party && open,
    canConfirm: party && x.status === 'proposed' && x.proposedBy !== personId,
    waitingForOther: party && x.status === 'proposed' && x.proposedBy === personId,
  };
}

/** The last proposal in the boxes, so saying "not quite" starts from what was said. */
function proposalValues(x: Exchange) {
  const [year = '', month = '', day = ''] = (x.happenedOn ?? '').split('-');
  return {
    duration: durationParts(x.minutes),
    date: { day: day ? String(Number(day)) : '', month: month ? String(Number(month)) : '', year },
  };
}
