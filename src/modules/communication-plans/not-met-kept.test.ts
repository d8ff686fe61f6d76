import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { organisationWithAdmin } from '../../../test/helpers/fixtures.ts';
import { insertMeeting } from '../../../test/helpers/meetings.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import type { CurrentUser } from '../../platform/auth.ts';
import { newId } from '../../platform/ids.ts';
import { enqueue } from '../../platform/outbox.ts';

// The To do line "plan not met" is on every staff home page, and counting it reads a year of
// meetings: it is kept between requests (decision 0014). A kept count is never a stale one:
// each change under it, and the passing of a meeting's start, counts it again.

for (const dialect of databaseDialects()) {
  describe(`plan not met, kept (${dialect})`, () => {
    async function world(run: (t: TestApp, admin: CurrentUser, queries: () => number, projectId: string) => Promise<void>) {
      let queries = 0;
      // A Wednesday morning in December, London time.
      const t = await makeTestApp({ dialect, startAt: new Date('2026-12-02T10:00:00Z'), onQuery: () => void queries++ });
      try {
        const org = await organisationWithAdmin(t);
        const staff = { organisationId: org.organisationId, personId: org.adminPersonId };
        const admin: CurrentUser = { ...staff, accountId: 'a', organisationName: 'Org', role: 'admin', name: 'Admin' };
        // No members: nothing the project decides or holds reaches anyone by itself.
        const projectId = await t.services.projects.create(staff, {
          title: 'Quiet garden group',
          purpose: 'Grow things.',
          activities: ['co-decision'],
          levelAim: 'transformative',
          stage: 'deciding',
          startDate: '2026-01-05',
        });
        await run(t, admin, () => queries, projectId);
      } finally {
        await t.close();
      }
    }

    const cost = async (queries: () => number, run: () => Promise<unknown>) => {
      const before = queries();
      await run();
      return queries() - before;
    };

    test('a second count costs one small query; each change under it counts it again', async () => {
      await world(async (t, admin, queries, projectId) => {
        const count = () => t.services.communicationPlans.notMetCount(admin);
        assert.equal(await count(), 0);
        assert.equal(await cost(queries, count), 1, 'kept: only the figure version is read');

        // A decision made 40 days ago that nobody was told about.
        const staff = { organisationId: admin.organisationId, personId: admin.personId };
        await t.services.decisionLog.recordDecision(staff, {
          projectId,
          proposalId: null,
          meetingId: null,
          decided: 'Plant beans',
          why: 'Everyone likes beans',
          takingPart: null,
          decidedOn: '2026-10-23',
        });
        assert.equal(await count(), 1);
        const page = () => t.services.communicationPlans.notMetPage(admin, { page: 1, limit: 50, offset: 0 });
        assert.equal((await page()).total, 1);
        assert.equal(await cost(queries, page), 1, 'the page is kept too');
        const decisionId = (await t.database.db.selectFrom('decision_records').select('id').executeTakeFirstOrThrow()).id;

        // Other messages leave the count kept; a message about the decision tells someone.
        const message = (kind: 'decision' | 'sign-in', aboutId: string | null) =>
          enqueue(
            t.database.db,
            { organisationId: admin.organisationId, kind, aboutId, recipient: 'mo@example.com', subject: 'News', bodyText: 'News' },
            t.now(),
            null,
          );
        await message('sign-in', null);
        assert.equal(await cost(queries, count), 1, 'a message about something else changes nothing counted');
        await message('decision', decisionId);
        assert.equal(await count(), 0);
        assert.equal((await page()).total, 0);

        // A meeting last month whose summary was never shared, then shared.
        const meetingId = await meeting(t, admin.organisationId, projectId, '2026-10-20T10:00:00.000Z');
        assert.equal(await count(), 1);
        await t.database.db
          .insertInto('meeting_notes')
          .values({
            meeting_id: meetingId,
            organisation_id: admin.organisationId,
            discussed: 'The beds',
            summary: 'We planned the beds.',
            updated_at: '2026-10-21T10:00:00.000Z',
            updated_by: null,
            summary_published_at: '2026-10-21T10:00:00.000Z',
          })
          .execute();
        assert.equal(await count(), 0);

        // Papers for a meeting that has passed, which went to no one, then to someone.
        const paperMeeting = await meeting(t, admin.organisationId, projectId, '2026-11-30T10:00:00.000Z');
        assert.equal(await count(), 0);
        const paperId = newId();
        await t.database.db
          .insertInto('meeting_papers')
          .values({
            id: paperId,
            organisation_id: admin.organisationId,
            meeting_id: paperMeeting,
            title: 'Agenda',
            created_at: '2026-11-25T10:00:00.000Z',
          })
          .execute();
        assert.equal(await count(), 1);
        await t.database.db.deleteFrom('meeting_papers').where('id', '=', paperId).execute();
        assert.equal(await count(), 0);
      });
    });

    test('time alone: a meeting whose start passes, or whose summary falls due, is counted with no change to the data', async () => {
      await world(async (t, admin, queries, projectId) => {
        const count = () => t.services.communicationPlans.notMetCount(admin);
        // Tomorrow's meeting has papers that have gone to no one: not late until it starts.
        const tomorrow = await meeting(t, admin.organisationId, projectId, '2026-12-03T10:00:00.000Z');
        await t.database.db
          .insertInto('meeting_papers')
          .values({
            id: newId(),
            organisation_id: admin.organisationId,
            meeting_id: tomorrow,
            title: 'Agenda',
            created_at: '2026-12-01T10:00:00.000Z',
          })
          .execute();
        // A meeting 29 days and 23 hours ago: its summary is due in an hour.
        const summaryDue = await meeting(t, admin.organisationId, projectId, '2026-11-02T11:00:00.000Z');
        assert.ok(summaryDue);
        assert.equal(await count(), 0);
        t.clock.now = new Date('2026-12-02T10:59:00Z');
        assert.equal(await cost(queries, count), 1, 'nothing has moved: still kept');
        t.clock.now = new Date('2026-12-02T11:00:01Z');
        assert.equal(await count(), 1, 'the summary is now late');
        t.clock.now = new Date('2026-12-03T10:00:01Z');
        assert.equal(await count(), 2, 'the meeting has started with papers sent to no one');
      });
    });
  });
}

/** A meeting that went ahead, invitations sent, with no summary or papers. */
function meeting(t: TestApp, organisationId: string, projectId: string, startsAt: string) {
  return insertMeeting(t.database.db, {
    organisationId,
    projectId,
    startsAt,
    title: 'Garden meeting',
    purpose: 'Plan the beds',
    invitationsSentAt: '2026-09-01T10:00:00.000Z',
  });
}
