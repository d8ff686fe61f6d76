// `npm run build`: the app's TypeScript compiled to dist/ (tsc), its templates and message
// catalogues copied beside it, and the rebranded GOV.UK Frontend stylesheet built into
// public/build/. `npm start` and `npm run migrate` call it with --if-stale first, so a
// fresh clone or a changed source is built before it runs. Plain JavaScript, so building
// needs no tsx: production runs `node dist/server.js` with no TypeScript tooling at all.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...p) => path.join(root, ...p);
const require = createRequire(import.meta.url);
const stamp = at('dist', '.built');
const css = at('public', 'build', 'app.css');

function filesUnder(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const newest = (files) => Math.max(0, ...files.map((f) => fs.statSync(f).mtimeMs));
const sourceFiles = () => [...filesUnder(at('src')), at('tsconfig.json'), at('tsconfig.build.json'), at('package.json')];
const olderThan = (file, sources) => !fs.existsSync(file) || fs.statSync(file).mtimeMs < newest(sources);

export const appIsStale = () => olderThan(stamp, sourceFiles());
export const stylesheetIsStale = () => olderThan(css, filesUnder(at('src', 'styles')));

export function buildApp() {
  let tsc;
  try {
    tsc = require.resolve('typescript/bin/tsc');
  } catch {
    throw new Error(
      'dist/ is missing or older than src/, and TypeScript is not installed to build it. Run `npm ci` and `npm run build` first (see "Running in production" in README.md).',
    );
  }
  fs.rmSync(at('dist'), { recursive: true, force: true });
  const result = spawnSync(process.execPath, [tsc, '-p', at('tsconfig.build.json')], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('TypeScript did not compile: see the errors above.');
  // Templates and message catalogues are read from beside the compiled modules.
  for (const file of filesUnder(at('src'))) {
    if (!/\.(njk|json)$/.test(file)) continue;
    const target = at('dist', path.relative(at('src'), file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
  }
  fs.writeFileSync(stamp, new Date(Math.max(...sourceFiles().map((f) => fs.statSync(f).mtimeMs))).toISOString());
  console.log('Built dist/');
}

export async function buildStylesheet() {
  const sass = await import('sass');
  fs.mkdirSync(path.dirname(css), { recursive: true });
  const result = sass.compile(at('src', 'styles', 'app.scss'), {
    loadPaths: [at('node_modules')],
    style: 'compressed',
    quietDeps: true,
    silenceDeprecations: ['import'],
  });
  fs.writeFileSync(css, result.css);
  fs.copyFileSync(
    at('node_modules', 'govuk-frontend', 'dist', 'govuk', 'govuk-frontend.min.js'),
    at('public', 'build', 'govuk-frontend.min.js'),
  );
  console.log(`Built public/build/app.css (${Math.round(result.css.length / 1024)} KB)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const ifStale = process.argv.includes('--if-stale');
  try {
    if (!ifStale || appIsStale()) buildApp();
    if (!ifStale || stylesheetIsStale()) await buildStylesheet();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
