import nodemailer from 'nodemailer';
import type { Attachment, Delivery } from './delivery.ts';
import { PermanentFailure } from './permanent-failure.ts';

/**
 * Email through any SMTP server. A calendar invitation goes as nodemailer's icalEvent: a
 * text/calendar part beside the text, which Outlook and Gmail show as an invitation (a
 * plain .ics attachment shows as a file). Other attachments go as ordinary MIME parts.
 */
export function smtpDelivery(smtpUrl: string, from: string): Delivery {
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    kind: 'smtp',
    channels: new Set(['email']),
    async send({ id, channel, to, subject, text, attachments }) {
      if (channel !== 'email') throw new Error(`SMTP cannot send a ${channel}`);
      const invitation = attachments.find((a) => calendarMethodOf(a));
      const others = attachments.filter((a) => a !== invitation);
      await transporter
        .sendMail({
          from,
          to,
          subject,
          text,
          // A stable Message-ID lets a mail system spot the same message if it ever came twice.
          messageId: `<${id}@coproduce.outbox>`,
          ...(invitation
            ? { icalEvent: { method: calendarMethodOf(invitation), filename: invitation.filename, content: invitation.content } }
            : {}),
          attachments: others.map((a) => ({ filename: a.filename, content: a.content, contentType: mimeTypeOf(a) })),
        })
        .catch(finalRefusal);
    },
  };
}

/**
 * A 5xx reply is the mail server's final no ("550 No such user"): a PermanentFailure, so the
 * message is not tried again. 4xx replies ("451 try again later") and network errors pass as
 * they are, to be tried again.
 */
function finalRefusal(err: unknown): never {
  const code = (err as { responseCode?: unknown } | null)?.responseCode;
  if (typeof code === 'number' && code >= 500 && code < 600) throw new PermanentFailure((err as Error).message, { cause: err });
  throw err;
}

/** The iTIP method (REQUEST, CANCEL...) of a calendar file, read from its own METHOD line. */
function calendarMethodOf(a: Attachment): string | undefined {
  const isCalendar = a.contentType.startsWith('text/calendar') || a.filename.toLowerCase().endsWith('.ics');
  return isCalendar ? /^METHOD:([A-Z-]+)\r?$/m.exec(a.content)?.[1] : undefined;
}

/**
 * Mail programs offer "accept or decline" only when a calendar part names its iTIP method
 * in the Content-Type, and act wrongly when it disagrees with the file (a cancellation
 * sent as a request), so the method is always copied from the file's own METHOD line.
 */
export function mimeTypeOf(a: Attachment): string {
  const method = calendarMethodOf(a);
  return method ? `text/calendar; charset=utf-8; method=${method}` : a.contentType;
}
