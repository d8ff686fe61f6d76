// For tests only: an organisation whose staff and members take part in reviews, a project,
// and a second organisation beside it. Built through the real services.
import type { CurrentUser } from '../../src/platform/auth.ts';
import type { Perspective } from '../../src/modules/people/vocabulary.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount } from '../helpers/fixtures.ts';
import type { TestApp } from '../helpers/test-app.ts';
import type { StatementAnswer } from '../../src/modules/reviews/service.ts';
import { allStatements, type Rating } from '../../src/modules/reviews/vocabulary.ts';

export type ReviewsWorld = Awaited<ReturnType<typeof setUpReviewsWorld>>;

export async function setUpReviewsWorld(t: TestApp) {
  t.clock.now = new Date('2026-12-01T10:00:00Z');
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
    extra: { email?: string; role?: 'facilitator' | 'member'; mobile?: string; contactOrder?: Array<'email' | 'text' | 'phone'> } = {},
  ) =>
    (
      await personWithAccount(
        t,
        organisationId,
        { fullName, perspectives, mobile: extra.mobile ?? null, contactOrder: extra.contactOrder ?? (extra.email ? ['email'] : []) },
        extra.email && extra.role ? { email: extra.email, role: extra.role } : undefined,
      )
    ).personId;
  const ids = {
    fay: await person('Fay Facilitator', ['practitioner'], { email: 'fay@example.com', role: 'facilitator' }),
    mo: await person('Mo Member', ['draws-on-care'], { email: 'mo@example.com', role: 'member' }),
    lily: await person('Lily Carer', ['carer'], { email: 'lily@example.com', role: 'member' }),
    len: await person('Len Outsider', ['community'], { email: 'len@example.com', role: 'member' }),
    dennis: await person('Dennis Whitfield', ['draws-on-care'], { mobile: '07700900123', contactOrder: ['phone'] }),
    sue: await person('Sue Carer', ['carer']),
    pat: await person('Pat Paid', ['practitioner']),
    max: await person('Max Manager', ['manager']),
  };
  const projectId = await t.services.projects.create(staff, {
    title: 'Better day centre lunches',
    purpose: 'Menus',
    activities: ['co-design'],
    levelAim: 'intermediate',
    stage: 'designing',
    startDate: '2026-11-01',
  });
  for (const p of ['fay', 'mo', 'dennis'] as const) await t.services.projects.addMember(staff, projectId, ids[p], 'member', '2026-11-01');

  /** Every statement answered with one rating, through the service as staff recording it. */
  const answerAll = async (
    cycleId: string,
    personId: string,
    rating: Rating,
    overrides: Partial<Record<string, Rating | 'dont-know'>> = {},
  ) => {
    const answers: StatementAnswer[] = allStatements.map((code) => ({ code, answer: overrides[code] ?? rating, comment: null }));
    await t.services.reviews.saveSection(admin, cycleId, personId, answers, personId === admin.personId ? 'self' : 'in-person');
  };
  return { organisationId, other, admin, staff, ids, projectId, answerAll };
}
