import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, isStaff, signedInUser } from '../../platform/auth.ts';
import { NotFound } from '../../platform/errors.ts';
import { formFields } from '../../platform/forms.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import { showCount, shownText } from '../../platform/small-numbers.ts';
import { londonToday } from '../../platform/time.ts';
import { renderChartSvg, chartTable, type Chart } from './charts.ts';
import { lastTwelveMonths } from './period.ts';
import { reportModel, ruleText, standingModel } from './report-model.ts';
import type { SharedReport } from './kept-internal.ts';

const ids = z.object({ id: z.string().uuid() });
const pageQuery = z.object({ page: pageParam });
const forPage = (chart: Chart) => ({ ...chart, svg: renderChartSvg(chart), table: chartTable(chart) });

/**
 * Open by default (issue 21, C1, V4): members read their projects' impact reports and the
 * organisation's latest review, as figures only, under the same small-number rule staff use.
 * Staff read the same pages to see what members see, and choose there what stays inside the
 * team. When a report is kept in, members are told so, and that staff chose it.
 */
export const openReportRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t, now }) => {
  const { impact, projects, keptInternal } = services;
  app.addHook('preHandler', allow('admin', 'facilitator', 'member'));
  const staffOnly = allow('admin', 'facilitator');
  const idOf = (request: FastifyRequest) => {
    const parsed = ids.safeParse(request.params);
    if (!parsed.success) throw new NotFound();
    return parsed.data.id;
  };

  app.get('/', async (request, reply) => {
    const user = signedInUser(request);
    // Members: their own projects. Staff: every project, a page at a time.
    const page = pageOf(pageQuery.parse(request.query ?? {}).page);
    const { projects: list, total } = await projects.page(user, page);
    return reply.view('impact/views/open-index.njk', {
      projects: list.map((p) => ({ id: p.id, title: p.title })),
      pagination: paginationFor(page.page, total, pageLink('/our-impact', {})),
      staff: isStaff(user),
    });
  });

  app.get('/projects/:id', async (request, reply) => {
    const user = signedInUser(request);
    const id = idOf(request);
    const period = lastTwelveMonths(londonToday(now()));
    const found = await impact.forMembers(user, id, period);
    const model = found.report ? reportModel(found.report.data, found.report.rule, t) : null;
    return reply.view('impact/views/open-project.njk', {
      projectId: id,
      scopeName: found.scopeName,
      period,
      keptInternal: found.keptInternal,
      staff: isStaff(user),
      report: model
        ? {
            ...model,
            participation: {
              ...model.participation,
              peopleChart: forPage(model.participation.peopleChart),
              hoursChart: forPage(model.participation.hoursChart),
            },
            standing: model.standing ? { ...model.standing, chart: forPage(model.standing.chart) } : null,
            outcomes: model.outcomes ? { ...model.outcomes, chart: model.outcomes.chart ? forPage(model.outcomes.chart) : null } : null,
          }
        : null,
      ruleText: found.report ? ruleText(found.report.rule, t) : null,
    });
  });

  app.get('/review', async (request, reply) => {
    const user = signedInUser(request);
    const found = await impact.latestReviewForMembers(user);
    const standing = found?.standing ? standingModel(found.standing, t, 'open-review') : null;
    // How many answered, protected like every count of people shared beyond a project.
    const answered = (n: number) => (found ? shownText(showCount(n, found.rule), t) : '');
    return reply.view('impact/views/open-review.njk', {
      found: found !== null,
      cycleTitle: found?.cycleTitle ?? null,
      cycleId: found?.standing?.cycle.id ?? null,
      keptInternal: found?.keptInternal ?? false,
      staff: isStaff(user),
      standing: standing ? { ...standing, chart: forPage(standing.chart) } : null,
      answered: found?.standing
        ? {
            everyone: answered(found.standing.respondents.everyone),
            lived: answered(found.standing.respondents.livedExperience),
            staff: answered(found.standing.respondents.staff),
          }
        : null,
      ruleText: found ? ruleText(found.rule, t) : null,
    });
  });

  // Staff choose, per report, whether members may read it. The answer is a button, so it works without JavaScript.
  // Back to the page the button was on: one of two known places, never an address from the form.
  const choose = (report: SharedReport, back: (id: string, fromMembersPage: boolean) => string) =>
    async function (request: FastifyRequest, reply: FastifyReply) {
      const user = signedInUser(request);
      const id = idOf(request);
      const body = formFields(request.body);
      const keep = body.keep === 'yes';
      await keptInternal.choose(user, report, id, keep);
      request.flash(t(keep ? 'open-reports:flash.kept' : 'open-reports:flash.opened'));
      return reply.redirect(back(id, body.from === 'our-impact'), 303);
    };
  app.post(
    '/projects/:id/sharing',
    { preHandler: staffOnly },
    choose('project-impact', (id) => `/our-impact/projects/${id}`),
  );
  app.post(
    '/reviews/:id/sharing',
    { preHandler: staffOnly },
    choose('review-results', (id, fromMembersPage) => (fromMembersPage ? '/our-impact/review' : `/reviews/${id}/results`)),
  );
};
