// For tests only: an organisation with a project whose meeting on 3 November 2026 had
// 13 people who draw on care and support, 3 carers and 10 staff, a payment approved, time
// credits given, a budget and a review with a gap. Built through the real services, as people using the app would.
import type { CurrentUser } from '../../src/platform/auth.ts';
import type { Perspective } from '../../src/modules/people/vocabulary.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount } from '../helpers/fixtures.ts';
import type { TestApp } from '../helpers/test-app.ts';

export type ImpactWorld = Awaited<ReturnType<typeof setUpImpactWorld>>;

export async function setUpImpactWorld(t: TestApp) {
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
  const person = async (fullName: string, perspectives: Perspective[], account?: { email: string; role: 'facilitator' | 'member' }) =>
    (await personWithAccount(t, organisationId, { fullName, perspectives }, account)).personId;
  const fay = await person('Fay Facilitator', ['practitioner'], { email: 'fay@example.com', role: 'facilitator' });
  const mo = await person('Mo Member', ['draws-on-care'], { email: 'mo@example.com', role: 'member' });
  const lived: string[] = [mo];
  for (let i = 1; i <= 12; i++) lived.push(await person(`Lived Person ${i}`, ['draws-on-care']));
  const carers: string[] = [];
  for (let i = 1; i <= 3; i++) carers.push(await person(`Carer ${i}`, ['carer']));
  const staffPeople: string[] = [fay];
  for (let i = 1; i <= 9; i++) staffPeople.push(await person(`Worker ${i}`, ['practitioner']));
  const everyone = [...lived, ...carers, ...staffPeople];

  const projectId = await t.services.projects.create(staff, {
    title: 'Better day centre lunches',
    purpose: 'Menus',
    activities: ['co-design'],
    levelAim: 'intermediate',
    stage: 'designing',
    startDate: '2026-10-01',
  });
  const otherProjectId = await t.services.projects.create(staff, {
    title: 'Transport review',
    purpose: 'Buses',
    activities: ['co-design'],
    levelAim: 'descriptive',
    stage: 'designing',
    startDate: '2026-10-01',
  });
  for (const id of everyone) await t.services.projects.addMember(staff, projectId, id, 'member', '2026-10-01');
  const meeting = (projectId: string, title: string, day: string) =>
    t.services.meetings.create(staff, projectId, {
      title,
      purpose: 'Plan',
      startsAt: `${day}T10:00:00.000Z`,
      endsAt: `${day}T12:00:00.000Z`,
      format: 'in-person',
      venueId: null,
      joiningDetails: null,
      membersOnly: false,
      arrangements: [],
      interpreterLanguages: [],
    });
  const meetingId = await meeting(projectId, 'Menu tasting', '2026-11-03');
  const whole = { arrivedAt: '2026-11-03T10:00:00.000Z', leftAt: '2026-11-03T12:00:00.000Z' };
  await t.services.meetingRecords.saveAttendance(
    staff,
    meetingId,
    everyone.map((personId) => ({ personId, status: 'present' as const, ...whole })),
  );
  // An older meeting, outside a report that starts in October.
  const oldMeetingId = await meeting(otherProjectId, 'Bus routes', '2026-03-10');
  await t.services.meetingRecords.saveAttendance(staff, oldMeetingId, [
    { personId: mo, status: 'present', arrivedAt: '2026-03-10T10:00:00.000Z', leftAt: '2026-03-10T11:00:00.000Z' },
  ]);

  // Mo is paid for the meeting (£15 an hour, 60 minutes' preparation at £10): £40 approved.
  await t.services.rewards.addPolicy(staff, {
    effectiveFrom: '2026-04-01',
    rates: {
      meeting: 1500,
      preparation: 1000,
      training: 1200,
      'recruitment-panel': 2000,
      consultation: 1500,
      'peer-support': 1300,
      other: 1000,
    },
    preparation: { kind: 'per-meeting-hour', minutes: 30 },
    mileagePencePerMile: 45,
  });
  await t.services.rewards.chooseReward(staff, mo, { way: 'bank-transfer', lowerAmountPence: null, charity: null });
  await t.services.meetingClaims.makeFromAttendance(admin, meetingId);
  const claim = await t.database.db.selectFrom('claims').select('id').where('person_id', '=', mo).executeTakeFirstOrThrow();
  await t.services.claimWorkflow.approve(admin, claim.id, { confirmedOverLimit: false });
  // A carer is given 90 minutes of time credits.
  await t.services.timebank.creditFromOrganisation(staff, {
    personId: carers[0]!,
    minutes: 90,
    memo: 'Helping at lunch',
    reference: 'test:credit:1',
  });
  await t.services.budgets.setPlanned(admin, projectId, {
    payments: 50000,
    expenses: 10000,
    venues: 20000,
    interpreters: 0,
    training: 0,
    other: 0,
  });
  // A review of the organisation, open this month: 4 people with lived experience rate
  // culture 2 and 4 staff rate it 4 (a gap of 2 points); structure by staff only.
  const cycle = await t.services.reviews.create(staff, {
    title: 'Autumn review 2026',
    projectId: null,
    opensOn: '2026-11-01',
    closesOn: '2026-11-30',
    schedule: 'none',
    gapThresholdTenths: 10,
  });
  if (!cycle.ok) throw new Error('review not opened');
  const rate = (personId: string, section: 'culture' | 'structure', rating: 1 | 2 | 3 | 4 | 5) =>
    t.services.reviews.saveSection(
      admin,
      cycle.id,
      personId,
      (section === 'culture' ? (['C1', 'C2', 'C3'] as const) : (['S1', 'S2'] as const)).map((code) => ({
        code,
        answer: rating,
        comment: null,
      })),
      'in-person',
    );
  for (const id of lived.slice(0, 4)) await rate(id, 'culture', 2);
  for (const id of staffPeople.slice(0, 4)) {
    await rate(id, 'culture', 4);
    await rate(id, 'structure', 5);
  }
  // An action from the review, a week late (learning loop, V3).
  const action = await t.services.learning.addAction(admin, {
    what: 'Ask people with lived experience to co-chair',
    ownerPersonId: fay,
    dueOn: '2026-11-16',
    status: 'not-started',
    whatChanged: null,
    projectId,
    reviewCycleId: cycle.id,
    recommendations: ['C1'],
  });
  if (!action.ok) throw new Error('action not added');
  // An outcome asked before (October) and after (November): 10 people, 2.0 then 4.0.
  const outcomeId = await t.services.outcomes.addOutcome(admin, projectId, {
    title: 'I feel listened to',
    measure: 'scale',
    question: 'Do you feel listened to?',
    unit: null,
    agreedHow: null,
  });
  for (const [phase, opensOn, closesOn, score] of [
    ['before', '2026-10-01', '2026-10-15', 2],
    ['after', '2026-11-10', '2026-11-20', 4],
  ] as const) {
    const round = await t.services.outcomes.surveys.addRound(admin, projectId, { phase, opensOn, closesOn });
    if (!round.ok) throw new Error('round not added');
    for (const id of lived.slice(0, 10)) {
      const saved = await t.services.outcomes.surveys.record(admin, round.id, id, { [outcomeId]: score });
      if (!saved.ok) throw new Error(`answer not recorded: ${JSON.stringify(saved.errors)}`);
    }
  }
  return { organisationId, admin, staff, fay, mo, projectId, otherProjectId, meetingId, reviewId: cycle.id };
}
