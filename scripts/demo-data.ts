import type { Db } from '../src/db/connection.ts';
import type { Services } from '../src/services.ts';
import type { MemberRole, Stage } from '../src/modules/projects/vocabulary.ts';
import { charityPeople, councilPeople, type DemoPerson } from './demo-people.ts';
import { addDemoMeetings } from './demo-meetings.ts';
import { addDemoRewards } from './demo-rewards.ts';
import { addDemoTimebank } from './demo-timebank.ts';
import { addDemoProposals } from './demo-decisions.ts';
import { addDemoDecisions } from './demo-decision-log.ts';
import { addDemoImpact } from './demo-impact.ts';
import { addDemoReviews } from './demo-reviews.ts';
import { addDemoLearning } from './demo-learning.ts';
import { addDemoTimePolls } from './demo-time-polls.ts';
import { addDemoSafeguarding } from './demo-safeguarding.ts';
import { addDemoCommunityGroups } from './demo-community-groups.ts';
import { addDemoCommunicationPlans } from './demo-communication-plans.ts';
import { addDemoRisks } from './demo-risks.ts';
import { addDemoCharter } from './demo-charter.ts';
import { addDemoStaffTime } from './demo-staff-time.ts';
import { addDemoCommissioning } from './demo-commissioning.ts';
import { addDemoCommissioningFollowUp } from './demo-commissioning-follow-up.ts';
import { addDemoLanguages } from './demo-languages.ts';
import { addDemoPlainWords } from './demo-plain-words.ts';
import { addDemoEasyRead } from './demo-easy-read.ts';
import { addDemoDisplaySettings } from './demo-display-settings.ts';
import { addDemoBuddies } from './demo-buddies.ts';
import { addDemoLearn } from './demo-learn.ts';
import { addDemoIndependentFacilitator } from './demo-independent-facilitators.ts';
import { addDemoOpenReports } from './demo-open-reports.ts';
import { addDemoSupporters } from './demo-supporters.ts';
import { addDemoEquality } from './demo-equality.ts';
import { demoCalendar, type DemoCalendar } from './demo-calendar.ts';
import type { Clock } from '../src/platform/time.ts';

/** Every demo account uses this password. It is printed by `npm run demo` and in the README. */
export const demoPassword = 'demo-password-2026';

type DemoProject = {
  title: string;
  purpose: string;
  activities: Array<'co-design' | 'co-decision' | 'co-delivery' | 'co-evaluation'>;
  levelAim: 'descriptive' | 'intermediate' | 'transformative';
  startDate: string;
  /** Stages in order with the date each began; the last is where the project is now. */
  stages: Array<[Stage, string]>;
  members: Array<[name: string, role: MemberRole, joinedOn: string]>;
  agreement?: { meaning: string; principles: string; benefits: string; outcomes: string; agreedBy: string[] };
};

