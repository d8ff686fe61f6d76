// Digests (issue 20, S4): where a project's communication plan says "weekly" or "monthly"
// for a kind of thing, its notices are still written with the change that caused them, but
// wait in the outbox and go to each person as one message at the digest time.
//
// Digests go at 9am London time: on Mondays (weekly) and on the 1st of the month (monthly),
// so people get them on a working morning. Anything whose date matters more than its
// bundling is never held: meeting reminders, changes and cancellations, reminders to vote,
// sign-in links, and anything with no project.
import type { OutboxChannel, OutboxKind } from '../db/schema.ts';
import type { PlanFrequency, PlanTopic } from '../db/schema/communication-plans.ts';
import { londonToUtc, toLondon } from '../modules/meetings/meeting-time.ts';

export const planTopics = ['meetings', 'papers', 'decisions', 'news', 'reviews'] as const satisfies readonly PlanTopic[];
export const planFrequencies = ['as-it-happens', 'weekly', 'monthly'] as const satisfies readonly PlanFrequency[];

const topicOfKind: Partial<Record<OutboxKind, PlanTopic>> = {
  invitation: 'meetings',
  'time-poll': 'meetings',
  papers: 'papers',
  decision: 'decisions',
  'vote-invitation': 'decisions',
  summary: 'news',
  'decision-update': 'news',
  survey: 'reviews',
};

/** Which part of the plan a notice of this kind follows; null: it always goes as it happens. */
export const topicOf = (kind: OutboxKind): PlanTopic | null => topicOfKind[kind] ?? null;

/** The notice kinds each topic covers, for the plan page and the "plan not met" checks. */
export const kindsOf = (topic: PlanTopic): OutboxKind[] =>
  (Object.keys(topicOfKind) as OutboxKind[]).filter((k) => topicOfKind[k] === topic);

const digestTime = '09:00';

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

function at9(date: string): string {
  const slot = londonToUtc(date, digestTime);
  // 9am exists every day in London; the clocks change at 1am and 2am.
  if (!slot.ok) throw new RangeError(`No ${digestTime} in London on ${date}`);
  return slot.iso;
}

/** When the digest that gathers a notice written at `writtenAt` goes; null when it goes as it happens. */
export function digestDueAt(frequency: PlanFrequency, writtenAt: string): string | null {
  if (frequency === 'as-it-happens') return null;
  const { date } = toLondon(writtenAt);
  if (frequency === 'weekly') {
    const mondayOffset = (8 - new Date(`${date}T00:00:00Z`).getUTCDay()) % 7;
    const slot = at9(addDays(date, mondayOffset));
    return slot > writtenAt ? slot : at9(addDays(date, mondayOffset + 7));
  }
  const [y, m] = date.split('-').map(Number) as [number, number];
  const slot = at9(`${date.slice(0, 8)}01`);
  if (slot > writtenAt) return slot;
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return at9(next);
}

export type HeldNotice = {
  id: string;
  organisationId: string | null;
  personId: string | null;
  channel: OutboxChannel;
  recipient: string;
  heldUntil: string;
  expiresAt: string | null;
  createdAt: string;
};

export type Digest = {
  organisationId: string | null;
  personId: string | null;
  channel: OutboxChannel;
  recipient: string;
  noticeIds: string[];
};

/**
 * Which held notices go out now, and together: one digest per person, channel and address
 * (a person who changed from email to text since gets one of each). Only notices whose time
 * has come go: a person's monthly news waits for the month's digest even when their weekly
 * one goes today. A notice that ran out before its digest is left out; the caller marks it.
 * `more`: the caller read a full batch, so the last person's notices may go on past it;
 * they wait for the next round rather than go in two digests.
 */
export function gatherDigests(held: readonly HeldNotice[], now: Date, more = false): { digests: Digest[]; expired: string[] } {
  const at = now.toISOString();
  const digests = new Map<string, Digest>();
  const expired: string[] = [];
  const due = held.filter((n) => n.heldUntil <= at).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  for (const n of due) {
    if (n.expiresAt !== null && n.expiresAt <= at) {
      expired.push(n.id);
      continue;
    }
    const key = JSON.stringify([n.organisationId, n.personId, n.channel, n.recipient]);
    const digest = digests.get(key) ?? {
      organisationId: n.organisationId,
      personId: n.personId,
      channel: n.channel,
      recipient: n.recipient,
      noticeIds: [],
    };
    digest.noticeIds.push(n.id);
    digests.set(key, digest);
  }
  let list = [...digests.values()];
  const last = held.at(-1);
  if (more && last && list.length > 1)
    list = list.filter(
      (d) =>
        !(
          d.organisationId === last.organisationId &&
          d.personId === last.personId &&
          d.channel === last.channel &&
          d.recipient === last.recipient
        ),
    );
  return { digests: list, expired };
}
