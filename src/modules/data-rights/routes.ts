import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requestKinds, requestWays } from '../../db/schema/data-rights.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { NotFound } from '../../platform/errors.ts';
import { attachmentDisposition } from '../../platform/files.ts';
import { checkbox, dateFields, formFields, isoDateFromParts, parseForm, requiredText, typedValues } from '../../platform/forms.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import { urlIds } from '../../platform/params.ts';
import { londonToday } from '../../platform/time.ts';
import type { RouteDeps } from '../../services.ts';
import { pdfRecordsPerPart } from './copy.ts';
import { copyKinds, type CopyKind } from './service.ts';

const personOf = urlIds('id');
const requestOf = urlIds('id');
const statuses = ['open', 'overdue', 'done', 'refused'] as const;
const listQuery = z.object({ status: z.enum(statuses).optional().catch(undefined), page: pageParam });
const newQuery = z.object({ person: z.string().uuid().optional().catch(undefined) });

const requestForm = z.object({
  personId: z.string().uuid('data-rights:errors.person'),
  kind: z.enum(requestKinds, { message: 'data-rights:errors.kind' }),
  receivedOn: isoDateFromParts('data-rights:errors.receivedRequired', 'data-rights:errors.receivedInvalid'),
  receivedHow: z.enum(requestWays, { message: 'data-rights:errors.how' }),
  identityCheck: requiredText('data-rights:errors.identityCheck', 1000),
});
const closeForm = z.object({ outcome: z.enum(['done', 'refused'], { message: 'data-rights:errors.outcome' }) });
const eraseForm = z.object({
  confirm: checkbox.refine((yes) => yes, 'data-rights:errors.confirm'),
  requestId: z.preprocess((v) => (v === '' ? undefined : v), z.string().uuid().optional()),
});
const months = (key: string) => z.coerce.number({ message: key }).int(key).min(1, key).max(120, key);
const retentionForm = z.object({
  accessNeedsMonths: months('data-rights:errors.months'),
  benefitsMonths: months('data-rights:errors.months'),
});

/**
 * A person's copy of their data (their own, or an admin's for them), requests about data
 * with their deadlines, erasure and how long records are kept.
 */