const councilProjects: DemoProject[] = [
  {
    title: 'Better day centre lunches',
    purpose: 'People who use the Northby day centre, their carers and the kitchen team choose the menu and how lunch is served.',
    activities: ['co-design', 'co-decision', 'co-delivery'],
    levelAim: 'transformative',
    startDate: '2026-03-02',
    stages: [
      ['setting-up', '2026-02-09'],
      ['designing', '2026-03-02'],
      ['deciding', '2026-05-11'],
      ['delivering', '2026-07-06'],
    ],
    members: [
      ['Grace Okafor', 'co-chair', '2026-02-09'],
      ['Hannah Lowe', 'co-chair', '2026-02-09'],
      ['Thomas Reid', 'member', '2026-02-16'],
      ['Samuel Boateng', 'member', '2026-03-02'],
      ['Dennis Whitfield', 'member', '2026-04-06'],
      ['Martin Shaw', 'lead', '2026-02-09'],
    ],
    agreement: {
      meaning: 'We plan the menu together and decide together. The kitchen team and the people who eat the food have an equal say.',
      principles:
        'Everyone is listened to. We use plain words and easy read. We meet where everyone can get in. People are paid for their time.',
      benefits: 'Food people enjoy and can eat safely. New skills for the group. The kitchen team learns what people really want.',
      outcomes: 'A new four-week menu, a way to ask for changes, and fewer meals left uneaten.',
      agreedBy: ['Grace Okafor', 'Hannah Lowe', 'Thomas Reid', 'Martin Shaw'],
    },
  },
  {
    title: "Carers' breaks review",
    purpose: 'Look at how carers get a break, what works and what does not, and what should change.',
    activities: ['co-evaluation'],
    levelAim: 'intermediate',
    startDate: '2025-09-01',
    stages: [
      ['setting-up', '2025-08-04'],
      ['designing', '2025-09-01'],
      ['reviewing', '2026-06-01'],
    ],
    members: [
      ['Martin Shaw', 'lead', '2025-08-04'],
      ['George Evans', 'member', '2025-08-04'],
      ['Fatima Ali', 'member', '2025-08-04'],
      ['Priya Natarajan', 'co-chair', '2025-11-03'],
      ['Nora Kelly', 'member', '2026-01-12'],
    ],
  },
  {
    title: 'Easy read letters',
    purpose: 'Rewrite the letters the council sends about care and support so that everyone can understand them.',
    activities: ['co-design', 'co-delivery'],
    levelAim: 'intermediate',
    startDate: '2026-10-05',
    stages: [
      ['setting-up', '2026-09-14'],
      ['designing', '2026-10-05'],
    ],
    members: [
      ['Samuel Boateng', 'co-chair', '2026-09-14'],
      ['Eileen Murphy', 'member', '2026-09-14'],
      ['Arjun Patel', 'member', '2026-09-21'],
      ['Rosa Price', 'member', '2026-09-21'],
      ['Hannah Lowe', 'co-chair', '2026-09-14'],
    ],
    agreement: {
      meaning: 'The people who get the letters decide what good looks like. Staff bring the rules the letters must follow.',
      principles: 'Short sentences. Test every letter with someone who will get it. Audio and braille versions from the start.',
      benefits: 'Fewer worried phone calls. People know what is happening with their care.',
      outcomes: 'Ten letters rewritten and tested by spring.',
      agreedBy: ['Samuel Boateng', 'Hannah Lowe'],
    },
  },
  {
    title: 'Getting to places: a new transport plan',
    purpose: 'Plan community transport so people can get to groups, shops and appointments.',
    activities: ['co-design', 'co-decision'],
    levelAim: 'transformative',
    startDate: '2027-01-11',
    stages: [['setting-up', '2026-11-02']],
    members: [
      ['Martin Shaw', 'lead', '2026-11-02'],
      ['Olivia Grant', 'member', '2026-11-02'],
    ],
  },
];

const charityProjects: DemoProject[] = [
  {
    title: "Young carers' drop-in",
    purpose: 'Decide with young carers when and where a weekly drop-in should run, and what happens there.',
    activities: ['co-design', 'co-decision'],
    levelAim: 'intermediate',
    startDate: '2026-06-01',
    stages: [
      ['setting-up', '2026-05-04'],
      ['designing', '2026-06-01'],
      ['deciding', '2026-09-07'],
    ],
    members: [
      ['Yusuf Demir', 'lead', '2026-05-04'],
      ['Agnes Moyo', 'co-chair', '2026-05-04'],
      ['Jacob Stone', 'member', '2026-05-18'],
      ['Darren Pike', 'member', '2026-05-18'],
    ],
  },
];

export type DemoResult = {
  organisationId: string;
  staffPersonId: string;
  adminEmail: string;
  samplePersonId: string;
  sampleProjectId: string;
  sampleMeetingId: string;
  peopleCount: number;
  projectCount: number;
  signIns: Array<{ organisation: string; name: string; email: string; role: string }>;
};

async function addPeople(services: Services, organisationId: string, actorPersonId: string, list: DemoPerson[], skipName: string) {
  const ids = new Map<string, string>();
  const signIns: DemoResult['signIns'] = [];
  const actor = { organisationId, personId: actorPersonId };
  for (const p of list) {
    if (p.fullName === skipName) continue;
    const id = await services.people.create(actor, {
      fullName: p.fullName,
      preferredName: p.preferredName ?? null,
      pronouns: p.pronouns ?? null,
      perspectives: p.perspectives,
      email: p.email ?? null,
      mobile: p.mobile ?? null,
      landline: p.landline ?? null,
      address: p.address ?? null,
      contactOrder: p.contactOrder,
      contactTimes: p.contactTimes ? { days: [], parts: [], notes: p.contactTimes } : null,
      skills: p.skills ?? null,
      livedExperience: p.livedExperience ?? null,
      interests: p.interests ?? null,
      timeToGive: p.timeToGive ?? null,
    });
    ids.set(p.fullName, id);
    if (p.needs) {
      // Recorded by the organisation's admin, who set the demo up.
      await services.accessNeeds.save(
        { ...actor, role: 'admin' },
        id,
        true,
        {
          formats: p.needs.formats ?? [],
          interpreterLanguage: p.needs.interpreterLanguage ?? null,
          physical: p.needs.physical ?? [],
          support: p.needs.support ?? [],
          dietary: p.needs.dietary ?? null,
          other: p.needs.other ?? null,
        },
        id,
      );
    }
    if (p.role && p.email) {
      await services.identity.giveAccess(actor, id, null, { email: p.email, role: p.role, active: true });
      await services.db
        .updateTable('accounts')
        .set({ password_hash: await hashDemoPassword() })
        .where('email', '=', p.email.toLowerCase())
        .execute();
      signIns.push({ organisation: '', name: p.fullName, email: p.email.toLowerCase(), role: p.role });
    }
  }
  return { ids, signIns };
}

