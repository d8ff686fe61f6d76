// For tests only: an organisation with a project of five members of different perspectives,
// one member outside the project, and another organisation. Built through the real services.
import type { Perspective } from '../../src/modules/people/vocabulary.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount } from '../helpers/fixtures.ts';
import type { TestApp } from '../helpers/test-app.ts';
import type { ProposalInput } from '../../src/modules/decisions/proposal-form.ts';

export type DecisionsWorld = Awaited<ReturnType<typeof setUpDecisionsWorld>>;

/** Voting opens on 24 November 2026 at 9am and closes on 30 November at 5pm (UK time, GMT). */
export const opensAt = '2026-11-24T09:00:00.000Z';
export const closesAt = '2026-11-30T17:00:00.000Z';
export const during = new Date('2026-11-25T12:00:00Z');
export const afterClosing = new Date('2026-12-01T09:00:00Z');

export async function setUpDecisionsWorld(t: TestApp) {
  const org = await organisationWithAdmin(t);
  await anotherOrganisation(t);
  const organisationId = org.organisationId;
  const staff = { organisationId, personId: org.adminPersonId };
  const person = async (fullName: string, perspectives: Perspective[], email?: string, role?: 'facilitator' | 'member') =>
    (
      await personWithAccount(
        t,
        organisationId,
        { fullName, perspectives, contactOrder: email ? ['email'] : [] },
        email && role ? { email, role } : undefined,
      )
    ).personId;
  const ids = {
    fay: await person('Fay Facilitator', ['practitioner'], 'fay@example.com', 'facilitator'),
    mo: await person('Mo Member', ['draws-on-care'], 'mo@example.com', 'member'),
    sue: await person('Sue Carer', ['carer'], 'sue@example.com', 'member'),
    len: await person('Len Outsider', ['community'], 'len@example.com', 'member'),
    dennis: await person('Dennis Whitfield', ['draws-on-care']),
    pat: await person('Pat Practitioner', ['practitioner', 'carer']),
  };
  const projectId = await t.services.projects.create(staff, {
    title: 'Better day centre lunches',
    purpose: 'Menus',
    activities: ['co-decision'],
    levelAim: 'intermediate',
    stage: 'deciding',
    startDate: '2026-11-01',
  });
  for (const p of ['fay', 'mo', 'sue', 'dennis', 'pat'] as const)
    await t.services.projects.addMember(staff, projectId, ids[p], 'member', '2026-11-01');

  const base: ProposalInput = {
    question: 'Should lunch start at 12:30pm?',
    background: 'Some people come late.',
    meetingId: null,
    paperIds: [],
    method: 'consent',
    settings: {},
    options: [],
    everyone: true,
    voterIds: [],
    secret: false,
    opensAt,
    closesAt,
  };
  const propose = (input: Partial<ProposalInput> = {}) => t.services.proposals.create(staff, projectId, { ...base, ...input });
  const optionIds = async (proposalId: string) => (await t.services.proposals.load(organisationId, proposalId)).options.map((o) => o.id);
  return { organisationId, admin: staff, ids, projectId, propose, optionIds };
}
