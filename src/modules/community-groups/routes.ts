import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { fieldText, formFields, parseForm, typedValues, type FieldErrors } from '../../platform/forms.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import { urlIds } from '../../platform/params.ts';
import { importedCsvText } from '../people/csv-encoding.ts';
import { directoryColumns, maxImportRows, type Headings } from './directory-csv.ts';
import { contactForm, groupForm, type GroupInput } from './group-form.ts';
import { groupingLabelKey, reachLabelKey, reachKeys, reachSections } from './reach.ts';
import { bestWays, groupKinds } from './vocabulary.ts';

const groupIds = urlIds('id');
const contactIds = urlIds('id', 'contactId');
const listQuery = z.object({
  reach: z
    .enum(reachKeys as [string, ...string[]])
    .optional()
    .catch(undefined),
  kind: z.enum(groupKinds).optional().catch(undefined),
  page: pageParam,
});

/** The form's values from a saved entry. */
const formValues = (g: GroupInput) => ({ ...g, timebankPartner: g.timebankPartner ? 'yes' : '' });

/**
 * The directory of community groups (S5), for staff: a list filtered by who they reach,
 * an entry's page with the people who are the link, adding and changing entries, and the
 * whole directory out to a CSV file and back in.
 */
export const communityGroupRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { communityGroups, outreach } = services;
  app.addHook('preHandler', allow('admin', 'facilitator'));
  const headings = (): Headings => Object.fromEntries(directoryColumns.map((c) => [c, t(`community-groups:csv.${c}`)])) as Headings;
  const vocab = { groupKinds, bestWays, reachSections, reachLabelKey, groupingLabelKey };

  app.get('/', async (request, reply) => {
    const user = signedInUser(request);
    const q = listQuery.parse(request.query ?? {});
    const page = pageOf(q.page);
    const { groups, total } = await communityGroups.page(user, { reach: q.reach, kind: q.kind }, page);
    return reply.view('community-groups/views/list.njk', {
      groups,
      total,
      q,
      vocab,
      pagination: paginationFor(page.page, total, pageLink('/community-groups', { reach: q.reach, kind: q.kind })),
    });
  });

  const showForm = (reply: FastifyReply, id: string | null, values: Record<string, unknown>, errors?: FieldErrors) =>
    reply.view('community-groups/views/form.njk', { id, values, vocab }, errors ? { errors, status: 400 } : {});

  app.get('/new', async (_request, reply) => showForm(reply, null, { kind: 'group', reach: [] }));

  app.post('/new', async (request, reply) => {
    const values = typedValues(request.body, ['reach']);
    const form = parseForm(groupForm, values);
    if (!form.ok) return showForm(reply, null, values, form.errors);
    const saved = await communityGroups.create(signedInUser(request), form.data);
    if (!saved.ok) return showForm(reply, null, values, saved.errors);
    request.flash(t('community-groups:flash.added'));
    return reply.redirect(`/community-groups/${saved.id}`, 303);
  });

  app.get('/export.csv', async (request, reply) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="community-groups.csv"')
      .send(await communityGroups.exportCsv(signedInUser(request), headings())),
  );

  const importPage = (reply: FastifyReply, errors?: FieldErrors) =>
    reply.view('community-groups/views/import.njk', { vocab, headings: headings(), maxImportRows }, errors ? { errors, status: 400 } : {});

  app.get('/import', async (_request, reply) => importPage(reply));

  /** Step 1 reads the file and shows each row; step 2 (confirm) adds the good rows only. */
  app.post('/import', async (request, reply) => {
    const user = signedInUser(request);
    const body = formFields(request.body);
    const upload = importedCsvText(fieldText(body, 'csv') ?? body.file);
    if (!upload.ok)
      return importPage(reply, {
        file:
          upload.error === 'people:import.errors.workbook'
            ? 'community-groups:import.errors.workbook'
            : 'community-groups:import.errors.noFile',
      });
    if (fieldText(body, 'confirm') === 'yes') {
      const done = await communityGroups.importGood(user, upload.text, headings());
      if (done.fileError) return importPage(reply, { file: done.fileError });
      request.flash(t('community-groups:import.done', { count: done.added, left: done.left }));
      return reply.redirect('/community-groups', 303);
    }
    const read = await communityGroups.readImport(user, upload.text, headings());
    if (read.fileError) return importPage(reply, { file: read.fileError });
    const good = read.rows.filter((r) => r.data !== null).length;
    return reply.view(
      'community-groups/views/import-preview.njk',
      { rows: read.rows, bad: read.rows.filter((r) => r.data === null), good, ignoredColumns: read.ignoredColumns, csv: upload.text },
      { status: good === read.rows.length ? 200 : 400 },
    );
  });

  app.get('/:id', async (request, reply) => {
    const user = signedInUser(request);
    const group = await communityGroups.get(user, groupIds(request).id);
    const actions = await outreach.page(user, { show: 'open', groupId: group.id }, pageOf(1, 10));
    return reply.view('community-groups/views/show.njk', {
      group,
      actions: actions.actions,
      actionsTotal: actions.total,
      vocab,
      values: {},
    });
  });

  app.get('/:id/edit', async (request, reply) => {
    const group = await communityGroups.get(signedInUser(request), groupIds(request).id);
    return showForm(reply, group.id, formValues(group));
  });

  app.post('/:id/edit', async (request, reply) => {
    const user = signedInUser(request);
    const { id } = groupIds(request);
    await communityGroups.get(user, id);
    const values = typedValues(request.body, ['reach']);
    const form = parseForm(groupForm, values);
    if (!form.ok) return showForm(reply, id, values, form.errors);
    const saved = await communityGroups.update(user, id, form.data);
    if (!saved.ok) return showForm(reply, id, values, saved.errors);
    request.flash(t('community-groups:flash.saved'));
    return reply.redirect(`/community-groups/${id}`, 303);
  });

  const showWithContactErrors = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors: FieldErrors,
  ) => {
    const user = signedInUser(request);
    const group = await communityGroups.get(user, groupIds(request).id);
    const actions = await outreach.page(user, { show: 'open', groupId: group.id }, pageOf(1, 10));
    return reply.view(
      'community-groups/views/show.njk',
      { group, actions: actions.actions, actionsTotal: actions.total, vocab, values },
      { errors, status: 400 },
    );
  };

  app.post('/:id/contacts', async (request, reply) => {
    const user = signedInUser(request);
    const { id } = groupIds(request);
    const values = typedValues(request.body, []);
    const form = parseForm(contactForm, values);
    if (!form.ok) return showWithContactErrors(request, reply, values, form.errors);
    await communityGroups.addContact(user, id, form.data);
    request.flash(t('community-groups:flash.contactAdded'));
    return reply.redirect(`/community-groups/${id}#contacts`, 303);
  });

  app.post('/:id/contacts/:contactId/remove', async (request, reply) => {
    const { id, contactId } = contactIds(request);
    await communityGroups.removeContact(signedInUser(request), id, contactId);
    request.flash(t('community-groups:flash.contactRemoved'));
    return reply.redirect(`/community-groups/${id}#contacts`, 303);
  });
};
