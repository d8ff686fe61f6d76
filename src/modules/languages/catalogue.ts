import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The English and Welsh catalogues side by side, one row a string (issue 24). Pure functions
 * over plain objects, so the parity rules are tested with tables; reading and writing the
 * files is at the bottom.
 *
 * Keys are "namespace:path.to.key". English plurals are key_one/key_other; Welsh ones have
 * six forms (key_zero, _one, _two, _few, _many, _other), so languages are compared by the key
 * without its plural ending, and a Welsh plural must have all six.
 */
export type FlatCatalogue = Map<string, string>;
export type Catalogue = Record<string, Record<string, unknown>>;

export const welshPluralForms = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
const pluralEnding = /_(zero|one|two|few|many|other)$/;

export function flatten(catalogue: Catalogue): FlatCatalogue {
  const out: FlatCatalogue = new Map();
  const walk = (prefix: string, node: unknown) => {
    if (typeof node === 'string') out.set(prefix, node);
    else if (Array.isArray(node)) node.forEach((item, i) => walk(`${prefix}.${i}`, item));
    else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) walk(prefix.endsWith(':') ? `${prefix}${k}` : `${prefix}.${k}`, v);
  };
  for (const [ns, entries] of Object.entries(catalogue)) walk(`${ns}:`, entries);
  return out;
}

export const baseKey = (key: string) => key.replace(pluralEnding, '');

/** The names a string puts values into: "{{count}}", "{{total, capital}}" and "$t(ns:key)" nests. */
export function variablesOf(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/\{\{\s*-?\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)) names.add(m[1]!);
  for (const m of text.matchAll(/\$t\(\s*([^,)\s]+)/g)) names.add(`$t(${m[1]})`);
  return [...names].sort();
}

/** Every variable of a key, over all its plural forms (a "one" form may say "one" instead of {{count}}). */
function variablesByBase(flat: FlatCatalogue): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [key, text] of flat) {
    const base = baseKey(key);
    const set = out.get(base) ?? new Set<string>();
    for (const v of variablesOf(text)) set.add(v);
    out.set(base, set);
  }
  return out;
}

export type Gaps = {
  /** English keys with no Welsh. */
  missingInWelsh: string[];
  /** Welsh keys English does not have: a typing slip, or a key English has since dropped. */
  notInEnglish: string[];
  /** Welsh plurals without all six forms. */
  pluralFormsMissing: string[];
  /** Keys whose two languages put in different values. */
  variablesDiffer: string[];
};

export function compareCatalogues(english: FlatCatalogue, welsh: FlatCatalogue): Gaps {
  const en = variablesByBase(english);
  const cy = variablesByBase(welsh);
  const missingInWelsh = [...en.keys()].filter((k) => !cy.has(k));
  const notInEnglish = [...cy.keys()].filter((k) => !en.has(k));
  const pluralFormsMissing: string[] = [];
  for (const base of cy.keys()) {
    const isPlural = [...english.keys(), ...welsh.keys()].some((k) => k !== base && baseKey(k) === base);
    if (!isPlural || !en.has(base)) continue;
    const lacking = welshPluralForms.filter((f) => !welsh.has(`${base}_${f}`));
    if (lacking.length) pluralFormsMissing.push(`${base} (${lacking.join(', ')})`);
  }
  const variablesDiffer: string[] = [];
  for (const [base, vars] of en) {
    const other = cy.get(base);
    if (!other) continue;
    const a = [...vars].sort().join(',');
    const b = [...other].sort().join(',');
    if (a !== b) variablesDiffer.push(`${base}: English {${a}} Welsh {${b}}`);
  }
  return { missingInWelsh, notInEnglish, pluralFormsMissing, variablesDiffer };
}

/**
 * A Welsh string needs review until a Welsh speaker has passed it: the reviewed file keeps
 * each passed string as it was passed, so a string drafted or changed since needs review again.
 */
export type Reviewed = Record<string, string>;
export const needsReview = (key: string, welsh: string | undefined, reviewed: Reviewed) => welsh === undefined || reviewed[key] !== welsh;

