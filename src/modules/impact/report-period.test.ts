import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { CurrentUser } from '../../platform/auth.ts';
import { londonToday } from '../../platform/time.ts';
import { londonToUtc } from '../meetings/meeting-time.ts';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { lastTwelveMonths } from './period.ts';
import type { OutcomeBeforeAfter } from './ports.ts';

// Issue 15 (V4): a report's period is London days with both ends included, so something
// that happened on its last day, "today" by the test's clock, is counted in every figure,
// and the report's outcomes agree with the project's outcomes page. The test moves the
// clock to 6pm London time on the day it is given: later than any midnight or morning.
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
const at = (date: string, time: string) => {
  const found = londonToUtc(date, time);
  if (!found.ok) throw new Error(`no such time: ${date} ${time}`);
  return new Date(found.iso);
};
const daysFrom = (date: string, n: number) => new Date(Date.parse(`${date}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** What both pages show of a scale outcome. */
const figures = (results: OutcomeBeforeAfter[] | undefined) =>
  (results ?? []).map((o) => (o.measure === 'scale' ? { title: o.title, before: o.before, after: o.after, change: o.change } : o.title));

for (const dialect of databaseDialects()) {
  describe(`an impact report counts the last day of its period (${dialect})`, () => {
    let t: TestApp;
    let today: string;
    let admin: CurrentUser;
    let staff: { organisationId: string; personId: string };
    let projectId: string;
    let members: string[];
    const day = (n: number) => daysFrom(today, n);

    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      today = londonToday(t.now());
      t.clock.now = at(today, '18:00');
      const org = await organisationWithAdmin(t);
      staff = { organisationId: org.organisationId, personId: org.adminPersonId };
      admin = { ...staff, accountId: org.adminAccountId, organisationName: 'Northshire County Council', role: 'admin', name: 'Ada Admin' };
      projectId = await t.services.projects.create(staff, {
        title: 'Better day centre lunches',
        purpose: 'Menus',
        activities: ['co-design'],
        levelAim: 'intermediate',
        stage: 'designing',
        startDate: day(-60),
      });
      members = [];
      for (const name of ['Grace Okafor', 'Thomas Reid', 'Samuel Boateng', 'Dennis Whitfield']) {
        const { personId } = await personWithAccount(t, org.organisationId, { fullName: name, perspectives: ['draws-on-care'] });
        await t.services.projects.addMember(staff, projectId, personId, 'member', day(-60));
        members.push(personId);
      }
    });
    afterEach(() => t.close());

    test("the report's outcomes agree with the outcomes page, counting the open round and today's answers", async () => {
      const evening = t.now();
      const outcomeId = await t.services.outcomes.addOutcome(admin, projectId, {
        title: 'I enjoy my lunch',
        measure: 'scale',
        question: 'How much do you enjoy your lunch?',
        unit: null,
        agreedHow: null,
      });
      // Before: a round a month ago, answered then (2, 2, 3, 1: 2.0).
      const before = await t.services.outcomes.surveys.addRound(admin, projectId, {
        phase: 'before',
        opensOn: day(-40),
        closesOn: day(-30),
      });
      // After: a round open now until next week; three answered two days ago (4, 4, 5) and Dennis today (2): 3.8.
      const after = await t.services.outcomes.surveys.addRound(admin, projectId, { phase: 'after', opensOn: day(-3), closesOn: day(5) });
      assert.ok(before.ok && after.ok);
      const answer = async (roundId: string, when: Date, scores: number[]) => {
        t.clock.now = when;
        for (const [i, score] of scores.entries())
          assert.ok((await t.services.outcomes.surveys.record(admin, roundId, members[i]!, { [outcomeId]: score })).ok);
      };
      await answer(before.id, at(day(-35), '11:00'), [2, 2, 3, 1]);
      await answer(after.id, at(day(-2), '11:00'), [4, 4, 5]);
      t.clock.now = evening;
      assert.ok((await t.services.outcomes.surveys.record(admin, after.id, members[3]!, { [outcomeId]: 2 })).ok);

      const expected = [
        { title: 'I enjoy my lunch', before: { n: 4, average: 2 }, after: { n: 4, average: 3.8 }, change: 1.8 },
        'Less food thrown away',
      ];
      const countId = await t.services.outcomes.addOutcome(admin, projectId, {
        title: 'Less food thrown away',
        measure: 'count',
        question: null,
        unit: 'plates left half eaten',
        agreedHow: null,
      });
      await t.services.outcomes.addCount(admin, countId, { onDate: today, value: 12, note: null });

      const report = async (period: { from: string; to: string }) =>
        (await t.services.impact.report(admin, { kind: 'project', projectId }, period)).data.outcomes;
      const page = await t.services.outcomes.forProject(admin, projectId);
      const reported = await report(lastTwelveMonths(today));
      assert.deepEqual(figures(page.results), expected);
      assert.deepEqual(figures(reported), figures(page.results));
      const counted = reported?.find((o) => o.measure === 'count');
      assert.ok(counted?.measure === 'count');
      assert.deepEqual([counted.first, counted.last], [12, 12], 'a count written down for today is in a period that ends today');
      // A period of today alone: the after round is in it, the before round is not.
      assert.deepEqual(figures(await report({ from: today, to: today }))[0], {
        title: 'I enjoy my lunch',
        before: { n: 0, average: null },
        after: { n: 4, average: 3.8 },
        change: null,
      });
      // A period that ended yesterday: Dennis had not answered yet.
      assert.deepEqual(figures(await report({ from: day(-60), to: day(-1) }))[0], {
        title: 'I enjoy my lunch',
        before: { n: 4, average: 2 },
        after: { n: 3, average: 4.3 },
        change: 2.3,
      });

      // The pages say the same: the report with its first dates and the outcomes page.
      const client = await signedInClient(t, 'admin@northshire.test');
      const reportPage = text((await client.get(`/impact/report?scope=${projectId}`)).body);
      assert.match(reportPage, /1 outcome was measured before and after, and 1 went up\./);
      const outcomesPage = text((await client.get(`/outcomes/projects/${projectId}`)).body);
      assert.match(outcomesPage, /\(4 people answered\)/);
    });

    test('a meeting, a payment approved and time credits given on the last day are counted', async () => {
      const [mo, carer] = members as [string, string];
      const meetingId = await t.services.meetings.create(staff, projectId, {
        title: 'Menu tasting',
        purpose: 'Plan',
        startsAt: at(today, '10:00').toISOString(),
        endsAt: at(today, '12:00').toISOString(),
        format: 'in-person',
        venueId: null,
        joiningDetails: null,
        membersOnly: false,
        arrangements: [],
        interpreterLanguages: [],
      });
      const whole = { arrivedAt: at(today, '10:00').toISOString(), leftAt: at(today, '12:00').toISOString() };
      await t.services.meetingRecords.saveAttendance(staff, meetingId, [
        { personId: mo, status: 'present', ...whole },
        { personId: carer, status: 'present', ...whole },
      ]);
      await t.services.rewards.addPolicy(staff, {
        effectiveFrom: day(-60),
        rates: { meeting: 1500, preparation: 0, training: 0, 'recruitment-panel': 0, consultation: 0, 'peer-support': 0, other: 0 },
        preparation: { kind: 'none' },
        mileagePencePerMile: 45,
      });
      await t.services.rewards.chooseReward(staff, mo, { way: 'bank-transfer', lowerAmountPence: null, charity: null });
      await t.services.meetingClaims.makeFromAttendance(admin, meetingId);
      const claim = await t.database.db.selectFrom('claims').select('id').where('person_id', '=', mo).executeTakeFirstOrThrow();
      await t.services.claimWorkflow.approve(admin, claim.id, { confirmedOverLimit: false });
      await t.services.timebank.creditFromOrganisation(staff, {
        personId: carer,
        minutes: 90,
        memo: 'Helping at lunch',
        reference: 'test:today',
      });

      const figuresFor = async (period: { from: string; to: string }) => {
        const d = await t.services.impact.dashboard(admin, period);
        const r = await t.services.impact.report(admin, { kind: 'project', projectId }, period);
        return {
          meetings: [d.participation.meetings, r.data.participation.meetings],
          people: [d.participation.everyone.people, r.data.participation.everyone.people],
          paymentsApprovedPence: d.rewards.paymentsApprovedPence,
          creditMinutes: d.rewards.creditMinutes,
        };
      };
      assert.deepEqual(await figuresFor(lastTwelveMonths(today)), {
        meetings: [1, 1],
        people: [2, 2],
        paymentsApprovedPence: 3000,
        creditMinutes: 90,
      });
      assert.deepEqual(await figuresFor({ from: today, to: today }), {
        meetings: [1, 1],
        people: [2, 2],
        paymentsApprovedPence: 3000,
        creditMinutes: 90,
      });
      assert.deepEqual(await figuresFor({ from: day(-30), to: day(-1) }), {
        meetings: [0, 0],
        people: [0, 0],
        paymentsApprovedPence: 0,
        creditMinutes: 0,
      });
    });
  });
}
