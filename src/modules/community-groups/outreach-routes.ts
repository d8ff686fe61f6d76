import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser, type CurrentUser } from '../../platform/auth.ts';
import { dateFields, dateParts, formFields, isoDateFromParts, parseForm, requiredText, type FieldErrors } from '../../platform/forms.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import { urlIds } from '../../platform/params.ts';
import { groupingLabelKey, reachLabelKey, reachKeys, reachSections } from './reach.ts';
import { outreachResults } from './vocabulary.ts';

const actionIds = urlIds('id');
const optionalId = z.preprocess((v) => (v === '' ? undefined : v), z.string().uuid().optional()).catch(undefined);
const newQuery = z.object({
  reach: z
    .enum(reachKeys as [string, ...string[]])
    .optional()
    .catch(undefined),
  projectId: optionalId,
  groupId: optionalId,
});
const listQuery = z.object({
  show: z.enum(['open', 'overdue', 'closed']).catch('open'),
  projectId: optionalId,
  mine: z.enum(['yes']).optional().catch(undefined),
  page: pageParam,
});
const actionForm = z.object({
  reach: z.enum(reachKeys as [string, ...string[]], { message: 'community-groups:outreach.errors.reach' }),
  projectId: z.preprocess(
    (v) => (v === '' || v === undefined ? null : v),
    z.string().uuid('community-groups:outreach.errors.project').nullable(),
  ),
  groupId: z.string({ message: 'community-groups:outreach.errors.group' }).uuid('community-groups:outreach.errors.group'),
  what: requiredText('community-groups:outreach.errors.what', 1000),
  ownerId: z.string({ message: 'community-groups:outreach.errors.owner' }).uuid('community-groups:outreach.errors.owner'),
  dueOn: isoDateFromParts('community-groups:outreach.errors.dueOn', 'community-groups:outreach.errors.dueOnReal'),
});
const outcomeForm = z.object({
  result: z.enum(outreachResults, { message: 'community-groups:outreach.errors.result' }),
  outcome: requiredText('community-groups:outreach.errors.outcome', 2000),
});

/**
 * Outreach actions (S5), for staff: planned from a gap on "who is missing" (a group, for the
 * organisation or a project), with the directory entry to ask, an owner and a due date, and
 * closed with what came of it.
 */
export const outreachRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { outreach, communityGroups, projects } = services;
  app.addHook('preHandler', allow('admin', 'facilitator'));
  const vocab = { reachSections, reachLabelKey, groupingLabelKey, outreachResults };

  app.get('/', async (request, reply) => {
    const user = signedInUser(request);
    const q = listQuery.parse(request.query ?? {});
    const page = pageOf(q.page);
    const [{ actions, total }, titles] = await Promise.all([
      outreach.page(user, { show: q.show, projectId: q.projectId, mine: q.mine === 'yes' }, page),
      projects.titles(user.organisationId),
    ]);
    const titleOf = new Map(titles.map((p) => [p.id, p.title]));
    return reply.view('community-groups/views/outreach-list.njk', {
      actions: actions.map((a) => ({ ...a, projectTitle: a.projectId ? (titleOf.get(a.projectId) ?? '') : null })),
      total,
      q,
      vocab,
      projects: titles,
      pagination: paginationFor(
        page.page,
        total,
        pageLink('/community-groups/outreach', { show: q.show, projectId: q.projectId, mine: q.mine }),
      ),
    });
  });

  const showForm = async (reply: FastifyReply, user: CurrentUser, values: Record<string, unknown>, errors?: FieldErrors) => {
    const reach = typeof values.reach === 'string' && reachKeys.includes(values.reach) ? values.reach : null;
    const [groups, owners, titles] = await Promise.all([
      communityGroups.choices(user, reach),
      outreach.owners(user.organisationId),
      projects.titles(user.organisationId),
    ]);
    return reply.view(
      'community-groups/views/outreach-form.njk',
      { values, groups, owners, projects: titles, vocab },
      errors ? { errors, status: 400 } : {},
    );
  };

  app.get('/new', async (request, reply) => {
    const user = signedInUser(request);
    const q = newQuery.parse(request.query ?? {});
    return showForm(reply, user, {
      reach: q.reach ?? '',
      projectId: q.projectId ?? '',
      groupId: q.groupId ?? '',
      ownerId: user.personId,
      dueOn: dateParts(''),
    });
  });

  app.post('/new', async (request, reply) => {
    const user = signedInUser(request);
    const body = formFields(request.body);
    const values = { ...body, dueOn: dateFields(body, 'dueOn') };
    const form = parseForm(actionForm, values);
    if (!form.ok) return showForm(reply, user, values, form.errors);
    const made = await outreach.create(user, form.data);
    if (!made.ok) return showForm(reply, user, values, made.errors);
    request.flash(t('community-groups:outreach.flash.planned'));
    return reply.redirect(`/community-groups/outreach/${made.id}`, 303);
  });

  const showAction = async (reply: FastifyReply, user: CurrentUser, id: string, values: Record<string, unknown>, errors?: FieldErrors) =>
    reply.view(
      'community-groups/views/outreach.njk',
      { action: await outreach.get(user, id), values, vocab },
      errors ? { errors, status: 400 } : {},
    );

  app.get('/:id', async (request, reply) => showAction(reply, signedInUser(request), actionIds(request).id, {}));

  app.post('/:id/outcome', async (request, reply) => {
    const user = signedInUser(request);
    const { id } = actionIds(request);
    const values = formFields(request.body);
    const form = parseForm(outcomeForm, values);
    if (!form.ok) return showAction(reply, user, id, values, form.errors);
    await outreach.close(user, id, form.data);
    request.flash(t('community-groups:outreach.flash.closed'));
    return reply.redirect(`/community-groups/outreach/${id}`, 303);
  });
};
