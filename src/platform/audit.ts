import type { Executor } from '../db/connection.ts';
import type { Actor } from './auth.ts';
import type { Clock } from './time.ts';
import { newId } from './ids.ts';

export type AuditEntry = {
  organisationId: string;
  actorPersonId: string | null;
  /** Set when staff act for someone who is not signed in. */
  onBehalfOfPersonId?: string | null;
  subjectType:
    | 'person'
    | 'access-needs'
    | 'project'
    | 'account'
    | 'organisation'
    | 'agreement'
    | 'meeting'
    | 'rewards'
    | 'benefits'
    | 'claim'
    | 'timebank'
    | 'proposal'
    | 'decision'
    | 'improvement-action'
    | 'lesson'
    | 'outcome'
    | 'survey'
    | 'story'
    | 'review'
    | 'time-poll'
    | 'equality'
    | 'safeguarding-concern'
    | 'safeguarding-settings'
    | 'risk'
    | 'charter'
    | 'community-group'
    | 'outreach'
    | 'communication-plan'
    | 'staff-time'
    | 'buddy-pairing'
    | 'commissioning'
    | 'learn';
  subjectId: string;
  action: string;
  /** Field names only for sensitive records; never their values. */
  changes?: ReadonlyArray<{ field: string; from?: unknown; to?: unknown }>;
  at: Date;
};

const auditRow = (entry: AuditEntry) => ({
  id: newId(),
  organisation_id: entry.organisationId,
  at: entry.at.toISOString(),
  actor_person_id: entry.actorPersonId,
  on_behalf_of_person_id: entry.onBehalfOfPersonId ?? null,
  subject_type: entry.subjectType,
  subject_id: entry.subjectId,
  action: entry.action,
  changes: JSON.stringify(entry.changes ?? []),
});

export async function writeAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await writeAudits(db, [entry]);
}

/** Rows a statement carries at most: 9 values a row stays far below either database's limit. */
const rowsPerInsert = 1000;

/** Many entries in one insert (a page that shows 200 people's needs writes one statement, not 200). */
export async function writeAudits(db: Executor, entries: readonly AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += rowsPerInsert)
    await db
      .insertInto('audit_log')
      .values(entries.slice(i, i + rowsPerInsert).map(auditRow))
      .execute();
}

/** Which fields differ between two versions of a record, for the audit log. */
export function diffFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
  opts: { hideValues?: boolean } = {},
): Array<{ field: string; from?: unknown; to?: unknown }> {
  const changes: Array<{ field: string; from?: unknown; to?: unknown }> = [];
  for (const [field, to] of Object.entries(after)) {
    const from = before[field];
    if (JSON.stringify(from ?? null) === JSON.stringify(to ?? null)) continue;
    changes.push(opts.hideValues ? { field } : { field, from: from ?? null, to: to ?? null });
  }
  return changes;
}

export type AuditChange = { field: string; from?: unknown; to?: unknown };

/**
 * A module's audit writer for one kind of record: who acted, on which record, what they
 * did and what changed, at the clock's now; on someone's behalf when staff act for them.
 * Pass the transaction of the change, so the change and its history are kept together.
 */
export function auditWriter(db: Executor, now: Clock, subjectType: AuditEntry['subjectType']) {
  return (
    actor: Actor,
    subjectId: string,
    action: string,
    changes?: readonly AuditChange[],
    onBehalfOf: string | null = null,
    within: Executor = db,
  ) =>
    writeAudit(within, {
      organisationId: actor.organisationId,
      actorPersonId: actor.personId,
      onBehalfOfPersonId: onBehalfOf,
      subjectType,
      subjectId,
      action,
      changes,
      at: now(),
    });
}

/** One thing someone was shown or sent: whose record (or which file), and how. */
export type AuditRead = { subjectType: AuditEntry['subjectType']; subjectId: string; action: string; changes?: readonly AuditChange[] };

/**
 * The same kind of record of several people was shown, one read each. A person's own
 * record is theirs to see, so their own look is left out, as when they open it themselves.
 */
export function readsOfPeople(
  actor: Actor,
  subjectType: AuditEntry['subjectType'],
  action: string,
  personIds: Iterable<string>,
): AuditRead[] {
  return [...new Set(personIds)].filter((id) => id !== actor.personId).map((subjectId) => ({ subjectType, subjectId, action }));
}

/**
 * Reads of sensitive data, whichever page or file shows it: who saw or took what, about
 * whom, at the clock's now. Everything one request showed goes in one insert, so a page
 * that names many people costs one statement however many it names.
 */
export function readsLog({ db, now }: { db: Executor; now: Clock }) {
  return {
    async record(actor: Actor, reads: readonly AuditRead[]): Promise<void> {
      if (reads.length === 0) return;
      const at = now();
      await writeAudits(
        db,
        reads.map((read) => ({ organisationId: actor.organisationId, actorPersonId: actor.personId, ...read, at })),
      );
    },
  };
}

export type ReadsLog = ReturnType<typeof readsLog>;
