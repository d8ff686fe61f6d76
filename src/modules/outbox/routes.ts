import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { parseForm } from '../../platform/forms.ts';
import { outboxStatuses } from '../../platform/outbox.ts';
import { urlIds } from '../../platform/params.ts';

const listQuery = z.object({
  // An unknown status in the address shows everything rather than an error page.
  status: z.enum(outboxStatuses).optional().catch(undefined),
});
const messageIds = urlIds('id');
const postedForm = z.object({
  ids: z.preprocess(
    (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().uuid()).min(1, 'outbox:letters.errors.noneShown'),
  ),
});

/**
 * What the app sent, or is keeping because it cannot send it: admins only. The letters
 * to print are for facilitators too, since they print and post them as well.
 */
export const outboxRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { outbox } = services;
  const admins = { preHandler: allow('admin') };
  const staff = { preHandler: allow('admin', 'facilitator') };
  const messageId = (request: FastifyRequest) => messageIds(request).id;

  app.get('/', admins, async (request, reply) => {
    const user = signedInUser(request);
    const { status } = listQuery.parse(request.query ?? {});
    return reply.view('outbox/views/list.njk', {
      messages: await outbox.list(user.organisationId, status ? { status } : {}),
      lettersToPrint: await outbox.countLettersToPrint(user.organisationId),
      statuses: outboxStatuses,
      status,
      deliveryKind: services.delivery?.kind ?? 'local',
    });
  });

  const showLetters = async (organisationId: string) => ({ letters: await outbox.lettersToPrint(organisationId) });

  app.get('/letters', staff, async (request, reply) => {
    const user = signedInUser(request);
    return reply.view('outbox/views/letters.njk', await showLetters(user.organisationId));
  });

  app.post('/letters', staff, async (request, reply) => {
    const user = signedInUser(request);
    const form = parseForm(postedForm, request.body);
    if (!form.ok) return reply.view('outbox/views/letters.njk', await showLetters(user.organisationId), { errors: form.errors });
    const count = await outbox.markLettersPosted(user.organisationId, form.data.ids);
    request.flash(t('outbox:letters.posted', { count }));
    return reply.redirect('/admin/messages/letters', 303);
  });

  app.get('/:id', admins, async (request, reply) => {
    const user = signedInUser(request);
    return reply.view('outbox/views/show.njk', { message: await outbox.get(user.organisationId, messageId(request)) });
  });

  app.post('/:id/handled', admins, async (request, reply) => {
    const user = signedInUser(request);
    const message = await outbox.get(user.organisationId, messageId(request));
    if (await outbox.markHandled(user.organisationId, message.id)) {
      request.flash(message.channel === 'phone' ? t('outbox:handled.called') : t('outbox:handled.posted'));
    }
    return reply.redirect(`/admin/messages/${message.id}`, 303);
  });
};
