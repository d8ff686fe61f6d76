import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { formatNeeds, type FormatNeed } from '../people/vocabulary.ts';
import { papersNotice } from './papers-notice.ts';
import { paperFormats, type PaperFormat } from './vocabulary.ts';

type Input = Parameters<typeof papersNotice>[0];
// Thursday 15 January 2026 at 10:00 London; a week's notice makes the deadline 8 January 10:00.
const base: Input = { startsAt: '2026-01-15T10:00:00.000Z', noticeDays: 7, now: '2026-01-01T09:00:00.000Z', papers: [], people: [] };
const paper = (id: string, files: Array<[PaperFormat, string]>) => ({
  id,
  title: `Paper ${id}`,
  files: files.map(([format, uploadedAt]) => ({ format, uploadedAt })),
});

describe('P2 information: the notice deadline', () => {
  const cases: Array<[string, Partial<Input>, string, boolean]> = [
    ['a week before, same time', {}, '2026-01-08T10:00:00.000Z', false],
    ['passed one minute after', { now: '2026-01-08T10:01:00.000Z' }, '2026-01-08T10:00:00.000Z', true],
    ['not passed at the very deadline', { now: '2026-01-08T10:00:00.000Z' }, '2026-01-08T10:00:00.000Z', false],
    ['no notice: the deadline is the start', { noticeDays: 0 }, '2026-01-15T10:00:00.000Z', false],
    // 10:00 GMT on Friday 30 October is 10:00 BST (09:00Z) a week before: clocks went back on 25 October.
    ['back across the October clock change', { startsAt: '2026-10-30T10:00:00.000Z' }, '2026-10-23T09:00:00.000Z', false],
    ['onto the day of the October change', { startsAt: '2026-11-01T10:00:00.000Z' }, '2026-10-25T10:00:00.000Z', false],
    ['back across the March clock change', { startsAt: '2026-04-02T09:00:00.000Z' }, '2026-03-26T10:00:00.000Z', false],
    [
      'accepts timestamps with an offset',
      { startsAt: '2026-01-15T10:00:00+00:00', now: '2026-01-08T11:00:00+01:00' },
      '2026-01-08T10:00:00.000Z',
      false,
    ],
  ];
  for (const [name, change, deadline, passed] of cases) {
    test(name, () => {
      const result = papersNotice({ ...base, ...change });
      assert.equal(result.deadline, deadline);
      assert.equal(result.deadlinePassed, passed);
    });
  }
});

describe('P2 information: late papers', () => {
  const cases: Array<[string, Partial<Input>, Array<[PaperFormat, string]>, boolean]> = [
    ['uploaded exactly at the deadline is on time', {}, [['standard', '2026-01-08T10:00:00.000Z']], false],
    ['uploaded one minute after the deadline is late', {}, [['standard', '2026-01-08T10:01:00.000Z']], true],
    ['uploaded one millisecond after is late', {}, [['standard', '2026-01-08T10:00:00.001Z']], true],
    [
      'the earliest file counts',
      {},
      [
        ['easy-read', '2026-01-14T10:00:00.000Z'],
        ['standard', '2026-01-02T10:00:00.000Z'],
      ],
      false,
    ],
    ['no file before the deadline: not late yet', { now: '2026-01-08T10:00:00.000Z' }, [], false],
    ['no file after the deadline: late', { now: '2026-01-08T10:01:00.000Z' }, [], true],
    [
      'uploaded before the deadline, checked after: on time',
      { now: '2026-01-14T00:00:00.000Z' },
      [['standard', '2026-01-07T10:00:00.000Z']],
      false,
    ],
    // Deadline is 23 October 10:00 BST = 09:00Z; a GMT reading would wrongly say 10:00Z.
    [
      'October change: 09:00Z is exactly on time',
      { startsAt: '2026-10-30T10:00:00.000Z' },
      [['standard', '2026-10-23T09:00:00.000Z']],
      false,
    ],
    ['October change: 09:30Z is late', { startsAt: '2026-10-30T10:00:00.000Z' }, [['standard', '2026-10-23T09:30:00.000Z']], true],
  ];
  for (const [name, change, files, late] of cases) {
    test(name, () => assert.equal(papersNotice({ ...base, ...change, papers: [paper('a', files)] }).papers[0]!.late, late));
  }

  test('each paper lists its formats once, in vocabulary order', () => {
    const result = papersNotice({
      ...base,
      papers: [
        paper('a', [
          ['audio', base.now],
          ['standard', base.now],
          ['audio', base.now],
        ]),
        paper('b', []),
      ],
    });
    assert.deepEqual(result.papers, [
      { id: 'a', title: 'Paper a', formats: ['standard', 'audio'], late: false },
      { id: 'b', title: 'Paper b', formats: [], late: false },
    ]);
  });
});

