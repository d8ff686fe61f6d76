import type { CurrentUser } from '../src/platform/auth.ts';
import type { Services } from '../src/services.ts';
import type { DemoCalendar } from './demo-calendar.ts';

type Staff = { organisationId: string; personId: string };

/**
 * The council's time bank: credits for coming to the past meeting, a few offers and
 * requests, one swap both sides said yes to, one waiting for a yes (so its message is in
 * the outbox), two partners who take credits, and a floor of ten hours below zero.
 */
export async function addDemoTimebank(
  services: Services,
  cal: DemoCalendar,
  staff: Staff,
  admin: CurrentUser,
  ids: Map<string, string>,
  pastMeetingId: string,
  userOf: (email: string) => Promise<CurrentUser>,
) {
  const { timebank } = services;
  await timebank.ledger.saveFloor(staff, -600);

  // Everyone who came to the tasting day and is not paid to be there gets their time back.
  const { rows } = await timebank.attendance.forMeeting(admin, pastMeetingId);
  await timebank.attendance.credit(
    admin,
    pastMeetingId,
    rows.filter((r) => !r.paidToBeThere).map((r) => r.personId),
  );

  const grace = await userOf('grace@example.org');
  const priya = await userOf('priya@example.org');
  const lily = await userOf('lily@example.org');
  const amira = await userOf('amira@example.org');

  const forms = await timebank.exchanges.post(grace, {
    kind: 'offer',
    title: 'Help with forms',
    description: 'I can help fill in forms, like benefits or blue badge forms. Weekday mornings.',
    minutes: 60,
  });
  await timebank.exchanges.post(amira, {
    kind: 'offer',
    title: 'Arabic to English help',
    description: 'I can read letters with you, or come to an appointment to help you talk.',
    minutes: 90,
  });
  const garden = await timebank.exchanges.post(priya, {
    kind: 'request',
    title: 'Help in my garden',
    description: 'Weeding and cutting back the hedge. I have the tools.',
    minutes: 120,
  });
  await timebank.exchanges.post(lily, {
    kind: 'request',
    title: 'Lift to the library',
    description: 'A lift to Northby Library on a Saturday, and back.',
    minutes: 60,
  });

  // Priya asked for Grace's help with a form; Grace said it took an hour and a half; Priya said yes.
  const done = await timebank.exchanges.respond(priya, forms, "Could you help with my carer's allowance form?");
  const daysAgo = (n: number) => cal.day(-n);
  await timebank.exchanges.propose(grace, done, { minutes: 90, happenedOn: daysAgo(5) });
  const confirmed = await timebank.exchanges.confirm(priya, done, 90);
  if (!confirmed.ok) throw new Error(`demo data: the swap was refused (${confirmed.refusal})`);

  // Lily helped in Priya's garden and said so; Priya has been asked to say yes.
  const waiting = await timebank.exchanges.respond(lily, garden, 'I like gardening. Saturday morning?');
  await timebank.exchanges.propose(lily, waiting, { minutes: 120, happenedOn: daysAgo(2) });

  await timebank.partners.add(staff, { partnerName: 'Northby Leisure Centre', what: 'One swim', minutes: 60 });
  await timebank.partners.add(staff, { partnerName: 'Northby Leisure Centre', what: 'A month of gym sessions', minutes: 600 });
  await timebank.partners.add(staff, { partnerName: 'Riverside Café', what: 'A hot drink and a cake', minutes: 30 });
  // Dennis does not sign in: staff recorded him helping Eileen with her shopping.
  const dennis = ids.get('Dennis Whitfield');
  const eileen = ids.get('Eileen Murphy');
  if (dennis && eileen)
    await timebank.exchanges.recordForOthers(staff, {
      giverId: dennis,
      receiverId: eileen,
      minutes: 45,
      happenedOn: daysAgo(3),
      what: 'Helped carry the shopping home',
    });
}
