import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type TFunction } from 'i18next';

const localesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'locales');

/** Each file in locales/<lang>/ is one namespace: common.json -> "common:key". */
export function loadCatalogue(lang: string): Record<string, Record<string, unknown>> {
  const dir = path.join(localesDir, lang);
  const out: Record<string, Record<string, unknown>> = {};
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    out[file.replace(/\.json$/, '')] = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  }
  return out;
}

export type Translate = TFunction;

export function makeTranslator(lang = 'en'): Translate {
  const resources = { [lang]: loadCatalogue(lang) };
  const instance = i18next.createInstance();
  void instance.init({
    lng: lang,
    fallbackLng: false,
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
  instance.services.formatter?.add('capital', (value: unknown) => {
    const text = String(value ?? '');
    return text.charAt(0).toLocaleUpperCase(lang) + text.slice(1);
  });
  // "{{purpose, sentence}} Can you come?" where a value someone typed ends a sentence: it gets
  // a full stop only when it has no ending of its own ("understand." not "understand..").
  instance.services.formatter?.add('sentence', (value: unknown) => {
    const text = String(value ?? '').trim();
    return /[.!?…]["')\]]*$/.test(text) || text === '' ? text : `${text}.`;
  });
  return instance.t.bind(instance) as Translate;
}
