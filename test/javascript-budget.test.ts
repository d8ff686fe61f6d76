import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { test } from 'node:test';

// DESIGN.md: our own JavaScript stays under 20 KB compressed, so pages stay light on old
// phones and slow connections. Every script the app serves from public/static counts.
const budget = 20 * 1024;

function scripts(dir: string): string[] {
  return fs.readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (fs.statSync(full).isDirectory()) return scripts(full);
    return name.endsWith('.js') || name.endsWith('.mjs') ? [full] : [];
  });
}

test('our own JavaScript is under 20 KB compressed', () => {
  const files = scripts('public/static');
  assert.ok(files.includes(path.join('public/static', 'app.js')));
  const sizes = files.map((f) => [f, zlib.gzipSync(fs.readFileSync(f)).length] as const);
  const total = sizes.reduce((n, [, size]) => n + size, 0);
  assert.ok(total < budget, `${total} bytes: ${sizes.map(([f, s]) => `${f} ${s}`).join(', ')}`);
});
