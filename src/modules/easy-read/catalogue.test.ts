import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { easyReadMostWords, longSentences } from './sentences.ts';
import { easyReadPictures } from './pictures.ts';

// P1: every easy read string keeps to short sentences, and every picture has its words.
const catalogue = JSON.parse(readFileSync(new URL('../../locales/en/easy-read.json', import.meta.url), 'utf8')) as Record<string, unknown>;

function strings(node: unknown, path: string): Array<[string, string]> {
  if (typeof node === 'string') return [[path, node]];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
}

test(`every easy read sentence is ${easyReadMostWords} words at most`, () => {
  const all = strings(catalogue, '');
  assert.ok(all.length > 100);
  const long = all.flatMap(([key, text]) => longSentences(text).map((s) => `${key}: ${s.sentence} (${s.words})`));
  assert.deepEqual(long, []);
});

test('every picture has a text alternative, and nothing else is in that list', () => {
  const alts = catalogue.picture as Record<string, string>;
  assert.deepEqual(Object.keys(alts).sort(), Object.keys(easyReadPictures).sort());
  for (const [name, alt] of Object.entries(alts)) assert.match(alt, /^Picture of /, name);
});

test('bold marks come in pairs', () => {
  for (const [key, text] of strings(catalogue, '')) assert.equal((text.match(/\*\*/g) ?? []).length % 2, 0, key);
});

test('each picture is shipped in public/static/easy-read', () => {
  for (const name of Object.keys(easyReadPictures))
    assert.match(readFileSync(new URL(`../../../public/static/easy-read/${name}.svg`, import.meta.url), 'utf8'), /^<svg/);
});
