import type { CurrentUser } from '../src/platform/auth.ts';
import { pageOf } from '../src/platform/pagination.ts';
import type { Services } from '../src/services.ts';

/**
 * After the demo's round of day opportunities (issue 23): what the winning bid promised
 * about co-production, written down to be checked in the organisation's next review; and
 * version 2 of the commissioning policy, written with members: Grace said what she would
 * change, Priya agreed on the phone, and the version shows what they said and what changed.
 */
export async function addDemoCommissioningFollowUp(
  services: Services,
  admin: CurrentUser,
  userOf: (email: string) => Promise<CurrentUser>,
) {
  const { commissioning, providerChecks, policyDrafts } = services;
  const round = (await commissioning.rounds(admin, pageOf(1))).items.find((r) => r.stage === 'published');
  if (!round) throw new Error('demo data: no decided commissioning round');
  const view = await commissioning.view(admin, round.id);
  const [voice, thanks] = view.criteria.filter((c) => c.fromPolicy);
  await providerChecks.setCommitments(admin, round.id, {
    [voice!.id]: 'Members plan the week together every Monday and help run the café.',
    [thanks!.id]: 'Members who help plan are paid for their time, or earn time credits.',
  });

  const draftId = await policyDrafts.startDraft(admin);
  const current = (await commissioning.currentPolicy(admin.organisationId))!;
  const grace = await userOf('grace@example.org');
  const priya = await userOf('priya@example.org');
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
