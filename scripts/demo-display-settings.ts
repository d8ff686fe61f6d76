import type { CurrentUser } from '../src/platform/auth.ts';
import type { Services } from '../src/services.ts';

/**
 * Display settings (issue 24, P1): Karen reads on her phone with large text and the
 * read-aloud button; Priya has higher contrast and less movement. Signing in as either shows
 * their pages that way at once.
 */
export async function addDemoDisplaySettings(services: Services, userOf: (email: string) => Promise<CurrentUser>) {
  const { displaySettings } = services;
  await displaySettings.save(await userOf('karen.whitfield@example.org'), {
    textSize: 'large',
    contrast: 'usual',
    motion: 'usual',
    readAloud: true,
  });
  await displaySettings.save(await userOf('priya@example.org'), {
    textSize: 'usual',
    contrast: 'high',
    motion: 'reduced',
    readAloud: false,
  });
}
