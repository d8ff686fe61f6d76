import { londonToday } from '../../src/platform/time.ts';
import { noAnswers, type EqualityAnswers } from '../../src/modules/equality/answers-form.ts';
import { organisationWithAdmin, personWithAccount } from '../helpers/fixtures.ts';
import type { TestApp } from '../helpers/test-app.ts';

export type EqualityWorld = Awaited<ReturnType<typeof setUpEqualityWorld>>;

export const answers = (given: Partial<EqualityAnswers>): EqualityAnswers => ({ ...noAnswers(), ...given });

/**
 * An organisation with an admin (Ada), a facilitator (Fay), a member (Mo, who answers for
 * herself) and a project of `crowd` people who answered: all White British but for a few
 * African (a number too small to show), and nobody from an Asian ethnic group, who are then
 * clearly under-represented against the England and Wales figures (9.3%).
 */
export async function setUpEqualityWorld(t: TestApp, opts: { crowd?: number; african?: number } = {}) {
  const org = await organisationWithAdmin(t);
  const admin = { organisationId: org.organisationId, personId: org.adminPersonId, role: 'admin' as const };
  const fay = await personWithAccount(
    t,
    org.organisationId,
    { fullName: 'Fay Facilitator', perspectives: ['practitioner'] },
    { email: 'fay@northshire.test', role: 'facilitator' },
  );
  const mo = await personWithAccount(
    t,
    org.organisationId,
    { fullName: 'Mo Member', perspectives: ['draws-on-care'], mobile: '07700 900111', contactOrder: ['text'] },
    { email: 'mo@example.com', role: 'member' },
  );
  const joinedOn = londonToday(new Date(t.now().getTime() - 30 * 86_400_000));
  const projectId = await t.services.projects.create(admin, {
    title: 'Better day centre lunches',
    purpose: 'Choose food together.',
    activities: ['co-decision'],
    levelAim: 'transformative',
    stage: 'deciding',
    startDate: joinedOn,
  });
  const crowd = opts.crowd ?? 120;
  const african = opts.african ?? 3;
  const ids = await t.services.people.createMany(
    { organisationId: org.organisationId, personId: org.adminPersonId },
    Array.from({ length: crowd }, (_, i) => ({ fullName: `Person ${i + 1}`, perspectives: ['community' as const] })),
  );
  for (const [i, id] of ids.entries()) {
    await t.services.projects.addMember(admin, projectId, id, 'member', joinedOn);
    await t.services.equality.save(
      org.organisationId,
      id,
      answers({
        ethnicGroup: i < african ? 'african' : 'white-british',
        ageBand: i % 2 ? '65-74' : '35-49',
        sex: i % 2 ? 'female' : 'male',
      }),
      { how: 'self', by: null },
    );
  }
  await t.services.projects.addMember(admin, projectId, mo.personId, 'member', joinedOn);
  return { ...org, admin, fay, mo, projectId, crowdIds: ids, joinedOn };
}
