import type { Services } from '../src/services.ts';
import type { CurrentUser } from '../src/platform/auth.ts';
import type { DemoCalendar } from './demo-calendar.ts';

/**
 * The learning loop (V3) and outcomes that matter (V4) for the lunches project: actions
 * (one overdue, one done, one due soon), lessons, an outcome measured before and after,
 * a count over time, and two stories told with consent (one anonymous).
 */
export async function addDemoLearning(
  services: Services,
  cal: DemoCalendar,
  admin: CurrentUser,
  ids: Map<string, string>,
  lunchesProjectId: string,
  userOf: (email: string) => Promise<CurrentUser>,
) {
  const day = cal.day;
  const { learning, outcomes } = services;
  const id = (name: string) => {
    const found = ids.get(name);
    if (!found) throw new Error(`demo data: no person called ${name}`);
    return found;
  };
  const ok = (result: { ok: boolean }, what: string) => {
    if (!result.ok) throw new Error(`demo data: could not add ${what}`);
  };

  const action = (
    what: string,
    owner: string,
    dueOn: string,
    status: 'not-started' | 'in-progress' | 'done',
    codes: string[],
    whatChanged: string | null = null,
  ) =>
    learning.addAction(admin, {
      what,
      ownerPersonId: id(owner),
      dueOn,
      status,
      whatChanged,
      projectId: lunchesProjectId,
      reviewCycleId: null,
      recommendations: codes,
    });
  ok(
    await action('Ask Grace and Thomas to help plan the next project from the first day', 'Hannah Lowe', day(-7), 'in-progress', [
      'S1',
      'V3',
    ]),
    'an overdue action',
  );
  ok(
    await action(
      'Send meeting papers in easy read a week before',
      'Martin Shaw',
      day(-30),
      'done',
      ['P1', 'P2'],
      'Easy read papers now go out 7 days before every meeting.',
    ),
    'a done action',
  );
  ok(await action('Pay people for reading time as well as meetings', 'Martin Shaw', day(10), 'not-started', ['S2']), 'an action due soon');

  const lesson = (
    title: string,
    worked: string,
    didNotWork: string,
    doDifferently: string,
    codes: string[],
    projectId: string | null = lunchesProjectId,
  ) => learning.addLesson(admin, { title, worked, didNotWork, doDifferently, projectId, recommendations: codes });
  ok(
    await lesson(
      'The tasting day',
      'People chose the soups by tasting them, not from a list.',
      'The hall was too loud for people who use hearing aids.',
      'Book the quiet room and bring a hearing loop.',
      ['P1', 'S1'],
    ),
    'a lesson',
  );
  ok(
    await lesson(
      'Talking about money',
      'Showing the real budget helped everyone decide together.',
      'The spreadsheet was hard to read.',
      'Use a simple picture of the budget.',
      ['S3', 'P2'],
    ),
    'a lesson',
  );
  ok(
    await lesson(
      'Reviews on the phone',
      'Phoning people who do not use email got many more answers.',
      'Some calls were too long.',
      'Keep the review to ten questions.',
      ['V2', 'S4'],
      null,
    ),
    'a lesson',
  );

  await outcomes.addOutcome(admin, lunchesProjectId, {
    title: 'I enjoy my lunch',
    measure: 'scale',
    question: 'How much do you enjoy your lunch at the day centre?',
    unit: null,
    agreedHow: 'Chosen together at the tasting day.',
  });
  await outcomes.addOutcome(admin, lunchesProjectId, {
    title: 'I feel listened to',
    measure: 'scale',
    question: 'How much do you feel the kitchen team listens to you?',
    unit: null,
    agreedHow: 'Grace suggested it at the first meeting.',
  });
  const countId = await outcomes.addOutcome(admin, lunchesProjectId, {
    title: 'Less food thrown away',
    measure: 'count',
    question: null,
    unit: 'plates left half eaten in a week',
    agreedHow: 'The kitchen team counts them each Friday.',
  });
  for (const [offset, value] of [
    [-120, 34],
    [-60, 21],
    [-7, 12],
  ] as const)
    await outcomes.addCount(admin, countId, { onDate: day(offset), value, note: null });

  const [enjoy, listened] = (await outcomes.beforeAfter(admin.organisationId, { projectId: lunchesProjectId }))
    .filter((o) => o.measure === 'scale')
    .map((o) => o.outcomeId) as [string, string];
  const before = await outcomes.surveys.addRound(admin, lunchesProjectId, { phase: 'before', opensOn: day(-130), closesOn: day(-110) });
  const after = await outcomes.surveys.addRound(admin, lunchesProjectId, { phase: 'after', opensOn: day(-5), closesOn: day(9) });
  if (!before.ok || !after.ok) throw new Error('demo data: could not add survey rounds');
  const answers: Array<[string, [number, number], [number, number]]> = [
    ['Grace Okafor', [2, 2], [4, 5]],
    ['Thomas Reid', [3, 2], [4, 4]],
    ['Samuel Boateng', [2, 3], [5, 4]],
    ['Dennis Whitfield', [1, 2], [4, 3]],
  ];
  for (const [name, b, a] of answers) {
    // Answers told to staff on the phone or at the day centre; the pages show they were recorded.
    await outcomes.surveys.record(admin, before.id, id(name), { [enjoy]: b[0], [listened]: b[1] });
    if (name !== 'Grace Okafor') await outcomes.surveys.record(admin, after.id, id(name), { [enjoy]: a[0], [listened]: a[1] });
  }
  // Grace answers the open survey herself.
  const grace = await userOf('grace@example.org');
  ok(await outcomes.surveys.answer(grace, after.id, { [enjoy]: 4, [listened]: 5 }), "Grace's answers");

  const told = { kind: 'text' as const, consent: true, toldOn: day(-14) };
  const mine = await outcomes.stories.add(
    grace,
    lunchesProjectId,
    {
      ...told,
      tellerPersonId: grace.personId,
      title: 'Lunch is my favourite part now',
      text: 'Before, I left most of my lunch. Now we choose the menu, and I look forward to Thursdays. The cook knows my name.',
      showName: true,
      displayName: 'Grace',
    },
    null,
  );
  const dennis = await outcomes.stories.add(
    admin,
    lunchesProjectId,
    {
      ...told,
      tellerPersonId: id('Dennis Whitfield'),
      title: 'Someone asked me',
      text: 'Nobody asked me what I wanted to eat for years. Now they do, and they write it down.',
      showName: false,
      displayName: null,
    },
    null,
  );
  if (!mine.ok || !dennis.ok) throw new Error('demo data: could not add stories');
  await outcomes.stories.markForReports(admin, mine.id, true);
  await outcomes.stories.markForReports(admin, dennis.id, true);
}
