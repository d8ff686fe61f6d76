import type { Db, Executor } from '../../db/connection.ts';
import type { CurrentUser } from '../../platform/auth.ts';
import { writeAudit } from '../../platform/audit.ts';
import { activeLanguage, type AppLanguage } from '../../platform/i18n.ts';
import type { Clock } from '../../platform/time.ts';
import { pageLanguage, type WelshSetting } from './choice.ts';
import * as repo from './repository.ts';
import type { WelshSubject } from './repository.ts';

export type RequestLanguage = { language: AppLanguage; setting: WelshSetting };

export function makeLanguageService({ db, now }: { db: Db; now: Clock }) {
  return {
    /** The page's language: the person's choice, else the switch's cookie, else the organisation's first. */
    async forRequest(user: Pick<CurrentUser, 'organisationId' | 'personId'> | null, cookie: string | undefined): Promise<RequestLanguage> {
      if (user) {
        const { setting, chosen } = await repo.settingAndChoice(db, user.organisationId, user.personId);
        return { setting, language: pageLanguage(setting, chosen, cookie) };
      }
      const setting = await repo.anyWelshSetting(db);
      return { setting, language: pageLanguage(setting, null, cookie) };
    },

    /**
     * The setting and choice for the person a session's account opens, read with the session
     * (request-language.ts turns it into the page's language once the account is known).
     */
    ofSession: (sessionId: string) => repo.settingAndChoiceOfSession(db, sessionId),

    async setting(organisationId: string): Promise<WelshSetting> {
      return (await repo.settingAndChoice(db, organisationId, null)).setting;
    },

    async saveSetting(actor: { organisationId: string; personId: string | null }, welsh: WelshSetting): Promise<void> {
      const at = now();
      await db.transaction().execute(async (trx) => {
        await repo.saveSetting(trx, actor.organisationId, welsh, at.toISOString());
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          subjectType: 'organisation',
          subjectId: actor.organisationId,
          action: 'welsh-setting',
          changes: [{ field: 'welsh', to: welsh }],
          at,
        });
      });
    },

    /** Remembers a signed-in person's choice, for pages and for messages to them. */
    async choose(user: Pick<CurrentUser, 'organisationId' | 'personId'>, language: AppLanguage): Promise<void> {
      if (user.personId) await repo.saveChoice(db, user.organisationId, user.personId, language, now().toISOString());
    },

    /** Staff record the language of someone who never signs in (they asked by phone or letter). */
    async chooseFor(organisationId: string, personId: string, language: AppLanguage): Promise<void> {
      await repo.saveChoice(db, organisationId, personId, language, now().toISOString());
    },

    /** The language a person chose, or null: both while Welsh is on. */
    choiceOf(organisationId: string, personId: string): Promise<AppLanguage | null> {
      return repo.choiceOf(db, organisationId, personId);
    },

    /**
     * Staff record the language someone asked for by phone, letter or in person, for the
     * messages they are sent: English, Welsh, or both (null). Audited on the person.
     */
    async recordFor(
      actor: { organisationId: string; personId: string | null },
      personId: string,
      language: AppLanguage | null,
    ): Promise<void> {
      const at = now();
      await db.transaction().execute(async (trx) => {
        const before = await repo.choiceOf(trx, actor.organisationId, personId);
        if (before === language) return;
        if (language) await repo.saveChoice(trx, actor.organisationId, personId, language, at.toISOString());
        else await repo.forgetChoice(trx, actor.organisationId, personId);
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          onBehalfOfPersonId: actor.personId === personId ? null : personId,
          subjectType: 'person',
          subjectId: personId,
          action: 'language-chosen',
          changes: [{ field: 'language', from: before ?? 'both', to: language ?? 'both' }],
          at,
        });
      });
    },

    welshVersion(organisationId: string, subject: WelshSubject): Promise<string | null> {
      return repo.welshVersion(db, organisationId, subject);
    },

    /** `within` a transaction when the Welsh must be saved with its English, or not at all. */
    saveWelshVersion(organisationId: string, subject: WelshSubject, text: string, within: Executor = db): Promise<void> {
      return repo.saveWelshVersion(within, organisationId, subject, text.trim(), now().toISOString());
    },

    /**
     * What the reader of this page sees: the Welsh version for a Welsh reader when staff wrote
     * one, else the English. No query for an English reader.
     */
    async readerText(organisationId: string, subject: WelshSubject, english: string): Promise<string> {
      if (activeLanguage() !== 'cy') return english;
      return (await repo.welshVersion(db, organisationId, subject)) ?? english;
    },

    /** A meeting's notes with the summary in the reader's language. */
    async readerNotes<N extends { summary: string; discussed: string }>(organisationId: string, meetingId: string, notes: N): Promise<N> {
      const summary = await this.readerText(organisationId, { type: 'meeting', id: meetingId, field: 'summary' }, notes.summary);
      return summary === notes.summary ? notes : { ...notes, summary };
    },
  };
}

export type LanguageService = ReturnType<typeof makeLanguageService>;
