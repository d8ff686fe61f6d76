import type { Services } from '../src/services.ts';
import type { CurrentUser } from '../src/platform/auth.ts';
import { noAnswers } from '../src/modules/equality/answers-form.ts';
import type { DemoCalendar } from './demo-calendar.ts';

/**
 * Supporters (issue 17): Dennis Whitfield's daughter Karen, on his own consent, may reply to
 * invitations, vote as he tells her, claim his expenses and get copies of his letters; and
 * a Care Act advocate whom staff phone for Thomas Reid, on a best-interests decision.
 * Dennis answered the equality questions with Karen beside him (issue 19).
 */
export async function addDemoSupporters(
  services: Services,
  cal: DemoCalendar,
  admin: CurrentUser,
  ids: Map<string, string>,
  nextMeetingId: string,
  userOf: (email: string) => Promise<CurrentUser>,
) {
  const who = (name: string) => ids.get(name)!;
  await services.supporters.add(admin, who('Dennis Whitfield'), {
    kind: 'family',
    relationship: 'Daughter',
    supporterPersonId: who('Karen Whitfield'),
    contact: null,
    powers: ['copies', 'reply', 'vote', 'reviews', 'claim'],
    basis: 'consent',
    consentHow: 'Face to face at Mill Lane, with his key worker there',
    basisMadeBy: null,
    basisMadeOn: cal.day(-60),
    basisReference: null,
    reviewOn: cal.day(305),
  });
  await services.supporters.add(admin, who('Thomas Reid'), {
    kind: 'care-act-advocate',
    relationship: null,
    supporterPersonId: null,
    contact: { name: 'Jo Bright', channel: 'phone', email: null, mobile: '07700 900132', address: null },
    powers: ['reply', 'reviews'],
    basis: 'best-interests',
    consentHow: null,
    basisMadeBy: 'Martin Shaw, social worker',
    basisMadeOn: cal.day(-400),
    basisReference: null,
    // Already due: it shows on the To do list.
    reviewOn: cal.day(-35),
  });
  const karen = await userOf('karen.whitfield@example.org');
  // Karen has already told the next meeting that her dad will come.
  const invited = await services.meetings.invitees(admin.organisationId, nextMeetingId);
  if (invited.some((i) => i.personId === who('Dennis Whitfield'))) {
    const acting = await services.supporters.acting(karen, who('Dennis Whitfield'), 'reply');
    const note = 'I will bring him';
    await services.invitations.recordReply(admin.organisationId, nextMeetingId, acting.personId, 'yes', karen.personId, note, {
      actingFor: acting,
    });
  }
  const withKaren = await services.supporters.acting(karen, who('Dennis Whitfield'), 'reviews');
  await services.equality.save(
    admin.organisationId,
    withKaren.personId,
    { ...noAnswers(), ageBand: '75-84', sex: 'male', ethnicGroup: 'white-british', longTermCondition: 'yes', activityLimitation: 'a-lot' },
    { how: 'supporter', by: karen.personId, supporter: withKaren },
  );
}
