import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AsyncLocalStorage } from 'node:async_hooks';
import i18next, { type TFunction } from 'i18next';

const localesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'locales');

// The catalogue files never change while the process runs, and every app built (one per test)
// asks for both languages: read them once.
const loaded = new Map<string, Record<string, Record<string, unknown>>>();

/** Each file in locales/<lang>/ is one namespace: common.json -> "common:key". */
export function loadCatalogue(lang: string): Record<string, Record<string, unknown>> {
  const known = loaded.get(lang);
  if (known) return known;
  const catalogue = readCatalogue(lang);
  loaded.set(lang, catalogue);
  return catalogue;
}

function readCatalogue(lang: string): Record<string, Record<string, unknown>> {
  const dir = path.join(localesDir, lang);
  const out: Record<string, Record<string, unknown>> = {};
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    out[file.replace(/\.json$/, '')] = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  }
  return out;
}

export type Translate = TFunction;

/** The languages the app speaks (issue 24): English first, Welsh beside it. */
export const appLanguages = ['en', 'cy'] as const;
export type AppLanguage = (typeof appLanguages)[number];

// The language of the page or message being written now. One translator serves everyone: a
// request for a Welsh reader, or a message composed for one, runs inside inLanguage('cy', ...)
// (src/modules/languages/), so services built once with makeTranslator() speak Welsh there.
const currentLanguage = new AsyncLocalStorage<AppLanguage>();
export function inLanguage<T>(language: AppLanguage, work: () => T): T {
  return currentLanguage.run(language, work);
}
export const activeLanguage = (): AppLanguage | undefined => currentLanguage.getStore();

export function makeTranslator(lang = 'en'): Translate {
  // Welsh is loaded beside English; a key the Welsh catalogue lacks falls back to English,
  // never to the key itself (the catalogue test fails on the gap).
  const resources: Record<string, Record<string, Record<string, unknown>>> = { [lang]: loadCatalogue(lang) };
  for (const other of appLanguages)
    if (other !== lang && fs.existsSync(path.join(localesDir, other))) resources[other] = loadCatalogue(other);
  const instance = i18next.createInstance();
  void instance.init({
    lng: lang,
    fallbackLng: { cy: ['en'], default: [] },
    resources,
    ns: Object.keys(resources[lang] ?? {}),
    defaultNS: 'common',
    initAsync: false,
    // Nunjucks escapes on output; escaping here too would double-escape.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  // "{{total, capital}}" where a figure starts a sentence: "Fewer than 8 people took part",
  // not "fewer than 8 people took part".
  instance.services.formatter?.add('capital', (value: unknown, lng?: string) => {
    const text = String(value ?? '');
    return text.charAt(0).toLocaleUpperCase(lng ?? lang) + text.slice(1);
  });
  // "{{purpose, sentence}} Can you come?" where a value someone typed ends a sentence: it gets
  // a full stop only when it has no ending of its own ("understand." not "understand..").
  instance.services.formatter?.add('sentence', (value: unknown) => {
    const text = String(value ?? '').trim();
    return /[.!?…]["')\]]*$/.test(text) || text === '' ? text : `${text}.`;
  });
  const fixed = instance.t.bind(instance) as Translate;
  if (!resources.cy) return fixed;
  const welsh = instance.getFixedT('cy') as unknown as Translate;
  // Outside inLanguage() (tests, jobs) this is the translator for `lang`, as before.
  return ((...args: Parameters<Translate>) =>
    currentLanguage.getStore() === 'cy' && lang !== 'cy' ? welsh(...args) : fixed(...args)) as Translate;
}
