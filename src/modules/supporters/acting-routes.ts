import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser, type CurrentUser } from '../../platform/auth.ts';
import { dateFields, dateParts, formFields, optionalText, parseForm, typedValues, type FieldErrors } from '../../platform/forms.ts';
import { formatDate, londonToday } from '../../platform/time.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import { NotFound } from '../../platform/errors.ts';
import { urlIds, urlParams } from '../../platform/params.ts';
import { formatMoney } from '../../platform/money.ts';
import type { ActingFor } from '../../platform/acting-for.ts';
import { replies } from '../meetings/vocabulary.ts';
import { parseBallot } from '../decisions/ballot-form.ts';
import { scoringScale } from '../decisions/vocabulary.ts';
import type { RecordedHow } from '../decisions/voting.ts';
import type { Proposal } from '../decisions/service.ts';
import { parseExpenseForm, withParts } from '../claims/forms.ts';
import { uploadConfig, uploadFrom } from '../claims/expense-pages.ts';
import { expenseTypes } from '../claims/vocabulary.ts';
import { chosenScores, scoresFrom } from '../outcomes/forms.ts';
import { scores } from '../outcomes/vocabulary.ts';
import { toldForm } from './forms.ts';
import { toldHows, type SupporterPower, type ToldHow } from './vocabulary.ts';

const personIds = urlIds('personId');
const meetingIds = urlIds('personId', 'meetingId');
const proposalIds = urlIds('personId', 'proposalId');
const surveyIds = urlIds('personId', 'roundId');
/** Staff recording what a supporter did, at /supporting/<person>/through/<supporter>/...; absent when the supporter signed in. */
export const throughIds = urlParams(z.object({ supporterId: z.string().uuid().optional() }));
/** Every page is at two addresses: the signed-in supporter's own, and staff's for a supporter who told them. */
export const ways = ['/:personId', '/:personId/through/:supporterId'] as const;
const listQuery = z.object({ page: pageParam });
/** A supporter supports a few people; ten a page keeps the page light with what waits for each. */
const supportedPageSize = 10;
const replyForm = z.object({ reply: z.enum(replies, { message: 'supporters:errors.replyRequired' }), note: optionalText(500) });
const votingHow: Record<ToldHow, RecordedHow> = { phone: 'phone', 'in-person': 'in-person', writing: 'letter' };
const scale = [...Array(scoringScale.max - scoringScale.min + 1).keys()].map((i) => String(i + scoringScale.min));

/** Where a supporter's pages for one person live: theirs, or staff's for that supporter. */
export const baseOf = (acting: { personId: string; supporterId: string }, staff: boolean) =>
  staff ? `/supporting/${acting.personId}/through/${acting.supporterId}` : `/supporting/${acting.personId}`;

/**
 * What a supporter does for the people they support: reply to a meeting invitation, vote
 * as the person told them, answer a survey, claim expenses. Signed in as themself, or, for a
 * supporter who does not sign in, through staff who record what they said (the same pages
 * under /through/<supporter>, staff only). Every action first asks the supporters service
 * whether this supporter may do it for this person, then the module that keeps the answer
 * keeps it as the person's, and the act with it, in one transaction (`keepAct`).
 */
