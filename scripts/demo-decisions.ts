import type { Db } from '../src/db/connection.ts';
import type { ProposalInput } from '../src/modules/decisions/proposal-form.ts';
import type { Services } from '../src/services.ts';
import type { DemoCalendar } from './demo-calendar.ts';

type Actor = { organisationId: string; personId: string };
/**
 * Proposals for the lunches project, through the real services: an open consent proposal
 * (some have voted, one by phone), a closed majority vote and a closed participatory budget.
 * Votes can only be cast while voting is open, so the closed ones are voted on first and
 * then moved back in time, as if they had closed a week ago.
 */
export async function addDemoProposals(
  services: Services,
  db: Db,
  cal: DemoCalendar,
  staff: Actor,
  ids: Map<string, string>,
  lunchesProjectId: string,
): Promise<void> {
  const org = staff.organisationId;
  const id = (name: string) => ids.get(name)!;
  const hannah = { organisationId: org, personId: id('Hannah Lowe') };
  const as = (name: string) => ({ organisationId: org, personId: id(name) });
  const base = {
    background: null as string | null,
    meetingId: null,
    paperIds: [],
    everyone: true,
    voterIds: [],
    secret: false,
    opensAt: cal.instant(-2),
    closesAt: cal.instant(5),
  };
  const option = (title: string, description: string | null = null, costPence: number | null = null) => ({
    id: null,
    title,
    description,
    costPence,
  });
  const create = (input: Omit<ProposalInput, keyof typeof base> & Partial<typeof base>) =>
    services.proposals.create(hannah, lunchesProjectId, { ...base, ...input });
  const load = (proposalId: string) => services.proposals.load(org, proposalId);

  // Open now: consent on a later lunch time. Grace agreed, Tom blocked (by phone), others not yet.
  const consent = await create({
    question: 'Should lunch start at 12:30pm instead of 12 noon?',
    background: 'Some people arrive late from morning visits and miss the start of lunch. The kitchen can serve at 12:30pm if we agree.',
    method: 'consent',
    settings: {},
    options: [],
  });
  const consentProposal = await load(consent);
  await services.votes.vote(as('Grace Okafor'), consentProposal, { response: 'agree', reason: null });
  await services.votes.recordFor(
    hannah,
    consentProposal,
    id('Thomas Reid'),
    { response: 'block', reason: 'Mum needs to eat before her 1pm tablets.' },
    'phone',
  );
  await services.votes.sendInvitations(hannah, consentProposal);

  // Closed: a majority vote on the soup, with a quorum of half of those asked.
  const soup = await create({
    question: 'Which soup should go on the winter menu?',
    method: 'majority',
    settings: { quorum: { kind: 'percent', percent: 50 } },
    options: [option('Leek and potato'), option('Tomato and lentil'), option('Chicken and sweetcorn')],
  });
  const soupProposal = await load(soup);
  const [leek, tomato] = soupProposal.options.map((o) => o.id);
  await services.votes.vote(as('Grace Okafor'), soupProposal, { choice: leek! });
  await services.votes.vote(as('Hannah Lowe'), soupProposal, { choice: tomato! });
  await services.votes.vote(as('Martin Shaw'), soupProposal, { choice: leek! });
  await services.votes.recordFor(hannah, soupProposal, id('Dennis Whitfield'), { choice: leek! }, 'in-person');
  await services.votes.recordFor(hannah, soupProposal, id('Samuel Boateng'), { choice: null }, 'in-person');

  // Closed: sharing out £1,500 of the project budget, a secret vote.
  const budget = await create({
    question: 'How should we spend £1,500 on the dining room?',
    method: 'budget',
    secret: true,
    settings: { budgetPence: 150_000, budgetWay: 'approve' },
    options: [
      option('New chairs with arms', 'Easier to get up from', 90_000),
      option('A hearing loop', 'For the dining room', 60_000),
      option('Plants and pictures', null, 25_000),
      option('A second microwave', null, 20_000),
    ],
  });
  const budgetProposal = await load(budget);
  const [chairs, loop, plants, microwave] = budgetProposal.options.map((o) => o.id) as [string, string, string, string];
  await services.votes.vote(as('Grace Okafor'), budgetProposal, { approve: [chairs, loop] });
  await services.votes.vote(as('Hannah Lowe'), budgetProposal, { approve: [loop, microwave] });
  await services.votes.vote(as('Martin Shaw'), budgetProposal, { approve: [chairs, plants] });
  await services.votes.recordFor(hannah, budgetProposal, id('Dennis Whitfield'), { approve: [chairs, loop] }, 'phone');
  await services.votes.recordFor(hannah, budgetProposal, id('Thomas Reid'), { approve: [loop, plants] }, 'phone');

  // A week later, in the demo's story: both closed.
  const past = (days: number) => cal.instant(-days);
  for (const closed of [soup, budget]) {
    await db
      .updateTable('proposals')
      .set({ opens_at: past(21), closes_at: past(7) })
      .where('organisation_id', '=', org)
      .where('id', '=', closed)
      .execute();
    await db
      .updateTable('proposal_participation')
      .set({ voted_at: past(10) })
      .where('organisation_id', '=', org)
      .where('proposal_id', '=', closed)
      .execute();
  }
}
