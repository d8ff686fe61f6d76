import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { inLanguage, type AppLanguage } from '../../platform/i18n.ts';
import { safeLocalPath } from '../../platform/redirects.ts';
import { otherLanguage, type WelshSetting } from './choice.ts';
import type { LanguageService, RequestLanguage } from './service.ts';

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
    // With a session, the language is asked as soon as the session is read, so it and the
    // account load together (on PostgreSQL each query in turn is a round trip). A failure is
    // kept as a value: a request that ends before the preHandler must not leave it unheard.
    const askedEarly = new WeakMap<FastifyRequest, Promise<RequestLanguage | Error>>();
    app.addHook('onRequest', (request, _reply, done) => {
      const accountId = request.session?.accountId;
      if (accountId && hasWords(request))
        askedEarly.set(
          request,
          languages
            .forAccount(accountId, request.cookies?.[languageCookieName])
            .catch((err: unknown) => (err instanceof Error ? err : new Error(String(err)))),
        );
      done();
    });
    app.addHook('preHandler', (request, _reply, done) => {
      if (!hasWords(request)) return done();
      const early = request.user ? askedEarly.get(request) : undefined;
      const asked = early
        ? early.then((found) => (found instanceof Error ? Promise.reject(found) : found))
        : languages.forRequest(request.user, request.cookies?.[languageCookieName]);
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
