import type { CurrentUser } from '../src/platform/auth.ts';
import type { Services } from '../src/services.ts';
import type { DemoCalendar } from './demo-calendar.ts';

/**
 * Risk logs (issue 21, C3): the lunches project's log starts from the risk of not
 * co-producing, added by a member, with a comment; an allergy risk is past its date to
 * look again (so it shows on the To do page); a decision to go ahead despite a risk records
 * who agreed; the organisation's own log has one risk.
 */
export async function addDemoRisks(
  services: Services,
  cal: DemoCalendar,
  admin: CurrentUser,
  ids: Map<string, string>,
  lunchesProjectId: string,
  userOf: (email: string) => Promise<CurrentUser>,
) {
  const { risks } = services;
  const who = (name: string) => {
    const found = ids.get(name);
    if (!found) throw new Error(`demo data: no person called ${name}`);
    return found;
  };
  const added = (result: { id: string } | 'not-a-choice', what: string) => {
    if (result === 'not-a-choice') throw new Error(`demo data: could not add the risk ${what}`);
    return result.id;
  };
  const grace = await userOf('grace@example.org');
  const notCoproducing = added(
    await risks.add(grace, lunchesProjectId, {
      title: 'We make decisions about people without them',
      affects: 'People who eat at the day centre, their carers and families',
      likelihood: 'possible',
      severity: 'serious',
      plan: 'Plan every menu change with the lunch group. Pay people for their time. Meet on Tuesdays after lunch, when people are there.',
      ownerPersonId: who('Hannah Lowe'),
      reviewOn: null,
    }),
    'of not co-producing',
  );
  await risks.comment(grace, notCoproducing, 'The kitchen changed the puddings in October without asking us.');

  // Past its date to look again, so the To do page has something to show.
  added(
    await risks.add(admin, lunchesProjectId, {
      title: 'Someone eats food they are allergic to',
      affects: 'People with food allergies, and the kitchen team',
      likelihood: 'possible',
      severity: 'very-serious',
      plan: 'Label every dish with what is in it, in large print and pictures. The kitchen keeps a list of allergies.',
      ownerPersonId: who('Martin Shaw'),
      reviewOn: cal.day(-3),
    }),
    'about allergies',
  );

  const helping = added(
    await risks.add(admin, lunchesProjectId, {
      title: 'Dennis could burn himself helping in the kitchen',
      affects: 'Dennis Whitfield',
      likelihood: 'unlikely',
      severity: 'serious',
      plan: 'Dennis helps with cold food and serving, with a member of the kitchen team beside him.',
      ownerPersonId: who('Martin Shaw'),
      reviewOn: null,
    }),
    'about helping in the kitchen',
  );
  const decided = await risks.recordDecision(admin, helping, {
    decidedOn: cal.day(-20),
    what: 'Dennis helps to serve lunch on Tuesdays.',
    why: 'Dennis worked as a cook for 30 years. Helping matters to him, and the risk is small with someone beside him.',
    agreedBy: [who('Dennis Whitfield'), who('Martin Shaw'), who('Hannah Lowe')],
  });
  if (decided !== 'recorded') throw new Error('demo data: could not record the decision');

  added(
    await risks.add(admin, null, {
      title: 'Members are paid late for their time',
      affects: 'Members who are paid for meetings',
      likelihood: 'possible',
      severity: 'serious',
      plan: 'Approve claims every Friday. Tell people the day they will be paid.',
      ownerPersonId: admin.personId,
      reviewOn: null,
    }),
    'about paying people late',
  );
}
