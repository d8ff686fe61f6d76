import type { FastifyError, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, SignInRequired } from './errors.ts';

/** One place turns every error into a plain page: no stack traces, never a bare 500. */
export const setUpErrorPages = fp(
  async (app) => {
    // Requests that got as far as their route's own work: their body was read whole.
    const bodyRead = new WeakSet<FastifyRequest>();
    app.addHook('preHandler', async (request) => {
      bodyRead.add(request);
    });

    app.setNotFoundHandler((request, reply) => {
      reply.view('pages/views/error.njk', { titleKey: 'errors:notFound.title', bodyKey: 'errors:notFound.body' }, { status: 404 });
    });

    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error instanceof SignInRequired) {
        const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
        return reply.redirect(`/sign-in${next}`, 303);
      }
      // A path that does not exist is not found, whatever came with it (no form, a broken body).
      if (request.is404)
        return reply.view('pages/views/error.njk', { titleKey: 'errors:notFound.title', bodyKey: 'errors:notFound.body' }, { status: 404 });
      // The form parser fails on a malformed or cut-off upload before any route runs: the
      // sender's fault, so a 400 that says so, never a 500.
      const brokenForm = !(error instanceof AppError) && error.statusCode === undefined && request.isMultipart() && !bodyRead.has(request);
      const status = error instanceof AppError ? error.status : brokenForm ? 400 : (error.statusCode ?? 500);
      let page = 'errors:generic';
      if (error instanceof AppError) page = error.messageKey;
      else if (brokenForm) page = 'errors:badForm';
      else if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') page = 'errors:csrf';
      else if (status === 429) page = 'errors:tooManyTries';
      else if (status === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE') page = 'errors:tooLarge';
      else if (status === 404) page = 'errors:notFound';
      else if (status >= 400 && status < 500) page = 'errors:badRequest';

      if (status >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ code: error.code, status }, 'request refused');
      reply.view('pages/views/error.njk', { titleKey: `${page}.title`, bodyKey: `${page}.body` }, { status });
    });
  },
  { name: 'error-pages', dependencies: ['views'] },
);
