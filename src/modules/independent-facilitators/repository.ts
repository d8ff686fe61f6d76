import type { Executor } from '../../db/connection.ts';
import type { Page } from '../../platform/pagination.ts';

export const role = 'independent-facilitator' as const;

/** Whether the person is named on this meeting, or on the project it belongs to. */
export async function mayRun(db: Executor, organisationId: string, personId: string, meetingId: string, projectId: string) {
  const row = await db
    .selectFrom('independent_facilitator_namings')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('removed_at', 'is', null)
    .where((eb) => eb.or([eb('meeting_id', '=', meetingId), eb('project_id', '=', projectId)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Of these meetings, the ones the person may run: one query, however many are asked about. */
export async function runnableAmong(
  db: Executor,
  organisationId: string,
  personId: string,
  meetings: ReadonlyArray<{ id: string; projectId: string }>,
): Promise<Set<string>> {
  if (meetings.length === 0) return new Set();
  const rows = await db
    .selectFrom('independent_facilitator_namings')
    .select(['meeting_id', 'project_id'])
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('removed_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb(
          'meeting_id',
          'in',
          meetings.map((m) => m.id),
        ),
        eb('project_id', 'in', [...new Set(meetings.map((m) => m.projectId))]),
      ]),
    )
    .execute();
  const namedMeetings = new Set(rows.map((r) => r.meeting_id));
  const namedProjects = new Set(rows.map((r) => r.project_id));
  return new Set(meetings.filter((m) => namedMeetings.has(m.id) || namedProjects.has(m.projectId)).map((m) => m.id));
}

export async function namedOnProject(db: Executor, organisationId: string, personId: string, projectId: string) {
  const row = await db
    .selectFrom('independent_facilitator_namings')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('project_id', '=', projectId)
    .where('removed_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Where one independent facilitator works: projects and single meetings, newest naming first. */
export async function placesOf(db: Executor, organisationId: string, personId: string, page: Page) {
  const base = db
    .selectFrom('independent_facilitator_namings as n')
    .where('n.organisation_id', '=', organisationId)
    .where('n.person_id', '=', personId)
    .where('n.removed_at', 'is', null);
  const [rows, total] = await Promise.all([
    base
      .leftJoin('projects as p', (j) => j.onRef('p.id', '=', 'n.project_id').onRef('p.organisation_id', '=', 'n.organisation_id'))
      .leftJoin('meetings as m', (j) => j.onRef('m.id', '=', 'n.meeting_id').onRef('m.organisation_id', '=', 'n.organisation_id'))
      .leftJoin('projects as mp', (j) => j.onRef('mp.id', '=', 'm.project_id').onRef('mp.organisation_id', '=', 'm.organisation_id'))
      .select([
        'n.id',
        'n.project_id',
        'n.meeting_id',
        'p.title as project_title',
        'm.title as meeting_title',
        'm.starts_at',
        'mp.title as meeting_project_title',
      ])
      .orderBy('n.named_at', 'desc')
      .orderBy('n.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** The meetings of one project, newest first, a page at a time. */
export async function projectMeetings(db: Executor, organisationId: string, projectId: string, page: Page) {
  const base = db.selectFrom('meetings').where('organisation_id', '=', organisationId).where('project_id', '=', projectId);
  const [rows, total] = await Promise.all([
    base
      .select(['id', 'title', 'starts_at', 'ends_at', 'cancelled_at'])
      .orderBy('starts_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function projectTitle(db: Executor, organisationId: string, projectId: string) {
  const row = await db
    .selectFrom('projects')
    .select(['id', 'title'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', projectId)
    .executeTakeFirst();
  return row ?? null;
}

/** Everyone with an independent facilitator's account, with how many places each is named on. */
export async function facilitatorsPage(db: Executor, organisationId: string, page: Page) {
  const base = db
    .selectFrom('accounts as a')
    .innerJoin('people as p', (j) => j.onRef('p.id', '=', 'a.person_id').onRef('p.organisation_id', '=', 'a.organisation_id'))
    .where('a.organisation_id', '=', organisationId)
    .where('a.role', '=', role);
  const [rows, total] = await Promise.all([
    base
      .leftJoin('independent_facilitator_namings as n', (j) =>
        j.onRef('n.person_id', '=', 'a.person_id').onRef('n.organisation_id', '=', 'a.organisation_id').on('n.removed_at', 'is', null),
      )
      .select(['a.person_id', 'p.full_name', 'a.active', (eb) => eb.fn.count<number>('n.id').as('places')])
      .groupBy(['a.person_id', 'p.full_name', 'a.active'])
      .orderBy('p.full_name')
      .orderBy('a.person_id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Independent facilitators an admin may name: active accounts, by name (a handful; 200 at most). */
export async function choosable(db: Executor, organisationId: string) {
  return db
    .selectFrom('accounts as a')
    .innerJoin('people as p', (j) => j.onRef('p.id', '=', 'a.person_id').onRef('p.organisation_id', '=', 'a.organisation_id'))
    .where('a.organisation_id', '=', organisationId)
    .where('a.role', '=', role)
    .where('a.active', '=', 1)
    .select(['a.person_id', 'p.full_name'])
    .orderBy('p.full_name')
    .limit(200)
    .execute();
}

export async function isChoosable(db: Executor, organisationId: string, personId: string) {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('role', '=', role)
    .where('active', '=', 1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Who is named on one project or one meeting (a few people at most). */
export async function namedOn(db: Executor, organisationId: string, where: { projectId: string } | { meetingId: string }) {
  let q = db
    .selectFrom('independent_facilitator_namings as n')
    .innerJoin('people as p', (j) => j.onRef('p.id', '=', 'n.person_id').onRef('p.organisation_id', '=', 'n.organisation_id'))
    .select(['n.id', 'n.person_id', 'p.full_name', 'n.named_at'])
    .where('n.organisation_id', '=', organisationId)
    .where('n.removed_at', 'is', null);
  q = 'projectId' in where ? q.where('n.project_id', '=', where.projectId) : q.where('n.meeting_id', '=', where.meetingId);
  return q.orderBy('p.full_name').limit(50).execute();
}

export async function insertNaming(
  db: Executor,
  row: {
    id: string;
    organisation_id: string;
    person_id: string;
    project_id: string | null;
    meeting_id: string | null;
    named_by_person_id: string;
    named_at: string;
  },
) {
  await db.insertInto('independent_facilitator_namings').values(row).execute();
}

export async function findNaming(db: Executor, organisationId: string, id: string) {
  return db
    .selectFrom('independent_facilitator_namings')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
}

export async function endNaming(db: Executor, organisationId: string, id: string, at: string) {
  await db
    .updateTable('independent_facilitator_namings')
    .set({ removed_at: at })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .execute();
}

/** Whether a project had an independent facilitator: named on it, or on one of its meetings. */
export async function projectHadOne(db: Executor, organisationId: string, projectId: string) {
  const [onProject, onMeeting] = await Promise.all([
    db
      .selectFrom('independent_facilitator_namings')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .where('project_id', '=', projectId)
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('independent_facilitator_namings as n')
      .innerJoin('meetings as m', (j) => j.onRef('m.id', '=', 'n.meeting_id').onRef('m.organisation_id', '=', 'n.organisation_id'))
      .select('n.id')
      .where('n.organisation_id', '=', organisationId)
      .where('m.project_id', '=', projectId)
      .limit(1)
      .executeTakeFirst(),
  ]);
  return onProject !== undefined || onMeeting !== undefined;
}

export async function meetingBrief(db: Executor, organisationId: string, meetingId: string) {
  const row = await db
    .selectFrom('meetings as m')
    .innerJoin('projects as p', (j) => j.onRef('p.id', '=', 'm.project_id').onRef('p.organisation_id', '=', 'm.organisation_id'))
    .select(['m.id', 'm.title', 'm.starts_at', 'm.project_id', 'p.title as project_title'])
    .where('m.organisation_id', '=', organisationId)
    .where('m.id', '=', meetingId)
    .executeTakeFirst();
  return row ?? null;
}
