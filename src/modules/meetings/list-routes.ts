import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, isStaff, signedInUser } from '../../platform/auth.ts';
import { formFields } from '../../platform/forms.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import { listDates } from './list-dates.ts';

const onlyValues = ['unanswered', 'needs'] as const;
// A bad value in the address shows the list without that filter, never an error page.
const listQuery = z.object({
  project: z.string().uuid().optional().catch(undefined),
  only: z
    .preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()))
    .transform((v) => onlyValues.filter((o) => v.includes(o)))
    .catch([]),
  mine: z.enum(['yes']).optional().catch(undefined),
  page: pageParam,
});

/**
 * Every meeting someone may see, newest first, 50 a page: staff the organisation's (or only
 * their projects'), members those of their own projects. Filters by project, dates, and
 * meetings with someone to chase for an answer or with an access gap. A date typed
 * wrong gets a GOV.UK error (status 400) with what was typed kept.
 */
export const meetingListRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, now }) => {
  const { meetingList, projects, projectFinder } = services;

  app.get('/', { preHandler: allow('admin', 'facilitator', 'member') }, async (request, reply) => {
    const user = signedInUser(request);
    const staff = isStaff(user);
    const query = listQuery.parse(request.query ?? {});
    // Dates come typed in three boxes each, or in ISO form from a link; one typed wrong is
    // shown again with its error and left out of the filter.
    const dates = listDates(formFields(request.query));
    const page = pageOf(query.page);
    const filter = {
      projectId: query.project,
      from: dates.from,
      to: dates.to,
      unanswered: staff && query.only.includes('unanswered'),
      accessGaps: staff && query.only.includes('needs'),
      stillToComeFrom: now().toISOString(),
    };
    const scope = await meetingList.scopeFor(user, query.mine === 'yes');
    // Staff choose among every project, by name when there are many; members among their own.
    const [{ meetings, total }, projectFinding] = await Promise.all([
      meetingList.page(scope, filter, page),
      staff ? projectFinder.fields(user.organisationId, formFields(request.query), ['project']) : null,
    ]);
    const projectOptions = projectFinding
      ? []
      : staff
        ? await projects.titles(user.organisationId)
        : (await projects.membershipsOf(user.organisationId, user.personId, { forUser: user })).map((m) => ({ id: m.id, title: m.title }));
    const only = staff ? query.only : [];
    const filters = { project: query.project, from: dates.from, to: dates.to, mine: staff ? query.mine : undefined };
    // Each "only" is its own parameter, as the form's checkboxes send them.
    const link = pageLink('/meetings', filters);
    const onlyParams = only.map((o) => `&only=${o}`).join('');
    const errors = Object.keys(dates.errors).length > 0 ? dates.errors : undefined;
    return reply.view(
      'meetings/views/list.njk',
      {
        meetings,
        total,
        query,
        dates: dates.boxes,
        staff,
        projectFinding,
        projectOptions,
        only,
        filtered: Object.values(filters).some(Boolean) || only.length > 0 || errors !== undefined,
        pagination: paginationFor(page.page, total, (n) => `${link(n)}${onlyParams}`),
      },
      { errors },
    );
  });
};