export type TranslatorRow = { key: string; english: string; welsh: string; needsReview: boolean };

/** The rows a translator gets: every English string, its Welsh, and whether it needs review. */
export function translatorRows(english: FlatCatalogue, welsh: FlatCatalogue, reviewed: Reviewed): TranslatorRow[] {
  const keys = [...new Set([...english.keys(), ...welsh.keys()])].sort();
  return keys.map((key) => ({
    key,
    english: english.get(key) ?? '',
    welsh: welsh.get(key) ?? '',
    needsReview: needsReview(key, welsh.get(key), reviewed),
  }));
}

export const translatorHeadings = ['key', 'English', 'Welsh', 'needs review'] as const;

export type ImportProblem = { row: number; key: string; problem: 'unknown-key' | 'empty' | 'variables' | 'repeated' };
export type ImportResult = { problems: ImportProblem[]; welsh: FlatCatalogue; reviewed: Reviewed; changed: number };

const yes = (cell: string) => /^(y|yes|true|1|ie|oes)$/i.test(cell.trim());

/**
 * What a translator sent back, checked against English: the same keys, the same values put
 * in. A row marked "needs review: no" is passed as it stands. Nothing is applied while any
 * row has a problem: the file is fixed and sent again.
 */
export function importTranslatorRows(
  rows: ReadonlyArray<{ key: string; welsh: string; needsReview: string }>,
  english: FlatCatalogue,
  welsh: FlatCatalogue,
  reviewed: Reviewed,
): ImportResult {
  const problems: ImportProblem[] = [];
  const nextWelsh: FlatCatalogue = new Map(welsh);
  const nextReviewed: Reviewed = { ...reviewed };
  const seen = new Set<string>();
  const englishVars = variablesByBase(english);
  let changed = 0;
  rows.forEach((r, i) => {
    const row = i + 2; // the headings are row 1
    const key = r.key.trim();
    const text = r.welsh.replace(/^'(?=[=+\-@])/, '');
    const base = baseKey(key);
    if (!key) return;
    if (seen.has(key)) return void problems.push({ row, key, problem: 'repeated' });
    seen.add(key);
    if (!englishVars.has(base)) return void problems.push({ row, key, problem: 'unknown-key' });
    if (!text.trim()) return void problems.push({ row, key, problem: 'empty' });
    // One plural form may leave out {{count}}, so a form may use fewer values, never others.
    const allowed = englishVars.get(base)!;
    if (variablesOf(text).some((v) => !allowed.has(v)) || (!pluralEnding.test(key) && variablesOf(text).length !== allowed.size))
      return void problems.push({ row, key, problem: 'variables' });
    if (nextWelsh.get(key) !== text) changed++;
    nextWelsh.set(key, text);
    if (yes(r.needsReview)) delete nextReviewed[key];
    else nextReviewed[key] = text;
  });
  return { problems, welsh: nextWelsh, reviewed: nextReviewed, changed };
}

/** Back from flat keys to one object per namespace, keys in English's order where English has them. */
export function unflatten(flat: FlatCatalogue, order: FlatCatalogue): Catalogue {
  const out: Catalogue = {};
  const keys = [...order.keys()].filter((k) => flat.has(k));
  for (const k of flat.keys()) if (!order.has(k)) keys.push(k);
  for (const key of keys) {
    const [ns, rest] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    let node = (out[ns] ??= {}) as Record<string, unknown>;
    const parts = rest.split('.');
    parts.slice(0, -1).forEach((p) => (node = (node[p] ??= {}) as Record<string, unknown>));
    node[parts.at(-1)!] = flat.get(key);
  }
  return out;
}

// --- The files ---------------------------------------------------------------------------
export const localesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'locales');
/** Outside cy/ so the app never loads it as a namespace. */
export const reviewedFile = path.join(localesDir, 'cy-reviewed.json');

export function readReviewed(file = reviewedFile): Reviewed {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Reviewed) : {};
}
