import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { formFields, optionalText, parseForm, type FieldErrors } from '../../platform/forms.ts';

const replyContactForm = z.object({
  phone: optionalText(30, 'replies:settings.phoneTooLong'),
  address: optionalText(500, 'replies:settings.addressTooLong'),
});

/** The organisation's own settings, admins only: how people reply to a letter. */
export const organisationSettingsRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { organisations } = services;
  app.addHook('preHandler', allow('admin'));

  const show = (reply: FastifyReply, values: Record<string, unknown>, errors?: FieldErrors) =>
    reply.view('organisations/views/reply-settings.njk', { values }, errors ? { errors } : {});

  app.get('/organisation/replies', async (request, reply) => {
    const contact = await organisations.replyContact(signedInUser(request).organisationId);
    return show(reply, { phone: contact.phone ?? '', address: contact.address ?? '' });
  });

  app.post('/organisation/replies', async (request, reply) => {
    const user = signedInUser(request);
    const form = parseForm(replyContactForm, request.body);
    if (!form.ok) return show(reply, formFields(request.body), form.errors);
    await organisations.setReplyContact(user, { phone: form.data.phone || null, address: form.data.address || null });
    request.flash(t('replies:settings.saved'));
    return reply.redirect('/organisation/replies', 303);
  });
};
