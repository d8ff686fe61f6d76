import type { Executor } from '../db/connection.ts';
import type { OutboxChannel, OutboxKind } from '../db/schema.ts';
import type { Delivery } from './delivery/delivery.ts';
import { makeTranslator } from './i18n.ts';
import type { MessageWords } from './message-languages.ts';
import type { OutgoingMessage, UnwrittenMessage, WrittenMessage } from './outbox.ts';

/**
 * Copies of messages for supporters (issue 17, decision 0018). Every message to a person
 * passes through the outbox, so the copy is written there, in the same transaction as the
 * message: a supporter allowed copies can never miss one, nor get one twice (its own
 * dedupe key). This is the one read of the supporters table outside its module.
 *
 * Sign-in links and codes, and statements, are the person's alone and never copied. A copy
 * keeps the message's words but not its web addresses or reply codes: those let whoever
 * holds them answer as the person, unnamed; a supporter who may act does so signed in, so
 * the record says "(supporter) for (person)".
 */
export const copiedKinds: readonly OutboxKind[] = [
  'invitation',
  'reminder',
  'summary',
  'change',
  'cancellation',
  'vote-invitation',
  'vote-reminder',
  'decision',
  'decision-update',
  'survey',
  'timebank',
  'access-review',
  'papers',
  'time-poll',
];

const t = makeTranslator('en');

/**
 * Who a copy is for, so that its sender can word it to them (`forSupporter` on the message):
 * "Dennis Whitfield is invited", not the person's own "You are invited" (issue 24).
 */
export type SupporterReader = {
  name: string;
  channel: OutboxChannel;
  /** They may reply for the person (issue 17): signed in, or by telling staff. */
  mayReply: boolean;
  /** They have an account here, so they can sign in to act for the person. */
  signsIn: boolean;
  /** They read in easy read (their own setting). */
  easyRead: boolean;
};
const codeAlphabet = '[346789ABCDEFGHJKMNPQRTUVWXY]';
const spacedCode = new RegExp(`\\b${codeAlphabet}{3} ${codeAlphabet}{3}\\b`, 'g');

/** The message's words without anything that would let the holder answer as the person. */
export function withoutPersonalLinks(text: string): string {
  return text.replace(/https?:\/\/\S+/g, t('supporters:copy.linkRemoved')).replace(spacedCode, t('supporters:copy.codeRemoved'));
}

type Target = { channel: OutboxChannel; recipient: string; name: string };

/** Where a supporter's copy goes: their own record's email, mobile or address, or the contact staff keep for them. */
function targetOf(row: {
  supporter_person_id: string | null;
  contact_name: string | null;
  contact_channel: string | null;
  contact_email: string | null;
  contact_mobile: string | null;
  contact_address: string | null;
  sp_name: string | null;
  sp_email: string | null;
  sp_mobile: string | null;
  sp_landline: string | null;
  sp_address: string | null;
}): Target | null {
  if (row.supporter_person_id) {
    const name = row.sp_name ?? '';
    if (row.sp_email) return { channel: 'email', recipient: row.sp_email, name };
    if (row.sp_mobile) return { channel: 'text', recipient: row.sp_mobile, name };
    if (row.sp_address) return { channel: 'letter', recipient: row.sp_address, name };
    if (row.sp_landline) return { channel: 'phone', recipient: row.sp_landline, name };
    return null;
  }
  const name = row.contact_name ?? '';
  if (row.contact_channel === 'email' && row.contact_email) return { channel: 'email', recipient: row.contact_email, name };
  if (row.contact_channel === 'text' && row.contact_mobile) return { channel: 'text', recipient: row.contact_mobile, name };
  if (row.contact_channel === 'phone' && row.contact_mobile) return { channel: 'phone', recipient: row.contact_mobile, name };
  if (row.contact_channel === 'letter' && row.contact_address) return { channel: 'letter', recipient: row.contact_address, name };
  return null;
}

type Enqueue = (db: Executor, message: OutgoingMessage | UnwrittenMessage, now: Date, delivery: Delivery | null) => Promise<string>;

