import type { Services } from '../src/services.ts';
import type { EqualityAnswers } from '../src/modules/equality/answers-form.ts';
import { disabilityOf, ethnicHighOf, type EthnicGroup } from '../src/modules/equality/vocabulary.ts';

/**
 * Equality monitoring answers for person number p (issue 19), the same for the demo and the
 * county data: nobody from an Asian ethnic group and only a few Black and mixed-race people,
 * so "who is missing" shows Asian groups clearly under-represented against the England and
 * Wales Census (9.3%), and some groups too small to show.
 */
export function demoEqualityAnswers(p: number): EqualityAnswers {
  const ethnic: EthnicGroup | 'prefer-not' =
    p % 40 === 0
      ? 'african'
      : p % 40 === 20
        ? 'white-black-caribbean'
        : p % 20 === 10
          ? 'other-white'
          : p % 40 === 35
            ? 'prefer-not'
            : 'white-british';
  const age = ['16-24', '35-49', '35-49', '50-64', '50-64', '65-74', '65-74', '75-84', '75-84', '85-plus'][p % 10]!;
  const condition = p % 4 < 2 ? 'yes' : 'no';
  return {
    ageBand: age,
    sex: p % 2 ? 'female' : 'male',
    genderIdentity: p % 9 === 0 ? null : 'same',
    sexualOrientation: p % 30 === 0 ? 'gay-lesbian' : p % 11 === 0 ? 'prefer-not' : 'straight',
    ethnicGroup: ethnic,
    religion: p % 40 === 1 ? 'prefer-not' : p % 3 === 0 ? 'no-religion' : 'christian',
    longTermCondition: condition,
    activityLimitation: condition === 'yes' ? (p % 4 === 0 ? 'a-lot' : 'a-little') : null,
    unpaidCare: p % 6 === 0 ? '20-to-49' : p % 6 === 1 ? 'up-to-19' : 'none',
    circumstances: p % 25 === 0 ? ['residential-home'] : p % 7 === 0 ? [] : null,
  };
}

/** The same answers as a row of equality_answers, for the county data's bulk insert. */
export function countyEqualityAnswer(p: number) {
  const a = demoEqualityAnswers(p);
  return {
    age_band: a.ageBand,
    sex: a.sex,
    gender_identity: a.genderIdentity,
    sexual_orientation: a.sexualOrientation,
    ethnic_group: a.ethnicGroup,
    ethnic_high: a.ethnicGroup === null || a.ethnicGroup === 'prefer-not' ? a.ethnicGroup : ethnicHighOf(a.ethnicGroup as EthnicGroup),
    religion: a.religion,
    long_term_condition: a.longTermCondition,
    activity_limitation: a.activityLimitation,
    disability: disabilityOf(a.longTermCondition, a.activityLimitation),
    unpaid_care: a.unpaidCare,
    circumstances_answered: a.circumstances === null ? 0 : 1,
    recorded_how: p % 10 === 3 ? ('letter' as const) : ('self' as const),
    recorded_by: null,
  };
}

const first = [
  'Alan',
  'Beth',
  'Colin',
  'Diane',
  'Eric',
  'Fiona',
  'Gary',
  'Hazel',
  'Ian',
  'Joan',
  'Keith',
  'Linda',
  'Martin',
  'Nora',
  'Owen',
  'Pat',
];
const last = ['Abbott', 'Barker', 'Carr', 'Dawson', 'Ellis', 'Fletcher', 'Gibson', 'Holmes', 'Jarvis', 'Kemp'];
export const demoPanelSize = 140;

/**
 * The trust's young carers' panel: 140 people who answered the equality questions (some on
 * paper), so "who is missing" has enough people to say something.
 */
export async function addDemoEquality(
  services: Services,
  staff: { organisationId: string; personId: string },
  projectId: string,
  joinedOn: string,
) {
  const ids = await services.people.createMany(
    staff,
    Array.from({ length: demoPanelSize }, (_, i) => ({
      fullName: `${first[i % first.length]} ${last[Math.floor(i / first.length) % last.length]}`,
      perspectives: ['community' as const],
    })),
  );
  for (const [p, id] of ids.entries()) {
    await services.projects.addMember(staff, projectId, id, 'member', joinedOn);
    await services.equality.save(
      staff.organisationId,
      id,
      demoEqualityAnswers(p),
      p % 10 === 3 ? { how: 'letter', by: staff.personId } : { how: 'self', by: null },
    );
  }
}
