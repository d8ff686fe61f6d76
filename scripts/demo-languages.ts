import type { CurrentUser } from '../src/platform/auth.ts';
import type { Services } from '../src/services.ts';

/**
 * Welsh (issue 24): the council offers Welsh, English first. Nora reads in Welsh, so her
 * pages and messages are in Welsh; the lunches project's purpose and the past meeting's
 * summary have a Welsh version beside the English. Everyone else who has not chosen gets
 * messages in both languages from now on.
 */
export async function addDemoLanguages(
  services: Services,
  admin: CurrentUser,
  ids: { nora: string; lunches: string; pastMeeting: string },
) {
  const { languages } = services;
  await languages.saveSetting(admin, 'english-first');
  await languages.chooseFor(admin.organisationId, ids.nora, 'cy');
  await languages.saveWelshVersion(
    admin.organisationId,
    { type: 'project', id: ids.lunches, field: 'purpose' },
    'Dewis bwydlenni cinio’r ganolfan ddydd gyda’r bobl sy’n eu bwyta, a’u profi gyda’n gilydd.',
  );
  await languages.saveWelshVersion(
    admin.organisationId,
    { type: 'meeting', id: ids.pastMeeting, field: 'summary' },
    'Fe wnaethon ni flasu tri chawl a dewis dau ar gyfer y fwydlen newydd. Bydd y ganolfan yn eu coginio o fis nesaf ymlaen.',
  );
}
