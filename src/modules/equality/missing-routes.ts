import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { csvFile } from '../../platform/csv-file.ts';
import { dateFields, dateParts, formFields, isoDateFromParts, parseForm, requiredText, type FieldErrors } from '../../platform/forms.ts';
import { londonToday } from '../../platform/time.ts';
import { presentMissing } from './missing-view.ts';
import type { MissingFilter } from './who-is-missing.ts';
import { groupingNames, type Grouping } from './vocabulary.ts';

const groupingEnum = z.enum(groupingNames as [Grouping, ...Grouping[]]);
const filterQuery = z.object({
  scope: z.enum(['organisation', 'project', 'meeting']).catch('organisation'),
  projectId: z.string().uuid().optional().catch(undefined),
  who: z.enum(['involved', 'attended']).catch('involved'),
  rows: groupingEnum.catch('ageBand'),
  cols: groupingEnum.catch('ethnicHigh'),
});
const fromDate = isoDateFromParts('equality:missing.errors.from', 'equality:missing.errors.from');
const toDate = isoDateFromParts('equality:missing.errors.to', 'equality:missing.errors.to');
const importForm = z.object({
  area: requiredText('equality:benchmarks.errors.area', 200),
  source: requiredText('equality:benchmarks.errors.source', 200),
  csv: z.string().max(200_000, 'errors:tooLong').optional().default(''),
});

const yearBefore = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * Who is missing, for staff: protected counts by group against the area's figures, for the
 * organisation or one project over a period, as a page and as a CSV of the same aggregate
 * figures. Admins keep the area's figures up to date from a CSV.
 */
