// Commissioning at county size (issue 23, P6, P7), for growCounty: three more versions of the
// policy, and about thirty rounds over five years (three in a hundred projects), each with
// its criteria, three to eight bids, a panel of five to eight with people who draw on care
// and carers on it, their interests, their scores given alone, the scores agreed together
// with the record of each change, the result shared and, for some, the provider linked.
// No random draws: the same county every run, and the same round 0 at every size.
import type { Insertable } from 'kysely';
import type { Db } from '../src/db/connection.ts';
import type { Database } from '../src/db/schema.ts';
import type { RoundStage } from '../src/db/schema/commissioning.ts';

type Step = <T extends keyof Database & string>(table: T, rows: Iterable<Insertable<Database[T]>>) => Promise<void>;

export type CountyCommissioning = {
  organisationId: string;
  staffPersonId: string;
  today: number;
  people: number;
  projects: number;
  perspectiveOf: readonly string[];
  groupCount: number;
  idOf: (kind: string, n: number) => string;
};

const day = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const dateOf = (ms: number) => iso(ms).slice(0, 10);
const services = [
  'Day opportunities',
  'Support at home',
  'Short breaks for carers',
  'Independent advocacy',
  'Community transport',
  'Befriending',
  'Supported living',
  'Peer support for mental health',
  'Information and advice',
  'Small grants for community groups',
];
const towns = ['Northby', 'Eastwick', 'Millford', 'Hatherley', 'Stonebridge', 'Ashcombe'];
const bidders = [
  'Care Together CIC',
  'Northshire Homecare',
  'Open Doors Trust',
  'Friends First',
  'Local Link',
  'Hand in Hand',
  'Brightside',
  'Village Care Co-op',
];
const ownCriteria = [
  { name: 'Value for money', weight: 2 },
  { name: 'Works with local groups', weight: 1 },
];
const policyCriteria = [
  { name: 'How people who draw on care shape the service', weight: 3 },
  { name: 'How people are paid or thanked for their time', weight: 1 },
];
/** The newest rounds are the ones still going: one in each stage before published. */
const activeStages: readonly RoundStage[] = ['together', 'alone', 'preparing'];

