// For tests only: an organisation with a payment policy, people who chose different
// rewards, a project and a meeting on 3 December 2026 whose register is taken. Built
// through the real services, as a person using the app would build it.
import type { CurrentUser } from '../../src/platform/auth.ts';
import type { Perspective } from '../../src/modules/people/vocabulary.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount } from '../helpers/fixtures.ts';
import type { TestApp } from '../helpers/test-app.ts';

export type ClaimsWorld = Awaited<ReturnType<typeof setUpClaimsWorld>>;

export async function setUpClaimsWorld(t: TestApp) {
  const org = await organisationWithAdmin(t);
  await anotherOrganisation(t);
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
  const person = async (fullName: string, perspectives: Perspective[], email?: string, role?: 'facilitator' | 'member') =>
    (await personWithAccount(t, organisationId, { fullName, perspectives }, email && role ? { email, role } : undefined)).personId;
  const ids = {
    fay: await person('Fay Facilitator', ['practitioner'], 'fay@example.com', 'facilitator'),
    mo: await person('Mo Member', ['draws-on-care'], 'mo@example.com', 'member'),
    len: await person('Len Outsider', ['community'], 'len@example.com', 'member'),
    sue: await person('Sue Carer', ['carer']),
    dennis: await person('Dennis Whitfield', ['draws-on-care']),
    gina: await person('Gina Giver', ['draws-on-care']),
    pat: await person('Pat Paid', ['practitioner']),
    nina: await person('Nina Notyet', ['family']),
  };
  const rates = {
    meeting: 1500,
    preparation: 1000,
    training: 1200,
    'recruitment-panel': 2000,
    consultation: 1500,
    'peer-support': 1300,
    other: 1000,
  };
  await t.services.rewards.addPolicy(staff, {
    effectiveFrom: '2026-04-01',
    rates,
    preparation: { kind: 'per-meeting-hour', minutes: 30 },
    mileagePencePerMile: 45,
  });
  const choose = (
    personId: string,
    way: 'bank-transfer' | 'voucher' | 'time-credits' | 'lower-amount' | 'donation' | 'volunteer' | 'paid-staff',
    extra: { lowerAmountPence?: number; charity?: string } = {},
  ) =>
    t.services.rewards.chooseReward(staff, personId, {
      way,
      lowerAmountPence: extra.lowerAmountPence ?? null,
      charity: extra.charity ?? null,
    });
  await choose(ids.fay, 'bank-transfer');
  await choose(ids.mo, 'bank-transfer');
  await choose(ids.len, 'voucher');
  await choose(ids.sue, 'time-credits');
  await choose(ids.dennis, 'lower-amount', { lowerAmountPence: 800 });
  await choose(ids.gina, 'donation', { charity: 'Northby Food Bank' });
  await choose(ids.pat, 'paid-staff');
  // Mo gets Universal Credit from the 1st of each month; the organisation's limit is £30.
  await t.services.rewards.saveBenefits(staff, ids.mo, true, {
    universalCredit: { assessmentStartDay: 1 },
    esaPermittedWork: false,
    other: null,
  });
  await t.services.rewards.addLimit(staff, { kind: 'universal-credit', effectiveFrom: '2026-04-01', limitPence: 3000 });

  const projectId = await t.services.projects.create(staff, {
    title: 'Better day centre lunches',
    purpose: 'Menus',
    activities: ['co-design'],
    levelAim: 'intermediate',
    stage: 'designing',
    startDate: '2026-11-01',
  });
  for (const p of ['fay', 'mo', 'sue', 'dennis', 'gina', 'pat', 'nina'] as const)
    await t.services.projects.addMember(staff, projectId, ids[p], 'member', '2026-11-01');
  const meetingId = await t.services.meetings.create(staff, projectId, {
    title: 'Menu tasting',
    purpose: 'Taste soups',
    startsAt: '2026-12-03T10:30:00.000Z',
    endsAt: '2026-12-03T12:30:00.000Z',
    format: 'in-person',
    venueId: null,
    joiningDetails: null,
    membersOnly: false,
    arrangements: [],
    interpreterLanguages: [],
  });
  t.clock.now = new Date('2026-12-04T10:00:00Z');
  const whole = { arrivedAt: '2026-12-03T10:30:00.000Z', leftAt: '2026-12-03T12:30:00.000Z' };
  await t.services.meetingRecords.saveAttendance(staff, meetingId, [
    ...(['fay', 'mo', 'dennis', 'gina', 'pat', 'nina'] as const).map((p) => ({ personId: ids[p], status: 'present' as const, ...whole })),
    { personId: ids.sue, status: 'present', arrivedAt: '2026-12-03T10:45:00.000Z', leftAt: whole.leftAt },
  ]);
  return { organisationId, adminPersonId: org.adminPersonId, admin, staff, ids, projectId, meetingId };
}
