import type { CurrentUser } from '../src/platform/auth.ts';
import type { Services } from '../src/services.ts';

/**
 * Open by default (issue 21, C1, V4): every project's report is open to its members, except
 * one staff keep inside the team for now, so both what members read and the plain note they
 * see instead can be shown.
 */
export async function addDemoOpenReports(services: Services, admin: CurrentUser, keptProjectId: string | undefined) {
  if (keptProjectId) await services.keptInternal.choose(admin, 'project-impact', keptProjectId, true);
}
