import type { Db } from '../../db/connection.ts';
import type { OutboxChannel, OutboxFailure, OutboxKind, OutboxRow } from '../../db/schema.ts';
import type { CurrentUser } from '../../platform/auth.ts';
import { Forbidden, NotFound } from '../../platform/errors.ts';
import type { Page } from '../../platform/pagination.ts';
import type { Clock } from '../../platform/time.ts';
import { letterAddressLines } from '../../platform/delivery/address.ts';
import {
  countOutbox,
  findOutboxMessage,
  handledByStaff,
  listOutbox,
  markHandled,
  markLettersPosted,
  parseAttachments,
  type OutboxFilter,
  type OutboxStatus,
} from '../../platform/outbox.ts';
import type { ProjectService } from '../projects/service.ts';

/** A message as staff see it: what, to whom, how, and where it has got to. */
export type OutboxMessage = {
  id: string;
  channel: OutboxChannel;
  kind: OutboxKind;
  status: OutboxStatus;
  recipient: string;
  /** For letters the person's name and then their address, a line each; the recipient alone otherwise. */
  recipientLines: string[];
  subject: string;
  bodyText: string;
  /**
   * A sign-in link or code: its owner's alone, so nobody else reads it here, admins
   * included (decision 0016). Its subject and body are empty; its status and channel show.
   */
  secret: boolean;
  attempts: number;
  lastError: string | null;
  /** Why a failed message will not be tried again (refused, expired); null after every try failed. */
  failure: OutboxFailure | null;
  /** Only while a failed send waits to be tried again. */
  nextTryAt: string | null;
  createdAt: string;
  sentAt: string | null;
  attachmentNames: string[];
  /** Waiting for staff: a letter to post, a call to make, or a message to pass on by hand. */
  staffToAct: boolean;
};

/** Who is looking: admins see every message of their organisation, facilitators their projects'. */
export type OutboxViewer = Pick<CurrentUser, 'organisationId' | 'personId' | 'role'>;

function toMessage(row: OutboxRow): OutboxMessage {
  const secret = row.kind === 'sign-in';
  return {
    id: row.id,
    channel: row.channel,
    kind: row.kind,
    status: row.status,
    recipient: row.recipient,
    recipientLines: row.channel === 'letter' ? letterAddressLines(row.recipient_name, row.recipient) : [row.recipient],
    subject: secret ? '' : row.subject,
    bodyText: secret ? '' : row.body_text,
    secret,
    attempts: row.attempts,
    lastError: row.last_error,
    failure: row.status === 'failed' ? row.failure : null,
    nextTryAt: row.status === 'pending' && row.attempts > 0 ? row.next_attempt_at : null,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    attachmentNames: parseAttachments(row.attachments).map((a) => a.filename),
    // Nobody can pass on by hand what they may not read.
    staffToAct: !secret && (handledByStaff as readonly OutboxStatus[]).includes(row.status),
  };
}

const lettersToPrint: OutboxFilter = { status: 'to-print', channel: 'letter' };
/** More than anyone would print at once; the rest show after these are posted. */
const lettersPerPrint = 200;

export function makeOutboxService({ db, now, projects }: { db: Db; now: Clock; projects: Pick<ProjectService, 'projectIdsOf'> }) {
  /**
   * Whoever is told a message waits must be able to read it: admins every message of their
   * organisation, facilitators those about the projects they are in (a meeting's, a vote's,
   * a decision's, a survey's). Nobody sees another organisation's.
   */
  async function scopeOf(viewer: OutboxViewer): Promise<Pick<OutboxFilter, 'projectIds'>> {
    if (viewer.role === 'admin') return {};
    if (viewer.role === 'facilitator') return { projectIds: await projects.projectIdsOf(viewer.organisationId, viewer.personId) };
    throw new Forbidden();
  }

  return {
    /** One page of the messages this viewer may see, newest first, and how many in all. */
    async page(
      viewer: OutboxViewer,
      filter: Pick<OutboxFilter, 'status'>,
      page: Page,
    ): Promise<{ messages: OutboxMessage[]; total: number }> {
      const where = { ...filter, ...(await scopeOf(viewer)) };
      const [rows, total] = await Promise.all([
        listOutbox(db, viewer.organisationId, where, page.limit, page.offset),
        countOutbox(db, viewer.organisationId, where),
      ]);
      return { messages: rows.map(toMessage), total };
    },

    async get(viewer: OutboxViewer, id: string): Promise<OutboxMessage> {
      const row = await findOutboxMessage(db, viewer.organisationId, id, await scopeOf(viewer));
      if (!row) throw new NotFound();
      return toMessage(row);
    },

    async lettersToPrint(viewer: OutboxViewer): Promise<OutboxMessage[]> {
      const where = { ...lettersToPrint, ...(await scopeOf(viewer)) };
      return (await listOutbox(db, viewer.organisationId, where, lettersPerPrint)).map(toMessage);
    },

    async countLettersToPrint(viewer: OutboxViewer): Promise<number> {
      return countOutbox(db, viewer.organisationId, { ...lettersToPrint, ...(await scopeOf(viewer)) });
    },

    /** Marks the letters staff printed and posted; anything else in the list is left alone. */
    async markLettersPosted(viewer: OutboxViewer, ids: readonly string[]): Promise<number> {
      return markLettersPosted(db, viewer.organisationId, ids, now(), await scopeOf(viewer));
    },

    /** A letter posted, a call made or a kept message sent by hand. False when already done, or not theirs to do. */
    async markHandled(viewer: OutboxViewer, id: string): Promise<boolean> {
      return markHandled(db, viewer.organisationId, id, now(), await scopeOf(viewer));
    },
  };
}

export type OutboxService = ReturnType<typeof makeOutboxService>;
