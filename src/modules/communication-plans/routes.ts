import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { PlanTopic } from '../../db/schema/communication-plans.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { planFrequencies, planTopics } from '../../platform/digests.ts';
import { checkboxList, optionalText, parseForm, typedValues, type FieldErrors } from '../../platform/forms.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import { urlIds } from '../../platform/params.ts';
import type { RouteDeps } from '../../services.ts';
import { planChannels } from './plan-not-met.ts';
import type { PlanInput, TopicPlan } from './service.ts';

const topicFields = (topic: PlanTopic) => ({
  [`${topic}-frequency`]: z.enum(planFrequencies, { message: 'communication-plans:errors.frequency' }),
  [`${topic}-channels`]: checkboxList(planChannels).refine((c) => c.length > 0, 'communication-plans:errors.channels'),
  [`${topic}-groups`]: optionalText(500),
});
const planForm = z
  .object({ agreedHow: optionalText(1000), ...Object.assign({}, ...planTopics.map(topicFields)) })
  .superRefine((form, ctx) => {
    for (const topic of planTopics) {
      const channels = (form[`${topic}-channels`] ?? []) as string[];
      if (channels.includes('word-of-mouth') && !form[`${topic}-groups`])
        ctx.addIssue({ code: 'custom', path: [`${topic}-groups`], message: 'communication-plans:errors.groups' });
    }
  });

const listFields = planTopics.map((t) => `${t}-channels`);
const ids = urlIds('id');
const listQuery = z.object({ page: pageParam });

/** The form's values from a saved plan. */
const valuesOf = (plan: { agreedHow: string | null; topics: TopicPlan[] }) =>
  Object.fromEntries([
    ['agreedHow', plan.agreedHow ?? ''],
    ...plan.topics.flatMap((t) => [
      [`${t.topic}-frequency`, t.frequency],
      [`${t.topic}-channels`, t.channels],
      [`${t.topic}-groups`, t.groups ?? ''],
    ]),
  ]);

/**
 * A project's communication plan, at /projects/:id/communication-plan: its members and staff
 * see it and may change it. Staff also see every project not meeting its plan.
 */
export const communicationPlanRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { communicationPlans } = services;
  app.addHook('preHandler', allow('admin', 'facilitator', 'member'));

  app.get('/projects/:id/communication-plan', async (request, reply) => {
    const view = await communicationPlans.forProject(signedInUser(request), ids(request).id);
    return reply.view('communication-plans/views/plan.njk', { ...view, topics: planTopics });
  });

  const showForm = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: FieldErrors) => {
    const { project, plan } = await communicationPlans.forEditing(signedInUser(request), ids(request).id);
    return reply.view(
      'communication-plans/views/edit.njk',
      { project, values: values ?? valuesOf(plan), topics: planTopics, frequencies: planFrequencies, channels: planChannels },
      errors ? { errors, status: 400 } : {},
    );
  };

  app.get('/projects/:id/communication-plan/edit', async (request, reply) => showForm(request, reply));

  app.post('/projects/:id/communication-plan/edit', async (request, reply) => {
    const form = parseForm(planForm, request.body);
    if (!form.ok) return showForm(request, reply, typedValues(request.body, listFields), form.errors);
    const data = form.data as Record<string, unknown>;
    const input: PlanInput = {
      agreedHow: (data.agreedHow as string | null) ?? null,
      topics: planTopics.map((topic) => ({
        topic,
        frequency: data[`${topic}-frequency`] as TopicPlan['frequency'],
        channels: data[`${topic}-channels`] as TopicPlan['channels'],
        groups: (data[`${topic}-groups`] as string | null) ?? null,
      })),
    };
    const { id } = ids(request);
    await communicationPlans.save(signedInUser(request), id, input);
    request.flash(t('communication-plans:saved'));
    return reply.redirect(`/projects/${id}/communication-plan`, 303);
  });

  app.get('/communication-plans/not-met', { preHandler: allow('admin', 'facilitator') }, async (request, reply) => {
    const page = pageOf(listQuery.parse(request.query ?? {}).page);
    const { rows, total } = await communicationPlans.notMetPage(signedInUser(request), page);
    return reply.view('communication-plans/views/not-met.njk', {
      rows,
      total,
      pagination: paginationFor(page.page, total, pageLink('/communication-plans/not-met', {})),
    });
  });
};