export const missingRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t, now }) => {
  const { whoIsMissing, equalityBenchmarks, projects, projectFinder } = services;
  const staffOnly = allow('admin', 'facilitator');
  const adminOnly = allow('admin');

  /** The filter from the query string; dates default to the year up to today. */
  function readFilter(query: unknown): { filter: MissingFilter; values: Record<string, unknown>; errors: FieldErrors } {
    const fields = formFields(query);
    const base = filterQuery.parse(fields);
    const today = londonToday(now());
    const errors: FieldErrors = {};
    const dateOf = (name: 'from' | 'to', fallback: string, schema: typeof fromDate) => {
      const parts = dateFields(fields, name);
      if (!parts.day && !parts.month && !parts.year) return fallback;
      const parsed = schema.safeParse(parts);
      if (parsed.success) return parsed.data;
      errors[name] = parsed.error.issues[0]!.message;
      return fallback;
    };
    const to = dateOf('to', today, toDate);
    const from = dateOf('from', yearBefore(to), fromDate);
    if (!errors.from && !errors.to && from > to) errors.to = 'equality:missing.errors.order';
    if (base.scope === 'project' && !base.projectId) errors.projectId = 'equality:missing.errors.project';
    const filter: MissingFilter = { ...base, projectId: base.projectId ?? null, from, to };
    const shownDate = (name: string, iso: string) => {
      const typed = dateFields(fields, name);
      const parts = typed.day || typed.month || typed.year ? typed : dateParts(iso);
      return { [`${name}-day`]: parts.day, [`${name}-month`]: parts.month, [`${name}-year`]: parts.year };
    };
    return { filter, values: { ...base, ...shownDate('from', from), ...shownDate('to', to) }, errors };
  }

  const queryOf = (f: MissingFilter) => {
    const [fy, fm, fd] = f.from.split('-');
    const [ty, tm, td] = f.to.split('-');
    const q: Record<string, string> = { scope: f.scope, who: f.who, rows: f.rows, cols: f.cols };
    if (f.projectId) q.projectId = f.projectId;
    Object.assign(q, { 'from-day': fd!, 'from-month': fm!, 'from-year': fy!, 'to-day': td!, 'to-month': tm!, 'to-year': ty! });
    return new URLSearchParams(q).toString();
  };

  app.get('/who-is-missing', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const { filter, values, errors } = readFilter(request.query);
    // A county has thousands of projects: past a hundred, one is found by name, not listed.
    const projectFinding = await projectFinder.fields(user.organisationId, formFields(request.query), ['projectId']);
    const page = { v: values, projectFinding, projects: projectFinding ? [] : await projects.titles(user.organisationId), groupingNames };
    // Find was pressed: show the matches to choose from; the figures wait for the choice.
    if (projectFinder.isFinding(request.query)) return reply.view('equality/views/missing.njk', page);
    if (Object.keys(errors).length) return reply.view('equality/views/missing.njk', page, { errors });
    const result = await whoIsMissing.figures(user, filter);
    if (!result.shown)
      return reply.view('equality/views/missing.njk', {
        ...page,
        notShown: t(result.why === 'meeting' ? 'equality:missing.tooSmallMeeting' : 'equality:missing.tooFew'),
      });
    return reply.view('equality/views/missing.njk', { ...page, view: presentMissing(result, t), query: queryOf(filter) });
  });

  app.get('/who-is-missing.csv', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const { filter, errors } = readFilter(request.query);
    if (Object.keys(errors).length) return reply.redirect(`/equality/who-is-missing?${queryOf(filter)}`, 303);
    const rows = await whoIsMissing.csvRows(user, filter, (g, c) => [t(`equality:grouping.${g}`), t(`equality:a.${g}.${c}`)]);
    if (!rows) return reply.redirect(`/equality/who-is-missing?${queryOf(filter)}`, 303);
    const head = ['question', 'answer', 'people', 'share', 'area', 'gap', 'status'].map((k) => t(`equality:csvHead.${k}`));
    const status = (s: string) => (s ? t(`equality:missing.st.${s}`) : null);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="who-is-missing-${filter.from}-to-${filter.to}.csv"`)
      .send(
        csvFile(
          head,
          rows.map((r) => [...r.slice(0, 6), status(r[6])]),
        ),
      );
  });

  // The area's figures -------------------------------------------------------------------

  const benchmarkPage = async (organisationId: string) => {
    const current = await equalityBenchmarks.current(organisationId);
    return groupingNames.map((grouping) => ({
      grouping,
      area: current.get(grouping)?.area ?? '',
      source: current.get(grouping)?.source ?? '',
    }));
  };

  app.get('/benchmarks', { preHandler: adminOnly }, async (request, reply) => {
    const user = signedInUser(request);
    return reply.view('equality/views/benchmarks.njk', { current: await benchmarkPage(user.organisationId), v: {}, problems: [] });
  });

  app.get('/benchmarks.csv', { preHandler: adminOnly }, async (request, reply) => {
    const user = signedInUser(request);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="area-figures.csv"')
      .send(await equalityBenchmarks.asCsv(user.organisationId));
  });

  app.post('/benchmarks', { preHandler: adminOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const v = formFields(request.body);
    const form = parseForm(importForm, request.body);
    const again = async (errors: FieldErrors, problems: string[]) =>
      reply.view(
        'equality/views/benchmarks.njk',
        { current: await benchmarkPage(user.organisationId), v, problems },
        { errors, status: 400 },
      );
    if (!form.ok) return again(form.errors, []);
    const read = await equalityBenchmarks.import(user, form.data.csv, { area: form.data.area, source: form.data.source });
    if (!read.ok)
      return again(
        {},
        read.problems.map((p) => t(p.key, p.vars)),
      );
    request.flash(t('equality:benchmarks.imported'));
    return reply.redirect('/equality/benchmarks', 303);
  });

  app.post('/benchmarks/reset', { preHandler: adminOnly }, async (request, reply) => {
    await equalityBenchmarks.reset(signedInUser(request));
    request.flash(t('equality:benchmarks.wasReset'));
    return reply.redirect('/equality/benchmarks', 303);
  });
};
