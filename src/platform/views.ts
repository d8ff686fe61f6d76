import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Translate } from './i18n.ts';
import { errorView, type FieldErrors } from './forms.ts';
import { formatClock, formatDate, formatDateTime } from './time.ts';
import { glossaryKeys, linkGlossaryWords, linkGlossaryWordsInHtml } from './glossary-links.ts';

const srcDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

export function makeViewEnvironment(t: Translate): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader(
      [path.join(srcDir, 'modules'), path.join(srcDir, 'views'), path.resolve('node_modules/govuk-frontend/dist')],
      { noCache: false },
    ),
    { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
  );
  env.addGlobal('t', t);
  env.addFilter('date', formatDate);
  env.addFilter('dateTime', formatDateTime);
  env.addFilter('clock', formatClock);
  // Keeps the line breaks people typed (addresses, joining details) without trusting any HTML.
  env.addFilter('lines', (v: unknown) => {
    const escaped = String(v ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    return new nunjucks.runtime.SafeString(escaped.replace(/\r?\n/g, '<br>'));
  });
  // Text staff wrote for members: escaped, line breaks kept, glossary words linked (issue 24).
  // The ways each word is written come from the catalogue, so they follow the reader's language.
  const glossaryTerms = () => glossaryKeys.map((key) => ({ key, phrases: t(`plain-words:glossaryWords.${key}`).split('|') }));
  env.addFilter('glossaryLinks', (v: unknown) => new nunjucks.runtime.SafeString(linkGlossaryWords(String(v ?? ''), glossaryTerms())));
  // The same for HTML we made safe ourselves (a learning module's markdown): never for what people typed.
  env.addFilter(
    'glossaryLinksInHtml',
    (v: unknown) => new nunjucks.runtime.SafeString(linkGlossaryWordsInHtml(String(v ?? ''), glossaryTerms())),
  );
  // "5 March 2026, 2pm to 4pm": a meeting's time in London.
  env.addFilter('meetingWhen', (m: { startsAt: string; endsAt: string }) =>
    t('meetings:when', { date: formatDate(m.startsAt), start: formatClock(m.startsAt), end: formatClock(m.endsAt) }),
  );
  // For summary lists: an empty value reads as "Not given" rather than a blank cell.
  env.addFilter('orNotGiven', (v: unknown) =>
    v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0) ? t('common:notGiven') : v,
  );
  return env;
}

export type ViewOptions = { errors?: FieldErrors; status?: number };

declare module 'fastify' {
  interface FastifyReply {
    view(template: string, context?: Record<string, unknown>, options?: ViewOptions): FastifyReply;
  }
  interface FastifyRequest {
    flash(message?: string): string | undefined;
  }
}

export type ViewContextBuilder = (request: FastifyRequest, reply: FastifyReply) => Record<string, unknown>;
/** The template to render for this request instead of the one asked for (an easy read version, issue 24). */
export type TemplateChooser = (request: FastifyRequest, template: string, context: Record<string, unknown>) => string;

/** reply.view() renders a page with everything the layout needs, and errors in GOV.UK shape. */
export const setUpViews = fp<{ env: nunjucks.Environment; t: Translate; context: ViewContextBuilder; templateFor?: TemplateChooser }>(
  async (app, { env, t, context, templateFor }) => {
    app.decorateReply('view', function (this: FastifyReply, template: string, ctx = {}, options: ViewOptions = {}) {
      const html = env.render(templateFor ? templateFor(this.request, template, ctx) : template, {
        ...context(this.request, this),
        ...ctx,
        errors: errorView(options.errors, t),
      });
      return this.status(options.status ?? (options.errors ? 400 : 200))
        .type('text/html; charset=utf-8')
        .send(html);
    });
  },
  { name: 'views' },
);
