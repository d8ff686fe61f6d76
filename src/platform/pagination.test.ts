import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pageLink, pageOf, pageParam, paginationFor } from './pagination.ts';

describe('pages of a long list', () => {
  const href = pageLink('/people', { q: 'ann', perspective: '', project: undefined });

  test('one page needs no pagination', () => {
    assert.equal(paginationFor(1, 50, href), null);
    assert.equal(paginationFor(1, 0, href), null);
  });

  test('400 pages make a handful of links: first, last, the current page and its neighbours', () => {
    const p = paginationFor(200, 20_000, href)!;
    assert.deepEqual(
      p.items.map((i) => (i.ellipsis ? '…' : i.current ? `[${i.number}]` : String(i.number))),
      ['1', '…', '199', '[200]', '201', '…', '400'],
    );
    assert.equal(p.previous?.href, '/people?q=ann&page=199');
    assert.equal(p.next?.href, '/people?q=ann&page=201');
  });

  test('the first and last pages have no link beyond them', () => {
    const first = paginationFor(1, 120, href)!;
    assert.equal(first.previous, undefined);
    assert.deepEqual(
      first.items.map((i) => i.number),
      [1, 2, 3],
    );
    const last = paginationFor(3, 120, href)!;
    assert.equal(last.next, undefined);
  });

  test('a bad page number is page 1', () => {
    assert.equal(pageParam.parse('x'), undefined);
    assert.equal(pageParam.parse('-3'), undefined);
    assert.deepEqual(pageOf(pageParam.parse('3')), { page: 3, limit: 50, offset: 100 });
    assert.deepEqual(pageOf(undefined), { page: 1, limit: 50, offset: 0 });
  });
});
