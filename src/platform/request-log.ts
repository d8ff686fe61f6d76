import type { FastifyRequest } from 'fastify';

// Addresses can carry secrets: a sign-in link's or a personal link's token is in its path.
// The log keeps the route a request matched (/act/:token), never the path it came with; a
// path that matched nothing has any long part hidden, since a mistyped link is still a link.
const longPart = /[^/]{20,}/g;

/** What the log keeps of a request: its method, the route it matched, and its id. */
export function requestForLog(req: Pick<FastifyRequest, 'method' | 'url' | 'id'> & { routeOptions?: { url?: string } }) {
  const route = req.routeOptions?.url;
  const path = (req.url ?? '').split('?')[0]!;
  return { method: req.method, url: route ?? path.replace(longPart, ':hidden'), id: req.id };
}
