import { requestForLog } from './platform/request-log.ts';
import path from 'node:path';
import fastify, { type FastifyInstance } from 'fastify';
import fastifyCompress from '@fastify/compress';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import qs from 'node:querystring';
import type { Config } from './config.ts';
import { makeTranslator } from './platform/i18n.ts';
import { makeViewEnvironment, setUpViews } from './platform/views.ts';
import { setUpWebSession } from './platform/session.ts';
import { setUpCsrf, setUpRateLimits, setUpSecurityHeaders } from './platform/security.ts';
import { setUpCurrentUser } from './platform/auth.ts';
import { setUpErrorPages } from './platform/error-pages.ts';
import { setUpInputGuards } from './platform/input-guards.ts';
import { keepRouteTable } from './platform/route-table.ts';
import type { RouteDeps, Services } from './services.ts';
import { keepUploadedFileName } from './platform/files.ts';
import { navigationFor } from './navigation.ts';
import { healthModule } from './modules/health/index.ts';
import { pagesModule } from './modules/pages/index.ts';
import { setUpFirstRunRedirect } from './modules/organisations/routes.ts';
import { organisationsModule } from './modules/organisations/index.ts';
import { identityModule } from './modules/identity/index.ts';
import { peopleModule } from './modules/people/index.ts';
import { projectsModule } from './modules/projects/index.ts';
import { outboxModule } from './modules/outbox/index.ts';
import { venuesModule } from './modules/venues/index.ts';
import { meetingsModule } from './modules/meetings/index.ts';
import { papersModule } from './modules/papers/index.ts';
import { claimsModule } from './modules/claims/index.ts';
import { decisionsModule } from './modules/decisions/index.ts';
import { decisionLogModule } from './modules/decision-log/index.ts';
import { timebankModule } from './modules/timebank/index.ts';
import { rewardsModule } from './modules/rewards/index.ts';
import { reviewsModule } from './modules/reviews/index.ts';
import { learningModule } from './modules/learning/index.ts';
import { outcomesModule } from './modules/outcomes/index.ts';
import { impactModule } from './modules/impact/index.ts';
import { repliesModule } from './modules/replies/index.ts';
import { textsModule } from './modules/texts/index.ts';
import { dataRightsModule } from './modules/data-rights/index.ts';
import { toDoModule } from './modules/todo/index.ts';
import { singleSignOnModule } from './modules/single-sign-on/index.ts';
import { setUpTwoStepGuard } from './modules/identity/two-step-sign-in.ts';
import { timePollsModule } from './modules/time-polls/index.ts';
import { supportersModule } from './modules/supporters/index.ts';
import { equalityModule } from './modules/equality/index.ts';
import { safeguardingModule } from './modules/safeguarding/index.ts';
import { staffTimeModule } from './modules/staff-time/index.ts';
import { commissioningModule } from './modules/commissioning/index.ts';
import { languagesModule } from './modules/languages/index.ts';
import { languageView, setUpLanguage } from './modules/languages/request-language.ts';
import { plainWordsModule } from './modules/plain-words/index.ts';
import { displaySettingsModule } from './modules/display-settings/index.ts';
import { displayFor, setUpDisplaySettings } from './modules/display-settings/request-display.ts';
import { independentFacilitatorsModule } from './modules/independent-facilitators/index.ts';
import { buddiesModule } from './modules/buddies/index.ts';
import { learnModule } from './modules/learn/index.ts';
import { communicationPlansModule } from './modules/communication-plans/index.ts';
import { communityGroupsModule } from './modules/community-groups/index.ts';
import { risksModule } from './modules/risks/index.ts';
import { charterModule } from './modules/charter/index.ts';
import { easyReadModule } from './modules/easy-read/index.ts';
import { easyReadContext, easyReadTemplate, setUpEasyRead } from './modules/easy-read/switching.ts';

/**
 * The app: platform plugins in the order a request meets them, then one plugin per module.
 * It is given the one set of services (built by makeServices, shared with the background
 * jobs), and never listens: server.ts does.
 */
