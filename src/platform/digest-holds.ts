import type { Executor } from '../db/connection.ts';
import type { PlanFrequency, PlanTopic } from '../db/schema/communication-plans.ts';
import { digestDueAt, topicOf } from './digests.ts';
import type { OutgoingMessage } from './outbox.ts';

// The one read of the communication plans outside their module (issue 20, S4): every
// notice passes through the outbox, so the plan is followed there, once, for every sender.
// A change that tells 30 members asks once per transaction, not once per member.
const askedWithin = new WeakMap<object, Map<string, PlanFrequency>>();

async function frequencyFor(db: Executor, organisationId: string, projectId: string, topic: PlanTopic): Promise<PlanFrequency> {
  const key = `${organisationId}:${projectId}:${topic}`;
  const cache = db.isTransaction ? (askedWithin.get(db) ?? new Map<string, PlanFrequency>()) : null;
  if (cache && db.isTransaction) askedWithin.set(db, cache);
  const known = cache?.get(key);
  if (known) return known;
  const row = await db
    .selectFrom('communication_plan_choices')
    .select('frequency')
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .where('topic', '=', topic)
    .executeTakeFirst();
  const frequency = row?.frequency ?? 'as-it-happens';
  cache?.set(key, frequency);
  return frequency;
}

/** When the digest that gathers this message goes, or null when it goes now. */
export async function heldUntilFor(db: Executor, message: OutgoingMessage, now: Date): Promise<string | null> {
  const topic = message.kind ? topicOf(message.kind) : null;
  if (!topic || !message.projectId || !message.organisationId || !message.personId) return null;
  const due = digestDueAt(await frequencyFor(db, message.organisationId, message.projectId, topic), now.toISOString());
  // Something that runs out before the digest goes would never arrive: it goes now instead.
  if (due && message.expiresAt && message.expiresAt.toISOString() <= due) return null;
  return due;
}
