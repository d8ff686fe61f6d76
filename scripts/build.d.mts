// Types for the build script's exports that TypeScript scripts use.
export function stylesheetIsStale(): boolean;
export function buildStylesheet(): Promise<void>;
