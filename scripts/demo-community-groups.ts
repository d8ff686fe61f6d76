import type { RoleActor } from '../src/platform/auth.ts';
import type { GroupInput } from '../src/modules/community-groups/group-form.ts';
import type { Services } from '../src/services.ts';
import type { DemoCalendar } from './demo-calendar.ts';

const entry = (given: Partial<GroupInput> & Pick<GroupInput, 'name' | 'kind'>): GroupInput => ({
  whatTheyDo: null,
  reach: [],
  contactName: null,
  email: null,
  phone: null,
  address: null,
  website: null,
  bestWay: null,
  contactNotes: null,
  timebankPartner: false,
  ...given,
});

/**
 * The directory of community groups (issue 20, S5). Northshire's list holds the groups,
 * networks and places its people already belong to, each with who it reaches; the time
 * bank's partners are there too (added by the time bank's demo). The lunches project has
 * nobody from Gypsy and Traveller communities: one outreach action asks the local support
 * group to the next open forum (due next week), one to the carers' network is overdue, and
 * one with the mosque's lunch club came to something.
 */
export async function addDemoCommunityGroups(
  services: Services,
  cal: DemoCalendar,
  admin: RoleActor,
  ids: Map<string, string>,
  lunchesProjectId: string,
) {
  const { communityGroups, outreach } = services;
  const add = async (input: GroupInput) => {
    const saved = await communityGroups.create(admin, input);
    if (!saved.ok) throw new Error(`demo group ${input.name}: ${JSON.stringify(saved.errors)}`);
    return saved.id;
  };
  const travellers = await add(
    entry({
      name: 'Northshire Gypsy and Traveller Support',
      kind: 'group',
      whatTheyDo: 'Advice, a health visitor and a drop-in on the Fenside site every Tuesday.',
      reach: ['ethnicGroup.gypsy-irish-traveller', 'ethnicGroup.roma', 'circumstances.gypsy-traveller'],
      contactName: 'Rosie Lee',
      phone: '01632 960 210',
      address: 'The cabin, Fenside site, Northtown',
      bestWay: 'in-person',
      contactNotes: 'Drop in on Tuesday mornings; people prefer to meet face to face before anything in writing.',
    }),
  );
  await communityGroups.addContact(admin, travellers, {
    contactName: 'Rosie Lee',
    role: 'Site worker',
    email: null,
    phone: '01632 960 210',
  });
  const carers = await add(
    entry({
      name: 'Northtown Carers Network',
      kind: 'network',
      whatTheyDo: 'A monthly café and a phone tree for unpaid carers.',
      reach: ['unpaidCare.20-to-49', 'unpaidCare.50-plus', 'ageBand.65-74'],
      contactName: 'Jean Cooper',
      email: 'hello@northtowncarers.example',
      phone: '01632 960 220',
      bestWay: 'email',
      contactNotes: 'Email Jean; she shares news at the café on the first Friday.',
    }),
  );
  const mosque = await add(
    entry({
      name: 'Al-Noor Mosque lunch club',
      kind: 'group',
      whatTheyDo: 'A hot lunch for older people on Wednesdays, in Urdu, Bengali and English.',
      reach: ['religion.muslim', 'ethnicGroup.pakistani', 'ethnicGroup.bangladeshi', 'ageBand.75-84'],
      contactName: 'Imran Hussain',
      phone: '01632 960 230',
      bestWay: 'phone',
    }),
  );
  await add(
    entry({
      name: 'Northtown Library',
      kind: 'place',
      whatTheyDo: 'Free rooms, computers and help to get online.',
      reach: ['circumstances.no-organised-group', 'ageBand.85-plus'],
      phone: '01632 960 240',
      address: 'Market Square, Northtown',
      website: 'www.northshire.example/libraries',
      bestWay: 'in-person',
    }),
  );
  await add(
    entry({
      name: 'Deaf Connect Northshire',
      kind: 'partner',
      whatTheyDo: 'British Sign Language interpreters and a Deaf social club.',
      reach: ['circumstances.communicates-differently', 'disability.disabled-a-lot'],
      email: 'bookings@deafconnect.example',
      bestWay: 'email',
      contactNotes: 'Email or text only, please: no phone calls.',
    }),
  );
  await add(
    entry({
      name: 'Pride in Northshire',
      kind: 'network',
      whatTheyDo: 'Social evenings and a support line for LGBT+ people over 50.',
      reach: [
        'sexualOrientation.gay-lesbian',
        'sexualOrientation.bisexual',
        'genderIdentity.trans-woman',
        'genderIdentity.trans-man',
        'genderIdentity.non-binary',
      ],
      email: 'over50s@prideinnorthshire.example',
      bestWay: 'email',
    }),
  );
  await add(
    entry({
      name: 'Willow Court Residents Committee',
      kind: 'group',
      whatTheyDo: 'Residents of Willow Court care home who meet each month.',
      reach: ['circumstances.residential-home', 'circumstances.dementia', 'ageBand.85-plus'],
      contactName: 'The activities coordinator',
      phone: '01632 960 250',
      bestWay: 'letter',
      contactNotes: 'Write to the committee; the coordinator reads letters out at the meeting.',
    }),
  );

  const owner = ids.get('Hannah Lowe') ?? admin.personId;
  const plan = async (reach: string, groupId: string, what: string, dueOn: string) => {
    const made = await outreach.create(admin, { reach, projectId: lunchesProjectId, groupId, what, ownerId: owner, dueOn });
    if (!made.ok) throw new Error(`demo outreach: ${JSON.stringify(made.errors)}`);
    return made.id;
  };
  await plan(
    'ethnicGroup.gypsy-irish-traveller',
    travellers,
    'Ask the support group to come to the next open forum, and offer to hold one on the Fenside site.',
    cal.day(7),
  );
  await plan('unpaidCare.50-plus', carers, 'Ask Jean to share the lunches survey at the carers café.', cal.day(-5));
  const done = await plan('religion.muslim', mosque, 'Visit the Wednesday lunch club and ask what lunches people want.', cal.day(-20));
  await outreach.close(admin, done, {
    result: 'reached',
    outcome: 'Twelve people gave their ideas; two now come to the lunches project meetings.',
  });
}
