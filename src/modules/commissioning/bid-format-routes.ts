import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { AppError } from '../../platform/errors.ts';
import { formFields, parseForm, type FieldErrors } from '../../platform/forms.ts';
import { urlIds } from '../../platform/params.ts';
import { checkMyWords } from '../../platform/plain-words.ts';
import { longSentences } from '../easy-read/sentences.ts';
import { easyReadForm } from './forms.ts';

const bidIds = urlIds('id', 'bidId');
const personIds = urlIds('id', 'personId');

/**
 * A bid's summary in each panel member's format (P7): staff write its easy read version (with
 * Check my words, and the easy read rule of short sentences), and print a panel member's copy
 * of the bids' summaries in their format, for someone who takes part by letter or phone.
 */
export const bidFormatRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { commissioning } = services;
  app.addHook('preHandler', allow('admin', 'facilitator'));

  const showEasyRead = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: FieldErrors) => {
    const { id, bidId } = bidIds(request);
    const words = await commissioning.bidWords(signedInUser(request), id, bidId);
    const shown = values ?? { easyReadSummary: words.bid.easyReadSummary ?? '' };
    // Advice, never a block: the sentences longer than easy read allows.
    const long = longSentences(typeof shown.easyReadSummary === 'string' ? shown.easyReadSummary : '');
    return reply.view('commissioning/views/easy-read.njk', { ...words, values: shown, long }, errors ? { errors, status: 400 } : {});
  };

  app.get('/rounds/:id/bids/:bidId/easy-read', async (request, reply) => showEasyRead(request, reply));

  app.post('/rounds/:id/bids/:bidId/easy-read', async (request, reply) => {
    const { id, bidId } = bidIds(request);
    const values = formFields(request.body);
    if (await checkMyWords(request, services.plainWords)) return showEasyRead(request, reply, values);
    const form = parseForm(easyReadForm, request.body);
    if (!form.ok) return showEasyRead(request, reply, values, form.errors);
    try {
      await commissioning.writeEasyRead(signedInUser(request), id, bidId, form.data.easyReadSummary);
    } catch (error) {
      if (error instanceof AppError && error.status === 409) return showEasyRead(request, reply, values, { form: error.messageKey });
      throw error;
    }
    request.flash(t(form.data.easyReadSummary ? 'commissioning:easyRead.saved' : 'commissioning:easyRead.cleared'));
    return reply.redirect(`/commissioning/rounds/${id}#bid-${bidId}`, 303);
  });

  app.get('/rounds/:id/panel/:personId/print', async (request, reply) => {
    const { id, personId } = personIds(request);
    const copy = await commissioning.printCopy(signedInUser(request), id, personId);
    return reply.view('commissioning/views/print.njk', copy);
  });
};
