import type { Executor } from '../db/connection.ts';
import { joinBodies, joinSubjects, messageLanguages, type WelshSetting } from '../modules/languages/choice.ts';
import { inLanguage, type AppLanguage } from './i18n.ts';

// The one read of the language tables outside their module (issue 24). Every message passes
// through the outbox, so a sender that hands over its words unwritten (`compose`) has them
// written there in the reader's language, or in both, by the same rule as every other
// message (languages/choice.ts): sign-in links and codes, papers, digests, safeguarding
// messages and supporters' copies are mended once, here, rather than sender by sender.

export type MessageWords = {
  subject: string;
  bodyText: string;
  /** Text already in the reader's languages (the notices a digest gathers): it goes once, after every language's words. */
  after?: string;
};

// A send of papers to 30 people asks for the organisation's setting once per transaction.
const settingWithin = new WeakMap<object, Map<string, WelshSetting>>();

async function settingOf(db: Executor, organisationId: string): Promise<WelshSetting> {
  const cache = db.isTransaction ? (settingWithin.get(db) ?? new Map<string, WelshSetting>()) : null;
  if (cache) settingWithin.set(db, cache);
  const known = cache?.get(organisationId);
  if (known) return known;
  const row = await db
    .selectFrom('organisation_languages')
    .select('welsh')
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  const setting = row?.welsh ?? 'off';
  cache?.set(organisationId, setting);
  return setting;
}

/** The languages one message is written in: the reader's choice, else both when Welsh is on. */
export async function readerLanguages(db: Executor, organisationId: string | null, personId: string | null): Promise<AppLanguage[]> {
  if (!organisationId) return ['en'];
  const setting = await settingOf(db, organisationId);
  // An organisation that has not turned Welsh on costs no second query.
  if (setting === 'off') return ['en'];
  const chosen = personId
    ? await db
        .selectFrom('language_preferences')
        .select('language')
        .where('organisation_id', '=', organisationId)
        .where('person_id', '=', personId)
        .executeTakeFirst()
    : undefined;
  return messageLanguages(setting, chosen?.language ?? null);
}

/** Writes the words in each language (the first on top) and joins them into one message. */
export function wordsIn(languages: readonly AppLanguage[], compose: () => MessageWords): { subject: string; bodyText: string } {
  const versions = (languages.length ? languages : (['en'] as const)).map((language) => inLanguage(language, compose));
  return {
    subject: joinSubjects(versions.map((v) => v.subject)),
    bodyText: joinBodies(versions.map((v) => v.bodyText)) + (versions[0]?.after ?? ''),
  };
}
