import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { checkMyWords } from '../../platform/plain-words.ts';
import { allow, isStaff, signedInUser, type CurrentUser } from '../../platform/auth.ts';
import { NotFound } from '../../platform/errors.ts';
import { parseForm, requiredText, type FieldErrors, formFields } from '../../platform/forms.ts';
import { parseBallot } from './ballot-form.ts';
import { describeBallot, groupsView, headline, overallTable, panelTable, rounds } from './results-view.ts';
import type { Proposal } from './service.ts';
import { recordedHows, scoringScale } from './vocabulary.ts';
import { formatMoney } from '../../platform/money.ts';

const ids = z.object({ id: z.string().uuid(), personId: z.string().uuid().optional() });
const recordedForm = z.object({ how: z.enum(recordedHows, { message: 'decisions:errors.howRequired' }) });
const decisionForm = z.object({
  decided: requiredText('decisions:errors.decidedRequired', 2000),
  why: requiredText('decisions:errors.whyRequired', 4000),
});

/**
 * Voting (every method is a plain form), staff recording a vote given by phone or in
 * person, the results once voting has closed, and recording the decision in the log.
 */
export const voteRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { proposals, votes, decisionLog } = services;
  app.addHook('preHandler', allow('admin', 'facilitator', 'member'));
  const staffOnly = allow('admin', 'facilitator');
  const actor = (user: CurrentUser) => ({ organisationId: user.organisationId, personId: user.personId });
  const params = (request: FastifyRequest) => {
    const parsed = ids.safeParse(request.params);
    if (!parsed.success) throw new NotFound();
    return parsed.data;
  };
  const loadFor = async (request: FastifyRequest): Promise<{ user: CurrentUser; proposal: Proposal }> => {
    const user = signedInUser(request);
    return { user, proposal: await proposals.getForUser(user, params(request).id) };
  };
  /** A proposal is recorded once: after that, the button leads to the record. */
  const recordedAlready = async (user: CurrentUser, proposal: Proposal) =>
    decisionLog.recordOfProposal(user, proposal.projectId, proposal.id);
  const scale = [...Array(scoringScale.max - scoringScale.min + 1).keys()].map((i) => String(i + scoringScale.min));

  /** The voting form, or why there is none: not open, closed, already voted, not asked. */
  const showVote = async (
    reply: FastifyReply,
    user: CurrentUser,
    proposal: Proposal,
    ctx: { values?: Record<string, unknown>; person?: { personId: string; name: string } },
    errors?: FieldErrors,
  ) => {
    const voterId = ctx.person?.personId ?? user.personId;
    const [electorate, mine] = await Promise.all([
      proposals.electorate(user.organisationId, proposal),
      votes.myVote(user.organisationId, proposal, voterId),
    ]);
    return reply.view(
      'decisions/views/vote.njk',
      {
        proposal,
        status: proposals.status(proposal),
        mayVote: electorate.some((m) => m.personId === voterId),
        mine: mine ? { ...mine, described: mine.body ? describeBallot(proposal, mine.body, t) : null } : null,
        person: ctx.person ?? null,
        values: { ...(ctx.values ?? {}), approve: [ctx.values?.approve ?? []].flat() },
        scale,
        ranks: proposal.options.map((_, i) => String(i + 1)),
        money: formatMoney,
        action: ctx.person ? `/proposals/${proposal.id}/record/${ctx.person.personId}` : `/proposals/${proposal.id}/vote`,
      },
      errors ? { errors } : {},
    );
  };

  app.get('/proposals/:id/vote', async (request, reply) => {
    const { user, proposal } = await loadFor(request);
    return showVote(reply, user, proposal, {});
  });

  app.post('/proposals/:id/vote', async (request, reply) => {
    const { user, proposal } = await loadFor(request);
    const ballot = parseBallot(proposal, request.body);
    if (!ballot.ok) return showVote(reply, user, proposal, { values: formFields(request.body) }, ballot.errors);
    await votes.vote(actor(user), proposal, ballot.data);
    request.flash(t('decisions:flash.voted'));
    return reply.redirect(`/proposals/${proposal.id}`, 303);
  });

  const personFor = async (request: FastifyRequest, user: CurrentUser, proposal: Proposal) => {
    const person = (await proposals.electorate(user.organisationId, proposal)).find((m) => m.personId === params(request).personId);
    if (!person) throw new NotFound();
    return person;
  };

  app.get('/proposals/:id/record/:personId', { preHandler: staffOnly }, async (request, reply) => {
    const { user, proposal } = await loadFor(request);
    return showVote(reply, user, proposal, { person: await personFor(request, user, proposal) });
  });

  /** Staff record a vote given by phone or in person; the list and the audit log say who did. */
  app.post('/proposals/:id/record/:personId', { preHandler: staffOnly }, async (request, reply) => {
    const { user, proposal } = await loadFor(request);
    const person = await personFor(request, user, proposal);
    const ballot = parseBallot(proposal, request.body);
    const how = parseForm(recordedForm, request.body);
    if (!ballot.ok || !how.ok) {
      const errors = { ...(ballot.ok ? {} : ballot.errors), ...(how.ok ? {} : how.errors) };
      return showVote(reply, user, proposal, { person, values: formFields(request.body) }, errors);
    }
    await votes.recordFor(actor(user), proposal, person.personId, ballot.data, how.data.how);
    request.flash(t('decisions:flash.recorded', { name: person.name }));
    return reply.redirect(`/proposals/${proposal.id}/participation`, 303);
  });

  app.get('/proposals/:id/results', async (request, reply) => {
    const { user, proposal } = await loadFor(request);
    const status = proposals.status(proposal);
    // Before closing nobody sees results, staff included: early results could sway the vote.
    if (status !== 'closed') return reply.view('decisions/views/results.njk', { proposal, status, staff: isStaff(user) });
    const r = await votes.results(user.organisationId, proposal);
    const recorded = isStaff(user) ? await recordedAlready(user, proposal) : null;
    return reply.view('decisions/views/results.njk', {
      proposal,
      status,
      staff: isStaff(user),
      headline: headline(proposal, r.counted, t),
      overall: overallTable(proposal, r.counted, t),
      rounds: rounds(proposal, r.counted, t),
      reasons: r.counted.method === 'consent' ? r.counted.result.reasons : null,
      groups: groupsView(proposal, r.groups, t),
      named: r.named.map((n) => ({ name: n.name, vote: describeBallot(proposal, n.body, t) })),
      panel: panelTable(proposal, r.counted, r.named, t),
      taking: r.taking,
      recorded: recorded ?? null,
    });
  });

  // A scoring panel's agreed scores --------------------------------------------------

  const showAgreed = async (reply: FastifyReply, proposal: Proposal, values: Record<string, unknown>, errors?: FieldErrors) => {
    if (proposal.method !== 'scoring' || proposals.status(proposal) !== 'closed') throw new NotFound();
    return reply.view('decisions/views/agreed-scores.njk', { proposal, values, scale }, errors ? { errors } : {});
  };

  app.get('/proposals/:id/agreed-scores', { preHandler: staffOnly }, async (request, reply) => {
    const { proposal } = await loadFor(request);
    const values = Object.fromEntries(
      Object.entries(proposal.agreedScores ?? {}).flatMap(([o, byC]) =>
        Object.entries(byC).map(([c, n]) => [`agreed-${o}-${c}`, String(n)]),
      ),
    );
    return showAgreed(reply, proposal, values);
  });

  app.post('/proposals/:id/agreed-scores', { preHandler: staffOnly }, async (request, reply) => {
    const { user, proposal } = await loadFor(request);
    const body = formFields(request.body);
    const agreed: Record<string, Record<string, number>> = {};
    const errors: FieldErrors = {};
    for (const o of proposal.options) {
      for (const c of proposal.settings.criteria ?? []) {
        const v = typeof body[`agreed-${o.id}-${c.id}`] === 'string' ? (body[`agreed-${o.id}-${c.id}`] as string).trim() : '';
        if (v === '') continue;
        if (!scale.includes(v)) errors[`agreed-${o.id}-${c.id}`] = 'decisions:errors.scoreRequired';
        else (agreed[o.id] ??= {})[c.id] = Number(v);
      }
    }
    if (Object.keys(errors).length) return showAgreed(reply, proposal, body, errors);
    if (proposal.method !== 'scoring') throw new NotFound();
    await proposals.agreeScores(actor(user), proposal, agreed);
    request.flash(t('decisions:flash.agreedSaved'));
    return reply.redirect(`/proposals/${proposal.id}/results`, 303);
  });

  // Recording the decision in the project's decision log ----------------------------

  const showDecision = async (reply: FastifyReply, proposal: Proposal, values: Record<string, unknown>, errors?: FieldErrors) =>
    reply.view('decisions/views/record-decision.njk', { proposal, values }, errors ? { errors } : {});

  const closedForStaff = async (request: FastifyRequest) => {
    const loaded = await loadFor(request);
    if (proposals.status(loaded.proposal) !== 'closed') throw new NotFound();
    return loaded;
  };

  app.get('/proposals/:id/record-decision', { preHandler: staffOnly }, async (request, reply) => {
    const { user, proposal } = await closedForStaff(request);
    const done = await recordedAlready(user, proposal);
    if (done) return reply.redirect(`/projects/${proposal.projectId}/decisions/${done.id}`, 303);
    const r = await votes.results(user.organisationId, proposal);
    return showDecision(reply, proposal, headline(proposal, r.counted, t));
  });

  app.post('/proposals/:id/record-decision', { preHandler: staffOnly }, async (request, reply) => {
    const { user, proposal } = await closedForStaff(request);
    const done = await recordedAlready(user, proposal);
    if (done) return reply.redirect(`/projects/${proposal.projectId}/decisions/${done.id}`, 303);
    const form = parseForm(decisionForm, request.body);
    if (await checkMyWords(request, services.plainWords)) return showDecision(reply, proposal, formFields(request.body));
    if (!form.ok) return showDecision(reply, proposal, formFields(request.body), form.errors);
    const takingPart = await votes.takingPart(user.organisationId, proposal);
    const { id } = await decisionLog.recordDecision(actor(user), {
      projectId: proposal.projectId,
      proposalId: proposal.id,
      meetingId: proposal.meetingId,
      decided: form.data.decided,
      why: form.data.why,
      takingPart,
    });
    return reply.redirect(`/projects/${proposal.projectId}/decisions/${id}`, 303);
  });
};
