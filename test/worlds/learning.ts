// For tests only: an organisation with staff, members in one project and not in it, a
// person who never signs in, and a second organisation. Built through the real services.
import type { CurrentUser } from '../../src/platform/auth.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount } from '../helpers/fixtures.ts';
import type { TestApp } from '../helpers/test-app.ts';
import type { Perspective } from '../../src/modules/people/vocabulary.ts';

export type LearningWorld = Awaited<ReturnType<typeof setUpLearningWorld>>;

export async function setUpLearningWorld(t: TestApp) {
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
  const person = async (
    fullName: string,
    perspectives: Perspective[],
    extra: { email?: string; role?: 'facilitator' | 'member'; mobile?: string; address?: string } = {},
  ) =>
    (
      await personWithAccount(
        t,
        organisationId,
        {
          fullName,
          perspectives,
          ...(extra.mobile ? { mobile: extra.mobile, contactOrder: ['text'] } : {}),
          ...(extra.address ? { address: extra.address, contactOrder: ['letter'] } : {}),
        },
        extra.email && extra.role ? { email: extra.email, role: extra.role } : undefined,
      )
    ).personId;
  const ids = {
    fay: await person('Fay Facilitator', ['practitioner'], { email: 'fay@example.com', role: 'facilitator' }),
    mo: await person('Mo Member', ['draws-on-care'], { email: 'mo@example.com', role: 'member' }),
    len: await person('Len Outsider', ['community'], { email: 'len@example.com', role: 'member' }),
    sue: await person('Sue Carer', ['carer'], { mobile: '07700900123' }),
    dennis: await person('Dennis Whitfield', ['draws-on-care'], { address: '4 Mill Lane\nNorthby\nNB1 2CD' }),
  };
  const projectId = await t.services.projects.create(staff, {
    title: 'Better day centre lunches',
    purpose: 'Menus',
    activities: ['co-design'],
    levelAim: 'intermediate',
    stage: 'designing',
    startDate: '2026-11-01',
  });
  for (const p of ['fay', 'mo', 'sue', 'dennis'] as const)
    await t.services.projects.addMember(staff, projectId, ids[p], 'member', '2026-11-01');
  const otherProjectId = await t.services.projects.create(staff, {
    title: 'Carers café',
    purpose: 'A place to meet',
    activities: ['co-delivery'],
    levelAim: 'descriptive',
    stage: 'delivering',
    startDate: '2026-10-01',
  });
  await t.services.projects.addMember(staff, otherProjectId, ids.len, 'member', '2026-10-01');
  return { organisationId, admin, staff, ids, projectId, otherProjectId, other };
}
