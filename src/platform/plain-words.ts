import type { FastifyRequest } from 'fastify';
import './auth.ts';
import { fieldText, formFields } from './forms.ts';

// "Check my words" (issue 24, P1, P2): every form where staff write for members carries the
// plain-words macro (src/modules/plain-words/views/macro.njk) beside each such field. Its
// button sends the form with checkWords; the route then shows the same form again with what
// was typed and the advice, and saves nothing. The advice never blocks saving.
//
//   if (await checkMyWords(request, services.plainWords)) return show(request, reply, formFields(request.body));

/** The checker: services.plainWords, or anything that advises on named texts the same way. */
export type WordsChecker = { advise(organisationId: string, texts: Record<string, string>): Promise<Record<string, unknown>> };

declare module 'fastify' {
  interface FastifyRequest {
    /** Advice on the words of the form just sent, by field name: the layout gives it to templates. */
    wordsAdvice?: Record<string, unknown>;
  }
}

const fieldName = /^[A-Za-z][A-Za-z0-9_-]{0,40}$/;

/** The fields the form asks about: each macro adds its field's name to wordsToCheck. */
export function fieldsToCheck(body: unknown): string[] {
  const raw = formFields(body).wordsToCheck;
  const names = (Array.isArray(raw) ? raw : [raw]).filter((n): n is string => typeof n === 'string' && fieldName.test(n));
  return [...new Set(names)].slice(0, 10);
}

/**
 * True when the form was sent with "Check my words": the advice is then on the request for
 * the page to show. False when it was sent to be saved.
 */
export async function checkMyWords(request: FastifyRequest, checker: WordsChecker) {
  if (fieldText(request.body, 'checkWords') === undefined || !request.user) return false;
  const texts = Object.fromEntries(fieldsToCheck(request.body).map((name) => [name, fieldText(request.body, name) ?? '']));
  request.wordsAdvice = await checker.advise(request.user.organisationId, texts);
  return true;
}
