// Copies the OpenMoji pictures easy read pages use (src/modules/easy-read/pictures.ts) into
// public/static/easy-read/, so only those few files ship with the app.
// Usage: npm pack openmoji && tar xzf openmoji-*.tgz && node scripts/easy-read-pictures.mjs package
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const from = process.argv[2];
if (!from) {
  console.error('Give the folder of the unpacked openmoji package.');
  process.exit(1);
}
const list = readFileSync('src/modules/easy-read/pictures.ts', 'utf8');
const to = 'public/static/easy-read';
mkdirSync(to, { recursive: true });
for (const [, name, code] of list.matchAll(/^\s+(\w+): '([0-9A-F-]+)',$/gm)) {
  copyFileSync(path.join(from, 'color', 'svg', `${code}.svg`), path.join(to, `${name}.svg`));
  console.log(`${code} -> ${name}.svg`);
}
