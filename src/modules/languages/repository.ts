import type { Executor } from '../../db/connection.ts';
import type { AppLanguage } from '../../platform/i18n.ts';
import type { WelshSetting } from './choice.ts';

export type WelshSubject = { type: 'project' | 'meeting'; id: string; field: 'purpose' | 'summary' };

type SettingRow = { welsh: WelshSetting | null; language: AppLanguage | null } | undefined;
const settingAndChoiceOf = (row: SettingRow) => ({ setting: row?.welsh ?? 'off', chosen: row?.language ?? null });

/** The organisation's Welsh setting and, when someone is signed in, their choice: one query. */
export async function settingAndChoice(db: Executor, organisationId: string, personId: string | null) {
  const row = await db
    .selectFrom('organisation_languages as o')
    .leftJoin('language_preferences as p', (j) =>
      j.onRef('p.organisation_id', '=', 'o.organisation_id').on('p.person_id', '=', personId ?? ''),
    )
    .select(['o.welsh', 'p.language'])
    .where('o.organisation_id', '=', organisationId)
    .executeTakeFirst();
  return settingAndChoiceOf(row);
}

/**
 * The same for the person a session's account opens, found from the session and its account
 * (tables of the platform and of identity, read only to find them): the session store asks it
 * alongside the session itself, so a page waits for one round trip, not three.
 */
export async function settingAndChoiceOfSession(db: Executor, sessionId: string) {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .leftJoin('organisation_languages as o', 'o.organisation_id', 'a.organisation_id')
    .leftJoin('language_preferences as p', (j) =>
      j.onRef('p.organisation_id', '=', 'a.organisation_id').onRef('p.person_id', '=', 'a.person_id'),
    )
    .select(['a.id as accountId', 'o.welsh', 'p.language'])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
  return { accountId: row?.accountId ?? null, ...settingAndChoiceOf(row) };
}

/**
 * For someone not signed in (the about pages, a personal link): the setting of an organisation
 * here that speaks Welsh. An installation usually serves one organisation.
 */
export async function anyWelshSetting(db: Executor): Promise<WelshSetting> {
  const row = await db
    .selectFrom('organisation_languages')
    .select('welsh')
    .where('welsh', '!=', 'off')
    .orderBy('organisation_id')
    .limit(1)
    .executeTakeFirst();
  return row?.welsh ?? 'off';
}

export async function saveSetting(db: Executor, organisationId: string, welsh: WelshSetting, at: string) {
  await db
    .insertInto('organisation_languages')
    .values({ organisation_id: organisationId, welsh, updated_at: at })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ welsh, updated_at: at }))
    .execute();
}

export async function saveChoice(db: Executor, organisationId: string, personId: string, language: AppLanguage, at: string) {
  await db
    .insertInto('language_preferences')
    .values({ organisation_id: organisationId, person_id: personId, language, updated_at: at })
    .onConflict((oc) => oc.columns(['organisation_id', 'person_id']).doUpdateSet({ language, updated_at: at }))
    .execute();
}

/** "Both": no choice kept, so messages are in both languages while Welsh is on. */
export async function forgetChoice(db: Executor, organisationId: string, personId: string) {
  await db.deleteFrom('language_preferences').where('organisation_id', '=', organisationId).where('person_id', '=', personId).execute();
}

export async function choiceOf(db: Executor, organisationId: string, personId: string): Promise<AppLanguage | null> {
  const row = await db
    .selectFrom('language_preferences')
    .select('language')
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row?.language ?? null;
}

/** The choices of many people at once, for a message to each of them. */
export async function choicesOf(db: Executor, organisationId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('language_preferences')
    .select(['person_id', 'language'])
    .where('organisation_id', '=', organisationId)
    .where('person_id', 'in', [...personIds])
    .execute();
}

export async function welshVersion(db: Executor, organisationId: string, subject: WelshSubject): Promise<string | null> {
  const row = await db
    .selectFrom('welsh_versions')
    .select('text')
    .where('organisation_id', '=', organisationId)
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .where('field', '=', subject.field)
    .executeTakeFirst();
  return row?.text ?? null;
}

export async function saveWelshVersion(db: Executor, organisationId: string, subject: WelshSubject, text: string, at: string) {
  if (!text) {
    await db
      .deleteFrom('welsh_versions')
      .where('organisation_id', '=', organisationId)
      .where('subject_type', '=', subject.type)
      .where('subject_id', '=', subject.id)
      .where('field', '=', subject.field)
      .execute();
    return;
  }
  await db
    .insertInto('welsh_versions')
    .values({
      organisation_id: organisationId,
      subject_type: subject.type,
      subject_id: subject.id,
      field: subject.field,
      text,
      updated_at: at,
    })
    .onConflict((oc) => oc.columns(['organisation_id', 'subject_type', 'subject_id', 'field']).doUpdateSet({ text, updated_at: at }))
    .execute();
}
