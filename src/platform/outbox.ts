import type { Kysely } from 'kysely';
import type { Database, OutboxChannel, OutboxKind, OutboxRow, OutboxTable } from '../db/schema.ts';
import { newId } from './ids.ts';
import { readJson } from './json-column.ts';
import { z } from 'zod';
import { canSend, type Attachment, type Delivery, type SendableChannel } from './delivery/delivery.ts';
import { PermanentFailure } from './delivery/permanent-failure.ts';
import type { Executor } from '../db/connection.ts';
import { queueSupporterCopies, type SupporterReader } from './supporter-copies.ts';
import { heldUntilFor } from './digest-holds.ts';
import { readerLanguages, wordsIn, type MessageWords } from './message-languages.ts';
import type { AppLanguage } from './i18n.ts';

export type OutboxStatus = OutboxTable['status'];
export const outboxStatuses = [
  'pending',
  'sending',
  'sent',
  'failed',
  'held',
  'unknown',
  'to-print',
  'to-call',
  'digest',
] as const satisfies readonly OutboxStatus[];

export type OutgoingMessage = {
  organisationId: string | null;
  personId?: string | null;
  /** What the message is about, such as a meeting, so that page can list what was sent. */
  aboutId?: string | null;
  /** The project it is about, so the project's facilitators can read it and send it by hand. */
  projectId?: string | null;
  /** The person's name: a letter's first address line (kept for letters only). */
  recipientName?: string | null;
  kind?: OutboxKind;
  channel?: OutboxChannel;
  recipient: string;
  subject: string;
  bodyText: string;
  attachments?: Attachment[];
  /** The same key is queued once only: a repeated action cannot send the message twice. */
  dedupeKey?: string;
  /** When the message stops being worth sending, such as a sign-in link's expiry. */
  expiresAt?: Date | null;
  /** Set on a supporter's copy (supporter-copies.ts): the message it copies; a copy is not copied again. */
  copyOf?: string | null;
  /**
   * A supporter's copy worded to the supporter about the person, in the supporter's language and
   * format (issue 24); without it, a copy is the person's own words with the links taken out.
   */
  forSupporter?: (supporter: SupporterReader) => MessageWords;
};

/**
 * A message whose words are not written yet (issue 24): the outbox writes them in the
 * reader's language, or in both when Welsh is on and they have not chosen
 * (message-languages.ts). `compose` runs once for each language.
 */
export type UnwrittenMessage = Omit<OutgoingMessage, 'subject' | 'bodyText'> & {
  compose: () => MessageWords;
  /** Whose language, when the message is listed under nobody (a sign-in link is never on a person's record). */
  readerId?: string | null;
  /** The languages, when the sender already asked for everyone it writes to at once (notices.ts). */
  languages?: readonly AppLanguage[];
};

/** A message with its words, and how to write them again in another reader's language (a supporter's copy). */
export type WrittenMessage = OutgoingMessage & { compose?: () => MessageWords };

async function written(db: Executor, message: OutgoingMessage | UnwrittenMessage): Promise<WrittenMessage> {
  if (!('compose' in message) || !message.compose) return message as OutgoingMessage;
  const { compose, readerId, languages: known, ...rest } = message as UnwrittenMessage;
  const languages = known ?? (await readerLanguages(db, rest.organisationId, readerId ?? rest.personId ?? null));
  return { ...rest, ...wordsIn(languages, compose), compose };
}

/** Where a new message starts: sent by the delivery, or waiting for staff to act. */
export function firstStatus(channel: OutboxChannel, delivery: Delivery | null): OutboxStatus {
  if (canSend(delivery, channel)) return 'pending';
  if (channel === 'letter') return 'to-print';
  if (channel === 'phone') return 'to-call';
  return 'held';
}

/**
 * Written in the same transaction as the change that caused it. Returns the message's id,
 * or the id of the message already queued under the same dedupe key.
 */
