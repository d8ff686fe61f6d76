import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFound } from './errors.ts';

const uuid = z.string().uuid();

/**
 * Reads the named ids of a route's address (`/claims/:id/receipts/:receiptId`). Every one
 * must be a UUID; anything else is a page that does not exist, so it is "not found", never
 * an error. Make one reader per shape of address and call it in each handler.
 */
export function urlIds<const K extends string>(...names: readonly K[]): (request: FastifyRequest) => Record<K, string> {
  const schema = z.object(Object.fromEntries(names.map((name) => [name, uuid])));
  return (request) => {
    const parsed = schema.safeParse(request.params);
    if (!parsed.success) throw new NotFound();
    return parsed.data as Record<K, string>;
  };
}
