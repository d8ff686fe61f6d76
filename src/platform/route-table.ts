import type { FastifyInstance } from 'fastify';

export type RouteEntry = { method: string; url: string };

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route the app serves, as registered: for checks that must cover all of them. */
    readonly routeTable: readonly RouteEntry[];
  }
}

/** Call before any route is registered: the table fills as modules add theirs. */
export function keepRouteTable(app: FastifyInstance): void {
  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) table.push({ method, url: route.url });
  });
}
