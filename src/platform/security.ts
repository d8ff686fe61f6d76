import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import type { Db } from '../db/connection.ts';
import { databaseRateLimitStore } from './rate-limit-store.ts';
import type { Clock } from './time.ts';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { fieldText } from './forms.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set false only for routes that carry their own proof, such as a signed link. */
    csrf?: boolean;
  }
}

/** Headers with a strict CSP: scripts and styles only from this site or with the page's nonce. */
export const setUpSecurityHeaders = fp(
  async (app) => {
    await app.register(fastifyHelmet, {
      enableCSPNonces: true,
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      // Cross-origin isolation headers break nothing here but add no value either.
      crossOriginEmbedderPolicy: false,
    });
    // Pages show people's names, needs and money, to a signed-in person or by a personal
    // link: a shared computer's back button or a proxy must not keep them. Files and
    // assets that set their own rule keep it.
    app.addHook('onSend', async (request, reply, payload) => {
      if (reply.hasHeader('cache-control')) return payload;
      const type = String(reply.getHeader('content-type') ?? '');
      if (type.startsWith('text/html') || (request as { user?: unknown }).user) reply.header('cache-control', 'private, no-store');
      return payload;
    });
  },
  { name: 'security-headers' },
);

function tokenFrom(request: FastifyRequest): string | void {
  const fromBody = fieldText(request.body, '_csrf');
  const header = request.headers['x-csrf-token'];
  return fromBody ?? (typeof header === 'string' ? header : undefined);
}

/** Every state-changing request must carry the session's CSRF token. */
export const setUpCsrf = fp(
  async (app) => {
    await app.register(fastifyCsrf, { sessionPlugin: '@fastify/session', getToken: tokenFrom });
    // preHandler, not onRequest: the form body must be parsed before the token can be read.
    app.addHook('preHandler', (request, reply, done) => {
      if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return done();
      if (request.routeOptions.config?.csrf === false) return done();
      app.csrfProtection(request, reply, done);
    });
  },
  { name: 'csrf', dependencies: ['session'] },
);

export const setUpRateLimits = fp<{ db: Db; now: Clock }>(
  async (app, { db, now }) => {
    // Not global: routes opt in (sign-in) with their own limits. Counted in the database,
    // so workers and machines share them.
    await app.register(fastifyRateLimit, { global: false, store: databaseRateLimitStore(db, now) });
  },
  { name: 'rate-limits' },
);
