import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { TimePollAnswer } from '../../db/schema/time-polls.ts';
import { rankTimes, type RankedPerson } from './ranking.ts';

// The rule of docs/decisions/0017-time-poll-ranking.md, case by case.

const lived = (id: string): RankedPerson => ({ personId: id, livedExperience: true, facilitator: false });
const staff = (id: string): RankedPerson => ({ personId: id, livedExperience: false, facilitator: true });
const other = (id: string): RankedPerson => ({ personId: id, livedExperience: false, facilitator: false });

const options = [
  { id: 'A', position: 1, startsAt: '2027-01-11T10:00:00Z' },
  { id: 'B', position: 2, startsAt: '2027-01-12T10:00:00Z' },
  { id: 'C', position: 3, startsAt: '2027-01-13T10:00:00Z' },
];

/** Answers written as one letter per option, in option order: Y, M (if need be), N or - (none). */
function answersOf(table: Record<string, string>) {
  const letter: Record<string, TimePollAnswer> = { Y: 'yes', M: 'maybe', N: 'no' };
  return new Map(
    Object.entries(table).map(([person, row]) => [
      person,
      new Map([...row].flatMap((c, i) => (letter[c] ? [[options[i]!.id, letter[c]] as [string, TimePollAnswer]] : []))),
    ]),
  );
}

type Case = {
  name: string;
  people: RankedPerson[];
  answers: Record<string, string>;
  clashes?: Record<string, number>;
  order: string;
  noFacilitator?: string;
};

const cases: Case[] = [
  {
    name: 'people who draw on care outrank a crowd of staff',
    people: [lived('dennis'), staff('ada'), staff('fay'), other('ola')],
    answers: { dennis: 'NYN', ada: 'YNY', fay: 'YNY', ola: 'YNY' },
    order: 'BAC',
    noFacilitator: 'B',
  },
  {
    name: 'if need be counts a half: two halves match one yes, then everyone decides',
    people: [lived('dennis'), lived('eileen'), staff('ada')],
    answers: { dennis: 'YMN', eileen: 'NMY', ada: 'NYN' },
    order: 'BAC',
    noFacilitator: 'AC',
  },
  {
    name: 'a half is less than a yes among people who draw on care',
    people: [lived('dennis'), staff('ada')],
    answers: { dennis: 'MYN', ada: 'YYY' },
    order: 'BAC',
  },
  {
    name: 'level on lived experience: everyone counts next',
    people: [lived('dennis'), other('ola'), staff('ada')],
    answers: { dennis: 'YYY', ola: 'NYM', ada: 'YYN' },
    order: 'BAC',
    noFacilitator: 'C',
  },
  {
    name: 'level on both: fewer clashes with stated times and needs first',
    people: [lived('dennis'), staff('ada')],
    answers: { dennis: 'YYY', ada: 'YYY' },
    clashes: { A: 2, B: 0, C: 1 },
    order: 'BCA',
  },
  {
    name: 'level on everything: the earlier time first',
    people: [lived('dennis')],
    answers: { dennis: 'YYY' },
    order: 'ABC',
    noFacilitator: 'ABC',
  },
  {
    name: 'nobody answered: earlier first, and every time marked when no facilitator has said yes',
    people: [lived('dennis'), staff('ada')],
    answers: {},
    order: 'ABC',
    noFacilitator: 'ABC',
  },
  {
    name: 'a facilitator who can come if need be can run it',
    people: [lived('dennis'), staff('ada')],
    answers: { dennis: 'YYY', ada: 'MNN' },
    order: 'ABC',
    noFacilitator: 'BC',
  },
];

test('ranking times: a table of cases', () => {
  for (const c of cases) {
    const ranked = rankTimes({
      options,
      people: c.people,
      answers: answersOf(c.answers),
      clashes: new Map(Object.entries(c.clashes ?? {})),
    });
    assert.equal(ranked.map((r) => r.optionId).join(''), c.order, c.name);
    assert.deepEqual(
      ranked.map((r) => r.rank),
      [1, 2, 3],
      c.name,
    );
    assert.equal(
      ranked
        .filter((r) => r.noFacilitator)
        .map((r) => r.optionId)
        .sort()
        .join(''),
      c.noFacilitator ?? '',
      `${c.name}: marked`,
    );
  }
});

test('the counts explain the rank', () => {
  const [first] = rankTimes({
    options,
    people: [lived('dennis'), lived('eileen'), staff('ada'), other('ola')],
    answers: answersOf({ dennis: 'Y', eileen: 'M', ada: 'N' }),
    clashes: new Map(),
  });
  assert.deepEqual(first, {
    optionId: 'A',
    rank: 1,
    livedHalves: 3,
    everyoneHalves: 3,
    yes: 1,
    maybe: 1,
    no: 1,
    unanswered: 1,
    clashes: 0,
    noFacilitator: true,
  });
});

const answer = fc.constantFrom<TimePollAnswer | undefined>('yes', 'maybe', 'no', undefined);
const world = fc.record({
  people: fc.array(fc.record({ livedExperience: fc.boolean(), facilitator: fc.boolean() }), { maxLength: 8 }),
  grid: fc.array(fc.array(answer, { minLength: 3, maxLength: 3 }), { minLength: 8, maxLength: 8 }),
  clashes: fc.array(fc.nat({ max: 3 }), { minLength: 3, maxLength: 3 }),
});

type World = {
  people: Array<{ livedExperience: boolean; facilitator: boolean }>;
  grid: Array<Array<TimePollAnswer | undefined>>;
  clashes: number[];
};

function build(w: World, order = [0, 1, 2]) {
  const people = w.people.map((p, i) => ({ personId: `p${i}`, ...p }));
  const answers = new Map(
    people.map((p, i) => [
      p.personId,
      new Map(options.flatMap((o, j) => (w.grid[i]![j] ? [[o.id, w.grid[i]![j]!] as [string, TimePollAnswer]] : []))),
    ]),
  );
  return {
    options: order.map((i) => options[i]!),
    people,
    answers,
    clashes: new Map(options.map((o, j) => [o.id, w.clashes[j]!])),
  };
}

test('properties: the order never depends on the order times are given in, and staff never outrank lived experience', () => {
  fc.assert(
    fc.property(world, fc.shuffledSubarray([0, 1, 2], { minLength: 3, maxLength: 3 }), (w, order) => {
      const a = rankTimes(build(w));
      const b = rankTimes(build(w, order));
      assert.deepEqual(a, b);
      for (let i = 1; i < a.length; i++) assert.ok(a[i - 1]!.livedHalves >= a[i]!.livedHalves);
      for (const r of a) assert.equal(r.yes + r.maybe + r.no + r.unanswered, w.people.length);
    }),
  );
});
