import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, isStaff, signedInUser, type CurrentUser } from '../../platform/auth.ts';
import { NotFound } from '../../platform/errors.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import { dateParts, formFields, type FieldErrors } from '../../platform/forms.ts';
import { londonToday } from '../../platform/time.ts';
import { perspectiveGroups } from '../../platform/perspective-groups.ts';
import { showCount, shownText } from '../../platform/small-numbers.ts';
import { answerRoutes } from './answer-routes.ts';
import { cycleValues, parseCycleForm } from './forms.ts';
import { figures, headlineGap, oneDecimal } from './presenting.ts';
import { addMonths } from './schedule.ts';
import { allStatements, jigsawPieces, levels, schedules, sectionOf } from './vocabulary.ts';

const pageQuery = z.object({ page: pageParam });

const ids = z.object({ id: z.string().uuid() });
const boxes = (iso: string) => {
  const p = dateParts(iso);
  return { day: p.day, month: p.month, year: p.year ?? '' };
};
const compareQuery = z.object({ projectId: z.string().uuid().optional().catch(undefined) });

/**
 * Reviews (V1, V2): staff start a review of the organisation or a project, invite people,
 * record answers given in person or by phone, close it and read the results; everyone
 * taking part answers on their own pages (answer-routes.ts).
 */
