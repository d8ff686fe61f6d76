import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  boundFor,
  compareKeys,
  historyWindowQuery,
  keyParam,
  mergeWindow,
  type HistoryKey,
  type HistorySource,
  type HistoryWindow,
  type SourceBound,
} from './history-window.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 9, minute)).toISOString();
const key = (minute: number, source: HistorySource, id: string): HistoryKey => ({ at: at(minute), source, id });

// What a source's database does with a bound, as a repository's query would: filter, sort, limit.
function read(keys: readonly HistoryKey[], bound: SourceBound): Array<{ key: HistoryKey }> {
  const beyond = (k: HistoryKey) => {
    if (!bound.at) return true;
    const { value, op } = bound.at;
    const byTime = op === '<' ? k.at < value : op === '<=' ? k.at <= value : op === '>' ? k.at > value : k.at >= value;
    if (byTime || !bound.id || k.at !== value) return byTime;
    return bound.id.op === '>' ? k.id > bound.id.value : k.id < bound.id.value;
  };
  const sign = (dir: 'asc' | 'desc', a: string, b: string) => (a === b ? 0 : (a < b ? -1 : 1) * (dir === 'asc' ? 1 : -1));
  return keys
    .filter(beyond)
    .sort((a, b) => sign(bound.order.at, a.at, b.at) || sign(bound.order.id, a.id, b.id))
    .slice(0, bound.limit)
    .map((k) => ({ key: k }));
}

function pageOf(sources: Record<HistorySource, HistoryKey[]>, window: HistoryWindow) {
  return mergeWindow(
    (Object.keys(sources) as HistorySource[]).map((s) => read(sources[s], boundFor(s, window))),
    window,
  );
}

test('the bound each source is given, beyond a key', () => {
  const cursor = key(10, 'claim', 'm');
  const cases: Array<[string, HistorySource, HistoryWindow, Pick<SourceBound, 'at' | 'id'>]> = [
    ['the first page: no bound', 'audit', { limit: 3 }, { at: null, id: null }],
    [
      'older, same source: earlier, or the same time and a later id',
      'claim',
      { before: cursor, limit: 3 },
      { at: { value: cursor.at, op: '<' }, id: { value: 'm', op: '>' } },
    ],
    [
      'older, a source named before: strictly earlier',
      'audit',
      { before: cursor, limit: 3 },
      { at: { value: cursor.at, op: '<' }, id: null },
    ],
    [
      'older, a source named after: the same time counts',
      'timebank',
      { before: cursor, limit: 3 },
      { at: { value: cursor.at, op: '<=' }, id: null },
    ],
    [
      'newer, same source: later, or the same time and an earlier id',
      'claim',
      { after: cursor, limit: 3 },
      { at: { value: cursor.at, op: '>' }, id: { value: 'm', op: '<' } },
    ],
    [
      'newer, a source named before: the same time counts',
      'audit',
      { after: cursor, limit: 3 },
      { at: { value: cursor.at, op: '>=' }, id: null },
    ],
    [
      'newer, a source named after: strictly later',
      'timebank',
      { after: cursor, limit: 3 },
      { at: { value: cursor.at, op: '>' }, id: null },
    ],
  ];
  for (const [name, source, window, expected] of cases) {
    const bound = boundFor(source, window);
    assert.deepEqual({ at: bound.at, id: bound.id }, expected, name);
    assert.equal(bound.limit, 4, `${name}: one more than the page, to know there is more`);
  }
});

test('a key survives the trip through a link; a bad one is the newest page', () => {
  const k = key(5, 'timebank', '0b9e5a52-6d6a-4b43-9a0c-1f1b2c3d4e5f');
  assert.deepEqual(historyWindowQuery.parse({ before: keyParam(k) }), { before: k });
  for (const bad of ['yesterday~audit~x', `${k.at}~ledger~x`, `${k.at}~audit`, `${k.at}~audit~x~y`, ''])
    assert.equal(historyWindowQuery.parse({ before: bad }).before, undefined, bad);
});

test('walking older then newer pages shows every entry once, in order, however the sources tie', async () => {
  const sourceKeys = fc.array(
    fc.record({
      minute: fc.integer({ min: 0, max: 12 }),
      id: fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), minLength: 1, maxLength: 3 }),
    }),
    { maxLength: 25 },
  );
  await fc.assert(
    fc.asyncProperty(sourceKeys, sourceKeys, sourceKeys, fc.integer({ min: 1, max: 7 }), async (a, c, tb, limit) => {
      const unique = (list: typeof a, source: HistorySource) => [
        ...new Map(list.map((e) => [`${e.minute}|${e.id}`, key(e.minute, source, e.id)])).values(),
      ];
      const sources = { audit: unique(a, 'audit'), claim: unique(c, 'claim'), timebank: unique(tb, 'timebank') };
      const everything = [...sources.audit, ...sources.claim, ...sources.timebank].sort(compareKeys);
      const pages: HistoryKey[][] = [];
      let page = pageOf(sources, { limit });
      assert.equal(page.newer, null);
      pages.push(page.entries.map((e) => e.key));
      while (page.older) {
        page = pageOf(sources, { before: page.older, limit });
        assert.ok(page.entries.length > 0 && page.entries.length <= limit);
        pages.push(page.entries.map((e) => e.key));
      }
      assert.deepEqual(pages.flat(), everything);
      // And back again from the last page: the same pages, newest last.
      for (let i = pages.length - 2; i >= 0; i--) {
        assert.ok(page.newer, 'a page with newer entries links to them');
        page = pageOf(sources, { after: page.newer, limit });
        assert.deepEqual(
          page.entries.map((e) => e.key),
          pages[i],
        );
      }
      assert.equal(page.newer, null);
    }),
    { numRuns: 300 },
  );
});
