import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SmsConfig } from '../../config.ts';
import type { Delivery, SendableChannel } from './delivery.ts';
import { PermanentFailure } from './permanent-failure.ts';
import { internationalNumber } from './phone-number.ts';

/**
 * Twilio's answers that no retry can change: 400 (a number it cannot text, a body it
 * refuses), 401 and 403 (the account or token is wrong), 404 (no such account). 429, 5xx
 * and network errors pass, so the outbox tries again later.
 */
const refusedForGood = new Set([400, 401, 403, 404]);

const textsOnly: ReadonlySet<SendableChannel> = new Set(['text']);

/**
 * Texts through Twilio's Messages API, for care providers and charities that GOV.UK Notify
 * does not serve: POST /2010-04-01/Accounts/{sid}/Messages.json with basic auth and a
 * form-encoded To, From (or MessagingServiceSid) and Body.
 */
export function twilioDelivery(config: SmsConfig): Delivery {
  const url = `${config.baseUrl}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString('base64')}`;
  return {
    kind: 'twilio',
    channels: textsOnly,
    async send({ channel, to, text }) {
      if (channel !== 'text') throw new PermanentFailure(`Twilio cannot send ${channel}`);
      const number = internationalNumber(to);
      if (!number) throw new PermanentFailure(`Twilio: "${to}" is not a mobile number`);
      const form = new URLSearchParams({ To: number, Body: text });
      form.set(config.from.startsWith('MG') ? 'MessagingServiceSid' : 'From', config.from);
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
          body: form.toString(),
          signal: AbortSignal.timeout(config.timeoutMs),
        });
      } catch (err) {
        const e = err as Error;
        if (e.name === 'TimeoutError') throw new Error(`Twilio did not answer within ${config.timeoutMs / 1000} seconds`, { cause: err });
        const cause = (e.cause as { code?: string } | undefined)?.code;
        throw new Error(`Twilio could not be reached${cause ? ` (${cause})` : ''}`, { cause: err });
      }
      if (response.ok) return;
      const problem = `Twilio ${response.status}${await twilioMessage(response)}`;
      if (refusedForGood.has(response.status)) throw new PermanentFailure(problem);
      throw new Error(problem);
    },
  };
}

/** Twilio explains a refusal in its JSON body ({ code, message }); staff need those words. */
async function twilioMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { code?: unknown; message?: unknown };
    const message = typeof body.message === 'string' ? body.message : '';
    const code = typeof body.code === 'number' ? ` (error ${body.code})` : '';
    return message ? `: ${message}${code}` : '';
  } catch {
    return '';
  }
}

/**
 * Twilio's signature of a webhook request: HMAC-SHA1, keyed by the auth token, of the full
 * URL Twilio called followed by each POST parameter's name and value, sorted by name;
 * base64. See https://www.twilio.com/docs/usage/webhooks/webhooks-security.
 */
export function twilioSignature(authToken: string, url: string, params: ReadonlyArray<[string, string]>): string {
  const sorted = [...params].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const data = url + sorted.map(([name, value]) => name + value).join('');
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** Whether a webhook request really came from Twilio, compared in constant time. */
export function isSignedByTwilio(
  authToken: string,
  url: string,
  params: ReadonlyArray<[string, string]>,
  signature: string | undefined,
): boolean {
  if (!signature) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
