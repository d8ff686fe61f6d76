import type { FastifyPluginAsync } from 'fastify';

/**
 * A module's one Fastify plugin: it registers the module's route files, each under its own
 * prefix, so app.ts registers one line per module and a module's URLs are found in its own
 * folder (docs/decisions/0013-modules-and-shared-code.md).
 */
export function modulePlugin<Deps extends object>(routes: Array<[FastifyPluginAsync<Deps>, prefix?: string]>): FastifyPluginAsync<Deps> {
  return async (app, options) => {
    // The options as they came carry the module's own registration keys (prefix); a route
    // file must get the dependencies alone, with its own prefix.
    const { prefix: _prefix, ...deps } = options as Deps & { prefix?: string };
    for (const [plugin, prefix] of routes) await app.register(plugin, (prefix ? { ...deps, prefix } : deps) as Deps);
  };
}