let demoHash: string | undefined;
async function hashDemoPassword() {
  const { hashPassword } = await import('../src/modules/identity/passwords.ts');
  demoHash ??= await hashPassword(demoPassword);
  return demoHash;
}

async function addProjects(
  services: Services,
  db: Db,
  cal: DemoCalendar,
  organisationId: string,
  actorPersonId: string,
  list: DemoProject[],
  ids: Map<string, string>,
) {
  const actor = { organisationId, personId: actorPersonId };
  const projectIds: string[] = [];
  for (const p of list) {
    const stage = p.stages[p.stages.length - 1]![0];
    const id = await services.projects.create(actor, {
      title: p.title,
      purpose: p.purpose,
      activities: p.activities,
      levelAim: p.levelAim,
      stage,
      startDate: cal.dated(p.startDate),
    });
    projectIds.push(id);
    // The demo has a past: replace the single "created today" stage with its real history.
    await db.deleteFrom('project_stage_changes').where('project_id', '=', id).execute();
    for (const [i, [s, writtenOn]] of p.stages.entries()) {
      const on = cal.dated(writtenOn);
      await db
        .insertInto('project_stage_changes')
        .values({
          id: crypto.randomUUID(),
          organisation_id: organisationId,
          project_id: id,
          stage: s,
          changed_on: on,
          changed_at: `${on}T09:00:0${i}.000Z`,
        })
        .execute();
    }
    for (const [name, role, joinedOn] of p.members) {
      const personId = ids.get(name);
      if (!personId) throw new Error(`demo data: no person called ${name}`);
      await services.projects.addMember(actor, id, personId, role, cal.dated(joinedOn));
    }
    if (p.agreement) {
      const { agreedBy, ...text } = p.agreement;
      const version = await services.agreements.save(actor, id, text);
      for (const name of agreedBy) {
        const personId = ids.get(name)!;
        await services.agreements.agree({ organisationId, personId }, id, personId, version);
      }
    }
  }
  return projectIds;
}

/**
 * Fills an empty database with two organisations, about 40 people and 5 projects, all
 * through the real services so the demo obeys the same rules as real use. `now` must be the
 * clock the services were built with: the demo's story is told around its today.
 */
