import type { CurrentUser } from '../src/platform/auth.ts';
import type { Services } from '../src/services.ts';

/**
 * Safeguarding (issue 21, C3): Hannah Lowe leads and Martin Shaw deputises; one concern,
 * raised by a member, has been picked up and referred to the council's adult safeguarding
 * team; another, raised by a neighbour who did not sign in, is waiting for them.
 */
export async function addDemoSafeguarding(services: Services, admin: CurrentUser, ids: Map<string, string>) {
  const who = (name: string) => ids.get(name)!;
  const organisationId = admin.organisationId;
  await services.safeguarding.saveSettings(admin, {
    leadPersonId: who('Hannah Lowe'),
    deputyPersonId: who('Martin Shaw'),
    acknowledgeWithinDays: 1,
    outOfHours: "At night and at weekends, call Northshire's emergency duty team on 0300 123 4567.",
    localTeam: 'Northshire adult social care, safeguarding: 0300 123 4000, safeguarding.adults@northshire.example',
  });
  const picked = await services.safeguarding.raise({
    organisationId,
    raisedByPersonId: who('Dennis Whitfield'),
    reporterName: null,
    reporterContact: null,
    aboutName: 'A man who comes to the lunch club',
    whatHappened: 'He said someone at home takes his money and he has not eaten since Sunday.',
    dangerNow: false,
  });
  const hannah = { organisationId, personId: who('Hannah Lowe'), role: 'facilitator' as const };
  await services.safeguarding.refer(hannah, picked.id, 'adults', 'Rang the adult safeguarding team; they will visit.');
  await services.safeguarding.raise({
    organisationId,
    raisedByPersonId: null,
    reporterName: 'A neighbour',
    reporterContact: null,
    aboutName: 'Mrs Patel, Elm Road',
    whatHappened: 'Her curtains have been shut for four days and nobody answers the door.',
    dangerNow: false,
  });
}