describe('P2 information, P1 accessibility: who lacks papers in their format', () => {
  const papers = [
    paper('a', [
      ['standard', base.now],
      ['easy-read', base.now],
    ]),
    paper('b', [
      ['standard', base.now],
      ['bsl-video', base.now],
    ]),
  ];
  const cases: Array<[string, FormatNeed[], Array<[PaperFormat, string[]]>]> = [
    ['no format needs', [], []],
    ['an interpreter needs no paper', ['interpreter'], []],
    ['easy read missing on one paper', ['easy-read'], [['easy-read', ['b']]]],
    ['bsl means a BSL video', ['bsl'], [['bsl-video', ['a']]]],
    ['large print missing everywhere', ['large-print'], [['large-print', ['a', 'b']]]],
    [
      'several formats, in vocabulary order',
      ['braille', 'audio', 'easy-read', 'interpreter'],
      [
        ['easy-read', ['b']],
        ['audio', ['a', 'b']],
        ['braille', ['a', 'b']],
      ],
    ],
  ];
  for (const [name, formats, expected] of cases) {
    test(name, () => {
      const result = papersNotice({ ...base, papers, people: [{ personId: 'p1', name: 'Ada', formats }] });
      assert.deepEqual(
        result.lacking,
        expected.map(([format, ids]) => ({ personId: 'p1', name: 'Ada', format, papers: ids.map((id) => ({ id, title: `Paper ${id}` })) })),
      );
    });
  }
  test('nobody lacks anything when there are no papers', () => {
    assert.deepEqual(papersNotice({ ...base, people: [{ personId: 'p1', name: 'Ada', formats: ['easy-read'] }] }).lacking, []);
  });
  test('people keep their order', () => {
    const people = ['c', 'a', 'b'].map((personId) => ({ personId, name: personId, formats: ['large-print'] as FormatNeed[] }));
    assert.deepEqual(
      papersNotice({ ...base, papers, people }).lacking.map((l) => l.personId),
      ['c', 'a', 'b'],
    );
  });
});

const mapping: Record<FormatNeed, PaperFormat | null> = {
  'easy-read': 'easy-read',
  'large-print': 'large-print',
  audio: 'audio',
  braille: 'braille',
  bsl: 'bsl-video',
  interpreter: null,
};
const instant = fc
  .integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') })
  .map((t) => new Date(t).toISOString());
const papersArb = fc.array(
  fc.record({
    id: fc.uuid(),
    title: fc.string(),
    files: fc.array(fc.record({ format: fc.constantFrom(...paperFormats), uploadedAt: instant }), { maxLength: 6 }),
  }),
  { maxLength: 4 },
);
const peopleArb = fc.array(fc.record({ personId: fc.uuid(), name: fc.string(), formats: fc.subarray([...formatNeeds]) }), { maxLength: 4 });

test('P2 property: a person lacks nothing exactly when every paper has every one of their formats', () => {
  fc.assert(
    fc.property(instant, fc.integer({ min: 0, max: 28 }), instant, papersArb, peopleArb, (startsAt, noticeDays, now, papers, people) => {
      const result = papersNotice({ startsAt, noticeDays, now, papers, people });
      for (const person of people) {
        const needed = person.formats.map((f) => mapping[f]).filter((f): f is PaperFormat => f !== null);
        const allThere = papers.every((p) => needed.every((f) => p.files.some((x) => x.format === f)));
        const lacks = result.lacking.filter((l) => l.personId === person.personId);
        assert.equal(lacks.length === 0, allThere);
        for (const l of lacks) assert.ok(needed.includes(l.format) && l.papers.length > 0);
      }
    }),
  );
});

test('P2 property: late is decided by the earliest upload against the deadline', () => {
  fc.assert(
    fc.property(instant, fc.integer({ min: 0, max: 28 }), instant, papersArb, (startsAt, noticeDays, now, papers) => {
      const result = papersNotice({ startsAt, noticeDays, now, papers, people: [] });
      assert.equal(result.deadlinePassed, Date.parse(now) > Date.parse(result.deadline));
      result.papers.forEach((p, i) => {
        const files = papers[i]!.files;
        const expected = files.length ? files.every((f) => f.uploadedAt > result.deadline) : result.deadlinePassed;
        assert.equal(p.late, expected);
      });
    }),
  );
});
