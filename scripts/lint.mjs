// `npm run lint`: ESLint (eslint.config.mjs) and Prettier's check (.prettierrc.json) over the
// whole tree, zero warnings allowed. `npm run lint -- --fix` fixes what both can fix.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const fix = process.argv.includes('--fix');
const formatted = ['src/**/*.ts', 'test/**/*.ts', 'scripts/**/*.{ts,mjs}', 'public/static/*.js', '*.mjs'];

const binOf = (pkg, bin) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), bin);
const run = (bin, args) => spawnSync(process.execPath, [bin, ...args], { stdio: 'inherit' }).status ?? 1;
const prettier = run(binOf('prettier', 'bin/prettier.cjs'), [fix ? '--write' : '--check', '--log-level', 'warn', ...formatted]);
const eslint = run(binOf('eslint', 'bin/eslint.js'), ['--max-warnings', '0', ...(fix ? ['--fix'] : []), '.']);
process.exit(prettier || eslint);
