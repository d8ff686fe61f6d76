import path from 'node:path';
import fastify, { type FastifyInstance } from 'fastify';
import fastifyCompress from '@fastify/compress';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import qs from 'node:querystring';
import type { Config } from './config.ts';
import type { Db } from './db/connection.ts';
import { makeTranslator } from './platform/i18n.ts';
import { makeViewEnvironment, setUpViews } from './platform/views.ts';
import { setUpWebSession } from './platform/session.ts';
import { setUpCsrf, setUpRateLimits, setUpSecurityHeaders } from './platform/security.ts';
import { setUpCurrentUser } from './platform/auth.ts';
import { setUpErrorPages } from './platform/error-pages.ts';
import { setUpInputGuards } from './platform/input-guards.ts';
import { keepRouteTable } from './platform/route-table.ts';
import type { Delivery } from './platform/delivery/delivery.ts';
import { systemClock, type Clock } from './platform/time.ts';
import { makeServices } from './services.ts';
import { keepUploadedFileName } from './platform/files.ts';
import { navigationFor } from './navigation.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { pagesRoutes } from './modules/pages/routes.ts';
import { organisationRoutes, setUpFirstRunRedirect } from './modules/organisations/routes.ts';
import { identityRoutes } from './modules/identity/routes.ts';
import { peopleRoutes } from './modules/people/routes.ts';
import { projectRoutes } from './modules/projects/routes.ts';
import { outboxRoutes } from './modules/outbox/routes.ts';
import { venueRoutes } from './modules/venues/routes.ts';
import { meetingRoutes } from './modules/meetings/routes.ts';
import { meetingRecordRoutes } from './modules/meetings/record-routes.ts';
import { meetingPublicRoutes } from './modules/meetings/public-routes.ts';
import { paperRoutes } from './modules/papers/routes.ts';
import { claimRoutes } from './modules/claims/routes.ts';
import { claimDecisionRoutes } from './modules/claims/decision-routes.ts';
import { claimReceiptRoutes } from './modules/claims/receipt-routes.ts';
import { claimExportRoutes } from './modules/claims/export-routes.ts';
import { meetingClaimRoutes } from './modules/claims/meeting-routes.ts';
import { myClaimRoutes } from './modules/claims/my-routes.ts';
import { budgetRoutes } from './modules/claims/budget-routes.ts';
import { proposalRoutes } from './modules/decisions/routes.ts';
import { voteRoutes } from './modules/decisions/vote-routes.ts';
import { decisionLogRoutes } from './modules/decision-log/routes.ts';
import { timebankRoutes } from './modules/timebank/routes.ts';
import { reviewRoutes } from './modules/reviews/routes.ts';
import { rewardsRoutes } from './modules/rewards/routes.ts';
import { rewardPersonRoutes } from './modules/rewards/person-routes.ts';
import { learningRoutes } from './modules/learning/routes.ts';
import { outcomeRoutes } from './modules/outcomes/routes.ts';
import { outcomePublicRoutes } from './modules/outcomes/public-routes.ts';
import { impactRoutes } from './modules/impact/routes.ts';

export type AppDeps = {
  db: Db;
  sessionSecret: string;
  /** Null or left out: nothing is sent, messages stay in the outbox for staff to read. */
  delivery?: Delivery | null;
  now?: Clock;
};

