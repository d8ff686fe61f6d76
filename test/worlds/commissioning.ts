// For tests only: an organisation whose admin runs commissioning rounds through the pages, as
// staff would, and the people who can sit on a panel: Ann and Cal sign in, Lee takes part by
// his personal link from email, Pat by letter.
import type { NewPerson } from '../../src/modules/people/service.ts';
import type { Role } from '../../src/platform/auth.ts';
import type { Client } from '../helpers/browser-like-client.ts';
import { organisationWithAdmin, personWithAccount, signedInClient } from '../helpers/fixtures.ts';
import type { TestApp } from '../helpers/test-app.ts';

const pdf = ['%PDF-1.4', '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj', 'trailer << /Root 1 0 R >>', '%%EOF', ''].join('\n');

/** A date as the form's three boxes post it. */
export const dates = (name: string, d: string, m: string, y: string) => ({ [`${name}-day`]: d, [`${name}-month`]: m, [`${name}-year`]: y });

export type PanelPerson = 'ann' | 'cal' | 'lee' | 'pat';
const panelPeople: Record<PanelPerson, { person: Partial<NewPerson> & { fullName: string }; account?: { email: string; role: Role } }> = {
  ann: {
    person: { fullName: 'Ann Avery', perspectives: ['draws-on-care'], contactOrder: ['email'] },
    account: { email: 'ann@example.com', role: 'member' },
  },
  cal: {
    person: { fullName: 'Cal Carter', perspectives: ['carer'], contactOrder: ['email'] },
    account: { email: 'cal@example.com', role: 'member' },
  },
  lee: { person: { fullName: 'Lee Link', perspectives: ['draws-on-care'], contactOrder: ['email'], email: 'lee@example.com' } },
  pat: { person: { fullName: 'Pat Post', perspectives: ['carer'], contactOrder: ['letter'], address: '1 High Street, Northby' } },
};

/** The organisation, the people named (made in the order given), and its admin signed in. */
export async function setUpCommissioningWorld<N extends PanelPerson>(t: TestApp, names: readonly N[]) {
  const org = await organisationWithAdmin(t);
  const people = {} as Record<N, string>;
  for (const name of names) {
    const { person, account } = panelPeople[name];
    people[name] = (await personWithAccount(t, org.organisationId, person, account)).personId;
  }
  return { org, people, admin: await signedInClient(t, org.email) };
}

// Each step is staff's form, which answers a good post with a redirect: anything else is a
// broken set-up, said where it happened rather than as a puzzling failure later.
function redirected(res: { statusCode: number }, step: string) {
  if (res.statusCode !== 303) throw new Error(`${step}: ${res.statusCode}`);
}

/** Staff start a round of day opportunities, its dates in the new year; gives its page. */
export async function newRound(admin: Client, title = 'Day opportunities in Northby') {
  await admin.get('/commissioning/rounds/new');
  const created = await admin.post('/commissioning/rounds/new', {
    title,
    kind: 'service',
    purpose: 'Places to go in the day that people choose.',
    ...dates('bidsCloseOn', '8', '1', '2027'),
    ...dates('panelMeetsOn', '20', '1', '2027'),
    ...dates('decisionBy', '1', '2', '2027'),
  });
  redirected(created, 'a new round');
  const url = created.headers.location as string;
  return { url, roundId: url.split('/').pop()! };
}

/** Staff add a bid: a small PDF named after the bidder, and the summary "<bidder> will run a day club." */
export async function addBid(admin: Client, url: string, bidder: string) {
  const res = await admin.upload(
    `${url}/bids`,
    'document',
    { name: `${bidder}.pdf`, type: 'application/pdf', content: pdf },
    { bidder, summary: `${bidder} will run a day club.` },
  );
  redirected(res, `the bid from ${bidder}`);
}

/** A new round with its criteria, bids and panel, moved on to scoring alone. */
export async function roundScoringAlone(
  t: TestApp,
  admin: Client,
  round: { title?: string; criteria: Array<[name: string, weight: string]>; bidders: string[]; panel: string[] },
) {
  const { url, roundId } = await newRound(admin, round.title);
  await admin.get(url);
  for (const [name, weight] of round.criteria) redirected(await admin.post(`${url}/criteria`, { name, weight }), `the criterion ${name}`);
  for (const bidder of round.bidders) await addBid(admin, url, bidder);
  for (const personId of round.panel) redirected(await admin.post(`${url}/panel`, { personId }), 'a panel member');
  redirected(await admin.post(`${url}/next`, {}), 'scoring alone starts');
  const { db } = t.database;
  const bids = await db.selectFrom('commissioning_bids').select(['id', 'bidder']).where('round_id', '=', roundId).execute();
  const criteria = await db.selectFrom('commissioning_criteria').select('id').where('round_id', '=', roundId).orderBy('position').execute();
  const bidOf = (bidder: string) => bids.find((b) => b.bidder === bidder)!.id;
  return { url, roundId, bidOf, criteria: criteria.map((c) => c.id) };
}
