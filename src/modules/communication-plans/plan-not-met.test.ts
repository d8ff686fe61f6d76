import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PlanTopic } from '../../db/schema/communication-plans.ts';
import { planTopics } from '../../platform/digests.ts';
import { planNotMet, type GapCounts, type PlanChannel } from './plan-not-met.ts';

const byApp: PlanChannel[] = ['email', 'text', 'letter', 'phone'];
const none: GapCounts = { decisions: 0, papers: 0, meetings: 0 };

test('what the counts mean for the plan', () => {
  const cases: Array<[string, Partial<Record<PlanTopic, PlanChannel[]>>, GapCounts, Record<PlanTopic, string>]> = [
    [
      'nothing missing: every topic the app can check is met',
      {},
      none,
      { meetings: 'met', papers: 'met', decisions: 'met', news: 'not-checked', reviews: 'not-checked' },
    ],
    [
      'a decision nobody was told about is not met',
      {},
      { ...none, decisions: 1 },
      { meetings: 'met', papers: 'met', decisions: 'not-met:1', news: 'not-checked', reviews: 'not-checked' },
    ],
    [
      'papers that went to no one, and a meeting nobody was invited to',
      {},
      { decisions: 0, papers: 2, meetings: 3 },
      { meetings: 'not-met:3', papers: 'not-met:2', decisions: 'met', news: 'not-checked', reviews: 'not-checked' },
    ],
    [
      'decisions shared only at meetings and by word of mouth: the app cannot see, so it does not count',
      { decisions: ['meetings', 'word-of-mouth'] },
      { ...none, decisions: 4 },
      { meetings: 'met', papers: 'met', decisions: 'outside-app', news: 'not-checked', reviews: 'not-checked' },
    ],
    [
      'one channel the app sends by is enough to check',
      { decisions: ['meetings', 'letter'] },
      { ...none, decisions: 4 },
      { meetings: 'met', papers: 'met', decisions: 'not-met:4', news: 'not-checked', reviews: 'not-checked' },
    ],
    [
      'online only (a web page, a video call): outside what the app sends',
      { papers: ['online'] },
      { ...none, papers: 1 },
      { meetings: 'met', papers: 'outside-app', decisions: 'met', news: 'not-checked', reviews: 'not-checked' },
    ],
    [
      'news and reviews are never counted, whatever the plan says',
      { news: ['email'], reviews: ['text'] },
      none,
      { meetings: 'met', papers: 'met', decisions: 'met', news: 'not-checked', reviews: 'not-checked' },
    ],
  ];
  for (const [why, plan, counts, expected] of cases) {
    const result = planNotMet(planTopics, (topic) => plan[topic] ?? byApp, counts);
    const got = Object.fromEntries(result.map((r) => [r.topic, r.state === 'not-met' ? `not-met:${r.count}` : r.state]));
    assert.deepEqual(got, expected, why);
  }
});
