import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCatalogue } from '../../platform/i18n.ts';
import { compareCatalogues, flatten, importTranslatorRows, translatorRows, unflatten, variablesOf } from './catalogue.ts';

const flat = (o: Record<string, Record<string, unknown>>) => flatten(o);

test('every English key has Welsh, every Welsh key is in English, and both put in the same values', () => {
  const gaps = compareCatalogues(flatten(loadCatalogue('en')), flatten(loadCatalogue('cy')));
  const show = (list: string[]) => (list.length > 20 ? [...list.slice(0, 20), `... and ${list.length - 20} more`] : list);
  assert.deepEqual(show(gaps.missingInWelsh), [], 'English keys with no Welsh');
  assert.deepEqual(show(gaps.notInEnglish), [], 'Welsh keys that English does not have');
  assert.deepEqual(show(gaps.pluralFormsMissing), [], 'Welsh plurals need zero, one, two, few, many and other');
  assert.deepEqual(show(gaps.variablesDiffer), [], 'values put in differ between English and Welsh');
});

test('the values a string puts in: plain, formatted and nested', () => {
  const cases: Array<[string, string[]]> = [
    ['No values', []],
    ['{{count}} people', ['count']],
    ['{{total, capital}} took part on {{ date }}', ['date', 'total']],
    ['$t(common:yes) or {{name}}', ['$t(common:yes)', 'name']],
  ];
  for (const [text, expected] of cases) assert.deepEqual(variablesOf(text), expected, text);
});

test('the comparison finds each kind of gap', () => {
  const en = flat({ a: { hello: 'Hello {{name}}', people_one: 'one person', people_other: '{{count}} people', only: 'English' } });
  const cy = flat({
    a: {
      hello: 'Helo {{enw}}',
      people_zero: 'dim pobl',
      people_one: 'un person',
      people_other: '{{count}} o bobl',
      extra: 'Ychwanegol',
    },
  });
  const gaps = compareCatalogues(en, cy);
  assert.deepEqual(gaps.missingInWelsh, ['a:only']);
  assert.deepEqual(gaps.notInEnglish, ['a:extra']);
  assert.deepEqual(gaps.pluralFormsMissing, ['a:people (two, few, many)']);
  assert.deepEqual(gaps.variablesDiffer, ['a:hello: English {name} Welsh {enw}']);
});

test('a Welsh plural with all six forms, and English with two, is no gap', () => {
  const en = flat({ a: { n_one: 'one', n_other: '{{count}}' } });
  const cy = flat({ a: { n_zero: 'dim', n_one: 'un', n_two: 'dau', n_few: '{{count}}', n_many: '{{count}}', n_other: '{{count}}' } });
  assert.deepEqual(compareCatalogues(en, cy), { missingInWelsh: [], notInEnglish: [], pluralFormsMissing: [], variablesDiffer: [] });
});

test('translator rows: drafted strings need review until passed, and a changed string needs it again', () => {
  const en = flat({ a: { x: 'Yes', y: 'No' } });
  const cy = flat({ a: { x: 'Ie', y: 'Na' } });
  const rows = translatorRows(en, cy, { 'a:x': 'Ie', 'a:y': 'Nage' });
  assert.deepEqual(
    rows.map((r) => [r.key, r.needsReview]),
    [
      ['a:x', false],
      ['a:y', true],
    ],
  );
});

test('an import is checked against English: unknown keys, empty Welsh, other values and repeats are refused', () => {
  const en = flat({ a: { hi: 'Hi {{name}}', n_one: 'one', n_other: '{{count}} things' } });
  const cy = flat({ a: { hi: 'Helo {{name}}' } });
  const result = importTranslatorRows(
    [
      { key: 'a:hi', welsh: 'Shwmae {{enw}}', needsReview: 'no' },
      { key: 'a:nope', welsh: 'Dim', needsReview: 'no' },
      { key: 'a:n_zero', welsh: '', needsReview: 'no' },
      { key: 'a:n_one', welsh: 'un peth', needsReview: 'no' },
      { key: 'a:n_one', welsh: 'un peth', needsReview: 'no' },
    ],
    en,
    cy,
    {},
  );
  assert.deepEqual(
    result.problems.map((p) => [p.row, p.problem]),
    [
      [2, 'variables'],
      [3, 'unknown-key'],
      [4, 'empty'],
      [6, 'repeated'],
    ],
  );
});

test('a good import changes the Welsh and marks what the translator passed', () => {
  const en = flat({ a: { hi: 'Hi {{name}}', bye: 'Bye' } });
  const cy = flat({ a: { hi: 'Helo {{name}}', bye: 'Hwyl' } });
  const result = importTranslatorRows(
    [
      { key: 'a:hi', welsh: 'Shwmae {{name}}', needsReview: 'no' },
      { key: 'a:bye', welsh: 'Hwyl', needsReview: 'yes' },
    ],
    en,
    cy,
    { 'a:bye': 'Hwyl' },
  );
  assert.deepEqual(result.problems, []);
  assert.equal(result.changed, 1);
  assert.equal(result.welsh.get('a:hi'), 'Shwmae {{name}}');
  assert.deepEqual(result.reviewed, { 'a:hi': 'Shwmae {{name}}' });
  assert.deepEqual(unflatten(result.welsh, en), { a: { hi: 'Shwmae {{name}}', bye: 'Hwyl' } });
});
