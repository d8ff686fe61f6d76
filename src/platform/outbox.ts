import nodemailer from 'nodemailer';
import type { Kysely, Transaction } from 'kysely';
import type { Database, OutboxRow } from '../db/schema.ts';
import { newId } from './ids.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export type OutgoingMessage = {
  organisationId: string | null;
  recipient: string;
  subject: string;
  bodyText: string;
};

/** What actually delivers a message. Only the outside world is swapped in tests. */
export type MailTransport = {
  send(message: { id: string; to: string; subject: string; text: string }): Promise<void>;
};

export function smtpTransport(smtpUrl: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    async send({ id, to, subject, text }) {
      // A stable Message-ID lets a mail system spot the same message if it ever came twice.
      await transporter.sendMail({ from, to, subject, text, messageId: `<${id}@coproduce.outbox>` });
    },
  };
}

/**
 * Written in the same transaction as the change that caused it. With no transport the
 * message is held, readable by admins in the app, so demos need no mail server.
 */
export async function enqueue(db: Executor, message: OutgoingMessage, now: Date, deliverable: boolean): Promise<string> {
  const id = newId();
  await db
    .insertInto('outbox')
    .values({
      id,
      organisation_id: message.organisationId,
      channel: 'email',
      recipient: message.recipient,
      subject: message.subject,
      body_text: message.bodyText,
      status: deliverable ? 'pending' : 'held',
      attempts: 0,
      next_attempt_at: now.toISOString(),
      created_at: now.toISOString(),
    })
    .execute();
  return id;
}

export const maxAttempts = 5;
/** Minutes to wait after the nth failed attempt: 1, 4, 16, 64. */
export const retryDelayMinutes = (attempts: number) => 4 ** Math.max(0, attempts - 1);

/**
 * Sends what is due. A row is claimed by one guarded update before sending, so two
 * workers never send the same message; a crash mid-send leaves it 'sending', which
 * recoverInterrupted marks 'unknown' for staff to check instead of sending it again.
 */
export async function deliverDue(db: Kysely<Database>, transport: MailTransport, now: Date, batch = 20): Promise<number> {
  const due = await db
    .selectFrom('outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now.toISOString())
    .orderBy('created_at')
    .limit(batch)
    .execute();
  let sent = 0;
  for (const row of due) {
    const claimed = await db
      .updateTable('outbox')
      .set({ status: 'sending', attempts: row.attempts + 1 })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    try {
      await transport.send({ id: row.id, to: row.recipient, subject: row.subject, text: row.body_text });
      await db.updateTable('outbox').set({ status: 'sent', sent_at: now.toISOString(), last_error: null }).where('id', '=', row.id).execute();
      sent++;
    } catch (err) {
      const attempts = row.attempts + 1;
      const giveUp = attempts >= maxAttempts;
      await db
        .updateTable('outbox')
        .set({
          status: giveUp ? 'failed' : 'pending',
          last_error: String((err as Error)?.message ?? err).slice(0, 500),
          next_attempt_at: new Date(now.getTime() + retryDelayMinutes(attempts) * 60_000).toISOString(),
        })
        .where('id', '=', row.id)
        .execute();
    }
  }
  return sent;
}

export async function recoverInterrupted(db: Kysely<Database>): Promise<void> {
  await db.updateTable('outbox').set({ status: 'unknown', last_error: 'Stopped while sending: check before sending again' }).where('status', '=', 'sending').execute();
}

export async function listOutbox(db: Kysely<Database>, organisationId: string, limit = 100): Promise<OutboxRow[]> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function findOutboxMessage(db: Kysely<Database>, organisationId: string, id: string): Promise<OutboxRow | undefined> {
  return db.selectFrom('outbox').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}
