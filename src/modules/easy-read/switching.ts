import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

declare module '../../platform/session.ts' {
  interface SessionCompanions {
    /** Whether the person the session's account opens reads in easy read by default. */
    easyRead: { accountId: string | null; reader: boolean };
  }
}

declare module 'fastify' {
  interface Session {
    /** The "Easy read" switch, for this sign-in: it wins over the person's default. */
    easyRead?: boolean;
  }
  interface FastifyRequest {
    /** This member reads this page in easy read (set on the pages that have an easy read version). */
    easyRead: boolean;
  }
}

/**
 * The member pages that have an easy read version: each page's template, and the easy read
 * view that is rendered instead, with the same data, when easy read is on.
 */
export const easyReadViews: Readonly<Record<string, string>> = {
  'pages/views/home.njk': 'easy-read/views/home.njk',
  'meetings/views/list.njk': 'easy-read/views/meetings.njk',
  'meetings/views/show.njk': 'easy-read/views/meeting.njk',
  // By a personal link, without signing in: the route says whether the person reads easy read.
  'meetings/views/reply.njk': 'easy-read/views/reply-by-link.njk',
  'decisions/views/show.njk': 'easy-read/views/proposal.njk',
  'decisions/views/vote.njk': 'easy-read/views/vote.njk',
  'claims/views/mine.njk': 'easy-read/views/my-payments.njk',
  'timebank/views/home.njk': 'easy-read/views/time-credits.njk',
  'reviews/views/task-list.njk': 'easy-read/views/review.njk',
  'reviews/views/section.njk': 'easy-read/views/review-part.njk',
  'outcomes/views/answer.njk': 'easy-read/views/survey.njk',
  'safeguarding/views/raise.njk': 'easy-read/views/concern.njk',
  'safeguarding/views/sent.njk': 'easy-read/views/concern-sent.njk',
};

/** The addresses of those pages (and the forms that show them again with an error). */
export const easyReadRoutes: ReadonlySet<string> = new Set([
  '/',
  '/meetings',
  '/meetings/:id',
  '/meetings/:id/reply',
  '/proposals/:id',
  '/proposals/:id/vote',
  '/my-claims',
  '/timebank',
  '/reviews/:id/answer',
  '/reviews/:id/answer/:section',
  '/outcomes/surveys/:roundId',
  '/safeguarding/concern',
  '/safeguarding/concern/sent',
]);

const hasEasyRead = (request: FastifyRequest) => request.user?.role === 'member' && easyReadRoutes.has(request.routeOptions.url ?? '');

/**
 * Works out, on the pages that have an easy read version, whether this member reads it: the
 * switch they used since signing in, or else their default. Other pages ask nothing.
 */
export const setUpEasyRead = fp<{ isReader: (organisationId: string, personId: string) => Promise<boolean> }>(
  async (app, { isReader }) => {
    app.decorateRequest('easyRead', false);
    app.addHook('preHandler', async (request) => {
      if (!hasEasyRead(request)) return;
      const user = request.user!;
      // Read with the session (app.ts) when it is this account's, so it costs no round trip here.
      const read = request.sessionCompanions.easyRead;
      request.easyRead =
        request.session.easyRead ?? (read?.accountId === user.accountId ? read.reader : await isReader(user.organisationId, user.personId));
    });
  },
  { name: 'easy-read' },
);

/**
 * The easy read view of a page when easy read is on: for a member's own page, or where a
 * personal link's route found that its person reads in easy read (context easyRead: true).
 */
export function easyReadTemplate(request: FastifyRequest, template: string, context: Record<string, unknown> = {}): string {
  if (!request.easyRead && context.easyRead !== true) return template;
  return easyReadViews[template] ?? template;
}

/** The "Easy read" switch, on the pages that have an easy read version. */
export function easyReadContext(request: FastifyRequest): Record<string, unknown> {
  if (!hasEasyRead(request) || request.method !== 'GET') return {};
  return { easyReadSwitch: { on: request.easyRead, returnTo: request.url } };
}
