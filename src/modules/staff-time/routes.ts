import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { fieldText, formFields, parseForm, requiredText, type FieldErrors } from '../../platform/forms.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import { NotFound } from '../../platform/errors.ts';
import { urlIds } from '../../platform/params.ts';
import { mondayOf } from './given-against-used.ts';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)));
const weekQuery = z.object({ week: isoDate.optional().catch(undefined) });
/** A week has 10,080 minutes: more than that on one project is a typing slip. */
const minutes = z
  .string()
  .trim()
  .transform((s) => (s === '' ? 0 : /^\d+$/.test(s) ? Number(s) : Number.NaN))
  .pipe(
    z
      .number({ message: 'staff-time:errors.minutes' })
      .int('staff-time:errors.minutes')
      .min(0, 'staff-time:errors.minutes')
      .max(10_080, 'staff-time:errors.minutes'),
  );
const allowance = z.coerce
  .number({ message: 'staff-time:errors.allowance' })
  .int('staff-time:errors.allowance')
  .min(0, 'staff-time:errors.allowance')
  .max(2_400, 'staff-time:errors.allowance');
const allowancesForm = z.object({ admin: allowance, facilitator: allowance });
const teamForm = z.object({ name: requiredText('staff-time:errors.teamName', 100) });
const summaryQuery = z.object({ weeks: z.enum(['4', '13', '26', '52']).catch('13').default('13'), page: pageParam });
const settingsQuery = z.object({ page: pageParam });
const ids = urlIds('id');
const uuid = z.string().uuid();

/** Staff record their week at /staff-time; the summary is at /staff-time/summary. */
export const staffTimeRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { staffTime } = services;
  app.addHook('preHandler', allow('admin', 'facilitator'));

  const showWeek = async (
    request: FastifyRequest,
    reply: FastifyReply,
    week: string,
    values?: Record<string, unknown>,
    errors?: FieldErrors,
  ) => {
    const user = signedInUser(request);
    const form = await staffTime.week(user, week);
    return reply.view(
      'staff-time/views/week.njk',
      {
        form,
        // Nothing written yet for a project: start from the meetings they were at, for them to check.
        values: values ?? Object.fromEntries(form.rows.map((r) => [`minutes-${r.id}`, String(r.minutes ?? (r.fromMeetings || ''))])),
      },
      errors ? { errors, status: 400 } : {},
    );
  };

  app.get('/', async (request, reply) => {
    const q = weekQuery.parse(request.query ?? {});
    return showWeek(request, reply, q.week ?? staffTime.thisWeek());
  });

  app.post('/', async (request, reply) => {
    const user = signedInUser(request);
    const values = formFields(request.body);
    const week = isoDate.safeParse(fieldText(values, 'week'));
    if (!week.success) return reply.redirect('/staff-time', 303);
    const errors: FieldErrors = {};
    const entries: Array<{ projectId: string; minutes: number }> = [];
    for (const [name, value] of Object.entries(values)) {
      if (!name.startsWith('minutes-')) continue;
      const projectId = uuid.safeParse(name.slice('minutes-'.length));
      if (!projectId.success) continue;
      const parsed = minutes.safeParse(typeof value === 'string' ? value : '');
      if (parsed.success) entries.push({ projectId: projectId.data, minutes: parsed.data });
      else errors[name] = 'staff-time:errors.minutes';
    }
    if (Object.keys(errors).length) return showWeek(request, reply, week.data, values, errors);
    await staffTime.saveWeek(user, week.data, entries);
    request.flash(t('staff-time:week.saved'));
    return reply.redirect(`/staff-time?week=${mondayOf(week.data)}`, 303);
  });

  app.get('/summary', async (request, reply) => {
    const user = signedInUser(request);
    const q = summaryQuery.parse(request.query ?? {});
    const weeks = Number(q.weeks);
    const to = staffTime.thisWeek();
    const from = new Date(Date.parse(`${to}T00:00:00Z`) - (weeks - 1) * 7 * 86_400_000).toISOString().slice(0, 10);
    const page = pageOf(q.page);
    const summary = await staffTime.summary(user, from, to, page);
    return reply.view('staff-time/views/summary.njk', {
      summary,
      weeks: q.weeks,
      from,
      isAdmin: user.role === 'admin',
      pagination: paginationFor(page.page, summary.projects.total, pageLink('/staff-time/summary', { weeks: q.weeks })),
    });
  });
};

/** Admins set the time each role is given and put staff in teams. */
export const staffTimeSettingsRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { staffTime } = services;
  app.addHook('preHandler', allow('admin'));
  const base = '/organisation/staff-time';

  const show = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const q = settingsQuery.parse(request.query ?? {});
    const page = pageOf(q.page);
    const settings = await staffTime.settings(user, page);
    return reply.view(
      'staff-time/views/settings.njk',
      {
        settings,
        values: values ?? { admin: String(settings.allowances.admin ?? 0), facilitator: String(settings.allowances.facilitator ?? 0) },
        pagination: paginationFor(page.page, settings.staff.total, pageLink(base, {})),
      },
      errors ? { errors, status: 400 } : {},
    );
  };

  app.get(base, async (request, reply) => show(request, reply));

  app.post(`${base}/allowances`, async (request, reply) => {
    const form = parseForm(allowancesForm, request.body);
    if (!form.ok) return show(request, reply, formFields(request.body), form.errors);
    await staffTime.saveAllowances(signedInUser(request), form.data);
    request.flash(t('staff-time:settings.allowancesSaved'));
    return reply.redirect(base, 303);
  });

  app.post(`${base}/teams`, async (request, reply) => {
    const values = formFields(request.body);
    const form = parseForm(teamForm, request.body);
    if (!form.ok) return show(request, reply, values, form.errors);
    if ((await staffTime.addTeam(signedInUser(request), form.data.name)) === 'taken')
      return show(request, reply, values, { name: 'staff-time:errors.teamTaken' });
    request.flash(t('staff-time:settings.teamAdded', { name: form.data.name }));
    return reply.redirect(base, 303);
  });

  app.post(`${base}/teams/:id/remove`, async (request, reply) => {
    await staffTime.removeTeam(signedInUser(request), ids(request).id);
    request.flash(t('staff-time:settings.teamRemoved'));
    return reply.redirect(base, 303);
  });

  app.post(`${base}/people/:id/team`, async (request, reply) => {
    const team = fieldText(request.body, 'team') ?? '';
    const teamId = uuid.safeParse(team);
    // The choices are the organisation's teams: anything else is not a team here.
    if (team !== '' && !teamId.success) throw new NotFound();
    await staffTime.setTeam(signedInUser(request), ids(request).id, teamId.success ? teamId.data : null);
    request.flash(t('staff-time:settings.teamSet'));
    return reply.redirect(base, 303);
  });
};
