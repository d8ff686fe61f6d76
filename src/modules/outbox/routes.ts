import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { parseForm } from '../../platform/forms.ts';
import { outboxStatuses } from '../../platform/outbox.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import { urlIds } from '../../platform/params.ts';
import type { OutboxMessage } from './service.ts';

const listQuery = z.object({
  // An unknown status in the address shows everything rather than an error page.
  status: z.enum(outboxStatuses).optional().catch(undefined),
  page: pageParam,
});
const messageIds = urlIds('id');
const postedForm = z.object({
  ids: z.preprocess(
    (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().uuid()).min(1, 'outbox:letters.errors.noneShown'),
  ),
});

/** What each kind of hand work says when done. */
const doneMessage = (message: OutboxMessage) =>
  message.status === 'to-call' ? 'outbox:handled.called' : message.status === 'to-print' ? 'outbox:handled.posted' : 'outbox:handled.sent';

/**
 * What the app sent, or is keeping because it cannot send it. Admins see every message;
 * facilitators those of their own projects, since they are told on a meeting's page when
 * one waits for them to post, call or send by hand.
 */
export const outboxRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, config, t }) => {
  const { outbox } = services;
  const staff = { preHandler: allow('admin', 'facilitator') };
  const messageId = (request: FastifyRequest) => messageIds(request).id;

  app.get('/', staff, async (request, reply) => {
    const user = signedInUser(request);
    const query = listQuery.parse(request.query ?? {});
    const { status } = query;
    const page = pageOf(query.page);
    const { messages, total } = await outbox.page(user, status ? { status } : {}, page);
    return reply.view('outbox/views/list.njk', {
      messages,
      total,
      pagination: paginationFor(page.page, total, pageLink('/admin/messages', { status })),
      lettersToPrint: await outbox.countLettersToPrint(user),
      statuses: outboxStatuses,
      status,
      deliveryKind: services.delivery?.kind ?? 'local',
      textsByTwilio: config.sms !== null,
    });
  });

  const showLetters = async (user: Parameters<typeof outbox.lettersToPrint>[0]) => ({ letters: await outbox.lettersToPrint(user) });

  app.get('/letters', staff, async (request, reply) => {
    return reply.view('outbox/views/letters.njk', await showLetters(signedInUser(request)));
  });

  app.post('/letters', staff, async (request, reply) => {
    const user = signedInUser(request);
    const form = parseForm(postedForm, request.body);
    if (!form.ok) return reply.view('outbox/views/letters.njk', await showLetters(user), { errors: form.errors });
    const count = await outbox.markLettersPosted(user, form.data.ids);
    request.flash(t('outbox:letters.posted', { count }));
    return reply.redirect('/admin/messages/letters', 303);
  });

  app.get('/:id', staff, async (request, reply) => {
    return reply.view('outbox/views/show.njk', { message: await outbox.get(signedInUser(request), messageId(request)) });
  });

  app.post('/:id/handled', staff, async (request, reply) => {
    const user = signedInUser(request);
    const message = await outbox.get(user, messageId(request));
    if (await outbox.markHandled(user, message.id)) request.flash(t(doneMessage(message)));
    return reply.redirect(`/admin/messages/${message.id}`, 303);
  });
};
