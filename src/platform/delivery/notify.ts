import { NotifyClient } from 'notifications-node-client';
import type { DeliveryConfig } from '../../config.ts';
import type { Delivery, SendableChannel } from './delivery.ts';
import { addressLines } from './address.ts';

type NotifyConfig = Extract<DeliveryConfig, { kind: 'notify' }>;

/** Notify takes at most seven address lines. */
const maxAddressLines = 7;

/**
 * GOV.UK Notify: email always, texts and letters only when their template is set. Notify
 * cannot carry attachments, so a calendar file is left out (the message links to it).
 */
export function notifyDelivery(config: NotifyConfig): Delivery {
  const client = config.baseUrl ? new NotifyClient(config.baseUrl, config.apiKey) : new NotifyClient(config.apiKey);
  const { email, text, letter } = config.templates;
  const channels = new Set<SendableChannel>(['email']);
  if (text) channels.add('text');
  if (letter) channels.add('letter');
  return {
    kind: 'notify',
    channels,
    async send({ id, channel, to, subject, text: body }) {
      // Our id as Notify's reference, so staff can find a message there when unsure it went.
      const reference = id;
      try {
        if (channel === 'email') {
          await client.sendEmail(email, to, { personalisation: { subject, body }, reference });
        } else if (channel === 'text' && text) {
          await client.sendSms(text, to, { personalisation: { body }, reference });
        } else if (channel === 'letter' && letter) {
          const address = Object.fromEntries(addressLines(to, maxAddressLines).map((line, i) => [`address_line_${i + 1}`, line]));
          await client.sendLetter(letter, { personalisation: { ...address, subject, body }, reference });
        } else {
          throw new Error(`Notify has no template for ${channel}`);
        }
      } catch (err) {
        throw new Error(notifyProblem(err), { cause: err });
      }
    },
  };
}

/**
 * Notify explains a refusal in its response body ("Missing personalisation: body"); that
 * is what staff need to see, not the HTTP library's "status code 400".
 */
function notifyProblem(err: unknown): string {
  const e = err as { message?: string; response?: { status?: number; data?: { errors?: Array<{ message?: string }> } } };
  const status = e.response?.status;
  const messages = (e.response?.data?.errors ?? []).map((x) => x.message).filter(Boolean);
  if (status) return `Notify ${status}${messages.length ? `: ${messages.join('; ')}` : ''}`;
  return e.message ?? String(err);
}
