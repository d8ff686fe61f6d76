import type { CurrentUser } from '../src/platform/auth.ts';
import type { Services } from '../src/services.ts';
import type { DemoCalendar } from './demo-calendar.ts';

/**
 * Learn together (issue 22, P3): a group session at the day centre went through the first
 * two modules with ten people, recorded by staff; Grace did three on her own and wrote what
 * she thought; Dennis and Samuel had training the council recorded; Amira was sent a link to
 * the commissioning panel module; and the council put its own words in the meetings module.
 */
export async function addDemoLearn(
  services: Services,
  cal: DemoCalendar,
  admin: CurrentUser,
  ids: Map<string, string>,
  userOf: (email: string) => Promise<CurrentUser>,
) {
  const { learn } = services;
  const id = (name: string) => ids.get(name)!;
  const session = [
    'Dennis Whitfield',
    'Karen Whitfield',
    'Eileen Murphy',
    'Samuel Boateng',
    'Kwame Mensah',
    'Joan Fletcher',
    'Rosa Price',
    'Bilal Qureshi',
    'Nora Kelly',
    'Patrick Doherty',
  ];
  const said: Record<string, string> = {
    'Dennis Whitfield': 'Being asked at the start, not told at the end.',
    'Joan Fletcher': 'Papers sent early, in big print.',
  };
  for (const name of session)
    for (const module of ['what-is-co-production', 'the-four-principles'])
      await learn.recordFor(admin, id(name), module, 'group', module === 'what-is-co-production' ? (said[name] ?? null) : null);

  const grace = await userOf('grace@example.org');
  await learn.markDone(grace, 'what-is-co-production', 'Everyone listening, and nobody using words I do not know.');
  await learn.markDone(grace, 'rewards-and-benefits', 'Training I can put on my CV.');
  await learn.markDone(grace, 'being-on-a-commissioning-panel', 'Would people like me be able to visit the service?');
  const hannah = await userOf('hannah.lowe@northshire.example');
  await learn.markDone(hannah, 'the-jigsaw', 'Review: we rarely show people what changed.');

  await learn.addTraining(admin, id('Dennis Whitfield'), {
    course: 'Recruiting staff together',
    onDate: cal.dated('2026-10-14'),
    minutes: 180,
  });
  await learn.addTraining(admin, id('Samuel Boateng'), { course: 'Peer mentoring', onDate: cal.dated('2026-09-09'), minutes: 360 });
  await learn.addTraining(admin, id('Samuel Boateng'), { course: 'Safeguarding basics', onDate: cal.dated('2026-10-21'), minutes: 120 });

  await learn.sendLink(admin, id('Amira Hassan'), 'being-on-a-commissioning-panel');

  const shipped = await learn.editable(admin, 'accessible-meetings');
  await learn.saveText(admin, 'accessible-meetings', {
    title: shipped.title,
    question: shipped.question,
    body: `${shipped.body}\n## In Northshire\n\nNorthby Hall has a hearing loop and a quiet room. Ask Hannah Lowe to book a British Sign Language interpreter.\n`,
  });
}
