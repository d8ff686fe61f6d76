import type { CurrentUser } from '../src/platform/auth.ts';
import type { Services } from '../src/services.ts';
import type { DemoCalendar } from './demo-calendar.ts';

/**
 * Staff time (issue 22, P4): facilitators are given 4 hours a week and admins 1; Hannah and
 * Martin are in the adult social care team and wrote down the last eight weeks: Hannah most
 * of her time, Martin much less, so the summary shows both a team using its time and the
 * pattern a review should ask about.
 */
export async function addDemoStaffTime(
  services: Services,
  cal: DemoCalendar,
  admin: CurrentUser,
  userOf: (email: string) => Promise<CurrentUser>,
  projects: { lunches: string; letters: string },
) {
  const { staffTime } = services;
  await staffTime.saveAllowances(admin, { admin: 60, facilitator: 240 });
  await staffTime.addTeam(admin, 'Adult social care');
  const settings = await staffTime.settings(admin, { page: 1, limit: 50, offset: 0 });
  const team = settings.teams.find((t) => t.name === 'Adult social care')!.id;
  const hannah = await userOf('hannah.lowe@northshire.example');
  const martin = await userOf('martin.shaw@northshire.example');
  for (const person of [hannah, martin]) await staffTime.setTeam(admin, person.personId, team);
  for (let week = 1; week <= 8; week++) {
    const day = cal.day(-7 * week);
    await staffTime.saveWeek(hannah, day, [
      { projectId: projects.lunches, minutes: 150 + (week % 3) * 30 },
      { projectId: projects.letters, minutes: 45 },
    ]);
    if (week % 2 === 0) await staffTime.saveWeek(martin, day, [{ projectId: projects.lunches, minutes: 60 }]);
  }
}
