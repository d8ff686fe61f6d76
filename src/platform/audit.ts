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
    | 'review';
  subjectId: string;
  action: string;
  /** Field names only for sensitive records; never their values. */
  changes?: ReadonlyArray<{ field: string; from?: unknown; to?: unknown }>;
  at: Date;
};

export async function writeAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      organisation_id: entry.organisationId,
      at: entry.at.toISOString(),
      actor_person_id: entry.actorPersonId,
      on_behalf_of_person_id: entry.onBehalfOfPersonId ?? null,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      action: entry.action,
      changes: JSON.stringify(entry.changes ?? []),
    })
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
