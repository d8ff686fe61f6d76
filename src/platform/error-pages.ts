import type { FastifyError } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, SignInRequired } from './errors.ts';

/** One place turns every error into a plain page: no stack traces, never a bare 500. */
export const setUpErrorPages = fp(
  async (app) => {
    app.setNotFoundHandler((request, reply) => {
      reply.view('pages/views/error.njk', { titleKey: 'errors:notFound.title', bodyKey: 'errors:notFound.body' }, { status: 404 });
    });

    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error instanceof SignInRequired) {
        const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
        return reply.redirect(`/sign-in${next}`, 303);
      }
      const status = error instanceof AppError ? error.status : (error.statusCode ?? 500);
      let page = 'errors:generic';
      if (error instanceof AppError) page = error.messageKey;
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
