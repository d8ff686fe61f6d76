import type { PlanChannel } from '../src/modules/communication-plans/plan-not-met.ts';
import type { PlanInput, TopicPlan } from '../src/modules/communication-plans/service.ts';
import type { CurrentUser } from '../src/platform/auth.ts';
import type { Services } from '../src/services.ts';
import type { DemoCalendar } from './demo-calendar.ts';

const ownWay: PlanChannel[] = ['email', 'text', 'letter', 'phone'];
const topic = (
  t: TopicPlan['topic'],
  frequency: TopicPlan['frequency'],
  channels: PlanChannel[],
  groups: string | null = null,
): TopicPlan => ({
  topic: t,
  frequency,
  channels,
  groups,
});

/**
 * Communication plans (issue 20, S4). The lunches project agreed its plan with its members:
 * decisions in a weekly round-up, news once a month by letter and through the carers' café;
 * a decision made since waits in the outbox for Monday's round-up. The easy read letters group
 * shares decisions at its meetings and online, which the app cannot see. The transport plan
 * has no plan yet, and a decision from six weeks ago that was never sent anyone: the "plan not
 * met" line on the To do page.
 */
export async function addDemoCommunicationPlans(
  services: Services,
  cal: DemoCalendar,
  admin: CurrentUser,
  projects: { lunches: string; letters: string; transport: string },
) {
  const lunches: PlanInput = {
    agreedHow: 'Agreed at the lunch club meeting in October, with nine members there and two more by phone.',
    topics: [
      topic('meetings', 'as-it-happens', [...ownWay, 'meetings']),
      topic('papers', 'as-it-happens', ownWay),
      topic('decisions', 'weekly', [...ownWay, 'meetings']),
      topic('news', 'monthly', ['letter', 'word-of-mouth'], 'Northtown carers’ café; the day centre noticeboard'),
      topic('reviews', 'as-it-happens', ['phone', 'letter', 'email']),
    ],
  };
  await services.communicationPlans.save(admin, projects.lunches, lunches);
  await services.decisionLog.recordDecision(admin, {
    projectId: projects.lunches,
    proposalId: null,
    meetingId: null,
    decided: 'Large-print menus on every table from January.',
    why: 'Several members could not read the menu board from their seats.',
    takingPart: null,
  });

  await services.communicationPlans.save(admin, projects.letters, {
    agreedHow: 'Agreed by the easy read group, November.',
    topics: [
      topic('meetings', 'as-it-happens', ownWay),
      topic('papers', 'as-it-happens', ownWay),
      topic('decisions', 'as-it-happens', ['meetings', 'online']),
      topic('news', 'monthly', ['online', 'word-of-mouth'], 'Northshire People First'),
      topic('reviews', 'as-it-happens', ownWay),
    ],
  });

  // Recorded straight into the log, as a decision from before the members joined would be:
  // nobody was told, which the plan check finds.
  await services.db
    .insertInto('decision_records')
    .values({
      id: crypto.randomUUID(),
      organisation_id: admin.organisationId,
      project_id: projects.transport,
      proposal_id: null,
      meeting_id: null,
      decided: 'Ask the council for a second minibus on Tuesdays.',
      why: 'The Tuesday bus is full by the second stop.',
      taking_part: null,
      decided_on: cal.day(-42),
      recorded_at: cal.instant(-42),
      recorded_by: admin.personId,
    })
    .execute();
}
