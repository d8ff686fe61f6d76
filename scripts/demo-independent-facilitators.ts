import type { Db } from '../src/db/connection.ts';
import type { CurrentUser } from '../src/platform/auth.ts';
import type { Services } from '../src/services.ts';

/**
 * An independent facilitator (issue 22): Priya Nair runs a local advocacy group and is asked
 * to run the meetings of the easy read letters project, so members and council staff meet as
 * equals. She signs in with the demo password and sees that project's meetings only.
 */
export async function addDemoIndependentFacilitator(
  services: Services,
  db: Db,
  admin: CurrentUser,
  passwordHash: string,
  projectId: string,
) {
  const email = 'priya.nair@advocacy.example';
  const personId = await services.people.create(admin, {
    fullName: 'Priya Nair',
    perspectives: ['partner'],
    email,
    contactOrder: ['email'],
  });
  await services.identity.giveAccess(admin, personId, null, { email, role: 'independent-facilitator', active: true });
  await db.updateTable('accounts').set({ password_hash: passwordHash }).where('email', '=', email).execute();
  await services.independentFacilitators.name(admin, personId, { projectId });
  return { name: 'Priya Nair', email, role: 'independent-facilitator' };
}
