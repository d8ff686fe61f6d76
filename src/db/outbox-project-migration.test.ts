import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../test/helpers/databases.ts';
import { datesWrittenFor, makeTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { organisationWithAdmin, personWithAccount } from '../../test/helpers/fixtures.ts';
import { enqueue } from '../platform/outbox.ts';
import * as migration from './migrations/2026-12-07T0500_outbox_project_and_name.ts';

// Messages written before the outbox knew its project and a letter's name learn both from
// what they are about and whom they are for, so facilitators can read the ones already waiting.
for (const dialect of databaseDialects()) {
  describe(`outbox project and name migration (${dialect})`, () => {
    let t: TestApp;
    beforeEach(async () => {
      t = await makeTestApp({ dialect, startAt: datesWrittenFor });
    });
    afterEach(() => t.close());

    test("messages already written learn their meeting's project, and letters their person's full name", async () => {
      const org = await organisationWithAdmin(t);
      const staff = { organisationId: org.organisationId, personId: org.adminPersonId };
      const { personId: dennis } = await personWithAccount(t, org.organisationId, {
        fullName: 'Dennis Whitfield',
        preferredName: 'Den',
        perspectives: ['draws-on-care'],
        address: '4 Mill Lane\nNB1 2CD',
        contactOrder: ['letter'],
      });
      const projectId = await t.services.projects.create(staff, {
        title: 'Better day centre lunches',
        purpose: 'Menus',
        activities: ['co-design'],
        levelAim: 'intermediate',
        stage: 'designing',
        startDate: '2026-11-01',
      });
      await t.services.projects.addMember(staff, projectId, dennis, 'member', '2026-11-01');
      const meetingId = await t.services.meetings.create(staff, projectId, {
        title: 'Menu planning group',
        purpose: 'Choose the winter menu together.',
        startsAt: '2026-12-03T10:30:00.000Z',
        endsAt: '2026-12-03T12:30:00.000Z',
        format: 'phone',
        venueId: null,
        joiningDetails: 'We will ring you',
        membersOnly: false,
        arrangements: [],
        interpreterLanguages: [],
      });
      await t.services.invitations.sendInvitations(staff, meetingId);
      const swap = await enqueue(
        t.database.db,
        { organisationId: org.organisationId, kind: 'timebank', recipient: 'a@example.com', subject: 'S', bodyText: 'B' },
        t.now(),
        null,
      );

      // The outbox as it was before, then brought up to date.
      await migration.down(t.database.db);
      await migration.up(t.database.db);

      const rows = await t.database.db
        .selectFrom('outbox')
        .select(['id', 'person_id', 'project_id', 'recipient_name', 'channel'])
        .execute();
      const letter = rows.find((r) => r.person_id === dennis);
      assert.deepEqual(
        { channel: letter?.channel, project: letter?.project_id, name: letter?.recipient_name },
        { channel: 'letter', project: projectId, name: 'Dennis Whitfield' },
      );
      const other = rows.find((r) => r.id === swap);
      assert.deepEqual([other?.project_id, other?.recipient_name], [null, null]);
    });
  });
}
