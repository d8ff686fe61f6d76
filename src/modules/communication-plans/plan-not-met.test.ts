import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PlanTopic } from '../../db/schema/communication-plans.ts';
import { planTopics } from '../../platform/digests.ts';
import { planNotMet, type GapCounts, type PlanChannel } from './plan-not-met.ts';

const byApp: PlanChannel[] = ['email', 'text', 'letter', 'phone'];
const none: GapCounts = { decisions: 0, papers: 0, meetings: 0, news: 0, reviews: 0 };

test('what the counts mean for the plan', () => {
  const cases: Array<[string, Partial<Record<PlanTopic, PlanChannel[]>>, GapCounts, Record<PlanTopic, string>]> = [
    [
      'nothing missing: every topic the app can check is met',
      {},
      none,
      { meetings: 'met', papers: 'met', decisions: 'met', news: 'met', reviews: 'met' },
    ],
    [
      'a decision nobody was told about is not met',
      {},
      { ...none, decisions: 1 },
      { meetings: 'met', papers: 'met', decisions: 'not-met:1', news: 'met', reviews: 'met' },
    ],
    [
      'papers that went to no one, and a meeting nobody was invited to',
      {},
      { ...none, papers: 2, meetings: 3 },
      { meetings: 'not-met:3', papers: 'not-met:2', decisions: 'met', news: 'met', reviews: 'met' },
    ],
    [
      'decisions shared only at meetings and by word of mouth: the app cannot see, so it does not count',
      { decisions: ['meetings', 'word-of-mouth'] },
      { ...none, decisions: 4 },
      { meetings: 'met', papers: 'met', decisions: 'outside-app', news: 'met', reviews: 'met' },
    ],
    [
      'one channel the app sends by is enough to check',
      { decisions: ['meetings', 'letter'] },
      { ...none, decisions: 4 },
      { meetings: 'met', papers: 'met', decisions: 'not-met:4', news: 'met', reviews: 'met' },
    ],
    [
      'online only (a web page, a video call): outside what the app sends',
      { papers: ['online'] },
      { ...none, papers: 1 },
      { meetings: 'met', papers: 'outside-app', decisions: 'met', news: 'met', reviews: 'met' },
    ],
    [
      'a summary never shared, and a review nobody was asked to answer',
      { news: ['email'], reviews: ['text', 'meetings'] },
      { ...none, news: 2, reviews: 1 },
      { meetings: 'met', papers: 'met', decisions: 'met', news: 'not-met:2', reviews: 'not-met:1' },
    ],
    [
      'news by word of mouth and reviews at meetings only: outside what the app sends',
      { news: ['word-of-mouth'], reviews: ['meetings'] },
      { ...none, news: 2, reviews: 1 },
      { meetings: 'met', papers: 'met', decisions: 'met', news: 'outside-app', reviews: 'outside-app' },
    ],
  ];
  for (const [why, plan, counts, expected] of cases) {
    const result = planNotMet(planTopics, (topic) => plan[topic] ?? byApp, counts);
    const got = Object.fromEntries(result.map((r) => [r.topic, r.state === 'not-met' ? `not-met:${r.count}` : r.state]));
    assert.deepEqual(got, expected, why);
  }
});
