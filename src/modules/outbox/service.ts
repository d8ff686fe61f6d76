import type { Db } from '../../db/connection.ts';
import type { OutboxChannel, OutboxFailure, OutboxKind, OutboxRow } from '../../db/schema.ts';
import { NotFound } from '../../platform/errors.ts';
import type { Clock } from '../../platform/time.ts';
import { addressLines } from '../../platform/delivery/address.ts';
import {
  countOutbox,
  findOutboxMessage,
  listOutbox,
  markHandled,
  parseAttachments,
  type OutboxFilter,
  type OutboxStatus,
} from '../../platform/outbox.ts';

/** A message as staff see it: what, to whom, how, and where it has got to. */
export type OutboxMessage = {
  id: string;
  channel: OutboxChannel;
  kind: OutboxKind;
  status: OutboxStatus;
  recipient: string;
  /** The address split into lines, for letters; the recipient alone otherwise. */
  recipientLines: string[];
  subject: string;
  bodyText: string;
  attempts: number;
  lastError: string | null;
  /** Why a failed message will not be tried again (refused, expired); null after every try failed. */
  failure: OutboxFailure | null;
  /** Only while a failed send waits to be tried again. */
  nextTryAt: string | null;
  createdAt: string;
  sentAt: string | null;
  attachmentNames: string[];
};

function toMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    channel: row.channel,
    kind: row.kind,
    status: row.status,
    recipient: row.recipient,
    recipientLines: row.channel === 'letter' ? addressLines(row.recipient) : [row.recipient],
    subject: row.subject,
    bodyText: row.body_text,
    attempts: row.attempts,
    lastError: row.last_error,
    failure: row.status === 'failed' ? row.failure : null,
    nextTryAt: row.status === 'pending' && row.attempts > 0 ? row.next_attempt_at : null,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    attachmentNames: parseAttachments(row.attachments).map((a) => a.filename),
  };
}

const lettersToPrint: OutboxFilter = { status: 'to-print', channel: 'letter' };
/** More than anyone would print at once; the rest show after these are posted. */
const lettersPerPrint = 200;

export function makeOutboxService({ db, now }: { db: Db; now: Clock }) {
  return {
    async list(organisationId: string, filter: OutboxFilter = {}): Promise<OutboxMessage[]> {
      return (await listOutbox(db, organisationId, filter)).map(toMessage);
    },

    async get(organisationId: string, id: string): Promise<OutboxMessage> {
      const row = await findOutboxMessage(db, organisationId, id);
      if (!row) throw new NotFound();
      return toMessage(row);
    },

    async lettersToPrint(organisationId: string): Promise<OutboxMessage[]> {
      return (await listOutbox(db, organisationId, lettersToPrint, lettersPerPrint)).map(toMessage);
    },

    async countLettersToPrint(organisationId: string): Promise<number> {
      return countOutbox(db, organisationId, lettersToPrint);
    },

    /** Marks the letters staff printed and posted; anything else in the list is left alone. */
    async markLettersPosted(organisationId: string, ids: readonly string[]): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const waiting = new Set((await listOutbox(trx, organisationId, lettersToPrint, 10_000)).map((r) => r.id));
        let posted = 0;
        for (const id of new Set(ids)) if (waiting.has(id) && (await markHandled(trx, organisationId, id, now()))) posted++;
        return posted;
      });
    },

    /** A letter posted or a call made. False when it was already done, or not staff's to do. */
    async markHandled(organisationId: string, id: string): Promise<boolean> {
      return markHandled(db, organisationId, id, now());
    },
  };
}

export type OutboxService = ReturnType<typeof makeOutboxService>;
