import type { CurrentUser } from '../src/platform/auth.ts';
import type { Services } from '../src/services.ts';
import type { DemoCalendar } from './demo-calendar.ts';

type Staff = { organisationId: string; personId: string };

/**
 * The council's payment policy, example benefits limits, people's reward choices, claims
 * from the past meeting, an expense and a project budget. The benefits figures are
 * examples for the demo only: an organisation enters the figures in force each April.
 */
export async function addDemoRewards(
  services: Services,
  cal: DemoCalendar,
  staff: Staff,
  admin: CurrentUser,
  ids: Map<string, string>,
  lunchesProjectId: string,
  pastMeetingId: string,
) {
  const { rewards } = services;
  const pence = (pounds: number) => Math.round(pounds * 100);
  await rewards.addPolicy(staff, {
    effectiveFrom: '2025-04-01',
    rates: {
      meeting: pence(15),
      preparation: pence(15),
      training: pence(12),
      'recruitment-panel': pence(20),
      consultation: pence(15),
      'peer-support': pence(13),
      other: pence(12),
    },
    preparation: { kind: 'per-meeting-hour', minutes: 30 },
    mileagePencePerMile: 45,
  });
  await rewards.addPolicy(staff, {
    effectiveFrom: '2026-04-01',
    rates: {
      meeting: pence(16),
      preparation: pence(16),
      training: pence(12.5),
      'recruitment-panel': pence(21),
      consultation: pence(16),
      'peer-support': pence(14),
      other: pence(12.5),
    },
    preparation: { kind: 'per-meeting-hour', minutes: 30 },
    mileagePencePerMile: 45,
  });
  await rewards.addLimit(staff, { kind: 'universal-credit', effectiveFrom: '2026-04-01', limitPence: pence(411) });
  await rewards.addLimit(staff, { kind: 'esa-permitted-work', effectiveFrom: '2026-04-01', limitPence: pence(200) });

  const choose = async (
    name: string,
    way: Parameters<typeof rewards.chooseReward>[2]['way'],
    extra: { lowerAmountPence?: number; charity?: string } = {},
  ) => {
    const personId = ids.get(name);
    if (personId)
      await rewards.chooseReward(
        staff,
        personId,
        { way, lowerAmountPence: extra.lowerAmountPence ?? null, charity: extra.charity ?? null },
        personId,
      );
  };
  await choose('Grace Okafor', 'bank-transfer');
  await choose('Dennis Whitfield', 'voucher');
  await choose('Samuel Boateng', 'time-credits');
  await choose('Thomas Reid', 'donation', { charity: 'Northby Food Bank' });
  await choose('Hannah Lowe', 'paid-staff');
  await choose('Martin Shaw', 'paid-staff');
  await choose('Eileen Murphy', 'lower-amount', { lowerAmountPence: pence(10) });

  // Dennis gets Universal Credit and agreed that we keep it, so staff see his limit.
  const dennis = ids.get('Dennis Whitfield');
  if (dennis)
    await rewards.saveBenefits(
      staff,
      dennis,
      true,
      { universalCredit: { assessmentStartDay: 15 }, esaPermittedWork: false, other: null },
      dennis,
    );

  await services.meetingClaims.makeFromAttendance(admin, pastMeetingId);
  const grace = ids.get('Grace Okafor');
  if (grace) {
    const taxi = await services.claims.addExpense(admin, {
      personId: grace,
      type: 'taxi',
      onDate: cal.dated('2026-11-09'),
      amountPence: pence(14.6),
      mileTenths: null,
      projectId: lunchesProjectId,
      note: 'Taxi with room for a wheelchair, both ways',
      submit: true,
    });
    if (taxi.ok) await services.claimWorkflow.approve(admin, taxi.id, { confirmedOverLimit: false });
  }
  await services.budgets.setPlanned(admin, lunchesProjectId, {
    payments: pence(1200),
    expenses: pence(400),
    venues: pence(300),
    interpreters: pence(250),
    training: pence(200),
    'support-to-take-part': pence(150),
    other: pence(100),
  });
  await services.budgets.addSpend(admin, lunchesProjectId, {
    category: 'interpreters',
    description: 'Easy read menu, first version',
    amountPence: pence(85),
    spentOn: cal.dated('2026-11-02'),
    status: 'paid',
  });
}
