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
  }
}

/** What @fastify/session keeps: its cookie settings and named values (the account, the flash message, the CSRF secret). */
const storedSession = z.custom<Session>((v) => typeof v === 'object' && v !== null && 'cookie' in v && typeof v.cookie === 'object');

/** Server-side sessions in the app's own database, so nothing but an id sits in the cookie. */
export function makeSessionStore(db: Db, now: Clock, idleMinutes: number) {
  const expiry = () => new Date(now().getTime() + idleMinutes * 60_000).toISOString();
  return {
    set(id: string, session: unknown, callback: (err?: unknown) => void) {
      const data = JSON.stringify(session);
      db.insertInto('sessions')
        .values({ id, data, expires_at: expiry() })
        .onConflict((oc) => oc.column('id').doUpdateSet({ data, expires_at: expiry() }))
        .execute()
        .then(() => callback(), callback);
    },
    get(id: string, callback: (err: unknown, session?: Session | null) => void) {
      db.selectFrom('sessions')
        .select(['data', 'expires_at'])
        .where('id', '=', id)
        .executeTakeFirst()
        .then((row) => {
          if (!row || row.expires_at <= now().toISOString()) return callback(null, null);
          callback(null, readJson(storedSession, row.data, 'sessions.data'));
        }, callback);
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

type SessionOptions = { db: Db; now: Clock; secret: string; idleMinutes: number; secure: boolean };

export const setUpWebSession = fp<SessionOptions>(
  async (app, { db, now, secret, idleMinutes, secure }) => {
    await app.register(fastifyCookie);
    await app.register(fastifySession, {
      secret,
      cookieName: 'coproduce.sid',
      saveUninitialized: false,
      // The idle deadline lives on the server (the store), moved on by setUpCurrentUser's
      // touch; the cookie itself lasts until the browser closes.
      rolling: false,
      store: makeSessionStore(db, now, idleMinutes),
      cookie: { httpOnly: true, secure, sameSite: 'lax', path: '/' },
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
