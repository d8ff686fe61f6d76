import assert from 'node:assert/strict';
import { test } from 'node:test';
import { easyReadGaps, readingFormatsFrom, summaryFor, type ReadingFormat } from './bid-formats.ts';

const usual: ReadingFormat = { easyRead: false, largePrint: false };
const easy: ReadingFormat = { easyRead: true, largePrint: false };
const large: ReadingFormat = { easyRead: false, largePrint: true };
const both: ReadingFormat = { easyRead: true, largePrint: true };
const withEasy = { summary: 'A day club run with its members.', easyReadSummary: 'A **club**.\nMembers plan it.' };
const withoutEasy = { summary: 'A day club run with its members.', easyReadSummary: null };

test('each reader is shown the summary in their format', () => {
  const cases: Array<[string, typeof withEasy | typeof withoutEasy, ReadingFormat, ReturnType<typeof summaryFor>]> = [
    ['usual reader, usual words', withEasy, usual, { text: withEasy.summary, easyReadLines: null, large: false, easyReadMissing: false }],
    [
      'easy read reader, one sentence a line',
      withEasy,
      easy,
      { text: null, easyReadLines: ['A **club**.', 'Members plan it.'], large: false, easyReadMissing: false },
    ],
    [
      'easy read not written: the usual words, and it says so',
      withoutEasy,
      easy,
      { text: withoutEasy.summary, easyReadLines: null, large: false, easyReadMissing: true },
    ],
    [
      'easy read of only spaces counts as not written',
      { ...withEasy, easyReadSummary: '  \n ' },
      easy,
      { text: withEasy.summary, easyReadLines: null, large: false, easyReadMissing: true },
    ],
    [
      'large print reader, usual words large',
      withEasy,
      large,
      { text: withEasy.summary, easyReadLines: null, large: true, easyReadMissing: false },
    ],
    [
      'easy read in large print',
      withEasy,
      both,
      { text: null, easyReadLines: ['A **club**.', 'Members plan it.'], large: true, easyReadMissing: false },
    ],
    [
      'large print never waits for anything',
      withoutEasy,
      large,
      { text: withoutEasy.summary, easyReadLines: null, large: true, easyReadMissing: false },
    ],
  ];
  for (const [name, bid, format, expected] of cases) assert.deepEqual(summaryFor(bid, format), expected, name);
});

test('staff are told which bids an easy read reader on the panel waits for', () => {
  const formats = new Map<string, ReadingFormat>([
    ['ann', easy],
    ['cal', large],
    ['lee', both],
    ['pat', usual],
  ]);
  const panel = ['ann', 'cal', 'lee', 'pat'];
  const bid = (id: string, easyReadSummary: string | null, conflicted: string[] = []) => ({
    id,
    summary: 'x',
    easyReadSummary,
    conflicted,
  });
  const cases: Array<[string, Parameters<typeof easyReadGaps>[0], ReturnType<typeof easyReadGaps>]> = [
    ['every bid written: nothing to do', [bid('a', 'Words.'), bid('b', 'Words.')], []],
    ['a bid not written: its readers, in panel order', [bid('a', null), bid('b', 'Words.')], [{ bidId: 'a', personIds: ['ann', 'lee'] }]],
    ['a reader kept out of a bid does not wait for it', [bid('a', null, ['ann'])], [{ bidId: 'a', personIds: ['lee'] }]],
    ['nobody waits when every reader is kept out', [bid('a', null, ['ann', 'lee'])], []],
    ['empty words are not written', [bid('a', ' ')], [{ bidId: 'a', personIds: ['ann', 'lee'] }]],
  ];
  for (const [name, bids, expected] of cases) assert.deepEqual(easyReadGaps(bids, panel, formats), expected, name);
  assert.deepEqual(easyReadGaps([bid('a', null)], ['cal', 'pat'], formats), [], 'a panel with no easy read reader');
});

test('formats come from the easy read choice and the access needs', async () => {
  const formatsOf = readingFormatsFrom(
    async () => new Set(['ann']),
    async () =>
      new Map([
        ['cal', { formats: ['large-print'] }],
        ['lee', { formats: ['easy-read', 'large-print'] }],
        ['pat', { formats: ['audio'] }],
      ]),
  );
  const got = await formatsOf('org', ['ann', 'cal', 'lee', 'pat', 'sam']);
  assert.deepEqual(Object.fromEntries(got), { ann: easy, cal: large, lee: both, pat: usual, sam: usual });
  assert.deepEqual(await formatsOf('org', []), new Map());
});
