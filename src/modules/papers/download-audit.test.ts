import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

// Audit and privacy: a meeting's papers are downloaded as files that leave the app, so each
// download is in the audit log: who took which file of which meeting, and when.
const pdf = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

for (const dialect of databaseDialects()) {
  describe(`paper downloads are audited (${dialect})`, () => {
    let t: TestApp;
    let filesDir: string;
    let meetingId: string;
    let fileId: string;
    let ids: { mo: string; organisationId: string };
    const log = () =>
      t.database.db
        .selectFrom('audit_log')
        .select(['organisation_id', 'actor_person_id', 'subject_type', 'subject_id', 'changes', 'at'])
        .where('action', '=', 'paper-downloaded')
        .execute();
    const everything = async () => (await t.database.db.selectFrom('audit_log').select('id').execute()).length;

    beforeEach(async () => {
      filesDir = await fs.mkdtemp(path.join(os.tmpdir(), 'coproduce-paper-reads-'));
      t = await makeTestApp({ dialect, env: { FILES_DIR: filesDir } });
      const org = await organisationWithAdmin(t);
      await anotherOrganisation(t);
      const staff = { organisationId: org.organisationId, personId: org.adminPersonId };
      const mo = await personWithAccount(
        t,
        org.organisationId,
        { fullName: 'Mo Member', perspectives: ['draws-on-care'] },
        { email: 'mo@example.com', role: 'member' },
      );
      await personWithAccount(
        t,
        org.organisationId,
        { fullName: 'Len Outsider', perspectives: ['community'] },
        { email: 'len@example.com', role: 'member' },
      );
      ids = { mo: mo.personId, organisationId: org.organisationId };
      const projectId = await t.services.projects.create(staff, {
        title: 'Better day centre lunches',
        purpose: 'Menus',
        activities: ['co-design'],
        levelAim: 'intermediate',
        stage: 'designing',
        startDate: '2026-11-01',
      });
      await t.services.projects.addMember(staff, projectId, mo.personId, 'member', '2026-11-01');
      const startsAt = new Date(t.now().getTime() + 10 * 86_400_000);
      meetingId = await t.services.meetings.create(staff, projectId, {
        title: 'Menu tasting',
        purpose: 'Taste soups',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
        format: 'in-person',
        venueId: null,
        joiningDetails: null,
        membersOnly: false,
        arrangements: [],
        interpreterLanguages: [],
      });
      const admin = {
        ...staff,
        accountId: org.adminAccountId,
        organisationName: 'Northshire County Council',
        role: 'admin' as const,
        name: 'Ada Admin',
      };
      const checked = await t.services.papers.checkUpload({ data: Buffer.from(pdf), fileName: 'agenda.pdf' });
      assert.ok(checked.ok);
      await t.services.papers.add(admin, meetingId, { title: 'Agenda', format: 'standard' }, checked.upload);
      fileId = (await t.database.db.selectFrom('meeting_paper_files').select('id').executeTakeFirstOrThrow()).id;
    });
    afterEach(async () => {
      await t.close();
      await fs.rm(filesDir, { recursive: true, force: true });
    });

    test('a member of the project downloads a paper: who, which file of which meeting, when', async () => {
      const mo = await signedInClient(t, 'mo@example.com');
      const file = await mo.get(`/meetings/${meetingId}/papers/files/${fileId}`);
      assert.equal(file.statusCode, 200);
      assert.match(file.body, /%PDF/);
      assert.deepEqual(await log(), [
        {
          organisation_id: ids.organisationId,
          actor_person_id: ids.mo,
          subject_type: 'meeting',
          subject_id: meetingId,
          changes: JSON.stringify([{ field: 'file', to: fileId }]),
          at: t.now().toISOString(),
        },
      ]);
    });

    test('another organisation, and someone outside the project, get "not found" and write nothing', async () => {
      const before = await everything();
      for (const email of ['admin@riverside.test', 'len@example.com']) {
        const client = await signedInClient(t, email);
        assert.equal((await client.get(`/meetings/${meetingId}/papers/files/${fileId}`)).statusCode, 404, email);
      }
      assert.equal(await everything(), before);
    });
  });
}
