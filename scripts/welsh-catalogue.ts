// The Welsh catalogue and a translator (issue 24). Run with node --import tsx:
//   scripts/welsh-catalogue.ts count                 how many Welsh strings still need review
//   scripts/welsh-catalogue.ts export <file.xlsx|file.csv>
//   scripts/welsh-catalogue.ts import <file.xlsx|file.csv> [--dry-run]
// An import is checked against English (same keys, same values put in) and writes nothing
// while any row has a problem; then it rewrites src/locales/cy/*.json and
// src/locales/cy-reviewed.json, which are committed like any other change.
import fs from 'node:fs';
import {
  catalogueCsv,
  catalogueXlsx,
  checkImport,
  currentRows,
  needsReviewCount,
  readTranslatorFile,
  writeImport,
} from '../src/modules/languages/translator-files.ts';

const [command, file, flag] = process.argv.slice(2);

if (command === 'count') {
  const rows = currentRows();
  console.log(`${needsReviewCount(rows)} of ${rows.length} Welsh strings need review`);
} else if (command === 'export' && file) {
  const rows = currentRows();
  fs.writeFileSync(file, file.endsWith('.csv') ? catalogueCsv(rows) : await catalogueXlsx(rows));
  console.log(`Wrote ${rows.length} strings to ${file} (${needsReviewCount(rows)} need review)`);
} else if (command === 'import' && file) {
  const result = checkImport(await readTranslatorFile(fs.readFileSync(file)));
  if (result.problems.length) {
    for (const p of result.problems) console.error(`Row ${p.row} (${p.key || 'no key'}): ${p.problem}`);
    console.error(`Nothing changed: ${result.problems.length} rows need fixing`);
    process.exit(1);
  }
  if (flag !== '--dry-run') writeImport(result);
  console.log(`${flag === '--dry-run' ? 'Would change' : 'Changed'} ${result.changed} strings`);
} else {
  console.error('Usage: welsh-catalogue.ts count | export <file> | import <file> [--dry-run]');
  process.exit(2);
}
