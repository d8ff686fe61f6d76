import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  choicesFromCookie,
  cookieFromChoices,
  displayClasses,
  displayCookieName,
  displayCookieSeconds,
  type DisplayChoices,
} from './choices.ts';
import type { DisplaySettingsService } from './service.ts';
import { safeLocalPath } from '../../platform/redirects.ts';

declare module 'fastify' {
  interface Session {
    /**
     * A signed-in person's saved display choices, read once a session rather than on every
     * page; null when they have saved none (the browser's cookie counts then).
     */
    display?: { personId: string; choices: DisplayChoices | null };
  }
}

/** What the layout needs: the classes for <html> and whether to offer reading aloud. */
export type DisplayView = { classes: string; readAloud: boolean };

export const settingsPath = '/display-settings';

/**
 * The page to go back to once the settings are saved: a path on this site that is not the
 * settings page itself, and short enough to carry in a form.
 */
export function returnPathFrom(from: unknown): string | null {
  if (typeof from !== 'string' || from.length > 500) return null;
  const path = safeLocalPath(from, '');
  return path && !path.startsWith(settingsPath) ? path : null;
}

/**
 * The page the person came from. The header's link asks the browser to say (its
 * referrerpolicy="same-origin" lifts the site's no-referrer rule for this one link), so
 * every page has the same link and a crawl of the site does not double. A browser that does
 * not say simply gets no way back but its own Back button; another site's address is ignored.
 */
export function cameFrom(request: FastifyRequest, siteHostnames: readonly string[]): string | null {
  const referer = request.headers.referer;
  if (typeof referer !== 'string' || referer.length > 600) return null;
  try {
    const url = new URL(referer);
    if (!siteHostnames.includes(url.hostname) && url.hostname !== request.hostname) return null;
    return returnPathFrom(url.pathname + url.search);
  } catch {
    return null;
  }
}

/** The choices for this request: a signed-in person's saved ones, else this browser's cookie. */
export function displayChoicesFor(request: FastifyRequest): DisplayChoices {
  const kept = request.user ? request.session?.display : undefined;
  if (kept && kept.personId === request.user?.personId && kept.choices) return kept.choices;
  return choicesFromCookie(request.cookies?.[displayCookieName]);
}

export function displayFor(request: FastifyRequest): DisplayView {
  const choices = displayChoicesFor(request);
  return { classes: displayClasses(choices), readAloud: choices.readAloud };
}

/** Keeps the choices in this browser, so pages before signing in and after signing out look the same. */
export function rememberInBrowser(reply: FastifyReply, choices: DisplayChoices, secure: boolean) {
  reply.setCookie(displayCookieName, cookieFromChoices(choices), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: displayCookieSeconds,
  });
}

/**
 * Reads a signed-in person's saved choices into their session the first time a session
 * needs them, so every page after costs no query. Registered after setUpCurrentUser.
 */
export const setUpDisplaySettings = fp<{ displaySettings: DisplaySettingsService }>(
  async (app, { displaySettings }) => {
    app.addHook('preHandler', async (request) => {
      const user = request.user;
      if (!user || request.session.display?.personId === user.personId) return;
      request.session.display = { personId: user.personId, choices: await displaySettings.forPerson(user) };
    });
  },
  { name: 'display-settings', dependencies: ['current-user'] },
);