export const actingRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t, now, config }) => {
  const { supporters, meetings, invitations, proposals, votes, claims, claimReceipts, reviews } = services;
  const { surveys } = services.outcomes;
  app.addHook('preHandler', allow('admin', 'facilitator', 'member'));

  /** The one check: the signed-in supporter, or staff for the supporter in the address. */
  const actingFrom = (request: FastifyRequest, personId: string, power: SupporterPower) => {
    const user = signedInUser(request);
    const { supporterId } = throughIds(request);
    return supporterId ? supporters.staffActing(user, personId, supporterId, power) : supporters.acting(user, personId, power);
  };
  /** Who the tool shows as having given it: the supporter, or staff who took it from them. */
  const recorderOf = (acting: ActingFor) => acting.recordedBy ?? acting.supporterPersonId;
  const baseFor = (acting: ActingFor) => baseOf(acting, Boolean(acting.recordedBy));

  /** What waits for one person: coming meetings to answer and open votes, as this supporter may act. */
  const waitingFor = async (user: CurrentUser, personId: string, powers: readonly string[]) => {
    // Open reviews are found as the person would see them signed in: a member, in their own projects.
    const asThePerson: CurrentUser = { ...user, personId, role: 'member' };
    const [coming, votesOpen, reviewsOpen, surveysOpen] = await Promise.all([
      powers.includes('reply') ? meetings.forPerson(user.organisationId, personId, now().toISOString()) : [],
      powers.includes('vote') ? proposals.waitingFor(user.organisationId, personId) : [],
      powers.includes('reviews') ? reviews.openFor(asThePerson) : [],
      powers.includes('reviews') ? surveys.openFor(asThePerson) : [],
    ]);
    return {
      meetings: coming.filter((m) => !m.cancelled && m.startsAt > now().toISOString()),
      proposals: votesOpen,
      reviews: reviewsOpen.map((c) => ({ id: c.id, title: c.title, closesOn: c.closesOn })),
      surveys: surveysOpen.map((r) => ({ id: r.id, projectTitle: r.projectTitle, closesOn: r.closesOn })),
    };
  };

  app.get('/', async (request, reply) => {
    const user = signedInUser(request);
    const { page } = listQuery.parse(request.query);
    const shown = pageOf(page, supportedPageSize);
    const { supported, total } = await supporters.supporting(user, shown);
    // At most ten people a page, each with two counts: bounded, and most supporters have one or two.
    const waiting = await Promise.all(supported.map((s) => waitingFor(user, s.personId, s.powers)));
    return reply.view('supporters/views/supporting.njk', {
      supported: supported.map((s, i) => ({ ...s, waiting: waiting[i]! })),
      pagination: paginationFor(shown.page, total, pageLink('/supporting', {}), supportedPageSize),
    });
  });

  for (const way of ways)
    app.get(way, async (request, reply) => {
      const user = signedInUser(request);
      const { personId } = personIds(request);
      const { supporterId } = throughIds(request);
      const link = await supporters.powersFor(user, personId, supporterId);
      return reply.view('supporters/views/person.njk', {
        link,
        through: Boolean(supporterId),
        base: baseOf(link, Boolean(supporterId)),
        waiting: await waitingFor(user, personId, link.powers),
      });
    });

  // Replying to a meeting invitation -------------------------------------------------

  const openInvitation = async (request: FastifyRequest) => {
    const user = signedInUser(request);
    const { personId, meetingId } = meetingIds(request);
    const acting = await actingFrom(request, personId, 'reply');
    const meeting = await meetings.load(user.organisationId, meetingId);
    const invitee = (await meetings.invitees(user.organisationId, meeting.id)).find((i) => i.personId === personId);
    if (!invitee || meeting.cancelled) throw new NotFound();
    return { user, acting, meeting, invitee };
  };

  const showReply = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: FieldErrors) => {
    const { acting, meeting, invitee } = await openInvitation(request);
    return reply.view(
      'supporters/views/reply.njk',
      { acting, base: baseFor(acting), meeting, invitee, values: values ?? { reply: invitee.reply === 'none' ? '' : invitee.reply } },
      errors ? { errors } : {},
    );
  };

  for (const way of ways) {
    app.get(`${way}/meetings/:meetingId`, async (request, reply) => showReply(request, reply));
    app.post(`${way}/meetings/:meetingId`, async (request, reply) => sendReply(request, reply));
  }

  async function sendReply(request: FastifyRequest, reply: FastifyReply) {
    const { acting, meeting } = await openInvitation(request);
    const form = parseForm(replyForm, request.body);
    if (!form.ok) return showReply(request, reply, typedValues(request.body, []), form.errors);
    await invitations.recordReply(acting.organisationId, meeting.id, acting.personId, form.data.reply, recorderOf(acting), form.data.note, {
      actingFor: acting,
    });
    request.flash(t('supporters:acting.replied', { name: acting.personName }));
    return reply.redirect(baseFor(acting), 303);
  }

  // Voting as the person said --------------------------------------------------------

  const openProposal = async (request: FastifyRequest) => {
    const user = signedInUser(request);
    const { personId, proposalId } = proposalIds(request);
    const acting = await actingFrom(request, personId, 'vote');
    const proposal = await proposals.load(user.organisationId, proposalId);
    const electorate = await proposals.electorate(user.organisationId, proposal);
    if (!electorate.some((m) => m.personId === personId)) throw new NotFound();
    return { user, acting, proposal };
  };

  const showVote = async (
    reply: FastifyReply,
    acting: ActingFor,
    proposal: Proposal,
    values: Record<string, unknown>,
    errors?: FieldErrors,
  ) => {
    const mine = await votes.myVote(acting.organisationId, proposal, acting.personId);
    return reply.view(
      'supporters/views/vote.njk',
      {
        acting,
        base: baseFor(acting),
        proposal,
        status: proposals.status(proposal),
        voted: mine !== null,
        values: { ...values, approve: [values.approve ?? []].flat() },
        scale,
        ranks: proposal.options.map((_, i) => String(i + 1)),
        money: formatMoney,
        toldHows,
      },
      errors ? { errors } : {},
    );
  };

  for (const way of ways) {
    app.get(`${way}/proposals/:proposalId`, async (request, reply) => {
      const { acting, proposal } = await openProposal(request);
      return showVote(reply, acting, proposal, { toldOn: dateParts(londonToday(now())) });
    });
    app.post(`${way}/proposals/:proposalId`, async (request, reply) => sendVote(request, reply));
  }

  /**
   * A vote given as the person said, never on the supporter's own judgement: how and when
   * they said it is kept with the act. A secret ballot stays secret: the act says who gave
   * the vote, never the choice.
   */
  async function sendVote(request: FastifyRequest, reply: FastifyReply) {
    const { user, acting, proposal } = await openProposal(request);
    const ballot = parseBallot(proposal, request.body);
    const told = parseForm(toldForm(toldHows), { ...formFields(request.body), toldOn: dateFields(request.body, 'toldOn') });
    if (!ballot.ok || !told.ok) {
      const errors = { ...(ballot.ok ? {} : ballot.errors), ...(told.ok ? {} : told.errors) };
      return showVote(reply, acting, proposal, { ...formFields(request.body), toldOn: dateFields(request.body, 'toldOn') }, errors);
    }
    const how = told.data.toldHow as ToldHow;
    const howTold = t(`supporters:toldShown.${how}`, { name: acting.personName, date: formatDate(told.data.toldOn) });
    await votes.recordFor(user, proposal, acting.personId, ballot.data, votingHow[how], { ...acting, howTold });
    request.flash(t('supporters:acting.voted', { name: acting.personName }));
    return reply.redirect(baseFor(acting), 303);
  }

  // Answering a survey with the person -----------------------------------------------

  const openSurvey = async (request: FastifyRequest) => {
    const user = signedInUser(request);
    const { personId, roundId } = surveyIds(request);
    const acting = await actingFrom(request, personId, 'reviews');
    const opened = await surveys.forAction(user.organisationId, roundId, personId);
    if (!opened) throw new NotFound();
    return { acting, opened };
  };

  const showSurvey = async (
    reply: FastifyReply,
    acting: ActingFor,
    opened: NonNullable<Awaited<ReturnType<typeof surveys.forAction>>>,
    values: Record<string, string>,
    errors?: FieldErrors,
  ) =>
    reply.view(
      'supporters/views/survey.njk',
      { acting, base: baseFor(acting), ...opened, values, scores, action: `${baseFor(acting)}/surveys/${opened.round.id}` },
      errors ? { errors } : {},
    );

  for (const way of ways) {
    app.get(`${way}/surveys/:roundId`, async (request, reply) => {
      const { acting, opened } = await openSurvey(request);
      return showSurvey(reply, acting, opened, opened.mine);
    });
    app.post(`${way}/surveys/:roundId`, async (request, reply) => {
      const { acting, opened } = await openSurvey(request);
      const given = scoresFrom(request.body, opened.questions);
      const saved = await surveys.answerForAction(
        acting.organisationId,
        opened.round.id,
        acting.personId,
        given,
        recorderOf(acting),
        acting,
      );
      if (!saved.ok) return showSurvey(reply, acting, opened, chosenScores(request.body, opened.questions), saved.errors);
      request.flash(t('supporters:acting.surveyed', { name: acting.personName }));
      return reply.redirect(baseFor(acting), 303);
    });
  }

  // Claiming expenses ----------------------------------------------------------------

  const showClaim = async (reply: FastifyReply, acting: ActingFor, values: Record<string, unknown>, errors?: FieldErrors) =>
    reply.view(
      'claims/views/expense-form.njk',
      {
        expenseTypes,
        staff: false,
        finding: null,
        projectFinding: null,
        people: [],
        projects: [],
        maxMb: Math.floor(config.maxUploadBytes / (1024 * 1024)),
        actingFor: acting,
        action: `${baseFor(acting)}/claims/new`,
        back: baseFor(acting),
        values,
      },
      errors ? { errors } : {},
    );

  for (const way of ways) {
    app.get(`${way}/claims/new`, async (request, reply) => {
      const acting = await actingFrom(request, personIds(request).personId, 'claim');
      return showClaim(reply, acting, { onDate: dateParts(londonToday(now())) });
    });
    app.post(`${way}/claims/new`, { config: uploadConfig(config.maxUploadBytes) }, async (request, reply) => sendClaim(request, reply));
  }

  async function sendClaim(request: FastifyRequest, reply: FastifyReply) {
    const user = signedInUser(request);
    const acting = await actingFrom(request, personIds(request).personId, 'claim');
    const body = withParts(request.body);
    const form = parseExpenseForm(body);
    const receipt = await claimReceipts.check(uploadFrom(request.body));
    if (!form.ok || !receipt.ok) {
      const errors = { ...(form.ok ? {} : form.errors), ...(receipt.ok ? {} : { receipt: receipt.error }) };
      return showClaim(reply, acting, body, errors);
    }
    // A supporter's claim is not put against a project: they may not be in the person's projects.
    const made = await claims.addExpense(user, { ...form.data, projectId: null, personId: acting.personId }, receipt.receipt, acting);
    if (!made.ok) return showClaim(reply, acting, body, made.errors);
    request.flash(t(form.data.submit ? 'supporters:acting.claimed' : 'supporters:acting.claimSaved', { name: acting.personName }));
    return reply.redirect(baseFor(acting), 303);
  }
};
