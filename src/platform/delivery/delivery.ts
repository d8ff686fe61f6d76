import type { Config } from '../../config.ts';
import { smtpDelivery } from './smtp.ts';
import { notifyDelivery } from './notify.ts';
import { twilioDelivery } from './twilio.ts';

/** Channels something outside the app can deliver. Phone calls are always made by staff. */
export type SendableChannel = 'email' | 'text' | 'letter';

/** A file sent with a message, such as a calendar invitation; content is UTF-8 text. */
export type Attachment = { filename: string; contentType: string; content: string };

export type OutgoingDelivery = {
  /** The outbox id, passed on (Message-ID, Notify reference) so a message can be traced. */
  id: string;
  channel: SendableChannel;
  /** An email address, a mobile number, or a postal address (lines split by newlines or commas). */
  to: string;
  /** Whom a letter is addressed to, its first address line; null when not known. */
  name?: string | null;
  subject: string;
  text: string;
  attachments: Attachment[];
};

/** What actually sends messages. Only the outside world is swapped in tests. */
export type Delivery = {
  /** makeDelivery gives null rather than a 'local' delivery; the name is kept for stand-ins. */
  kind: 'local' | 'smtp' | 'notify' | 'twilio';
  /** What this adapter can send; anything else waits in the app for staff. */
  channels: ReadonlySet<SendableChannel>;
  send(message: OutgoingDelivery): Promise<void>;
};

/**
 * The delivery the configuration asks for. Null means local: nothing leaves the app, and
 * every message stays readable under "Messages sent", so demos need no mail server.
 */
export function makeDelivery(config: Pick<Config, 'delivery' | 'mailFrom'> & Partial<Pick<Config, 'sms'>>): Delivery | null {
  const main = mainDelivery(config);
  return config.sms ? withTexts(main, twilioDelivery(config.sms)) : main;
}

function mainDelivery(config: Pick<Config, 'delivery' | 'mailFrom'>): Delivery | null {
  const d = config.delivery;
  switch (d.kind) {
    case 'local':
      return null;
    case 'smtp':
      return smtpDelivery(d.url, config.mailFrom);
    case 'notify':
      return notifyDelivery(d);
  }
}

/**
 * Email and letters by the main delivery, texts by a texts-only provider (Twilio). Named
 * after the main one, since that is what staff are told about email ("no mail server").
 */
function withTexts(main: Delivery | null, texts: Delivery): Delivery {
  return {
    kind: main?.kind ?? 'local',
    channels: new Set([...(main?.channels ?? []), ...texts.channels]),
    send: (message) => (message.channel === 'text' || !main ? texts.send(message) : main.send(message)),
  };
}

/** Whether a message on this channel can go out now, rather than wait for staff. */
export const canSend = (delivery: Delivery | null, channel: string): boolean => Boolean(delivery?.channels.has(channel as SendableChannel));
