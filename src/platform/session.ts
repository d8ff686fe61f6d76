import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import fp from 'fastify-plugin';
import type { Db } from '../db/connection.ts';
import type { Clock } from './time.ts';
import { readJson } from './json-column.ts';
import { z } from 'zod';
import type { Session } from 'fastify';

declare module 'fastify' {
  interface Session {
    accountId?: string;
    /** The address the sign-in proved (decision 0016): it may open accounts in several organisations. */
    signedInWith?: { kind: 'email' | 'mobile'; address: string };
    /** The number a sign-in code was just sent to, for the page that asks for the code. */
    codeMobile?: string;
    flashMessage?: string;
    lastSeenAt?: string;
    /** When this session signed in: it ends SESSION_MAX_HOURS after, however busy. */
    signedInAt?: string;
  }
}

/** A session's row as the store reads it. */
export type SessionRow = { data: string; expires_at: string; signed_in_at: string | null };

/**
 * What every request with a session needs next (its account, its language), read in the same
 * round trip as the session: on PostgreSQL each query in turn costs one, and before this a
 * page waited for the session, then for the account, before its own queries began. Modules
 * add their part here (auth.ts, request-language.ts), and app.ts gives the store the read.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the modules that read with the session
export interface SessionCompanions {}

/** Reads a session's row, and its companions alongside: a query joined to the row, or queries run at the same time. */
export type ReadSession = (id: string) => Promise<{ row: SessionRow | undefined; companions: Partial<SessionCompanions> }>;

declare module 'fastify' {
  interface FastifyRequest {
    /** What was read with this request's session (empty without one): check it belongs to the session's account before use. */
    sessionCompanions: Partial<SessionCompanions>;
  }
}

const readRowOnly =
  (db: Db): ReadSession =>
  async (id) => ({
    row: await db.selectFrom('sessions').select(['data', 'expires_at', 'signed_in_at']).where('id', '=', id).executeTakeFirst(),
    companions: {},
  });

/** What @fastify/session keeps: its cookie settings and named values (the account, the flash message, the CSRF secret). */
const storedSession = z.custom<Session>((v) => typeof v === 'object' && v !== null && 'cookie' in v && typeof v.cookie === 'object');

/**
 * Server-side sessions in the app's own database, so nothing but an id sits in the cookie.
 * A session ends when idle for `idleMinutes`, and `maxHours` after it signed in whatever
 * happens (ASVS 3.3.4): the row knows its account, so a password or role change can end
 * the account's other sessions.
 */
export function makeSessionStore(db: Db, now: Clock, idleMinutes: number, maxHours: number, read: ReadSession = readRowOnly(db)) {
  // The companions wait here, by session id, for the hook just after @fastify/session's to
  // take them (the store is not told the request). Two requests with one session at once may
  // take each other's: the session's own, either way, so at worst one reads them again.
  const companions = new Map<string, Partial<SessionCompanions>>();
  const lastsUntil = (signedInAt: string) => new Date(Date.parse(signedInAt) + maxHours * 3_600_000).toISOString();
  const expiry = (signedInAt: string | null) => {
    const idle = new Date(now().getTime() + idleMinutes * 60_000).toISOString();
    return signedInAt && lastsUntil(signedInAt) < idle ? lastsUntil(signedInAt) : idle;
  };
  return {
    set(id: string, session: Session, callback: (err?: unknown) => void) {
      const data = JSON.stringify(session);
      const row = { data, account_id: session.accountId ?? null, signed_in_at: session.signedInAt ?? null };
      db.insertInto('sessions')
        .values({ id, ...row, expires_at: expiry(row.signed_in_at) })
        .onConflict((oc) => oc.column('id').doUpdateSet({ ...row, expires_at: expiry(row.signed_in_at) }))
        .execute()
        .then(() => callback(), callback);
    },
    get(id: string, callback: (err: unknown, session?: Session | null) => void) {
      read(id).then(({ row, companions: found }) => {
        const at = now().toISOString();
        if (!row || row.expires_at <= at || (row.signed_in_at && lastsUntil(row.signed_in_at) <= at)) return callback(null, null);
        // Taken within the same request; the cap only matters if a request failed in between.
        if (companions.size > 1_000) companions.clear();
        companions.set(id, found);
        callback(null, readJson(storedSession, row.data, 'sessions.data'));
      }, callback);
    },
    /** What was read with the session `id`, once. */
    takeCompanions(id: string): Partial<SessionCompanions> {
      const found = companions.get(id);
      if (!found) return {};
      companions.delete(id);
      return found;
    },
    destroy(id: string, callback: (err?: unknown) => void) {
      db.deleteFrom('sessions')
        .where('id', '=', id)
        .execute()
        .then(() => callback(), callback);
    },
  };
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute();
}

type SessionOptions = {
  db: Db;
  now: Clock;
  secret: string;
  idleMinutes: number;
  maxHours: number;
  secure: boolean;
  /** Reads the session and its companions; without it, the session's row alone. */
  read?: ReadSession;
};

export const setUpWebSession = fp<SessionOptions>(
  async (app, { db, now, secret, idleMinutes, maxHours, secure, read }) => {
    const store = makeSessionStore(db, now, idleMinutes, maxHours, read);
    await app.register(fastifyCookie);
    await app.register(fastifySession, {
      secret,
      // __Host-: the browser keeps it only when Secure, for this host and path / alone, so
      // another site on a sibling domain cannot set or overwrite it. Plain http (development,
      // tests) cannot carry a Secure cookie, so it keeps the plain name there.
      cookieName: secure ? '__Host-coproduce.sid' : 'coproduce.sid',
      saveUninitialized: false,
      // The idle deadline lives on the server (the store), moved on by setUpCurrentUser's
      // touch; the cookie itself lasts until the browser closes.
      rolling: false,
      store,
      cookie: { httpOnly: true, secure, sameSite: 'lax', path: '/' },
    });
    app.decorateRequest('sessionCompanions', null as unknown as Partial<SessionCompanions>);
    // Right after @fastify/session's own hook, which read the session through the store.
    app.addHook('onRequest', (request, _reply, done) => {
      request.sessionCompanions = request.session ? store.takeCompanions(request.session.sessionId) : {};
      done();
    });
    app.decorateRequest('flash', function (this: import('fastify').FastifyRequest, message?: string) {
      if (message !== undefined) {
        this.session.flashMessage = message;
        return undefined;
      }
      const value = this.session.flashMessage;
      if (value !== undefined) this.session.flashMessage = undefined;
      return value;
    });
  },
  { name: 'session' },
);