export async function buildApp(config: Config, deps: AppDeps): Promise<FastifyInstance> {
  const now = deps.now ?? systemClock;
  const t = makeTranslator('en');
  const services = makeServices({ db: deps.db, config, now, delivery: deps.delivery ?? null, secret: deps.sessionSecret });

  const app = fastify({
    logger: {
      level: config.logLevel,
      // Never log personal data or secrets: no bodies, no cookies, no query strings.
      serializers: {
        req: (req) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
      },
      redact: ['req.headers.cookie', 'req.headers.authorization'],
    },
    // Off unless configured: then X-Forwarded-For is believed only from the named proxies
    // (or the given number of hops), so nobody can choose their own address.
    trustProxy: trustedProxies(config.trustProxy),
    bodyLimit: 1024 * 1024,
  });

  keepRouteTable(app);
  // People send forms, nothing else: a JSON or text body would reach routes as null, a
  // list or a string instead of fields. Refused with 415 before any route runs.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  await app.register(setUpSecurityHeaders);
  // Many members use old phones on slow connections: compress pages and assets.
  await app.register(fastifyCompress, { global: true, threshold: 1024 });
  // Repeated names (checkboxes) arrive as arrays; querystring does exactly that.
  await app.register(fastifyFormbody, { parser: (body) => qs.parse(body) });
  // keyValues keeps only a file's bytes; keepUploadedFileName also keeps the name it came with.
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    onFile: keepUploadedFileName,
    limits: { fileSize: 2 * 1024 * 1024, files: 1 },
  });
  await app.register(setUpInputGuards);
  await app.register(fastifyStatic, { root: path.resolve('public/build'), prefix: '/build/', index: false, maxAge: '1h' });
  await app.register(fastifyStatic, {
    root: path.resolve('public/static'),
    prefix: '/static/',
    index: false,
    maxAge: '1h',
    decorateReply: false,
  });
  await app.register(fastifyStatic, {
    root: path.resolve('node_modules/govuk-frontend/dist/govuk/assets'),
    prefix: '/assets/',
    decorateReply: false,
    maxAge: '1d',
  });
  await app.register(setUpWebSession, {
    db: deps.db,
    now,
    secret: deps.sessionSecret,
    idleMinutes: config.sessionIdleMinutes,
    secure: config.secureCookies,
  });
  await app.register(setUpCurrentUser, { loadUser: services.identity.loadUser, touchEveryMs: 60_000, now });
  await app.register(setUpCsrf);
  await app.register(setUpRateLimits);
  await app.register(setUpViews, {
    env: makeViewEnvironment(t),
    t,
    context: (request, reply) => ({
      user: request.user,
      nav: navigationFor(request.user, request.url, t),
      csrfToken: reply.generateCsrf(),
      cspNonce: reply.cspNonce?.script,
      flash: request.flash(),
      currentPath: request.url,
      sessionIdleMinutes: config.sessionIdleMinutes,
      sessionWarningMinutes: config.sessionWarningMinutes,
    }),
  });
  await app.register(setUpErrorPages);

  const routeDeps = { services, config, t, now };
  await app.register(setUpFirstRunRedirect, routeDeps);
  await app.register(healthRoutes, { db: deps.db });
  await app.register(pagesRoutes, routeDeps);
  await app.register(organisationRoutes, routeDeps);
  await app.register(identityRoutes, routeDeps);
  await app.register(peopleRoutes, { ...routeDeps, prefix: '/people' });
  await app.register(projectRoutes, { ...routeDeps, prefix: '/projects' });
  await app.register(outboxRoutes, { ...routeDeps, prefix: '/admin/messages' });
  await app.register(venueRoutes, { ...routeDeps, prefix: '/venues' });
  await app.register(meetingRoutes, { ...routeDeps, prefix: '/meetings' });
  await app.register(meetingRecordRoutes, { ...routeDeps, prefix: '/meetings' });
  await app.register(paperRoutes, { ...routeDeps, prefix: '/meetings' });
  await app.register(meetingPublicRoutes, routeDeps);
  await app.register(claimRoutes, { ...routeDeps, prefix: '/claims' });
  await app.register(claimDecisionRoutes, { ...routeDeps, prefix: '/claims' });
  await app.register(claimReceiptRoutes, { ...routeDeps, prefix: '/claims' });
  await app.register(claimExportRoutes, { ...routeDeps, prefix: '/claims' });
  await app.register(meetingClaimRoutes, { ...routeDeps, prefix: '/claims' });
  await app.register(myClaimRoutes, { ...routeDeps, prefix: '/my-claims' });
  await app.register(budgetRoutes, { ...routeDeps, prefix: '/projects' });
  await app.register(proposalRoutes, routeDeps);
  await app.register(voteRoutes, routeDeps);
  await app.register(decisionLogRoutes, { ...routeDeps, prefix: '/projects' });
  await app.register(timebankRoutes, { ...routeDeps, prefix: '/timebank' });
  await app.register(rewardsRoutes, { ...routeDeps, prefix: '/rewards' });
  await app.register(rewardPersonRoutes, routeDeps);
  await app.register(reviewRoutes, { ...routeDeps, prefix: '/reviews' });
  await app.register(learningRoutes, { ...routeDeps, prefix: '/learning' });
  await app.register(outcomeRoutes, { ...routeDeps, prefix: '/outcomes' });
  await app.register(outcomePublicRoutes, routeDeps);
  await app.register(impactRoutes, { ...routeDeps, prefix: '/impact' });
  return app;
}

/** Fastify takes a hop count as a function of the hop; addresses and "no" as they are. */
function trustedProxies(setting: Config['trustProxy']) {
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;
}

export type RouteDeps = {
  services: ReturnType<typeof makeServices>;
  config: Config;
  t: ReturnType<typeof makeTranslator>;
  now: Clock;
};
