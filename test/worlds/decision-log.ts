// For tests only: an organisation with a project whose members hear from us in different
// ways (email, text, letter, phone), a second project, and another organisation. Built
// through the real services, as a person using the app would build it.
import type { CurrentUser } from '../../src/platform/auth.ts';
import type { NewPerson } from '../../src/modules/people/service.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount } from '../helpers/fixtures.ts';
import type { TestApp } from '../helpers/test-app.ts';

export type DecisionWorld = Awaited<ReturnType<typeof setUpDecisionWorld>>;

export async function setUpDecisionWorld(t: TestApp) {
  const org = await organisationWithAdmin(t);
  const other = await anotherOrganisation(t);
  const organisationId = org.organisationId;
  const staff = { organisationId, personId: org.adminPersonId };
  const admin: CurrentUser = {
    accountId: org.adminAccountId,
    personId: org.adminPersonId,
    organisationId,
    organisationName: 'Northshire County Council',
    role: 'admin',
    name: 'Ada Admin',
  };
  const person = async (details: Partial<NewPerson> & { fullName: string }, account?: { email: string; role: 'facilitator' | 'member' }) =>
    (await personWithAccount(t, organisationId, { perspectives: [], ...details }, account)).personId;
  const ids = {
    fay: await person(
      { fullName: 'Fay Facilitator', perspectives: ['practitioner'], contactOrder: ['email'] },
      { email: 'fay@example.com', role: 'facilitator' },
    ),
    mo: await person(
      { fullName: 'Mo Member', perspectives: ['draws-on-care'], contactOrder: ['email'] },
      { email: 'mo@example.com', role: 'member' },
    ),
    sue: await person({ fullName: 'Sue Carer', perspectives: ['carer'], mobile: '07700 900123', contactOrder: ['text'] }),
    dennis: await person({
      fullName: 'Dennis Whitfield',
      perspectives: ['draws-on-care'],
      address: '4 Mill Lane\nNorthby\nNB1 2CD',
      contactOrder: ['letter'],
    }),
    eileen: await person({ fullName: 'Eileen Murphy', perspectives: ['family'], landline: '01632 960111', contactOrder: ['phone'] }),
    len: await person(
      { fullName: 'Len Outsider', perspectives: ['community'], contactOrder: ['email'] },
      { email: 'len@example.com', role: 'member' },
    ),
  };
  const projectId = await t.services.projects.create(staff, {
    title: 'Better day centre lunches',
    purpose: 'Menus',
    activities: ['co-decision'],
    levelAim: 'intermediate',
    stage: 'deciding',
    startDate: '2026-11-01',
  });
  for (const p of ['fay', 'mo', 'sue', 'dennis', 'eileen'] as const)
    await t.services.projects.addMember(staff, projectId, ids[p], 'member', '2026-11-01');
  const otherProjectId = await t.services.projects.create(staff, {
    title: 'Garden club',
    purpose: 'Grow things',
    activities: ['co-delivery'],
    levelAim: 'descriptive',
    stage: 'delivering',
    startDate: '2026-11-01',
  });
  await t.services.projects.addMember(staff, otherProjectId, ids.len, 'member', '2026-11-01');
  const otherOrgProjectId = await t.services.projects.create(
    { organisationId: other.organisationId, personId: other.adminPersonId },
    {
      title: 'Riverside walks',
      purpose: 'Walks',
      activities: ['co-design'],
      levelAim: 'descriptive',
      stage: 'designing',
      startDate: '2026-11-01',
    },
  );
  const meetingId = await t.services.meetings.create(staff, projectId, {
    title: 'Menu tasting',
    purpose: 'Taste soups',
    startsAt: '2026-11-20T10:30:00.000Z',
    endsAt: '2026-11-20T12:30:00.000Z',
    format: 'in-person',
    venueId: null,
    joiningDetails: null,
    membersOnly: false,
    arrangements: [],
    interpreterLanguages: [],
  });
  const takingPart = {
    invited: 5,
    tookPart: 4,
    byPerspective: [
      { group: 'draws-on-care', invited: 2, tookPart: 2 },
      { group: 'carer', invited: 1, tookPart: 1 },
      { group: 'family-community', invited: 1, tookPart: 0 },
      { group: 'staff-partners', invited: 1, tookPart: 1 },
    ],
  };
  return { organisationId, admin, staff, ids, projectId, otherProjectId, otherOrgProjectId, other, meetingId, takingPart };
}