export async function growCountyCommissioning(db: Db, c: CountyCommissioning, step: Step) {
  const { organisationId: org, staffPersonId: staff, today, idOf } = c;
  const P = c.people;
  const rounds = Math.max(3, Math.round(c.projects * 0.03));
  const fiveYears = 5 * 365 * day;
  const span = Math.floor((fiveYears - 60 * day) / rounds);
  // Bids share the demo's stored document, so their download links open; versions follow the demo's.
  const [document, latest] = await Promise.all([
    db
      .selectFrom('commissioning_bids')
      .select(['stored_name', 'file_name', 'media_type', 'size_bytes'])
      .where('organisation_id', '=', org)
      .orderBy('added_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('commissioning_policies')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('organisation_id', '=', org)
      .executeTakeFirst(),
  ]);
  const firstVersion = Number(latest?.v ?? 0) + 1;
  const versionFrom = [today - fiveYears - 10 * day, today - 3 * 365 * day, today - 365 * day];
  const versionOf = (created: number) => firstVersion + versionFrom.filter((from) => from <= created).length - 1;

  await step(
    'commissioning_policies',
    [0, 1, 2].map((n) => ({
      id: idOf('cpol', n),
      organisation_id: org,
      version: firstVersion + n,
      codes: JSON.stringify(['S1', 'P1', 'P6', 'P7', ...(n > 0 ? ['V2'] : []), ...(n > 1 ? ['C1'] : [])]),
      criteria: JSON.stringify(policyCriteria),
      bid_checks:
        'People who draw on care and carers sit on every panel. Each scores every bid alone, then the panel agrees the scores together.',
      contract_checks: 'After six months members visit with us and ask the people who use the service if it does what its bid said.',
      written_with: `The carers network and ${6 + n * 2} members`,
      created_by: staff,
      created_at: iso(versionFrom[n]!),
    })),
  );

  type Round = {
    k: number;
    id: string;
    stage: RoundStage;
    created: number;
    bids: string[];
    criteria: string[];
    panel: string[];
    /** Panel member index -> the bid index they declared an interest in. */
    conflict: Map<number, number>;
  };
  const all: Round[] = [];
  for (let k = 0; k < rounds; k++) {
    const stage: RoundStage = k >= 1 && k <= activeStages.length ? activeStages[k - 1]! : 'published';
    const created = stage === 'published' ? today - 60 * day - k * span : today - k * 12 * day;
    const bidCount = 3 + (k % 6);
    // Two people who draw on care and two carers, or one carer on every fourth panel (a token few, which the page warns about).
    const size = 5 + (k % 4);
    const want = new Map([
      ['draws-on-care', 2],
      ['carer', k % 4 === 3 ? 1 : 2],
    ]);
    const panel: number[] = [];
    const others: number[] = [];
    for (let tries = 0, i = (k * 97 + 7) % P; tries < P && panel.length + others.length < size * 3; tries++, i = (i + 1) % P) {
      const p = c.perspectiveOf[i]!;
      const left = want.get(p) ?? 0;
      if (left > 0) {
        want.set(p, left - 1);
        panel.push(i);
      } else if (p !== 'draws-on-care' && p !== 'carer') others.push(i);
      if ([...want.values()].every((n) => n === 0) && others.length >= size) break;
    }
    panel.push(...others.slice(0, Math.max(0, size - panel.length)));
    all.push({
      k,
      id: idOf('crnd', k),
      stage,
      created,
      bids: Array.from({ length: bidCount }, (_, b) => idOf('cbid', k * 8 + b)),
      criteria: Array.from({ length: 4 }, (_, n) => idOf('ccri', k * 4 + n)),
      panel: panel.map((i) => idOf('per', i)),
      conflict: k % 3 === 0 && panel.length > 1 ? new Map([[1, 0]]) : new Map(),
    });
  }
  const declared = (r: Round, j: number) => r.stage !== 'preparing' || j % 2 === 0;
  /** Scores given alone: everyone once scoring is over; while scoring, every other member. */
  const scoredAlone = (r: Round, j: number) => r.stage === 'together' || r.stage === 'published' || (r.stage === 'alone' && j % 2 === 0);
  const agreedScore = (r: Round, b: number, n: number) => 1 + ((r.k + b * 2 + n) % 5);

  await step(
    'commissioning_rounds',
    all.map((r) => ({
      id: r.id,
      organisation_id: org,
      project_id: idOf('prj', (r.k * 7) % c.projects),
      title: `${services[r.k % services.length]} in ${towns[r.k % towns.length]}`,
      kind: r.k % services.length === 9 ? ('grant' as const) : ('service' as const),
      purpose: 'Support people choose and help run, close to home.',
      bids_close_on: dateOf(r.created + 21 * day),
      panel_meets_on: dateOf(r.created + 35 * day),
      decision_due_on: dateOf(r.created + 45 * day),
      policy_version: versionOf(r.created),
      stage: r.stage,
      summary:
        r.stage === 'published'
          ? 'The panel chose the bid that showed best how people who use the service will shape it. Everyone agreed the scores.'
          : null,
      decision_id: r.stage === 'published' ? idOf('cdec', r.k) : null,
      published_at: r.stage === 'published' ? iso(r.created + 46 * day) : null,
      provider_group_id: r.stage === 'published' && r.k % 3 === 0 ? idOf('cgrp', r.k % c.groupCount) : null,
      created_by: staff,
      created_at: iso(r.created),
      // The same service bought again: the round ten along is its earlier round.
      follows_round_id: r.k + services.length < rounds ? idOf('crnd', r.k + services.length) : null,
    })),
  );
  await step(
    'decision_records',
    all
      .filter((r) => r.stage === 'published')
      .map((r) => ({
        id: idOf('cdec', r.k),
        organisation_id: org,
        project_id: idOf('prj', (r.k * 7) % c.projects),
        proposal_id: null,
        meeting_id: null,
        decided: `${services[r.k % services.length]}: the panel chose ${bidders[r.k % bidders.length]}.`,
        why: 'The panel chose the bid that showed best how people who use the service will shape it.',
        taking_part: null,
        decided_on: dateOf(r.created + 46 * day),
        recorded_at: iso(r.created + 46 * day),
        recorded_by: staff,
        sent_at: iso(r.created + 46 * day),
      })),
  );
  await step(
    'commissioning_criteria',
    all.flatMap((r) =>
      [...policyCriteria, ...ownCriteria].map((cr, n) => ({
        id: r.criteria[n]!,
        organisation_id: org,
        round_id: r.id,
        name: cr.name,
        weight: cr.weight,
        from_policy: n < policyCriteria.length ? 1 : 0,
        position: n,
      })),
    ),
  );
  await step(
    'commissioning_bids',
    all.flatMap((r) =>
      r.bids.map((id, b) => ({
        id,
        organisation_id: org,
        round_id: r.id,
        bidder: bidders[(r.k + b) % bidders.length]!,
        summary: 'We will run it with the people who use it: they plan each month with us, and are paid for their time.',
        // Every fourth bid has no easy read version yet, so the round's page lists who waits for one.
        easy_read_summary:
          b % 4 === 3 ? null : 'People who use it **plan** it with us.\nWe meet each month.\nWe **pay** people for their time.',
        file_name: document?.file_name ?? 'bid.pdf',
        media_type: document?.media_type ?? 'application/pdf',
        size_bytes: Number(document?.size_bytes ?? 0),
        stored_name: document?.stored_name ?? 'county-bid-not-stored',
        added_by: staff,
        added_at: iso(r.created + (1 + b) * day),
      })),
    ),
  );
  await step(
    'commissioning_panel',
    all.flatMap((r) =>
      r.panel.map((person, j) => ({
        organisation_id: org,
        round_id: r.id,
        person_id: person,
        added_at: iso(r.created + 2 * day),
        declared_at: declared(r, j) ? iso(r.created + 22 * day) : null,
        agreed_at: r.stage === 'published' ? iso(r.created + 40 * day) : null,
      })),
    ),
  );
  await step(
    'commissioning_conflicts',
    all.flatMap((r) =>
      [...r.conflict]
        .filter(([j]) => declared(r, j))
        .map(([j, b]) => ({
          organisation_id: org,
          round_id: r.id,
          bid_id: r.bids[b]!,
          person_id: r.panel[j]!,
          reason: 'I used to work there.',
          declared_at: iso(r.created + 22 * day),
        })),
    ),
  );
  await step(
    'commissioning_scores',
    (function* () {
      for (const r of all)
        for (const [j, person] of r.panel.entries()) {
          if (!scoredAlone(r, j)) continue;
          for (const [b, bid] of r.bids.entries()) {
            if (r.conflict.get(j) === b) continue;
            for (const [n, criterion] of r.criteria.entries())
              yield {
                organisation_id: org,
                round_id: r.id,
                bid_id: bid,
                criterion_id: criterion,
                person_id: person,
                score: 1 + ((r.k + j + b + n) % 5),
                scored_at: iso(r.created + (25 + (j % 5)) * day),
              };
          }
        }
    })(),
  );
  // Together: half the bids agreed so far; published: all of them.
  const agreedBids = (r: Round) =>
    r.stage === 'published' ? r.bids : r.stage === 'together' ? r.bids.slice(0, Math.ceil(r.bids.length / 2)) : [];
  await step(
    'commissioning_agreed',
    all.flatMap((r) =>
      agreedBids(r).flatMap((bid, b) =>
        r.criteria.map((criterion, n) => ({
          organisation_id: org,
          round_id: r.id,
          bid_id: bid,
          criterion_id: criterion,
          score: agreedScore(r, b, n),
          agreed_at: iso(r.created + 36 * day),
        })),
      ),
    ),
  );
  // The record of agreeing: every agreed score set once from the mean of the scores alone,
  // and on every round one changed again after the panel talked it through.
  await step(
    'commissioning_moderation',
    (function* () {
      let m = 0;
      for (const r of all)
        for (const [b, bid] of agreedBids(r).entries()) {
          for (const [n, criterion] of r.criteria.entries())
            yield {
              id: idOf('cmod', m++),
              organisation_id: org,
              round_id: r.id,
              bid_id: bid,
              criterion_id: criterion,
              before: `${1 + ((r.k + b + n) % 4)}.5`,
              score: agreedScore(r, b, n),
              reason: 'We talked about what the bid said and agreed this score.',
              recorded_by: staff,
              recorded_at: iso(r.created + 36 * day + n * 60_000),
            };
          if (b === 0)
            yield {
              id: idOf('cmod', m++),
              organisation_id: org,
              round_id: r.id,
              bid_id: bid,
              criterion_id: r.criteria[0]!,
              before: String(agreedScore(r, b, 0)),
              score: agreedScore(r, b, 0),
              reason: 'A member told us how a service like this works for her: we kept the score and wrote down why.',
              recorded_by: r.panel[0] ?? staff,
              recorded_at: iso(r.created + 36 * day + 3_600_000),
            };
        }
    })(),
  );
}