export async function buildApp(config: Config, { services }: { services: Services }): Promise<FastifyInstance> {
  const { db, now, linkSecret: sessionSecret } = services;
  const t = makeTranslator('en');

  const app = fastify({
    logger: {
      level: config.logLevel,
      // Never log personal data or secrets: no bodies, no cookies, no query strings, and the
      // route a request matched rather than its path, which may hold a link's token.
      serializers: { req: requestForLog },
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
    db,
    now,
    secret: sessionSecret,
    idleMinutes: config.sessionIdleMinutes,
    maxHours: config.sessionMaxHours,
    secure: config.secureCookies,
    // The session, its account, its language and whether it reads easy read in one round
    // trip: on PostgreSQL a page waited for the session, then for the account, before its
    // own queries began.
    read: async (id) => {
      const [{ row, account }, language, easyRead] = await Promise.all([
        services.identity.readSession(id),
        services.languages.ofSession(id),
        services.easyRead.ofSession(id),
      ]);
      return { row, companions: { account, language, easyRead } };
    },
  });
  await app.register(setUpCurrentUser, { loadUser: services.identity.loadUser, touchEveryMs: 60_000, now });
  // Staff who must set up two-step sign-in are kept on its set-up page until they have.
  await app.register(setUpTwoStepGuard);
  // How pages look for this person: text size, contrast, movement (issue 24).
  await app.register(setUpDisplaySettings, { displaySettings: services.displaySettings });
  // After the person is known: each request runs in its reader's language (issue 24).
  await app.register(setUpLanguage, { languages: services.languages });
  await app.register(setUpCsrf);
  await app.register(setUpRateLimits, { db, now });
  // Member pages in easy read for those who read them so (issue 24): same data, easy read view.
  await app.register(setUpEasyRead, { isReader: services.easyRead.isReader });
  await app.register(setUpViews, {
    env: makeViewEnvironment(t),
    t,
    templateFor: easyReadTemplate,
    context: (request, reply) => ({
      ...easyReadContext(request),
      user: request.user,
      nav: navigationFor(request.user, request.url, t),
      csrfToken: reply.generateCsrf(),
      cspNonce: reply.cspNonce?.script,
      flash: request.flash(),
      currentPath: request.url,
      // The advice the "Check my words" button asked for (src/platform/plain-words.ts), for the plain-words macro.
      wordsAdvice: request.wordsAdvice,
      display: displayFor(request),
      ...languageView(request),
      sessionIdleMinutes: config.sessionIdleMinutes,
      sessionWarningMinutes: config.sessionWarningMinutes,
    }),
  });
  await app.register(setUpErrorPages);

  const deps: RouteDeps = { services, config, t, now };
  await app.register(setUpFirstRunRedirect, deps);
  for (const module of [
    healthModule,
    pagesModule,
    organisationsModule,
    identityModule,
    peopleModule,
    projectsModule,
    outboxModule,
    venuesModule,
    meetingsModule,
    papersModule,
    claimsModule,
    decisionsModule,
    decisionLogModule,
    timebankModule,
    rewardsModule,
    reviewsModule,
    learningModule,
    outcomesModule,
    impactModule,
    toDoModule,
    repliesModule,
    textsModule,
    singleSignOnModule,
    timePollsModule,
    dataRightsModule,
    supportersModule,
    safeguardingModule,
    staffTimeModule,
    commissioningModule,
    languagesModule,
    plainWordsModule,
    displaySettingsModule,
    independentFacilitatorsModule,
    buddiesModule,
    learnModule,
    risksModule,
    charterModule,
    equalityModule,
    communityGroupsModule,
    communicationPlansModule,
    easyReadModule,
  ]) {
    await app.register(module, deps);
  }
  return app;
}

/** Fastify takes a hop count as a function of the hop; addresses and "no" as they are. */
function trustedProxies(setting: Config['trustProxy']) {
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;
}
