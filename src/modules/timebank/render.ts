import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../platform/forms.ts';
import type { Translate } from '../../platform/i18n.ts';
import { urlIds } from '../../platform/params.ts';
import { describeMinutes } from './duration.ts';

/** Renders a time bank page; every page can say "3 hours and 20 minutes" with duration(). */
export function timebankRenderer(t: Translate) {
  const duration = (minutes: number) => describeMinutes(t, minutes);
  return (reply: FastifyReply, page: string, ctx: Record<string, unknown> = {}, errors?: FieldErrors) =>
    reply.view(`timebank/views/${page}.njk`, { duration, ...ctx }, errors ? { errors } : {});
}

const ids = urlIds('id');

/** The :id of the URL; anything that is not an id is simply not found. */
export const idParam = (request: FastifyRequest): string => ids(request).id;
