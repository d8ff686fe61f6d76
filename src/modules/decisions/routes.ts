import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { checkMyWords } from '../../platform/plain-words.ts';
import { allow, isStaff, signedInUser, type CurrentUser } from '../../platform/auth.ts';
import { NotFound } from '../../platform/errors.ts';
import type { FieldErrors } from '../../platform/forms.ts';
import { londonToday } from '../../platform/time.ts';
import { addLondonDays } from '../meetings/meeting-time.ts';
import { formatMoney } from '../../platform/money.ts';
import { parseProposalForm, proposalFormBody, proposalFormValues } from './proposal-form.ts';
import type { Proposal } from './service.ts';
import { budgetWays, criterionRows, methods, optionRows, quorumKinds } from './vocabulary.ts';

const ids = z.object({ id: z.string().uuid() });

/**
 * Proposals of a project: the list, writing one (staff, before it opens), its page, and who
 * has taken part (staff), with invitations and reminders by each person's own channel.
 */
export const proposalRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t, now }) => {
  const { proposals, votes, projects, meetings } = services;
  app.addHook('preHandler', allow('admin', 'facilitator', 'member'));
  const staffOnly = allow('admin', 'facilitator');
  const actor = (user: CurrentUser) => ({ organisationId: user.organisationId, personId: user.personId });
  const idOf = (request: FastifyRequest) => {
    const parsed = ids.safeParse(request.params);
    if (!parsed.success) throw new NotFound();
    return parsed.data.id;
  };
  const vocab = {
    methods,
    quorumKinds,
    budgetWays,
    optionRows: [...Array(optionRows).keys()].map((i) => i + 1),
    criterionRows: [...Array(criterionRows).keys()].map((i) => i + 1),
  };

  const showForm = async (
    reply: FastifyReply,
    user: CurrentUser,
    projectId: string,
    ctx: Record<string, unknown>,
    errors?: FieldErrors,
  ) => {
    const [members, meetingList, papers] = await Promise.all([
      projects.members(user.organisationId, projectId),
      meetings.forProject(user.organisationId, projectId),
      proposals.paperChoices(user.organisationId, projectId),
    ]);
    return reply.view('decisions/views/form.njk', { vocab, members, meetings: meetingList, papers, ...ctx }, errors ? { errors } : {});
  };

  app.get('/projects/:id/proposals', async (request, reply) => {
    const user = signedInUser(request);
    const project = await projects.get(user, idOf(request));
    return reply.view('decisions/views/list.njk', {
      project,
      list: await proposals.forProject(user.organisationId, project.id),
      staff: isStaff(user),
    });
  });

  app.get('/projects/:id/proposals/new', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const project = await projects.get(user, idOf(request));
    const today = londonToday(now());
    const [y, m, d] = today.split('-');
    const [cy, cm, cd] = addLondonDays(`${today}T12:00:00.000Z`, 14).slice(0, 10).split('-');
    const values = {
      method: 'consent',
      secret: 'no',
      who: 'everyone',
      quorumKind: 'none',
      budgetWay: 'approve',
      paperIds: [],
      voterIds: [],
      opens: { day: String(Number(d)), month: String(Number(m)), year: y },
      opensTime: '9:00am',
      closes: { day: String(Number(cd)), month: String(Number(cm)), year: cy },
      closesTime: '5:00pm',
    };
    return showForm(reply, user, project.id, { project, values });
  });

  app.post('/projects/:id/proposals/new', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const project = await projects.get(user, idOf(request));
    const form = parseProposalForm(request.body, now());
    if (await checkMyWords(request, services.plainWords))
      return showForm(reply, user, project.id, { project, values: proposalFormBody(request.body) });
    if (!form.ok) return showForm(reply, user, project.id, { project, values: proposalFormBody(request.body) }, form.errors);
    const id = await proposals.create(actor(user), project.id, form.data);
    request.flash(t('decisions:flash.saved'));
    return reply.redirect(`/proposals/${id}`, 303);
  });

  const loadFor = async (request: FastifyRequest): Promise<{ user: CurrentUser; proposal: Proposal }> => {
    const user = signedInUser(request);
    return { user, proposal: await proposals.getForUser(user, idOf(request)) };
  };

  app.get('/proposals/:id', async (request, reply) => {
    const { user, proposal } = await loadFor(request);
    const [electorate, mine, papers] = await Promise.all([
      proposals.electorate(user.organisationId, proposal),
      votes.myVote(user.organisationId, proposal, user.personId),
      proposals.paperChoices(user.organisationId, proposal.projectId),
    ]);
    return reply.view('decisions/views/show.njk', {
      proposal,
      status: proposals.status(proposal),
      staff: isStaff(user),
      mayVote: electorate.some((m) => m.personId === user.personId),
      invitedCount: electorate.length,
      mine,
      papers: papers.filter((p) => proposal.paperIds.includes(p.id)),
      money: formatMoney,
    });
  });

  app.get('/proposals/:id/edit', { preHandler: staffOnly }, async (request, reply) => {
    const { user, proposal } = await loadFor(request);
    if (proposals.status(proposal) !== 'coming') return reply.redirect(`/proposals/${proposal.id}`, 303);
    return showForm(reply, user, proposal.projectId, { proposal, values: proposalFormValues(proposal) });
  });

  app.post('/proposals/:id/edit', { preHandler: staffOnly }, async (request, reply) => {
    const { user, proposal } = await loadFor(request);
    const form = parseProposalForm(request.body, now());
    if (await checkMyWords(request, services.plainWords))
      return showForm(reply, user, proposal.projectId, { proposal, values: proposalFormBody(request.body) });
    if (!form.ok) return showForm(reply, user, proposal.projectId, { proposal, values: proposalFormBody(request.body) }, form.errors);
    await proposals.update(actor(user), proposal.id, form.data);
    request.flash(t('decisions:flash.saved'));
    return reply.redirect(`/proposals/${proposal.id}`, 303);
  });

  app.get('/proposals/:id/participation', { preHandler: staffOnly }, async (request, reply) => {
    const { user, proposal } = await loadFor(request);
    return reply.view('decisions/views/participation.njk', {
      proposal,
      status: proposals.status(proposal),
      taking: await votes.participation(user.organisationId, proposal),
      // Votes a supporter gave as the person told them show as "<supporter> for <person>" (issue 17).
      supportedBy: Object.fromEntries(await services.supporters.actsOn(user.organisationId, proposal.id)),
    });
  });

  const tellResult = (result: { sent: number; unreachable: string[] }, key: string) =>
    result.unreachable.length
      ? t(`decisions:flash.${key}Some`, { count: result.sent, names: result.unreachable.join(', ') })
      : t(`decisions:flash.${key}`, { count: result.sent });

  app.post('/proposals/:id/invitations', { preHandler: staffOnly }, async (request, reply) => {
    const { user, proposal } = await loadFor(request);
    request.flash(tellResult(await votes.sendInvitations(actor(user), proposal), 'invited'));
    return reply.redirect(`/proposals/${proposal.id}/participation`, 303);
  });

  app.post('/proposals/:id/reminders', { preHandler: staffOnly }, async (request, reply) => {
    const { user, proposal } = await loadFor(request);
    request.flash(tellResult(await votes.sendReminders(actor(user), proposal), 'reminded'));
    return reply.redirect(`/proposals/${proposal.id}/participation`, 303);
  });
};
