import type { AppLanguage } from '../../platform/i18n.ts';

/**
 * Which language a page or a message is in (issue 24). The Welsh Language Standards ask an
 * organisation that offers Welsh to treat it no less favourably than English: a person who
 * chose a language gets it everywhere; someone whose choice we do not know gets both, in the
 * order the organisation chose. An organisation that has not turned Welsh on speaks English.
 */
export type WelshSetting = 'off' | 'english-first' | 'welsh-first';
export const welshSettings: readonly WelshSetting[] = ['off', 'english-first', 'welsh-first'];

export const isAppLanguage = (value: unknown): value is AppLanguage => value === 'en' || value === 'cy';

/** The language a page is shown in: the person's choice, else the switch's cookie, else the first language. */
export function pageLanguage(setting: WelshSetting, chosen: AppLanguage | null, cookie: string | undefined): AppLanguage {
  if (setting === 'off') return 'en';
  if (chosen) return chosen;
  if (isAppLanguage(cookie)) return cookie;
  return setting === 'welsh-first' ? 'cy' : 'en';
}

/**
 * The languages a message is written in, in order: one when the person chose, both (bilingual)
 * when Welsh is on and they have not chosen.
 */
export function messageLanguages(setting: WelshSetting, chosen: AppLanguage | null): AppLanguage[] {
  if (setting === 'off') return ['en'];
  if (chosen) return [chosen];
  return setting === 'welsh-first' ? ['cy', 'en'] : ['en', 'cy'];
}

/** The other language, offered by the switch. */
export const otherLanguage = (language: AppLanguage): AppLanguage => (language === 'cy' ? 'en' : 'cy');

/** A bilingual subject: "Cyfarfod / Meeting"; one language's stays as it is. */
export function joinSubjects(subjects: readonly string[]): string {
  return [...new Set(subjects)].join(' / ');
}

/** A bilingual body: each language's text whole, the first language on top, a rule between. */
export function joinBodies(bodies: readonly string[]): string {
  return bodies.join('\n\n----------\n\n');
}
