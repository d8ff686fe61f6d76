import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { isSignedByTwilio } from '../../platform/delivery/twilio.ts';

/** The form as sent, name and value pairs in order (parsed below, never a nested object). */
const rawForm = z.array(z.tuple([z.string(), z.string()]));

/** Twilio wants TwiML back; an empty Response sends no reply text. */
const emptyTwiml = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/**
 * Twilio's webhook for texts people send to the number: POST /texts/twilio, form-encoded,
 * signed with X-Twilio-Signature over the URL set in Twilio (PUBLIC_URL + /texts/twilio).
 * A request that is not signed by our account is refused before anything is read into it.
 */
export const twilioInboundRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, config, now }) => {
  const sms = config.sms;
  if (!sms) return;
  // The signature covers the parameters exactly as sent, so this route reads the raw form.
  app.removeContentTypeParser('application/x-www-form-urlencoded');
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) =>
    done(null, [...new URLSearchParams(body as string).entries()]),
  );

  app.post('/twilio', { config: { csrf: false } }, async (request, reply) => {
    const params = rawForm.catch([]).parse(request.body);
    const signature = request.headers['x-twilio-signature'];
    const url = `${config.publicUrl}/texts/twilio`;
    if (!isSignedByTwilio(sms.authToken, url, params, typeof signature === 'string' ? signature : undefined)) {
      return reply.code(403).type('text/plain').send('Forbidden');
    }
    const field = (name: string) => params.find(([k]) => k === name)?.[1] ?? '';
    if (field('AccountSid') !== sms.accountSid || !field('MessageSid') || !field('From')) {
      return reply.code(400).type('text/plain').send('Bad request');
    }
    await services.texts.receive({
      provider: 'twilio',
      providerId: field('MessageSid'),
      from: field('From'),
      to: field('To') || null,
      body: field('Body'),
      receivedAt: now().toISOString(),
    });
    return reply.type('text/xml').send(emptyTwiml);
  });
};