export async function seedDemo(services: Services, db: Db, now: Clock): Promise<DemoResult> {
  const cal = demoCalendar(now);
  const councilAdmin = {
    organisationName: 'Northshire County Council',
    area: 'Northshire',
    adminName: 'Helen Carter',
    email: 'admin@northshire.example',
    password: demoPassword,
  };
  const charityAdmin = {
    organisationName: 'Riverside Carers Trust',
    area: 'Riverside',
    adminName: 'Ruth Ellison',
    email: 'ruth@riverside-carers.example',
    password: demoPassword,
  };
  await services.organisations.setUp(councilAdmin);
  await services.organisations.addAnother(charityAdmin);

  const admins = await db
    .selectFrom('accounts')
    .select(['organisation_id', 'person_id', 'email'])
    .where('email', 'in', [councilAdmin.email, charityAdmin.email])
    .execute();
  const council = admins.find((a) => a.email === councilAdmin.email)!;
  const charity = admins.find((a) => a.email === charityAdmin.email)!;

  const c = await addPeople(services, council.organisation_id, council.person_id, councilPeople, councilAdmin.adminName);
  const r = await addPeople(services, charity.organisation_id, charity.person_id, charityPeople, charityAdmin.adminName);
  r.ids.set(charityAdmin.adminName, charity.person_id);
  const councilProjectIds = await addProjects(services, db, cal, council.organisation_id, council.person_id, councilProjects, c.ids);
  const charityProjectIds = await addProjects(services, db, cal, charity.organisation_id, charity.person_id, charityProjects, r.ids);
  const councilStaff = { organisationId: council.organisation_id, personId: council.person_id };
  const meetings = await addDemoMeetings(
    services,
    cal,
    councilStaff,
    { lunches: councilProjectIds[0]!, letters: councilProjectIds[2]! },
    c.ids,
  );
  const adminAccount = await db.selectFrom('accounts').select('id').where('email', '=', councilAdmin.email).executeTakeFirstOrThrow();
  const adminUser = (await services.identity.loadUser(adminAccount.id))!;
  await addDemoRewards(services, cal, councilStaff, adminUser, c.ids, councilProjectIds[0]!, meetings.past);
  const userOf = async (email: string) =>
    (await services.identity.loadUser(
      (await db.selectFrom('accounts').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id,
    ))!;
  await addDemoTimebank(services, cal, councilStaff, adminUser, c.ids, meetings.past, userOf);
  await addDemoProposals(services, db, cal, councilStaff, c.ids, councilProjectIds[0]!);
  await addDemoDecisions(
    services,
    cal,
    adminUser,
    c.ids,
    { lunches: councilProjectIds[0]!, letters: councilProjectIds[2]! },
    meetings.past,
  );
  await addDemoReviews(services, cal, adminUser, c.ids, councilProjectIds[0]!, userOf);
  await addDemoLearning(services, cal, adminUser, c.ids, councilProjectIds[0]!, userOf);
  await addDemoImpact(services, cal, councilStaff, adminUser);
  await addDemoTimePolls(services, cal, councilStaff, councilProjectIds[0]!, c.ids);
  await addDemoSupporters(services, cal, adminUser, c.ids, meetings.next, userOf);
  await addDemoSafeguarding(services, adminUser, c.ids);
  // The directory of community groups and outreach to close a gap (issue 20, S5).
  await addDemoCommunityGroups(services, cal, adminUser, c.ids, councilProjectIds[0]!);
  // Communication plans (issue 20, S4): after the decisions above, so a new one waits for its digest.
  await addDemoCommunicationPlans(services, cal, adminUser, {
    lunches: councilProjectIds[0]!,
    letters: councilProjectIds[2]!,
    transport: councilProjectIds[3]!,
  });
  await addDemoRisks(services, cal, adminUser, c.ids, councilProjectIds[0]!, userOf);
  await addDemoCharter(services, adminUser, c.ids);
  // Staff time given against used (issue 22, P4).
  await addDemoStaffTime(services, cal, adminUser, userOf, { lunches: councilProjectIds[0]!, letters: councilProjectIds[2]! });
  // Commissioning with people who draw on care: the policy and one round, decided and shared (issue 23, P6, P7).
  await addDemoCommissioning(services, cal, adminUser, userOf);
  // After the contract: the winning bid's promises, checked in the mid-year review; the policy's version 2, written with members.
  await addDemoCommissioningFollowUp(services, cal, adminUser, userOf);
  // Welsh on, English first; Nora reads in Welsh; a Welsh purpose and summary (issue 24).
  await addDemoLanguages(services, adminUser, {
    nora: c.ids.get('Nora Kelly')!,
    lunches: councilProjectIds[0]!,
    pastMeeting: meetings.past,
  });
  // Words to avoid: the starter list and two of the council's own (issue 24).
  await addDemoPlainWords(services, adminUser);
  // Easy read pages for Amira, and the past meeting's easy read summary (issue 24).
  await addDemoEasyRead(services, adminUser, userOf, meetings.past);
  // How pages look for two members: large text and reading aloud; higher contrast (issue 24).
  await addDemoDisplaySettings(services, userOf);
  // Buddies for newcomers (issue 22, P5).
  await addDemoBuddies(services, cal, adminUser, c.ids);
  // Learn together: modules done, training and a certificate of involvement (issue 22, P3).
  await addDemoLearn(services, cal, adminUser, c.ids, userOf);
  // An independent facilitator runs the easy read letters project's meetings (issue 22).
  const independent = await addDemoIndependentFacilitator(services, db, adminUser, await hashDemoPassword(), councilProjectIds[2]!);
  await addDemoOpenReports(services, adminUser, councilProjectIds[1]);
  // Equality monitoring (issue 19): a young carers' panel at the trust answered.
  await addDemoEquality(
    services,
    { organisationId: charity.organisation_id, personId: charity.person_id },
    charityProjectIds[0]!,
    cal.day(-60),
  );
  const sampleMeetingId = meetings.next;

  return {
    organisationId: council.organisation_id,
    staffPersonId: council.person_id,
    adminEmail: councilAdmin.email,
    samplePersonId: c.ids.get('Dennis Whitfield')!,
    sampleProjectId: councilProjectIds[0]!,
    sampleMeetingId,
    peopleCount: (await services.people.count(council.organisation_id)) + (await services.people.count(charity.organisation_id)),
    projectCount: councilProjectIds.length + charityProjectIds.length,
    signIns: [
      { organisation: councilAdmin.organisationName, name: councilAdmin.adminName, email: councilAdmin.email, role: 'admin' },
      ...c.signIns.map((s) => ({ ...s, organisation: councilAdmin.organisationName })),
      { ...independent, organisation: councilAdmin.organisationName },
      { organisation: charityAdmin.organisationName, name: charityAdmin.adminName, email: charityAdmin.email, role: 'admin' },
      ...r.signIns.map((s) => ({ ...s, organisation: charityAdmin.organisationName })),
    ],
  };
}
