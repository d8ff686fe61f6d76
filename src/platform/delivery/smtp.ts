import nodemailer from 'nodemailer';
import type { Attachment, Delivery } from './delivery.ts';

/** Email through any SMTP server. Attachments go as real MIME parts. */
export function smtpDelivery(smtpUrl: string, from: string): Delivery {
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    kind: 'smtp',
    channels: new Set(['email']),
    async send({ id, channel, to, subject, text, attachments }) {
      if (channel !== 'email') throw new Error(`SMTP cannot send a ${channel}`);
      await transporter.sendMail({
        from,
        to,
        subject,
        text,
        // A stable Message-ID lets a mail system spot the same message if it ever came twice.
        messageId: `<${id}@coproduce.outbox>`,
        attachments: attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: mimeTypeOf(a) })),
      });
    },
  };
}

/**
 * Mail programs offer "accept or decline" only when a calendar part names its iTIP method
 * in the Content-Type, and act wrongly when it disagrees with the file (a cancellation
 * sent as a request), so the method is always copied from the file's own METHOD line.
 */
export function mimeTypeOf(a: Attachment): string {
  const isCalendar = a.contentType.startsWith('text/calendar') || a.filename.toLowerCase().endsWith('.ics');
  const method = isCalendar ? /^METHOD:([A-Z-]+)\r?$/m.exec(a.content)?.[1] : undefined;
  if (!isCalendar || !method) return a.contentType;
  return `text/calendar; charset=utf-8; method=${method}`;
}
