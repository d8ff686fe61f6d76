import type { CurrentUser } from '../src/platform/auth.ts';
import { pageOf } from '../src/platform/pagination.ts';
import type { Services } from '../src/services.ts';
import type { DemoCalendar } from './demo-calendar.ts';

/**
 * After the demo's round of day opportunities (issue 23): what the winning bid promised
 * about co-production, written down and checked in the organisation's mid-year review, open
 * now (decision 0022): Grace, who goes to the club, says members do plan the week but are
 * not yet paid for it; Priya said so on the phone; Hannah visited. And version 2 of the
 * commissioning policy, written with members: Grace said what she would change, Priya agreed
 * on the phone, and the version shows what they said and what changed.
 */
export async function addDemoCommissioningFollowUp(
  services: Services,
  cal: DemoCalendar,
  admin: CurrentUser,
  userOf: (email: string) => Promise<CurrentUser>,
) {
  const { commissioning, providerChecks, policyDrafts, reviews } = services;
  const round = (await commissioning.rounds(admin, pageOf(1))).items.find((r) => r.stage === 'published');
  if (!round) throw new Error('demo data: no decided commissioning round');
  const view = await commissioning.view(admin, round.id);
  const [voice, thanks] = view.criteria.filter((c) => c.fromPolicy);
  await providerChecks.setCommitments(admin, round.id, {
    [voice!.id]: 'Members plan the week together every Monday and help run the café.',
    [thanks!.id]: 'Members who help plan are paid for their time, or earn time credits.',
  });

  const grace = await userOf('grace@example.org');
  const priya = await userOf('priya@example.org');
  const hannah = await userOf('hannah.lowe@northshire.example');
  const midYear = await reviews.create(admin, {
    title: 'Mid-year review',
    projectId: null,
    opensOn: cal.day(-3),
    closesOn: cal.day(35),
    schedule: 'none',
    gapThresholdTenths: 10,
  });
  if (!midYear.ok) throw new Error('demo data: could not start the mid-year review');
  const [planning, paid] = (await providerChecks.followUp(admin, round.id)).commitments;
  const checks = [
    [
      grace,
      grace,
      'sign-in',
      'done',
      'partly',
      'I go on Mondays. We plan the week and I help in the café.',
      'Some of us get time credits. Nobody has been paid yet.',
    ],
    [admin, priya, 'phone', 'done', 'not', 'My mum plans the week with the others.', 'She has not been paid or thanked for the planning.'],
    [
      hannah,
      hannah,
      'sign-in',
      'partly',
      'partly',
      'Planning happens most Mondays. One was missed.',
      'Time credits are given; payment starts next month.',
    ],
  ] as const;
  for (const [by, who, how, planned, thanked, sawPlanning, sawThanks] of checks)
    await providerChecks.saveChecks(by, round.id, {
      personId: who.personId,
      how,
      entries: [
        { commitmentId: planning!.id, outcome: planned, evidence: sawPlanning },
        { commitmentId: paid!.id, outcome: thanked, evidence: sawThanks },
      ],
    });

  const draftId = await policyDrafts.startDraft(admin);
  const current = (await commissioning.currentPolicy(admin.organisationId))!;
  await policyDrafts.comment(grace, {
    organisationId: grace.organisationId,
    personId: grace.personId,
    draftId,
    answer: 'change',
    wouldChange: 'Paying people for their time matters more. It should count more than once.',
    how: 'sign-in',
    recordedBy: null,
  });
  await policyDrafts.comment(admin, {
    organisationId: admin.organisationId,
    personId: priya.personId,
    draftId,
    answer: 'agree',
    wouldChange: null,
    how: 'phone',
    recordedBy: admin.personId,
  });
  await policyDrafts.publish(admin, {
    ...current,
    criteria: current.criteria.map((c, i) => (i === 1 ? { ...c, weight: 2 } : c)),
    contractChecks: `${current.contractChecks} In every review of the organisation, members check each provider did what its bid said.`,
  });
}
