import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { inLanguage, type AppLanguage } from '../../platform/i18n.ts';
import { safeLocalPath } from '../../platform/redirects.ts';
import { otherLanguage, pageLanguage, type WelshSetting } from './choice.ts';
import type { LanguageService, RequestLanguage } from './service.ts';

declare module '../../platform/session.ts' {
  interface SessionCompanions {
    /** The Welsh setting and the choice of the person the session's account opens. */
    language: { accountId: string | null; setting: WelshSetting; chosen: AppLanguage | null };
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The language this page is written in (issue 24). */
    language: AppLanguage;
    /** The organisation's Welsh setting: 'off' shows no language switch. */
    welshSetting: WelshSetting;
  }
}

export const languageCookieName = 'language';
const yearSeconds = 365 * 24 * 60 * 60;
const wordless = /^\/(health$|build\/|static\/|assets\/)/;

/**
 * Works out each request's language once the person is known (so register it after
 * setUpCurrentUser) and runs the rest of the request inside it: templates, flash messages
 * and errors all speak the reader's language through the one translator.
 */
export const setUpLanguage = fp<{ languages: LanguageService }>(
  async (app, { languages }) => {
    app.decorateRequest('language', 'en');
    app.decorateRequest('welshSetting', 'off');
    // Files and the health check have no words: asking the database for their language
    // would cost a query per stylesheet, and make /health fail as 500 rather than 503.
    const hasWords = (request: FastifyRequest) => !wordless.test(request.routeOptions.url ?? '');
    app.addHook('preHandler', (request, _reply, done) => {
      if (!hasWords(request)) return done();
      const cookie = request.cookies?.[languageCookieName];
      // Read with the session (app.ts), so it cost no round trip of its own: used when it is
      // this signed-in account's.
      const read = request.sessionCompanions.language;
      const asked: Promise<RequestLanguage> =
        request.user && read?.accountId === request.user.accountId
          ? Promise.resolve({ setting: read.setting, language: pageLanguage(read.setting, read.chosen, cookie) })
          : languages.forRequest(request.user, cookie);
      asked.then(
        ({ language, setting }) => {
          request.language = language;
          request.welshSetting = setting;
          inLanguage(language, () => done());
        },
        (err: Error) => done(err),
      );
    });
  },
  { name: 'languages' },
);

/** What the layout needs: the page's language and, when Welsh is on, the switch to the other. */
export function languageView(request: FastifyRequest) {
  const language = request.language ?? 'en';
  const on = (request.welshSetting ?? 'off') !== 'off';
  return {
    language,
    htmlLang: language === 'cy' ? 'cy' : 'en-GB',
    languageSwitch: on ? { to: otherLanguage(language), returnTo: request.method === 'GET' ? safeLocalPath(request.url, '/') : '/' } : null,
  };
}

/** Keeps the choice in this browser too, for pages before signing in and after signing out. */
export function rememberLanguageInBrowser(reply: FastifyReply, language: AppLanguage, secure: boolean) {
  reply.setCookie(languageCookieName, language, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: yearSeconds });
}
