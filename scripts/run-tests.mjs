// Runs every *.test.ts under src/ and test/ with Node's own test runner (Node 20 has no
// globs for --test). Extra arguments narrow the run: `npm test -- people`.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildStylesheet, stylesheetIsStale } from './build.mjs';

function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : find(full);
    return name.endsWith('.test.ts') ? [full] : [];
  });
}

// Pages are checked in a real browser, so the stylesheet must match its source.
if (stylesheetIsStale()) await buildStylesheet();

const filters = process.argv.slice(2);
const files = ['src', 'test']
  .flatMap(find)
  .filter((f) => f.endsWith('.test.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error('No test files matched.');
  process.exit(1);
}
// Lint is part of the whole run; a run narrowed to some files skips it to stay quick.
const lint = filters.length === 0 ? (spawnSync(process.execPath, ['scripts/lint.mjs'], { stdio: 'inherit' }).status ?? 1) : 0;
if (lint !== 0) console.error('Lint failed: run `npm run lint -- --fix`, then fix what it cannot.');
// TAP as before, then a list of what failed at the end, where a CI log's tail shows it.
const reporters = [
  '--test-reporter=tap',
  '--test-reporter-destination=stdout',
  '--test-reporter=./scripts/failures-reporter.mjs',
  '--test-reporter-destination=stdout',
];
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...reporters, ...files], {
  stdio: 'inherit',
});
process.exit(result.status || lint);
