import type { CurrentUser } from '../src/platform/auth.ts';
import type { Services } from '../src/services.ts';

/**
 * Plain words (issue 24, P1, P2): the council's list of words to avoid starts from the
 * starter list and adds two words its staff use too much, so "Check my words" on any form
 * (a project's purpose, a meeting's summary, a proposal) shows them with the plain word.
 */
export async function addDemoPlainWords(services: Services, admin: CurrentUser) {
  await services.plainWords.add(admin, { word: 'locality', plain: 'area' });
  await services.plainWords.add(admin, { word: 'care pathway', plain: 'the steps of someone’s care' });
}