export const reviewRoutes: FastifyPluginAsync<RouteDeps> = async (app, deps) => {
  const { services, t, now } = deps;
  const { reviews, projects, projectFinder } = services;
  app.addHook('preHandler', allow('admin', 'facilitator', 'member'));
  const staffOnly = allow('admin', 'facilitator');
  const idOf = (request: FastifyRequest) => {
    const parsed = ids.safeParse(request.params);
    if (!parsed.success) throw new NotFound();
    return parsed.data.id;
  };
  const fig = figures(t);

  app.get('/', async (request, reply) => {
    const user = signedInUser(request);
    const page = pageOf(pageQuery.parse(request.query ?? {}).page);
    const { cycles, total } = await reviews.list(user, page);
    return reply.view('reviews/views/list.njk', {
      cycles,
      staff: isStaff(user),
      pagination: paginationFor(page.page, total, pageLink('/reviews', {})),
    });
  });

  // A review's project: every project listed, or found by name when there are many.
  // `sent` is the form as sent, with the finder's name box and Find button.
  const showForm = async (
    reply: FastifyReply,
    user: CurrentUser,
    values: ReturnType<typeof cycleValues>,
    errors?: FieldErrors,
    sent: Record<string, unknown> = values,
  ) => {
    const projectFinding = await projectFinder.fields(user.organisationId, sent, ['projectId']);
    return reply.view(
      'reviews/views/form.njk',
      { values, schedules, projectFinding, projects: projectFinding ? [] : await projects.titles(user.organisationId) },
      errors ? { errors } : {},
    );
  };

  app.get('/new', { preHandler: staffOnly }, async (request, reply) => {
    const today = londonToday(now());
    const projectId = compareQuery.parse(request.query ?? {}).projectId ?? '';
    return showForm(reply, signedInUser(request), {
      title: '',
      scope: projectId ? 'project' : 'organisation',
      projectId,
      schedule: 'none',
      gap: '1',
      opensOn: boxes(today),
      closesOn: boxes(addMonths(today, 1)),
    });
  });

  app.post('/new', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const values = cycleValues(request.body);
    const sent = formFields(request.body);
    // Find shows the form again with the projects found, and starts nothing.
    if (projectFinder.isFinding(sent)) return showForm(reply, user, values, undefined, sent);
    const form = parseCycleForm(values);
    if (!form.ok) return showForm(reply, user, values, form.errors, sent);
    const made = await reviews.create(user, form.data);
    if (!made.ok) return showForm(reply, user, values, made.errors, sent);
    request.flash(t('reviews:flash.created'));
    return reply.redirect(`/reviews/${made.id}`, 303);
  });

  app.get('/compare', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const query = compareQuery.parse(request.query ?? {});
    // The project is found by name when there are too many to list; Find keeps the one shown.
    const [projectFinding, known] = await Promise.all([
      projectFinder.fields(user.organisationId, formFields(request.query), ['projectId']),
      query.projectId ? projects.exists(user.organisationId, query.projectId) : false,
    ]);
    const projectId = known ? (query.projectId ?? null) : null;
    const [history, projectList] = await Promise.all([
      reviews.cycleHistory(user.organisationId, { projectId }),
      projectFinding ? [] : projects.titles(user.organisationId),
    ]);
    const rows = history.map((h) => ({
      cycle: h.cycle,
      pieces: h.pieces.map((p) => ({
        piece: p.piece,
        text: t('reviews:compare.cell', { lived: fig.avg(p.livedExperience), staff: fig.avg(p.staff), gap: fig.gap(p) }),
      })),
      overallGap: fig.gap(h.overall),
      level: t(`reviews:level.${h.level.level ?? 'none'}`),
    }));
    return reply.view('reviews/views/compare.njk', {
      rows,
      jigsawPieces,
      projectFinding,
      projects: projectList,
      projectId: projectId ?? '',
    });
  });

  app.get('/:id', async (request, reply) => {
    const user = signedInUser(request);
    const id = idOf(request);
    // Loaded first, so another organisation's review is not found, whoever asks.
    const cycle = await reviews.load(user.organisationId, id);
    if (!isStaff(user)) return reply.redirect(`/reviews/${id}/answer`, 303);
    const page = pageOf(pageQuery.parse(request.query ?? {}).page);
    // A county's own review has 20,000 people: a page of them, with figures for that page only.
    const [{ people, total }, answering, next] = await Promise.all([
      reviews.participantsPage(user.organisationId, cycle, page),
      reviews.countAnswering(user.organisationId, id),
      reviews.follower(user.organisationId, id),
    ]);
    const ids = people.map((p) => p.id);
    const [counts, invited, canSignIn] = await Promise.all([
      reviews.answerCounts(user.organisationId, id, ids),
      reviews.invited(user.organisationId, id, ids),
      reviews.canSignIn(user.organisationId, ids),
    ]);
    const rows = people.map((p) => ({
      ...p,
      answered: counts.get(p.id)?.answered ?? 0,
      how: counts.get(p.id)?.recordedBy ?? null,
      invited: invited.has(p.id),
      canSignIn: canSignIn.has(p.id),
    }));
    return reply.view('reviews/views/cycle.njk', {
      cycle,
      rows,
      total,
      answering,
      pagination: paginationFor(page.page, total, pageLink(`/reviews/${id}`, {})),
      of: allStatements.length,
      next,
      gapPoints: oneDecimal(cycle.gapThresholdTenths / 10),
    });
  });

  app.post('/:id/invitations', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const id = idOf(request);
    const result = await reviews.sendInvitations(user, id);
    const unreachable = result.unreachable.length > 0 ? ` ${t('reviews:flash.unreachable', { names: result.unreachable.join(', ') })}` : '';
    request.flash(`${t('reviews:flash.invited', { count: result.sent })}${unreachable}`);
    return reply.redirect(`/reviews/${id}`, 303);
  });

  app.post('/:id/close', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const id = idOf(request);
    const { nextId } = await reviews.close(user, id);
    request.flash(t(nextId ? 'reviews:flash.closedNext' : 'reviews:flash.closed'));
    return reply.redirect(`/reviews/${id}/results`, 303);
  });

  app.post('/:id/next', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const id = idOf(request);
    const nextId = await reviews.startNext(user, id);
    if (!nextId) throw new NotFound();
    request.flash(t('reviews:flash.next'));
    return reply.redirect(`/reviews/${nextId}`, 303);
  });

  app.get('/:id/results', async (request, reply) => {
    const user = signedInUser(request);
    const id = idOf(request);
    // Open by default: a member reads the results unless staff chose to keep them in, and is told so.
    const kept = await reviews.keptFromMembers(user, id);
    if (kept) return reply.view('reviews/views/kept-internal.njk', { cycle: kept });
    const staff = isStaff(user);
    const [s, evidence, keptInternal, rule] = await Promise.all([
      reviews.results(user, id),
      reviews.cultureEvidence(user.organisationId),
      staff ? services.keptInternal.isKept(user.organisationId, 'review-results', id) : false,
      staff ? null : services.impact.rule(user.organisationId),
    ]);
    // Members see counts of people under the small-number rule, as in the impact report
    // ("fewer than 8"), and no count beside each average; staff see them exact.
    const counted = (n: number) => (rule ? shownText(showCount(n, rule), t) : String(n));
    const row = (c: Parameters<typeof fig.row>[0]) => {
      const r = fig.row(c);
      return rule ? { ...r, livedCount: 0, staffCount: 0, dontKnow: counted(r.dontKnow) } : r;
    };
    const statements = s.statements.map((st) => ({ code: st.code, section: sectionOf(st.code), ...row(st) }));
    return reply.view('reviews/views/results.njk', {
      s,
      evidence,
      keptInternal,
      sharingAction: `/our-impact/reviews/${id}/sharing`,
      staff,
      respondents: {
        everyone: counted(s.respondents.everyone),
        lived: counted(s.respondents.livedExperience),
        staff: counted(s.respondents.staff),
      },
      headline: headlineGap(t, s.overall.gap),
      overall: row(s.overall),
      pieces: s.pieces.map((p) => ({ piece: p.piece, ...row(p) })),
      statements,
      flagged: statements.filter((st) => st.flagged),
      sections: [...jigsawPieces, 'principles'],
      perspectiveGroups,
      levels,
      gapPoints: oneDecimal(s.cycle.gapThresholdTenths / 10),
      // What the project did to reach people who were missing (S5), beside how it went.
      project: s.cycle.projectId ? { id: s.cycle.projectId } : null,
      outreach: s.cycle.projectId ? await services.outreach.forProject(user.organisationId, s.cycle.projectId) : null,
    });
  });

  await app.register(answerRoutes, { services, config: deps.config, t, now });
};
