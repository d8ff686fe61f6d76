import type { Services } from '../src/services.ts';
import type { CurrentUser } from '../src/platform/auth.ts';
import { meetingTimes } from './demo-meetings.ts';
import type { DemoCalendar } from './demo-calendar.ts';

type Actor = { organisationId: string; personId: string };

/**
 * The council's open forum (V4): two well-attended meetings in the last three months, so the
 * impact dashboard and report show real figures above the small-number threshold.
 */
export async function addDemoImpact(services: Services, cal: DemoCalendar, staff: Actor, admin: CurrentUser): Promise<string> {
  const at = (days: number, start: string, end: string) => meetingTimes(cal, days, start, end);
  const org = staff.organisationId;
  const projectId = await services.projects.create(staff, {
    title: 'Community open forum',
    purpose: 'Everyone meets every few weeks to say what is working and what is not.',
    activities: ['co-design', 'co-evaluation'],
    levelAim: 'intermediate',
    stage: 'delivering',
    startDate: at(-120, '10:00', '11:00').startsAt.slice(0, 10),
  });
  const everyone = (await services.people.directory(org)).map((p) => p.id);
  for (const id of everyone)
    await services.projects.addMember(staff, projectId, id, 'member', at(-120, '10:00', '11:00').startsAt.slice(0, 10));
  const forum = async (days: number, title: string, comeRate: number) => {
    const when = at(days, '13:00', '15:00');
    const id = await services.meetings.create(staff, projectId, {
      title,
      purpose: 'Say what is working and what is not.',
      ...when,
      format: 'in-person',
      venueId: null,
      joiningDetails: null,
      membersOnly: false,
      arrangements: ['breaks', 'easy-read-papers'],
      interpreterLanguages: [],
    });
    // Most people come; every fifth or so sends apologies; a few arrive half an hour late.
    await services.meetingRecords.saveAttendance(
      staff,
      id,
      everyone.map((personId, n) => {
        if ((n * 7) % 10 >= comeRate * 10) return { personId, status: 'apologies' as const, arrivedAt: null, leftAt: null };
        const late = n % 6 === 0 ? at(days, '13:30', '15:00') : when;
        return { personId, status: 'present' as const, arrivedAt: late.startsAt, leftAt: late.endsAt };
      }),
    );
    return id;
  };
  await forum(-75, 'Open forum: autumn', 0.8);
  await forum(-40, 'Open forum: winter plans', 0.9);
  await services.budgets.setPlanned(admin, projectId, {
    payments: 150000,
    expenses: 40000,
    venues: 30000,
    interpreters: 20000,
    training: 10000,
    other: 5000,
  });
  await services.budgets.addSpend(admin, projectId, {
    category: 'venues',
    description: 'Hall hire for two forums',
    amountPence: 24000,
    spentOn: at(-40, '10:00', '11:00').startsAt.slice(0, 10),
    status: 'paid',
  });
  return projectId;
}