export async function enqueue(
  db: Executor,
  toWrite: OutgoingMessage | UnwrittenMessage,
  now: Date,
  delivery: Delivery | null,
): Promise<string> {
  const message = await written(db, toWrite);
  const id = newId();
  const channel = message.channel ?? 'email';
  // The project's communication plan may hold it for a weekly or monthly digest (S4).
  const heldUntil = await heldUntilFor(db, message, now);
  const inserted = await db
    .insertInto('outbox')
    .values({
      id,
      organisation_id: message.organisationId,
      person_id: message.personId ?? null,
      about_id: message.aboutId ?? null,
      project_id: message.projectId ?? null,
      recipient_name: channel === 'letter' ? message.recipientName?.trim() || null : null,
      kind: message.kind ?? 'sign-in',
      channel,
      recipient: message.recipient,
      subject: message.subject,
      body_text: message.bodyText,
      attachments: JSON.stringify(message.attachments ?? []),
      dedupe_key: message.dedupeKey ?? null,
      expires_at: message.expiresAt?.toISOString() ?? null,
      status: heldUntil ? 'digest' : firstStatus(channel, delivery),
      held_until: heldUntil,
      attempts: 0,
      next_attempt_at: now.toISOString(),
      created_at: now.toISOString(),
    })
    // Inside the caller's transaction a failed insert would abort it on PostgreSQL, so a
    // repeat is skipped by the database rather than caught as an error.
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  const fresh = Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  // Supporters allowed copies get theirs in the same transaction (issue 17).
  if (fresh) await queueSupporterCopies(db, message, id, now, delivery, enqueue);
  if (fresh || !message.dedupeKey) return id;
  let existing = db.selectFrom('outbox').select('id').where('dedupe_key', '=', message.dedupeKey);
  existing =
    message.organisationId === null
      ? existing.where('organisation_id', 'is', null)
      : existing.where('organisation_id', '=', message.organisationId);
  const row = await existing.executeTakeFirst();
  if (!row) throw new Error('The dedupe key belongs to another organisation');
  return row.id;
}

export const maxAttempts = 5;
/** Minutes to wait after the nth failed attempt: 1, 4, 16, 64. */
export const retryDelayMinutes = (attempts: number) => 4 ** Math.max(0, attempts - 1);

const storedAttachments = z.array(z.object({ filename: z.string(), contentType: z.string(), content: z.string() }));

export function parseAttachments(json: string): Attachment[] {
  return readJson(storedAttachments, json || '[]', 'outbox.attachments');
}

/**
 * Sends what is due. A row is claimed by one guarded update before sending, so two
 * workers never send the same message; a crash mid-send leaves it 'sending', which
 * recoverInterrupted marks 'unknown' for staff to check instead of sending it again.
 */
export async function deliverDue(db: Kysely<Database>, delivery: Delivery, now: Date, batch = 20): Promise<number> {
  await expireDue(db, now);
  // After a change of configuration (Notify to SMTP, say) a waiting text stays waiting
  // rather than being handed to something that cannot send it.
  const channels = [...delivery.channels];
  if (channels.length === 0) return 0;
  const due = await db
    .selectFrom('outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .where('channel', 'in', channels)
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
      await delivery.send({
        id: row.id,
        channel: row.channel as SendableChannel,
        to: row.recipient,
        name: row.recipient_name,
        subject: row.subject,
        text: row.body_text,
        attachments: parseAttachments(row.attachments),
      });
      await db
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: now.toISOString(), last_error: null })
        .where('id', '=', row.id)
        .execute();
      sent++;
    } catch (err) {
      const attempts = row.attempts + 1;
      const refused = err instanceof PermanentFailure;
      const giveUp = refused || attempts >= maxAttempts;
      await db
        .updateTable('outbox')
        .set({
          status: giveUp ? 'failed' : 'pending',
          failure: refused ? 'refused' : null,
          last_error: String((err as Error)?.message ?? err).slice(0, 500),
          next_attempt_at: new Date(now.getTime() + retryDelayMinutes(attempts) * 60_000).toISOString(),
        })
        .where('id', '=', row.id)
        .execute();
    }
  }
  return sent;
}

