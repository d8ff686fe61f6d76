import axios from 'axios';
import { NotifyClient } from 'notifications-node-client';
import type { DeliveryConfig } from '../../config.ts';
import type { Delivery, SendableChannel } from './delivery.ts';
import { letterAddressLines } from './address.ts';
import { PermanentFailure } from './permanent-failure.ts';

type NotifyConfig = Extract<DeliveryConfig, { kind: 'notify' }>;

/** Notify takes at most seven address lines. */
const maxAddressLines = 7;

/**
 * Notify's answers that no retry can change: 400 (the request is wrong: a missing
 * personalisation, a recipient a trial key may not send to) and 403 (the key is refused).
 * 429 (too many requests), 5xx and network errors pass, so they are tried again later.
 */
const refusedForGood = new Set([400, 403]);

/** A Notify client for the key, with a timeout. */
export function notifyClient(config: NotifyConfig): NotifyClient {
  const client = config.baseUrl ? new NotifyClient(config.baseUrl, config.apiKey) : new NotifyClient(config.apiKey);
  // The client's own axios has no timeout: an unanswered request would stay "Sending" for ever.
  // One axios at run time, but TypeScript sees its CommonJS and ES module typings as two types.
  client.setClient(axios.create({ timeout: config.timeoutMs }) as unknown as Parameters<NotifyClient['setClient']>[0]);
  return client;
}

/**
 * GOV.UK Notify: email always, texts and letters only when their template is set. Notify
 * cannot carry attachments, so a calendar file is left out (the message links to it).
 */
export function notifyDelivery(config: NotifyConfig): Delivery {
  const client = notifyClient(config);
  const { email, text, letter } = config.templates;
  const channels = new Set<SendableChannel>(['email']);
  if (text) channels.add('text');
  if (letter) channels.add('letter');
  return {
    kind: 'notify',
    channels,
    async send({ id, channel, to, name, subject, text: body }) {
      // Our id as Notify's reference, so staff can find a message there when unsure it went.
      const reference = id;
      try {
        if (channel === 'email') {
          await client.sendEmail(email, to, { personalisation: { subject, body }, reference });
        } else if (channel === 'text' && text) {
          await client.sendSms(text, to, { personalisation: { body }, reference });
        } else if (channel === 'letter' && letter) {
          // The name is address line 1, as Notify expects; the address fills the other six.
          const lines = letterAddressLines(name ?? null, to, maxAddressLines);
          const address = Object.fromEntries(lines.map((line, i) => [`address_line_${i + 1}`, line]));
          await client.sendLetter(letter, { personalisation: { ...address, subject, body }, reference });
        } else {
          throw new Error(`Notify has no template for ${channel}`);
        }
      } catch (err) {
        const problem = notifyProblem(err, config.timeoutMs);
        if (refusedForGood.has(problem.status ?? 0)) throw new PermanentFailure(problem.message, { cause: err });
        throw new Error(problem.message, { cause: err });
      }
    },
  };
}

/**
 * Notify explains a refusal in its response body ("Missing personalisation: body"); that
 * is what staff need to see, not the HTTP library's "status code 400".
 */
export function notifyProblem(err: unknown, timeoutMs: number): { status?: number; message: string } {
  const e = err as {
    message?: string;
    code?: string;
    response?: { status?: number; data?: { errors?: Array<{ message?: string }> } };
  };
  const status = e.response?.status;
  const messages = (e.response?.data?.errors ?? []).map((x) => x.message).filter(Boolean);
  if (status) return { status, message: `Notify ${status}${messages.length ? `: ${messages.join('; ')}` : ''}` };
  // axios's own timeout ("timeout of 15000ms exceeded"), said in words staff read.
  if (e.code === 'ECONNABORTED' && /timeout/i.test(e.message ?? '')) {
    return { message: `Notify did not answer within ${timeoutMs / 1000} seconds` };
  }
  return { message: e.message ?? String(err) };
}
