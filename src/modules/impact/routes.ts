import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser, type CurrentUser } from '../../platform/auth.ts';
import { NotFound } from '../../platform/errors.ts';
import { attachmentDisposition } from '../../platform/files.ts';
import { parseForm, type FieldErrors, formFields } from '../../platform/forms.ts';
import { londonToday } from '../../platform/time.ts';
import { formatMoney } from '../../platform/money.ts';
import { describeMinutes } from '../timebank/duration.ts';
import { chartTable, renderChartSvg, type Chart } from './charts.ts';
import { reportPdf } from './pdf.ts';
import { lastTwelveMonths, periodFrom, scopeFrom, scopeParam } from './period.ts';
import { participationModel, reportModel, ruleText, standingModel } from './report-model.ts';
import type { Scope } from './service.ts';

const wholeNumber = (min: number, max: number, key: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string()
      .regex(/^\d{1,3}$/, key)
      .transform(Number)
      .pipe(z.number().int().min(min, key).max(max, key)),
  );
const ruleForm = z.object({
  hideBelow: wholeNumber(1, 50, 'impact:errors.hideBelow'),
  roundTo: wholeNumber(1, 20, 'impact:errors.roundTo'),
});

/** A chart ready for a template: its SVG (escaped as it was built) and its data table. */
const forPage = (chart: Chart) => ({ ...chart, svg: renderChartSvg(chart), table: chartTable(chart) });

/**
 * The organisation dashboard and the impact report (V1, V4). Staff only: the figures
 * cover everyone, and reports are what the organisation shares beyond a project.
 */
export const impactRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t, now }) => {
  const { impact, projectFinder } = services;
  app.addHook('preHandler', allow('admin', 'facilitator'));
  const today = () => londonToday(now());

  app.get('/', async (request, reply) => {
    const user = signedInUser(request);
    const period = lastTwelveMonths(today());
    const d = await impact.dashboard(user, period);
    const taking = participationModel(d.participation, d.rule, t, 'dashboard');
    const standing = d.standing ? standingModel(d.standing, t, 'dashboard') : null;
    return reply.view('impact/views/dashboard.njk', {
      period,
      taking: { ...taking, peopleChart: forPage(taking.peopleChart) },
      standingShown: d.standing !== undefined,
      standing: standing ? { ...standing, chart: forPage(standing.chart) } : null,
      rewards: {
        paymentsApproved: formatMoney(d.rewards.paymentsApprovedPence),
        paymentsPaid: formatMoney(d.rewards.paymentsPaidPence),
        expenses: formatMoney(d.rewards.expensesPence),
        credits: describeMinutes(t, d.rewards.creditMinutes),
      },
      actionsShown: d.actions !== undefined,
      actions: d.actions ?? { overdue: [], dueSoon: [] },
      ruleText: ruleText(d.rule, t),
      admin: user.role === 'admin',
    });
  });

  const reportInput = (request: FastifyRequest) => {
    const scope = scopeFrom(request.query);
    if (!scope) throw new NotFound();
    return { scope, ...periodFrom(request.query, lastTwelveMonths(today())) };
  };
  const build = async (user: CurrentUser, scope: Scope, period: { from: string; to: string }) => {
    const { data, rule } = await impact.report(user, scope, period);
    return { model: reportModel(data, rule, t), rule };
  };

  // What a report can be about: every project listed, or found by name when there are many.
  const scopeChoices = async (user: CurrentUser, query: unknown) => {
    const finding = await projectFinder.fields(user.organisationId, formFields(query), ['scope']);
    return { scopeFinding: finding, projects: finding ? [] : await impact.scopes(user) };
  };

  app.get('/report', async (request, reply) => {
    const user = signedInUser(request);
    const { scope, period, values, errors } = reportInput(request);
    const [{ model, rule }, choices] = await Promise.all([build(user, scope, period), scopeChoices(user, request.query)]);
    const query = new URLSearchParams({ scope: scopeParam(scope), from: period.from, to: period.to }).toString();
    return reply.view(
      'impact/views/report.njk',
      {
        report: {
          ...model,
          participation: {
            ...model.participation,
            peopleChart: forPage(model.participation.peopleChart),
            hoursChart: forPage(model.participation.hoursChart),
          },
          standing: model.standing ? { ...model.standing, chart: forPage(model.standing.chart) } : null,
          outcomes: model.outcomes ? { ...model.outcomes, chart: model.outcomes.chart ? forPage(model.outcomes.chart) : null } : null,
        },
        ...choices,
        scope: scopeParam(scope),
        values,
        pdfHref: `/impact/report.pdf?${query}`,
        ruleText: ruleText(rule, t),
      },
      errors ? { errors } : {},
    );
  });

  app.get('/report.pdf', async (request, reply) => {
    const user = signedInUser(request);
    const { scope, period, errors } = reportInput(request);
    // A link with a bad date goes back to the page, which says what is wrong.
    if (errors)
      return reply.redirect(
        `/impact/report?${new URLSearchParams(Object.entries(formFields(request.query)).filter((e): e is [string, string] => typeof e[1] === 'string')).toString()}`,
        303,
      );
    const { model, rule } = await build(user, scope, period);
    const pdf = await reportPdf(model, t, { organisation: user.organisationName, generatedOn: today(), ruleText: ruleText(rule, t) });
    return reply
      .type('application/pdf')
      .header('content-disposition', attachmentDisposition(`impact-report-${period.from}-to-${period.to}.pdf`))
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });

  // Only admins change the rule: it decides what may be shared beyond a project.
  const showSettings = async (reply: FastifyReply, user: CurrentUser, values?: Record<string, unknown>, errors?: FieldErrors) => {
    const rule = await impact.rule(user.organisationId);
    return reply.view(
      'impact/views/settings.njk',
      { values: values ?? { hideBelow: String(rule.hideBelow), roundTo: String(rule.roundTo) }, ruleText: ruleText(rule, t) },
      errors ? { errors } : {},
    );
  };
  app.get('/settings', { preHandler: allow('admin') }, async (request, reply) => showSettings(reply, signedInUser(request)));
  app.post('/settings', { preHandler: allow('admin') }, async (request, reply) => {
    const user = signedInUser(request);
    const form = parseForm(ruleForm, request.body);
    const body = formFields(request.body);
    if (!form.ok) return showSettings(reply, user, { hideBelow: body.hideBelow, roundTo: body.roundTo }, form.errors);
    await impact.saveRule(user, form.data);
    request.flash(t('impact:settings.saved'));
    return reply.redirect('/impact/settings', 303);
  });
};