/**
 * A message due (first time or again) after its expiry fails as 'expired' instead of going:
 * a sign-in link that has run out would only confuse the person who gets it.
 */
async function expireDue(db: Kysely<Database>, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .updateTable('outbox')
    .set({ status: 'failed', failure: 'expired' })
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', at)
    .where('expires_at', '<=', at)
    .execute();
}

export async function recoverInterrupted(db: Kysely<Database>): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'unknown', last_error: 'Stopped while sending: check before sending again' })
    .where('status', '=', 'sending')
    .execute();
}

/** What staff do by hand: print and post a letter, make a call, or pass on a message kept here. */
export const handledByStaff = ['to-print', 'to-call', 'held'] as const satisfies readonly OutboxStatus[];

/**
 * Staff printed and posted a letter, made a call, or sent a kept message themselves. False
 * when it was already done, or not theirs to do: another organisation's, another meeting's
 * (about), or not of their projects (projectIds).
 */
export async function markHandled(
  db: Executor,
  organisationId: string,
  id: string,
  now: Date,
  scope: { aboutId?: string; projectIds?: readonly string[] } = {},
): Promise<boolean> {
  if (scope.projectIds?.length === 0) return false;
  let update = db
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: now.toISOString() })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('status', 'in', handledByStaff);
  if (scope.aboutId) update = update.where('about_id', '=', scope.aboutId);
  if (scope.projectIds) update = update.where('project_id', 'in', scope.projectIds);
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The letters staff printed from the page they saw (its ids) are posted, in one update:
 * a letter written since, another organisation's or not of their projects stays to print.
 */
export async function markLettersPosted(
  db: Executor,
  organisationId: string,
  ids: readonly string[],
  now: Date,
  scope: { projectIds?: readonly string[] } = {},
): Promise<number> {
  if (ids.length === 0 || scope.projectIds?.length === 0) return 0;
  let update = db
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: now.toISOString() })
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', [...new Set(ids)])
    .where('channel', '=', 'letter')
    .where('status', '=', 'to-print');
  if (scope.projectIds) update = update.where('project_id', 'in', scope.projectIds);
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** projectIds: only messages about these projects (a facilitator's); none when it is empty. */
export type OutboxFilter = {
  status?: OutboxStatus;
  channel?: OutboxChannel;
  aboutId?: string;
  projectIds?: readonly string[];
};

function filtered(db: Executor, organisationId: string, filter: OutboxFilter) {
  let query = db.selectFrom('outbox').where('organisation_id', '=', organisationId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.channel) query = query.where('channel', '=', filter.channel);
  if (filter.aboutId) query = query.where('about_id', '=', filter.aboutId);
  if (filter.projectIds) {
    // "in ()" is not SQL: an empty list matches nothing (no message lacks an id).
    query = filter.projectIds.length ? query.where('project_id', 'in', filter.projectIds) : query.where('id', 'is', null);
  }
  return query;
}

export async function listOutbox(
  db: Executor,
  organisationId: string,
  filter: OutboxFilter = {},
  limit = 100,
  offset = 0,
): Promise<OutboxRow[]> {
  return (
    filtered(db, organisationId, filter)
      .selectAll()
      // Both keys the same way round, so the outbox_org_*_created indexes give the page unsorted.
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute()
  );
}

export async function countOutbox(db: Executor, organisationId: string, filter: OutboxFilter = {}): Promise<number> {
  const row = await filtered(db, organisationId, filter)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** countOutbox's count, to be asked with others (platform/counts.ts). */
export const outboxCount = (db: Executor, organisationId: string, filter: OutboxFilter = {}) =>
  filtered(db, organisationId, filter).select((eb) => eb.fn.countAll<number>().as('n'));

export async function findOutboxMessage(
  db: Executor,
  organisationId: string,
  id: string,
  scope: Pick<OutboxFilter, 'projectIds'> = {},
): Promise<OutboxRow | undefined> {
  return filtered(db, organisationId, scope).selectAll().where('id', '=', id).executeTakeFirst();
}
