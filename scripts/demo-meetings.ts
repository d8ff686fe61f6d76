import type { Services } from '../src/services.ts';
import { londonToUtc } from '../src/modules/meetings/meeting-time.ts';
import type { MeetingInput } from '../src/modules/meetings/service.ts';
import type { DemoCalendar } from './demo-calendar.ts';

type Actor = { organisationId: string; personId: string };

/** London times on a day `days` from today: the demo always has past and coming meetings. */
export function meetingTimes(cal: DemoCalendar, days: number, start: string, end: string) {
  const date = cal.day(days);
  const s = londonToUtc(date, start);
  const e = londonToUtc(date, end);
  if (!s.ok || !e.ok) throw new Error(`demo data: no such time ${date} ${start}`);
  return { startsAt: s.iso, endsAt: e.iso };
}

const meeting = (m: Partial<MeetingInput> & Pick<MeetingInput, 'title' | 'purpose' | 'startsAt' | 'endsAt'>): MeetingInput => ({
  format: 'in-person',
  venueId: null,
  joiningDetails: null,
  membersOnly: false,
  arrangements: [],
  interpreterLanguages: [],
  ...m,
});

/** Venues and meetings for the council's demo projects, through the real services. */
/** Returns the meeting coming up next (invitations sent) and the past one. */
export async function addDemoMeetings(
  services: Services,
  cal: DemoCalendar,
  staff: Actor,
  projectIds: { lunches: string; letters: string },
  ids: Map<string, string>,
): Promise<{ next: string; past: string }> {
  const org = staff.organisationId;
  const at = (days: number, start: string, end: string) => meetingTimes(cal, days, start, end);
  const dayFromToday = cal.day;
  const dayCentre = await services.venues.create(org, {
    name: 'Northby Day Centre',
    address: '12 Station Road, Northby, NB1 4AA',
    runBy: null,
    features: ['step-free', 'accessible-toilet', 'hearing-loop', 'parking', 'quiet-room'],
    notes: 'Use the garden door: it has no step.',
  });
  const library = await services.venues.create(org, {
    name: 'Northby Library',
    address: 'Market Square, Northby, NB1 1AB',
    runBy: 'Northshire Libraries',
    features: ['step-free', 'lift', 'accessible-toilet', 'public-transport'],
    notes: 'Community room on the first floor. Book through the front desk.',
  });
  const hall = await services.venues.create(org, {
    name: "St Mark's Church Hall",
    address: 'Church Lane, Eastfield, EF2 3CD',
    runBy: "St Mark's Parish",
    features: ['parking'],
    notes: 'Three steps at the front door.',
  });

  // Dennis never comes to evening meetings; Eileen does not want phone calls.
  const dennis = await services.people.get(org, ids.get('Dennis Whitfield')!);
  await services.people.update(staff, dennis.id, { ...dennis, unsuitableTimes: { days: [], parts: ['evening'] } });

  const past = await services.meetings.create(
    staff,
    projectIds.lunches,
    meeting({
      title: 'Tasting day',
      purpose: 'Taste three new soups and choose which ones go on the menu.',
      ...at(-14, '10:30', '12:30'),
      venueId: dayCentre,
      arrangements: ['easy-read-papers', 'large-print-papers', 'support-worker', 'breaks', 'transport'],
    }),
  );
  await services.invitations.sendInvitations(staff, past);
  const invited = await services.meetings.invitees(org, past);
  await services.meetingRecords.saveAttendance(
    staff,
    past,
    invited.map((i, n) => {
      const when = at(-14, n === 1 ? '11:00' : '10:30', '12:30');
      return n === invited.length - 1
        ? { personId: i.personId, status: 'apologies' as const, arrivedAt: null, leftAt: null }
        : { personId: i.personId, status: 'present' as const, arrivedAt: when.startsAt, leftAt: when.endsAt };
    }),
  );
  await services.meetingRecords.saveNotes(staff, past, {
    discussed:
      'We tasted leek, tomato and lentil soup. Most people liked leek and lentil. Tomato was too salty. We talked about soft food for people who find chewing hard.',
    summary: 'We chose leek soup and lentil soup. There will always be a soft food choice.',
  });
  await services.meetingRecords.addDecision(
    staff,
    past,
    'Leek soup on Mondays and lentil soup on Thursdays',
    'Cawl cennin ar ddydd Llun a chawl corbys ar ddydd Iau',
  );
  await services.meetingRecords.addDecision(staff, past, 'There is a soft food choice every day');
  await services.meetingRecords.addAction(staff, past, {
    what: 'Tell the kitchen team about the new soups',
    whatWelsh: 'Dweud wrth dîm y gegin am y cawliau newydd',
    ownerPersonId: ids.get('Grace Okafor') ?? null,
    dueOn: dayFromToday(-7),
  });
  await services.meetingRecords.addAction(staff, past, {
    what: 'Make an easy read menu with pictures',
    ownerPersonId: ids.get('Hannah Lowe') ?? null,
    dueOn: dayFromToday(10),
  });
  const notes = await services.meetingRecords.notes(org, past);
  await services.invitations.sendSummary(staff, await services.meetings.load(org, past), {
    discussed: notes.summary,
    decisions: notes.decisions,
    actions: notes.actions,
  });
  await services.meetingRecords.markPublished(staff, past);

  const next = await services.meetings.create(
    staff,
    projectIds.lunches,
    meeting({
      title: 'Menu planning group',
      purpose: 'Plan the four-week winter menu together.',
      ...at(7, '10:30', '12:30'),
      venueId: library,
      arrangements: ['easy-read-papers', 'support-worker'],
    }),
  );
  await services.invitations.sendInvitations(staff, next);
  await services.meetings.create(
    staff,
    projectIds.lunches,
    meeting({
      title: 'Our own priorities',
      purpose: 'People who use the day centre and their carers agree what matters most to them before the next big meeting.',
      ...at(12, '14:00', '15:30'),
      format: 'online',
      joiningDetails: 'We will send a video call link by text the day before. You can also join by phone.',
      membersOnly: true,
    }),
  );
  await services.meetings.create(
    staff,
    projectIds.letters,
    meeting({
      title: 'Testing the first three letters',
      purpose: 'Read three rewritten letters together and say what is still hard to understand.',
      ...at(20, '13:30', '15:30'),
      venueId: hall,
      arrangements: ['large-print-papers'],
    }),
  );
  return { next, past };
}
