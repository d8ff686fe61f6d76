import type { Services } from '../src/services.ts';
import type { DemoCalendar } from './demo-calendar.ts';
import { meetingTimes } from './demo-meetings.ts';

type Actor = { organisationId: string; personId: string };

/**
 * "When can everyone come?" (issue 17): an open poll for the lunches project's tasting day,
 * sent to every member, with answers given in different ways. Dennis needs help with
 * travel, so the third time, the day after answers close, shows that it is too soon to
 * book his transport.
 */
export async function addDemoTimePolls(
  services: Services,
  cal: DemoCalendar,
  staff: Actor,
  projectId: string,
  ids: Map<string, string>,
): Promise<string> {
  const members = await services.projects.members(staff.organisationId, projectId);
  const closes = meetingTimes(cal, 6, '23:59', '23:59').startsAt;
  const { id } = await services.timePolls.create(staff, projectId, {
    title: 'Tasting day for the new menu',
    purpose: 'Taste the new dishes and say which ones go on the menu.',
    format: 'in-person',
    venueId: null,
    joiningDetails: null,
    closesAt: closes,
    times: [meetingTimes(cal, 12, '10:30', '12:30'), meetingTimes(cal, 13, '14:00', '16:00'), meetingTimes(cal, 7, '14:00', '16:00')],
    personIds: members.map((m) => m.personId),
  });
  const who = (name: string) => ids.get(name)!;
  const poll = await services.timePolls.load(staff.organisationId, id);
  // Times in the order they are offered: the earliest (the day after answers close) first.
  const answers = (...given: Array<'yes' | 'maybe' | 'no'>) =>
    Object.fromEntries(poll.times.map((time, i) => [`time${time.position}`, given[i]!]));
  await services.timePolls.answer(staff.organisationId, id, who('Grace Okafor'), answers('no', 'yes', 'yes'), 'self');
  await services.timePolls.answer(staff.organisationId, id, who('Thomas Reid'), answers('maybe', 'no', 'yes'), 'text');
  await services.timePolls.answer(staff.organisationId, id, who('Dennis Whitfield'), answers('yes', 'maybe', 'yes'), {
    by: staff.personId,
    how: 'phone',
  });
  await services.timePolls.answer(staff.organisationId, id, who('Martin Shaw'), answers('yes', 'yes', 'no'), 'self');
  return id;
}
