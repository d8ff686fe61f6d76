import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFound } from './errors.ts';

const uuid = z.string().uuid();

/**
 * Reads the named ids of a route's address (`/claims/:id/receipts/:receiptId`). Every one
 * must be a UUID; anything else is a page that does not exist, so it is "not found", never
 * an error. Make one reader per shape of address and call it in each handler.
 */
/**
 * Reads a route's address parameters with any schema (a signed token, an optional id);
 * an address that does not fit is "not found".
 */
export function urlParams<S extends z.ZodType>(schema: S): (request: FastifyRequest) => z.infer<S> {
  return (request) => {
    const parsed = schema.safeParse(request.params);
    if (!parsed.success) throw new NotFound();
    return parsed.data;
  };
}

/** A signed link's token, as in /reply/:token: text of a sensible length, checked by its signature later. */
export const urlToken = urlParams(z.object({ token: z.string().min(1).max(1000) }));

export function urlIds<const K extends string>(...names: readonly K[]): (request: FastifyRequest) => Record<K, string> {
  const schema = z.object(Object.fromEntries(names.map((name) => [name, uuid])));
  return (request) => {
    const parsed = schema.safeParse(request.params);
    if (!parsed.success) throw new NotFound();
    return parsed.data as Record<K, string>;
  };
}
