// "Plan not met" (issue 20, S4): where a project's communication plan says a kind of thing is
// shared, and the app can see it was not. The app can only see what it sends itself (email,
// text, letter, a phone call from the call list): a topic shared only at meetings, online or by
// word of mouth is the members' to check, and the page says so rather than count it as missed.
// The database counts; this rule decides what the counts mean for the plan.
import type { PlanTopic } from '../../db/schema/communication-plans.ts';

export const planChannels = ['meetings', 'phone', 'online', 'email', 'text', 'letter', 'word-of-mouth'] as const;
export type PlanChannel = (typeof planChannels)[number];

/** The channels the app itself sends by, so it can tell whether anyone was told. */
export const appChannels: readonly PlanChannel[] = ['phone', 'email', 'text', 'letter'];

/**
 * What the app can count: decisions nobody was told about, meetings whose papers went to no
 * one, meetings nobody was invited to, meetings whose summary (the news of what happened) was
 * never shared, and project reviews nobody was asked to answer.
 */
export type GapCounts = Record<PlanTopic, number>;

export type TopicCheck =
  | { topic: PlanTopic; state: 'met' }
  | { topic: PlanTopic; state: 'not-met'; count: number }
  /** The plan shares it only in ways the app cannot see. */
  | { topic: PlanTopic; state: 'outside-app' };

/** The plan's channels for each topic; a topic with no choice is shared each person's own way, by the app. */
export function planNotMet(
  topics: readonly PlanTopic[],
  channelsOf: (topic: PlanTopic) => readonly PlanChannel[],
  counts: GapCounts,
): TopicCheck[] {
  return topics.map((topic): TopicCheck => {
    if (!channelsOf(topic).some((c) => appChannels.includes(c))) return { topic, state: 'outside-app' };
    const count = counts[topic];
    return count > 0 ? { topic, state: 'not-met', count } : { topic, state: 'met' };
  });
}
