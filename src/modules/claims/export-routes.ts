import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { attachmentDisposition } from '../../platform/files.ts';
import { formFields } from '../../platform/forms.ts';
import { londonToday } from '../../platform/time.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import { financeCsvStream, financeXlsxStream } from './finance-files.ts';
import { statementPage } from './claim-page.ts';
import { claimFormat, periodFrom, thisMonth, thisYear } from './presenting.ts';

const personQuery = z.object({ personId: z.string().uuid() });
const pageQuery = z.object({ page: pageParam });

/**
 * The finance export (CSV and spreadsheet) and statements for staff. The files and the
 * screen share one list and one set of totals, so they always agree.
 */
export const claimExportRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t, now }) => {
  const { claims, people, personFinder, readsLog } = services;
  const fmt = claimFormat(t);
  const showStatement = statementPage({ services, t });
  app.addHook('preHandler', allow('admin', 'facilitator'));
  const today = () => londonToday(now());

  app.get('/export', async (request, reply) => {
    const user = signedInUser(request);
    const { period, values, errors } = periodFrom(request.query, thisMonth(today()));
    const page = pageOf(pageQuery.parse(request.query ?? {}).page);
    const { items, totals } = await claims.financePage(user, period, page);
    const query = `from=${period.from}&to=${period.to}`;
    const pagination = paginationFor(page.page, totals.count, pageLink('/claims/export', { from: period.from, to: period.to }));
    const shown = { from: Math.min(page.offset + 1, totals.count), to: page.offset + items.length };
    return reply.view(
      'claims/views/export.njk',
      { period, values, items, totals, query, pagination, shown, ...fmt },
      errors ? { errors } : {},
    );
  });

  // The files are written as they are sent, a batch of rows at a time: any period, any size.
  const download = async (request: FastifyRequest, reply: FastifyReply, kind: 'csv' | 'xlsx') => {
    const user = signedInUser(request);
    const { period } = periodFrom(request.query, thisMonth(today()));
    const { totals, batches } = await claims.financeExport(user, period);
    // Everyone's payments leave the app in this file: the log says who took which dates, how many rows.
    await readsLog.record(user, [
      {
        subjectType: 'organisation',
        subjectId: user.organisationId,
        action: 'finance-exported',
        changes: [
          { field: 'format', to: kind },
          { field: 'from', to: period.from },
          { field: 'to', to: period.to },
          { field: 'rows', to: totals.count },
        ],
      },
    ]);
    const name = `claims-${period.from}-to-${period.to}.${kind}`;
    const body = kind === 'csv' ? financeCsvStream(batches, totals, t) : financeXlsxStream(batches, totals, t);
    return reply
      .type(kind === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', attachmentDisposition(name))
      .header('cache-control', 'private, no-store')
      .send(body);
  };

  app.get('/export.csv', async (request, reply) => download(request, reply, 'csv'));
  app.get('/export.xlsx', async (request, reply) => download(request, reply, 'xlsx'));

  app.get('/statement', async (request, reply) => {
    const user = signedInUser(request);
    const { period, values, errors } = periodFrom(request.query, thisYear(today()));
    const who = personQuery.safeParse(request.query);
    if (!who.success || personFinder.isFinding(request.query)) {
      const finding = await personFinder.fields(user.organisationId, formFields(request.query), ['personId']);
      const everyone = finding ? [] : await people.directory(user.organisationId);
      return reply.view('claims/views/choose-person.njk', { people: everyone, finding, values, period });
    }
    return showStatement(reply, user, who.data.personId, { period, values, errors }, false);
  });
};
