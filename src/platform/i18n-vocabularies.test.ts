import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { loadCatalogue } from './i18n.ts';

// Keys joined at run time ('meetings:format.' ~ meeting.format in a template,
// t(`claims:status.${status}`) in code) escape the literal-key test. Each such prefix is
// checked against the vocabularies (the lists of values in each module's vocabulary.ts):
// a list that the prefix serves, which is one most of whose values already have keys
// there, must have a key for every value. So a value added to a list without its words
// fails here.

function files(dir: string, ext: string[]): string[] {
  return fs.readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (fs.statSync(full).isDirectory()) return files(full, ext);
    return ext.some((e) => name.endsWith(e)) && !name.endsWith('.test.ts') ? [full] : [];
  });
}

const catalogue = loadCatalogue('en');

/** Pairs the rule makes that are not real: the joined value never comes from that list. */
const notServed = new Set([
  // A claim's way is one of claimWays; "paid staff" is a reward choice that never makes a claim.
  'claims:way.paid-staff',
  // History actions are audit actions (submitted, approved ...), not claim statuses.
  'claims:history.action.draft',
  // The report's pieces are the four of the jigsaw; the principles are a review form section.
  'impact:piece.principles',
  // Meeting formats, not the ways an answer was given.
  'meetings:format.self',
  // A written story has no file, so no file type error.
  'outcomes:errors.fileType.text',
  // A statement is sent by a contact channel, never "self" (a way an answer was given).
  'claims:sendStatement.sent.self',
  // Papers are sent in the formats paper versions have (bsl-video ...), not every format need.
  'papers:format.bsl',
  'papers:format.interpreter',
  // How a person told their supporter (toldHows) is not a channel a statement or a meeting goes by.
  'claims:sendStatement.sent.writing',
  'meetings:format.writing',
  // The two disability questions are shown together as one grouping, "disability".
  'equality:grouping.longTermCondition',
  'equality:grouping.activityLimitation',
  // Equality answers are recorded in equality's own ways (self, link, phone, letter ...), not by contact channel.
  'equality:howLower.email',
  'equality:howLower.text',
  'equality:howLower.writing',
  // Consent needs nobody who made a decision: that error is for the other legal bases only.
  'supporters:errors.madeByRequired.consent',
  // A community group's best way to be contacted is a contact channel, not a way an answer was given or a person was told.
  'community-groups:bestWay.self',
  'community-groups:bestWay.writing',
]);

function nodeAt(prefix: string): Record<string, unknown> | undefined {
  const [ns, rest] = prefix.split(':') as [string, string];
  let node: unknown = catalogue[ns];
  for (const part of rest.split('.').filter(Boolean)) node = (node as Record<string, unknown> | undefined)?.[part];
  return node && typeof node === 'object' ? (node as Record<string, unknown>) : undefined;
}

function runTimePrefixes(): Map<string, string> {
  const found = new Map<string, string>();
  const inTemplates = /["']([a-z-]+:[a-zA-Z0-9_.-]+\.)["']\s*~/g;
  const inCode = /`([a-z-]+:[a-zA-Z0-9_.-]+\.)\$\{/g;
  for (const file of files('src', ['.njk', '.ts'])) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of [...text.matchAll(inTemplates), ...text.matchAll(inCode)])
      if (m[1]!.split(':')[0]! in catalogue) found.set(m[1]!, file);
  }
  return found;
}

async function vocabularies(): Promise<Map<string, readonly string[]>> {
  const lists = new Map<string, readonly string[]>();
  for (const file of files('src/modules', ['vocabulary.ts'])) {
    const exported = (await import(pathToFileURL(path.resolve(file)).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exported)) {
      if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'))
        lists.set(`${file}: ${name}`, value as string[]);
    }
  }
  return lists;
}

test('every key joined at run time exists for every value of the vocabulary it serves', async () => {
  const prefixes = runTimePrefixes();
  const lists = await vocabularies();
  assert.ok(prefixes.size > 20, `only ${prefixes.size} run-time prefixes found: the search is broken`);
  assert.ok(lists.size > 20, `only ${lists.size} vocabularies found: the search is broken`);
  const has = (node: Record<string, unknown>, value: string) => node[value] !== undefined || node[`${value}_other`] !== undefined;
  const missing: string[] = [];
  let checked = 0;
  for (const [prefix, file] of prefixes) {
    const node = nodeAt(prefix);
    if (!node) {
      missing.push(`${file}: ${prefix} has no entries at all`);
      continue;
    }
    for (const [list, values] of lists) {
      // The list a prefix serves: most of its values already have words there.
      if (values.filter((v) => has(node, v)).length * 2 <= values.length) continue;
      checked++;
      for (const v of values)
        if (!has(node, v) && !notServed.has(`${prefix}${v}`)) missing.push(`${prefix}${v} (a value of ${list}, joined in ${file})`);
    }
  }
  assert.ok(checked > 20, `only ${checked} prefix and vocabulary pairs checked`);
  assert.deepEqual(missing, []);
});
