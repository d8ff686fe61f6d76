import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';

// Production runs the compiled app with plain node: no tsx, no TypeScript, and after
// `npm prune --omit=dev` no dev dependencies. These build dist/ as `npm run build` does and
// check that it starts and answers, and that everything it imports is a runtime dependency.

const root = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

function jsFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? jsFiles(path.join(dir, e.name)) : e.name.endsWith('.js') ? [path.join(dir, e.name)] : []));
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('the production build', () => {
  test('npm run build compiles dist/, with templates and messages beside the code', () => {
    const result = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    for (const file of [
      'dist/server.js',
      'dist/app.js',
      'dist/db/migrate-command.js',
      'dist/locales/en/common.json',
      'dist/views/layout.njk',
      'public/build/app.css',
    ]) {
      assert.ok(fs.existsSync(path.join(root, file)), `${file} is missing`);
    }
    assert.ok(
      jsFiles(path.join(root, 'dist')).every((f) => !/\.test\.js$|test-world\.js$/.test(f)),
      'tests are not part of the build',
    );
  });

  test('everything the built app imports is Node itself or a runtime dependency', () => {
    const used = new Set<string>();
    for (const file of jsFiles(path.join(root, 'dist'))) {
      const source = fs.readFileSync(file, 'utf8');
      for (const m of source.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'".][^'"]*)['"]/g)) {
        const name = m[1]!.startsWith('@') ? m[1]!.split('/').slice(0, 2).join('/') : m[1]!.split('/')[0]!;
        used.add(name);
      }
    }
    const builtins = new Set(builtinModules.flatMap((b) => [b, `node:${b}`]));
    const missing = [...used].filter((name) => !builtins.has(name) && !name.startsWith('node:') && !(name in pkg.dependencies));
    assert.deepEqual(missing, [], 'imported at run time but not in "dependencies"');
    assert.ok(used.has('fastify') && used.has('kysely'), "the import scan found the app's own dependencies");
  });

  test('node dist/server.js starts on a fresh SQLite database and answers', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coproduce-dist-'));
    const port = await freePort();
    const child = spawn(process.execPath, ['dist/server.js'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    try {
      let health = 0;
      for (let i = 0; i < 100 && health !== 200; i++) {
        await new Promise((r) => setTimeout(r, 100));
        health = await fetch(`http://127.0.0.1:${port}/health`).then(
          (r) => r.status,
          () => 0,
        );
      }
      assert.equal(health, 200, output);
      const setup = await fetch(`http://127.0.0.1:${port}/`, { redirect: 'manual' });
      assert.equal(setup.headers.get('location'), '/setup');
      const page = await fetch(`http://127.0.0.1:${port}/setup`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /Set up/);
      assert.equal((await fetch(`http://127.0.0.1:${port}/build/app.css`)).status, 200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('WEB_CONCURRENCY=2 starts two workers on one port, and stopping the app stops them', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coproduce-dist-'));
    const port = await freePort();
    const child = spawn(process.execPath, ['dist/server.js'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        WEB_CONCURRENCY: '2',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const workers = () =>
      spawnSync('ps', ['-o', 'pid=', '--ppid', String(child.pid)], { encoding: 'utf8' })
        .stdout.split('\n')
        .filter((l) => l.trim()).length;
    try {
      let health = 0;
      for (let i = 0; i < 100 && (health !== 200 || workers() < 2); i++) {
        await new Promise((r) => setTimeout(r, 100));
        health = await fetch(`http://127.0.0.1:${port}/health`).then(
          (r) => r.status,
          () => 0,
        );
      }
      assert.equal(health, 200, output);
      assert.equal(workers(), 2, output);
      const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status)));
      assert.ok(answers.every((s) => s === 200));
    } finally {
      child.kill('SIGTERM');
      for (let i = 0; i < 50 && workers() > 0; i++) await new Promise((r) => setTimeout(r, 100));
      assert.equal(workers(), 0, 'workers stop with the app');
      child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
