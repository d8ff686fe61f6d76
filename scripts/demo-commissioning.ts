import type { CurrentUser } from '../src/platform/auth.ts';
import { identifyFile } from '../src/platform/file-kinds.ts';
import type { Services } from '../src/services.ts';
import type { DemoCalendar } from './demo-calendar.ts';

const pdf = (title: string) =>
  Buffer.from(
    ['%PDF-1.4', `% ${title}`, '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj', 'trailer << /Root 1 0 R >>', '%%EOF', ''].join('\n'),
  );

/**
 * Commissioning with people who draw on care (issue 23, P6, P7): the council's policy,
 * written with the carers' network, and one round of day opportunities that is finished.
 * Grace (who draws on care) and Priya (a carer) sat on the panel with Hannah; Grace knew
 * one bidder and was kept out of that bid; the panel changed one score together and said
 * why; the decision is shared and the provider linked in the directory.
 */
export async function addDemoCommissioning(
  services: Services,
  cal: DemoCalendar,
  admin: CurrentUser,
  userOf: (email: string) => Promise<CurrentUser>,
) {
  const { commissioning } = services;
  await commissioning.savePolicy(admin, {
    codes: ['S1', 'S2', 'P1', 'P6', 'P7', 'V2'],
    criteria: [
      { name: 'How people who draw on care shape the service', weight: 3 },
      { name: 'How people are paid or thanked for their time', weight: 1 },
    ],
    bidChecks:
      'People who draw on care and carers sit on every panel. They score each bid on their own, then we agree the scores together.',
    contractChecks: 'After six months we visit with members and ask the people who use the service if the provider did what its bid said.',
    writtenWith: 'Northtown Carers Network and six members of the lunches project',
  });
  const roundId = await commissioning.createRound(admin, {
    title: 'Day opportunities in Northtown',
    kind: 'service',
    purpose: 'Places to go in the day where people choose what they do, with friends, near home.',
    bidsCloseOn: cal.day(-40),
    panelMeetsOn: cal.day(-20),
    decisionBy: cal.day(-10),
  });
  await commissioning.addCriterion(admin, roundId, { name: 'Value for money', weight: 2 });
  const bids: string[] = [];
  for (const [bidder, summary] of [
    ['Northtown Day Club', 'A club open five days a week. Members plan the week together each Monday and help run the café.'],
    ['Friends Together CIC', 'Small groups that meet in libraries and cafés. People choose where to go and who with.'],
  ] as const) {
    const data = pdf(bidder);
    const type = (await identifyFile(data))!;
    bids.push(await commissioning.addBid(admin, roundId, { bidder, summary }, { data, fileName: `${bidder}.pdf`, type }));
  }
  // Easy read words for the panel members who read them (P7), one idea a line.
  await commissioning.writeEasyRead(
    admin,
    roundId,
    bids[0]!,
    'A **club** for the day.\nIt is open 5 days a week.\nMembers **plan** the week together on Mondays.\nMembers help run the café.',
  );
  const grace = await userOf('grace@example.org');
  const priya = await userOf('priya@example.org');
  const hannah = await userOf('hannah.lowe@northshire.example');
  for (const person of [grace, priya, hannah]) await commissioning.addToPanel(admin, roundId, person.personId);
  await commissioning.moveOn(admin, roundId);
  await commissioning.declare(grace, roundId, [{ bidId: bids[1]!, reason: 'I go to one of their groups.' }]);
  await commissioning.declare(priya, roundId, []);
  await commissioning.declare(hannah, roundId, []);
  const view = await commissioning.view(admin, roundId);
  const voice = view.criteria[0]!.id;
  const thanks = view.criteria[1]!.id;
  const value = view.criteria[2]!.id;
  const score = (a: number, b: number, c: number) => ({ [voice]: a, [thanks]: b, [value]: c });
  await commissioning.scoreAlone(grace, roundId, bids[0]!, score(5, 4, 3));
  // Priya gave her scores on the phone; the admin wrote them down (shown as recorded by phone).
  for (const [who, first, second, by] of [
    [priya, score(4, 3, 3), score(3, 3, 4), { how: 'phone', recordedBy: admin.personId }],
    [hannah, score(3, 3, 4), score(3, 2, 5), null],
  ] as const) {
    await commissioning.scoreAlone(who, roundId, bids[0]!, first, by);
    await commissioning.scoreAlone(who, roundId, bids[1]!, second, by);
  }
  await commissioning.moveOn(admin, roundId);
  const agreed: Array<[number, string, number, string]> = [
    [0, voice, 5, 'Grace and Priya showed how members plan every week. We gave it the top score.'],
    [0, thanks, 3, 'We agreed the average.'],
    [0, value, 4, 'We agreed after looking at the costs again.'],
    [1, voice, 3, 'We agreed the average.'],
    [1, thanks, 3, 'The bid pays people for planning time.'],
    [1, value, 4, 'We agreed after looking at the costs again.'],
  ];
  for (const [bid, criterionId, s, reason] of agreed)
    await commissioning.agreeScore(hannah, roundId, { bidId: bids[bid]!, criterionId, score: s, reason });
  await commissioning.writeSummary(
    admin,
    roundId,
    'We chose Northtown Day Club. Members plan the week together, and they help run the café. The panel liked that people choose what they do.',
  );
  for (const person of [grace, priya, hannah]) await commissioning.agreeWithPanel(person, roundId);
  await commissioning.moveOn(admin, roundId);
  // After the contract: the provider gets its own entry in the directory, linked to the round.
  const provider = await services.communityGroups.create(admin, {
    name: 'Northtown Day Club',
    kind: 'partner',
    whatTheyDo: 'A day club where members plan the week together. Commissioned by the council.',
    reach: [],
    contactName: null,
    email: null,
    phone: null,
    address: null,
    website: null,
    bestWay: null,
    contactNotes: null,
    timebankPartner: false,
  });
  if (!provider.ok) throw new Error(`demo provider: ${JSON.stringify(provider.errors)}`);
  await commissioning.linkProvider(admin, roundId, provider.id);
}
