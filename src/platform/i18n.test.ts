import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { loadCatalogue } from './i18n.ts';

function files(dir: string, ext: string[]): string[] {
  return fs.readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (fs.statSync(full).isDirectory()) return files(full, ext);
    return ext.some((e) => name.endsWith(e)) && !name.endsWith('.test.ts') ? [full] : [];
  });
}

test('every literal catalogue key used in templates and code exists in English', () => {
  const catalogue = loadCatalogue('en');
  const has = (key: string) => {
    const [ns, rest] = key.split(':') as [string, string];
    let node: unknown = catalogue[ns];
    const parts = rest.split('.');
    for (const [i, part] of parts.entries()) {
      const obj = node as Record<string, unknown> | undefined;
      // Plural forms are stored as key_one / key_other.
      if (i === parts.length - 1 && obj && obj[part] === undefined && obj[`${part}_other`] !== undefined) return true;
      node = obj?.[part];
    }
    return node !== undefined;
  };
  const missing: string[] = [];
  // t("ns:key") in templates and code, and zod messages, which are keys too.
  const keyPattern = /(?:\bt\(\s*|['"(,]\s*)["']([a-zA-Z-]+:[a-zA-Z0-9_.-]+)["']/g;
  for (const file of files('src', ['.njk', '.ts'])) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(keyPattern)) {
      const key = match[1]!;
      if (key.endsWith('.')) continue; // a prefix joined to a value at run time
      if (!(key.split(':')[0]! in catalogue)) continue;
      if (!has(key)) missing.push(`${file}: ${key}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('member-facing words: the catalogue avoids "service user", "client" and "patient"', () => {
  const offending: string[] = [];
  for (const [ns, entries] of Object.entries(loadCatalogue('en'))) {
    const text = JSON.stringify(entries);
    for (const word of [/service users?/i, /\bclients?\b/i, /\bpatients?\b/i]) if (word.test(text)) offending.push(`${ns}: ${word}`);
  }
  assert.deepEqual(offending, []);
});
