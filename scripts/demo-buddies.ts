import type { CurrentUser } from '../src/platform/auth.ts';
import type { Services } from '../src/services.ts';
import type { DemoCalendar } from './demo-calendar.ts';

/**
 * Buddies for newcomers (issue 22, P5): Eileen joined the community transport project in
 * September and Samuel, who has been a member since March, is her buddy, with the help he
 * gave written down; Arjun had a buddy for a while; Olivia and Rosa have none yet, so the
 * To do page shows newcomers waiting for one.
 */
export async function addDemoBuddies(services: Services, cal: DemoCalendar, admin: CurrentUser, ids: Map<string, string>) {
  const { buddies } = services;
  const id = (name: string) => ids.get(name)!;
  const eileen = await buddies.link(admin, {
    newcomerId: id('Eileen Murphy'),
    buddyId: id('Samuel Boateng'),
    startsOn: cal.dated('2026-09-21'),
  });
  const help: Array<[string, 'phone' | 'in-person' | 'message', string]> = [
    ['2026-09-24', 'phone', 'Phoned to talk about the first meeting and what the words on the agenda mean.'],
    ['2026-10-05', 'in-person', 'Met at the bus stop and went to the meeting together.'],
    ['2026-11-10', 'message', 'Sent a text the day before the meeting to check she had the papers.'],
  ];
  for (const [on, how, what] of help) await buddies.recordSupport(admin, eileen, { givenOn: cal.dated(on), how, what });
  const arjun = await buddies.link(admin, { newcomerId: id('Arjun Patel'), buddyId: id('Thomas Reid'), startsOn: cal.dated('2026-09-28') });
  await buddies.recordSupport(admin, arjun, {
    givenOn: cal.dated('2026-10-01'),
    how: 'phone',
    what: 'Talked through how expenses are paid.',
  });
  await buddies.end(admin, arjun);
}