/** Queues a copy of one message (just queued with id `messageId`) for each current supporter allowed copies. */
export async function queueSupporterCopies(
  db: Executor,
  message: WrittenMessage,
  messageId: string,
  now: Date,
  delivery: Delivery | null,
  enqueue: Enqueue,
): Promise<void> {
  if (!message.personId || !message.organisationId || message.copyOf || !copiedKinds.includes(message.kind ?? 'sign-in')) return;
  const rows = await db
    .selectFrom('supporters as s')
    .innerJoin('people as p', (j) => j.onRef('p.id', '=', 's.person_id').onRef('p.organisation_id', '=', 's.organisation_id'))
    .leftJoin('people as sp', (j) => j.onRef('sp.id', '=', 's.supporter_person_id').onRef('sp.organisation_id', '=', 's.organisation_id'))
    .where('s.organisation_id', '=', message.organisationId)
    .where('s.person_id', '=', message.personId)
    .where('s.ended_at', 'is', null)
    .where('s.may_copies', '=', 1)
    .select([
      's.id',
      's.supporter_person_id',
      's.contact_name',
      's.contact_channel',
      's.contact_email',
      's.contact_mobile',
      's.contact_address',
      's.may_reply',
      'p.full_name as person_name',
      'sp.full_name as sp_name',
      'sp.email as sp_email',
      'sp.mobile as sp_mobile',
      'sp.landline as sp_landline',
      'sp.address as sp_address',
    ])
    .execute();
  // The copy is in the supporter's language (issue 24): the words around it always, and the
  // message itself too when its sender left it to the outbox to write.
  const original: () => MessageWords = message.compose ?? (() => ({ subject: message.subject, bodyText: message.bodyText }));
  const { forSupporter } = message;
  const readers = forSupporter
    ? await readersAmong(db, message.organisationId, rows)
    : { easyRead: new Set<string>(), signIn: new Set<string>() };
  for (const row of rows) {
    const target = targetOf(row);
    if (!target) continue;
    const vars = { name: target.name, person: row.person_name };
    const reader: SupporterReader = {
      name: target.name,
      channel: target.channel,
      mayReply: Number(row.may_reply) === 1,
      signsIn: row.supporter_person_id !== null && readers.signIn.has(row.supporter_person_id),
      easyRead: row.supporter_person_id !== null && readers.easyRead.has(row.supporter_person_id),
    };
    await enqueue(
      db,
      {
        organisationId: message.organisationId,
        personId: row.supporter_person_id,
        aboutId: message.aboutId ?? null,
        projectId: message.projectId ?? null,
        recipientName: target.name,
        kind: message.kind,
        channel: target.channel,
        recipient: target.recipient,
        compose: () => {
          // Words the sender wrote for a supporter carry none of the person's links or codes.
          if (forSupporter) return forSupporter(reader);
          const words = original();
          return {
            subject: t('supporters:copy.subject', { ...vars, subject: words.subject }),
            bodyText: `${t('supporters:copy.opening', vars)}\n\n${withoutPersonalLinks(words.bodyText + (words.after ?? ''))}`,
          };
        },
        dedupeKey: `supporter-copy:${messageId}:${row.id}`,
        expiresAt: message.expiresAt ?? null,
        copyOf: messageId,
      },
      now,
      delivery,
    );
  }
}

/**
 * Which supporters read in easy read and which can sign in, for a copy written to them (two
 * queries, however many supporters). Like the language tables in message-languages.ts, read
 * here because every copy passes through.
 */
async function readersAmong(
  db: Executor,
  organisationId: string,
  rows: ReadonlyArray<{ supporter_person_id: string | null }>,
): Promise<{ easyRead: Set<string>; signIn: Set<string> }> {
  const ids = rows.flatMap((r) => (r.supporter_person_id ? [r.supporter_person_id] : []));
  if (ids.length === 0) return { easyRead: new Set(), signIn: new Set() };
  const easyRead = await db
    .selectFrom('easy_read_readers')
    .select('person_id')
    .where('organisation_id', '=', organisationId)
    .where('person_id', 'in', ids)
    .execute();
  const signIn = await db
    .selectFrom('accounts')
    .select('person_id')
    .where('organisation_id', '=', organisationId)
    .where('person_id', 'in', ids)
    .where('active', '=', 1)
    .execute();
  return { easyRead: new Set(easyRead.map((r) => r.person_id)), signIn: new Set(signIn.map((r) => r.person_id)) };
}
