// After the contract and "written with members" at county size (issue 23), for growCounty:
// each decided round's co-production promises as commitments, checked in the county's two
// newest reviews of the organisation by a share of the register (round 0, the busiest, by
// more), and a draft of the next policy version with comments from hundreds of members.
// No random draws: the same county every run.
import type { Insertable } from 'kysely';
import type { Database } from '../src/db/schema.ts';
import type { CheckOutcome } from '../src/db/schema/commissioning.ts';

type Step = <T extends keyof Database & string>(table: T, rows: Iterable<Insertable<Database[T]>>) => Promise<void>;

export type CountyChecks = {
  organisationId: string;
  staffPersonId: string;
  today: number;
  people: number;
  projects: number;
  /** How many reviews of the organisation growCounty made (ids `rvc` 0 to n - 1, the newest last). */
  reviewCycles: number;
  idOf: (kind: string, n: number) => string;
};

const day = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const outcomes: readonly CheckOutcome[] = ['done', 'done', 'partly', 'not'];
const promises = [
  'People who use the service will sit on the board and plan the year with us.',
  'People will be paid for their time when they help plan, at the living wage.',
];
const seen = [
  'I go every week. We plan the week together on Mondays.',
  'They asked us once at the start and not again.',
  'I was paid for the planning meeting, the same day.',
  'Nobody told me there was a board.',
];

export async function growCountyCommissioningChecks(c: CountyChecks, step: Step) {
  const { organisationId: org, staffPersonId: staff, today, idOf } = c;
  const P = c.people;
  // Which rounds are decided, as county-commissioning.ts makes them: round 0, and every round after the three still going.
  const rounds = Math.max(3, Math.round(c.projects * 0.03));
  const published = Array.from({ length: rounds }, (_, k) => k).filter((k) => k === 0 || k > 3);
  await step(
    'commissioning_commitments',
    published.flatMap((k) =>
      promises.map((promise, n) => ({
        id: idOf('ccom', k * 2 + n),
        organisation_id: org,
        round_id: idOf('crnd', k),
        criterion_id: idOf('ccri', k * 4 + n),
        promise,
        position: n,
        created_by: staff,
        created_at: iso(today - 30 * day),
      })),
    ),
  );
  const cycles = [c.reviewCycles - 2, c.reviewCycles - 1].filter((n) => n >= 0);
  let id = 0;
  await step(
    'commissioning_checks',
    (function* () {
      for (const k of published)
        for (const [ci, cycle] of cycles.entries()) {
          const checkers = Math.min(P, k === 0 ? 150 : 12);
          for (let j = 0; j < checkers; j++) {
            const person = (k * 131 + j) % P;
            for (let n = 0; n < promises.length; n++)
              yield {
                id: idOf('cchk', id++),
                organisation_id: org,
                round_id: idOf('crnd', k),
                commitment_id: idOf('ccom', k * 2 + n),
                cycle_id: idOf('rvc', cycle),
                person_id: idOf('per', person),
                outcome: outcomes[(j + n + k) % outcomes.length]!,
                evidence: seen[(j + n) % seen.length]!,
                how: j % 5 === 0 ? ('phone' as const) : ('sign-in' as const),
                recorded_by: j % 5 === 0 ? staff : null,
                checked_at: iso(today - (cycles.length - ci) * 90 * day + j * 60_000),
              };
          }
        }
    })(),
  );
  await step('commissioning_policy_drafts', [
    {
      id: idOf('cpdr', 0),
      organisation_id: org,
      codes: JSON.stringify(['S1', 'P1', 'P6', 'P7', 'V2', 'C1']),
      criteria: JSON.stringify([
        { name: 'How people who draw on care shape the service', weight: 3 },
        { name: 'How people are paid or thanked for their time', weight: 2 },
      ]),
      bid_checks:
        'People who draw on care and carers sit on every panel. Each scores every bid alone, then the panel agrees the scores together.',
      contract_checks: 'Members check each provider in every review of the organisation: did it do what its bid said?',
      written_with: 'The carers network and members who comment on the draft',
      published_version: null,
      updated_by: staff,
      updated_at: iso(today - 5 * day),
    },
  ]);
  await step(
    'commissioning_policy_comments',
    Array.from({ length: Math.min(P, 400) }, (_, j) => ({
      id: idOf('cpcm', j),
      organisation_id: org,
      draft_id: idOf('cpdr', 0),
      person_id: idOf('per', j),
      answer: j % 3 === 0 ? ('change' as const) : ('agree' as const),
      words: j % 3 === 0 ? 'Please pay people for reading the bids too, not only for meetings.' : null,
      how: j % 6 === 0 ? ('phone' as const) : ('sign-in' as const),
      recorded_by: j % 6 === 0 ? staff : null,
      commented_at: iso(today - 4 * day + j * 60_000),
    })),
  );
}