export const dataRightsRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t, now }) => {
  const rights = services.dataRights;

  app.get('/people/:id/data', async (request, reply) => {
    const page = await rights.copyPage(signedInUser(request), personOf(request).id);
    const longParts = page.sections.some((s) => s.count > pdfRecordsPerPart);
    return reply.view('data-rights/views/copy.njk', { ...page, longParts, perPart: pdfRecordsPerPart });
  });

  const fileTypes: Record<CopyKind, string> = {
    json: 'application/json; charset=utf-8',
    pdf: 'application/pdf',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
  for (const kind of copyKinds)
    app.get(`/people/:id/data.${kind}`, async (request, reply) => {
      const copy = await rights.copyFile(signedInUser(request), personOf(request).id, kind);
      return reply
        .type(fileTypes[kind])
        .header('content-disposition', attachmentDisposition(copy.fileName))
        .header('cache-control', 'no-store')
        .send(copy.body);
    });

  const showErase = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown> = {},
    errors?: Record<string, string>,
  ) => {
    const user = signedInUser(request);
    const id = personOf(request).id;
    const [plan, open] = await Promise.all([rights.erasurePlan(user, id), rights.requests.forPerson(user.organisationId, id)]);
    const openErasures = open.filter((r) => r.kind === 'erasure' && r.status === 'open');
    return reply.view('data-rights/views/erase.njk', { personId: id, ...plan, openErasures, values }, errors ? { errors } : {});
  };

  app.get('/people/:id/erase', { preHandler: allow('admin') }, async (request, reply) => showErase(request, reply));

  app.post('/people/:id/erase', { preHandler: allow('admin') }, async (request, reply) => {
    const form = parseForm(eraseForm, request.body);
    if (!form.ok) return showErase(request, reply, typedValues(request.body, []), form.errors);
    await rights.erase(signedInUser(request), personOf(request).id, form.data.requestId ?? null);
    request.flash(t('data-rights:erase.done'));
    return reply.redirect('/data-requests', 303);
  });

  app.get('/data-requests', { preHandler: allow('admin') }, async (request, reply) => {
    const { organisationId } = signedInUser(request);
    const query = listQuery.parse(request.query ?? {});
    const page = pageOf(query.page);
    const filter = query.status ? { status: query.status } : {};
    const [rows, total] = await Promise.all([
      rights.requests.list(organisationId, filter, page),
      rights.requests.count(organisationId, filter),
    ]);
    const pagination = paginationFor(page.page, total, pageLink('/data-requests', { status: query.status }));
    return reply.view('data-rights/views/requests.njk', { rows, total, pagination, status: query.status ?? '', statuses });
  });

  const showNew = async (
    request: FastifyRequest,
    reply: FastifyReply,
    personId: string | undefined,
    values: Record<string, unknown>,
    errors?: Record<string, string>,
  ) => {
    if (!personId) throw new NotFound();
    const page = await rights.copyPage(signedInUser(request), personId);
    return reply.view(
      'data-rights/views/new-request.njk',
      { person: { id: personId, name: page.name }, values, kinds: requestKinds, ways: requestWays },
      errors ? { errors } : {},
    );
  };

  app.get('/data-requests/new', { preHandler: allow('admin') }, async (request, reply) => {
    const today = londonToday(now()).split('-');
    const values = { kind: 'access', receivedOn: { day: String(Number(today[2])), month: String(Number(today[1])), year: today[0] } };
    return showNew(request, reply, newQuery.parse(request.query ?? {}).person, values);
  });

  app.post('/data-requests/new', { preHandler: allow('admin') }, async (request, reply) => {
    const body: Record<string, unknown> = { ...formFields(request.body), receivedOn: dateFields(request.body, 'receivedOn') };
    const form = parseForm(requestForm, body);
    const personId = z.string().uuid().safeParse(body.personId).data;
    if (!form.ok) return showNew(request, reply, personId, { ...typedValues(request.body, []), receivedOn: body.receivedOn }, form.errors);
    const user = signedInUser(request);
    await rights.copyPage(user, form.data.personId);
    const id = await rights.requests.record(user, form.data.personId, form.data);
    request.flash(t('data-rights:request.recorded'));
    return reply.redirect(`/data-requests/${id}`, 303);
  });

  app.get('/data-retention', { preHandler: allow('admin') }, async (request, reply) => {
    const settings = await rights.retention.settingsFor(signedInUser(request).organisationId);
    return reply.view('data-rights/views/retention.njk', { values: settings });
  });

  app.post('/data-retention', { preHandler: allow('admin') }, async (request, reply) => {
    const form = parseForm(retentionForm, request.body);
    if (!form.ok) return reply.view('data-rights/views/retention.njk', { values: typedValues(request.body, []) }, { errors: form.errors });
    await rights.retention.saveSettings(signedInUser(request), form.data);
    request.flash(t('data-rights:retention.saved'));
    return reply.redirect('/data-retention', 303);
  });

  const showRequest = async (request: FastifyRequest, reply: FastifyReply, errors?: Record<string, string>) => {
    const found = await rights.requests.get(signedInUser(request).organisationId, requestOf(request).id);
    if (!found) throw new NotFound();
    return reply.view('data-rights/views/request.njk', { request: found }, errors ? { errors } : {});
  };

  app.get('/data-requests/:id', { preHandler: allow('admin') }, async (request, reply) => showRequest(request, reply));

  app.post('/data-requests/:id/close', { preHandler: allow('admin') }, async (request, reply) => {
    const form = parseForm(closeForm, request.body);
    if (!form.ok) return showRequest(request, reply, form.errors);
    const id = requestOf(request).id;
    const user = signedInUser(request);
    if (!(await rights.requests.get(user.organisationId, id))) throw new NotFound();
    await rights.requests.close(user, id, form.data.outcome);
    request.flash(t(`data-rights:request.closed.${form.data.outcome}`));
    return reply.redirect(`/data-requests/${id}`, 303);
  });
};
