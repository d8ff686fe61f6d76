import type { Executor } from '../../db/connection.ts';
import { inLanguage, type AppLanguage } from '../../platform/i18n.ts';
import { joinBodies, joinSubjects, messageLanguages } from './choice.ts';
import { choicesOf, settingAndChoice } from './repository.ts';

/**
 * Messages in each person's language (issue 24). Whoever composes messages asks once for the
 * people they write to (two queries, however many people), then composes each one inside
 * composeIn: the person's language, or both when Welsh is on and they have not chosen.
 */
export async function messageLanguagesFor(
  db: Executor,
  organisationId: string,
  personIds: readonly string[],
): Promise<(personId: string | null | undefined) => AppLanguage[]> {
  const { setting } = await settingAndChoice(db, organisationId, null);
  if (setting === 'off') return () => ['en'];
  const chosen = new Map((await choicesOf(db, organisationId, personIds)).map((r) => [r.person_id, r.language]));
  return (personId) => messageLanguages(setting, (personId && chosen.get(personId)) || null);
}

/** Composes in each language (the first on top) and joins the versions into one. */
export function composeIn<T>(languages: readonly AppLanguage[], compose: () => T, join: (versions: T[]) => T): T {
  if (languages.length <= 1) return inLanguage(languages[0] ?? 'en', compose);
  return join(languages.map((language) => inLanguage(language, compose)));
}

/** The notice shapes of outbox/notices.ts, joined field by field. */
export function joinTexts<T extends { subject: string }>(versions: T[], bodies: Array<Exclude<keyof T, 'subject'>>): T {
  const [first] = versions as [T];
  const joined = { ...first, subject: joinSubjects(versions.map((v) => v.subject)) };
  for (const field of bodies) (joined as Record<string, unknown>)[field as string] = joinBodies(versions.map((v) => String(v[field])));
  return joined;
}

/** A composed outbox message, or null when the person cannot be reached: both versions share a channel. */
export function joinMessages<T extends { message: { subject: string; bodyText: string } } | null | undefined>(versions: T[]): T {
  const [first] = versions as [T];
  if (!first) return first;
  const present = versions.filter((v): v is NonNullable<T> => Boolean(v));
  return {
    ...first,
    message: {
      ...first.message,
      ...joinTexts(
        present.map((v) => v.message),
        ['bodyText'],
      ),
    },
  };
}
