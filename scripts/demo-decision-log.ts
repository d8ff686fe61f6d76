import type { CurrentUser } from '../src/platform/auth.ts';
import { perspectiveGroupOf, perspectiveGroups } from '../src/platform/perspective-groups.ts';
import type { TakingPart } from '../src/modules/decision-log/rules.ts';
import type { Services } from '../src/services.ts';
import type { DemoCalendar } from './demo-calendar.ts';

/**
 * Decisions for the council's demo projects, through the real services: one agreed at the
 * tasting day (who took part counted from its register) with one job done ("you said, we
 * did") and one under way, and one agreed outside a meeting whose job is late.
 */
export async function addDemoDecisions(
  services: Services,
  cal: DemoCalendar,
  admin: CurrentUser,
  ids: Map<string, string>,
  projects: { lunches: string; letters: string },
  pastMeetingId: string,
) {
  const { decisionLog } = services;
  const org = admin.organisationId;
  const person = (name: string) => {
    const id = ids.get(name);
    if (!id) throw new Error(`demo data: no person called ${name}`);
    return id;
  };

  // Who took part in the tasting day, by perspective group: numbers only, from the register.
  const invitees = await services.meetings.invitees(org, pastMeetingId);
  const attendance = await services.meetingRecords.attendance(org, pastMeetingId);
  const came = (personId: string) => attendance.get(personId)?.status === 'present';
  const byPerspective = perspectiveGroups.map((group) => {
    const inGroup = invitees.filter((i) => i.perspectives.some((p) => perspectiveGroupOf(p) === group));
    return { group, invited: inGroup.length, tookPart: inGroup.filter((i) => came(i.personId)).length };
  });
  const takingPart: TakingPart = {
    invited: invitees.length,
    tookPart: invitees.filter((i) => came(i.personId)).length,
    byPerspective: byPerspective.filter((g) => g.invited > 0),
  };

  const soups = await decisionLog.recordDecision(admin, {
    projectId: projects.lunches,
    proposalId: null,
    meetingId: pastMeetingId,
    decided: 'Leek soup and lentil soup will go on the menu. Tomato soup will not.',
    why: 'Most people liked the leek and the lentil soup best. Many said the tomato soup was too salty. People who find chewing hard asked for a smooth version too.',
    takingPart,
    decidedOn: cal.day(-14),
  });
  const menu = await decisionLog.addAction(admin, projects.lunches, soups.id, {
    what: 'Tell the kitchen team and change the menu',
    ownerId: person('Hannah Lowe'),
    dueOn: cal.day(-7),
  });
  if (menu.ok) {
    await decisionLog.updateAction(admin, projects.lunches, soups.id, menu.id, {
      status: 'done',
      whatWeDid: 'Leek soup is on the menu every Monday and lentil soup every Thursday. The kitchen also makes a smooth version of each.',
    });
  }
  const easyRead = await decisionLog.addAction(admin, projects.lunches, soups.id, {
    what: 'Make an easy read menu with pictures',
    ownerId: person('Grace Okafor'),
    dueOn: cal.day(14),
  });
  if (easyRead.ok)
    await decisionLog.updateAction(admin, projects.lunches, soups.id, easyRead.id, { status: 'in-progress', whatWeDid: null });

  const testing = await decisionLog.recordDecision(admin, {
    projectId: projects.letters,
    proposalId: null,
    meetingId: null,
    decided: 'Every new letter will be tested by three people who get letters like it, before it is sent to anyone.',
    why: 'People said the old letters were written for staff, not for them. Testing with real readers is the only way to know a letter works.',
    takingPart: null,
    decidedOn: cal.day(-10),
  });
  await decisionLog.addAction(admin, projects.letters, testing.id, {
    what: 'Find three people to test the first letter',
    ownerId: person('Samuel Boateng'),
    dueOn: cal.day(-3),
  });
  await decisionLog.addNote(admin, projects.letters, testing.id, 'The three people will be paid for their time, as for a meeting.');
  return { lunchesDecisionId: soups.id, lettersDecisionId: testing.id };
}
