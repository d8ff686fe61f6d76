import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { failInserts, mendInserts } from '../../../test/helpers/failing-inserts.ts';
import { organisationWithAdmin, signedInClient } from '../../../test/helpers/fixtures.ts';
import { menuTasting } from '../../../test/helpers/meetings.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

// A meeting's English notes and the Welsh summary beside them (issue 24) are one save: when
// the Welsh cannot be written, the English is not changed either, so the two never disagree.
for (const dialect of databaseDialects()) {
  describe(`meeting notes and their Welsh summary are saved together (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let meetingId: string;
    const staff = () => ({ organisationId: org.organisationId, personId: org.adminPersonId });

    beforeEach(async () => {
      t = await makeTestApp({ dialect, startAt: new Date('2026-12-09T10:00:00Z') });
      org = await organisationWithAdmin(t);
      await t.services.languages.saveSetting(staff(), 'english-first');
      ({ meetingId } = await menuTasting(t, staff()));
    });
    afterEach(() => t.close());

    const saved = async () => {
      const { db } = t.database;
      const [notes, welsh, audited] = await Promise.all([
        db.selectFrom('meeting_notes').select(['discussed', 'summary']).where('meeting_id', '=', meetingId).executeTakeFirst(),
        db.selectFrom('welsh_versions').select('text').where('subject_id', '=', meetingId).executeTakeFirst(),
        db.selectFrom('audit_log').select('id').where('subject_id', '=', meetingId).where('action', '=', 'notes-saved').execute(),
      ]);
      return { notes, welsh: welsh?.text ?? null, audited: audited.length };
    };

    test('when the Welsh summary cannot be written, the English notes stay as they were; once it can, both are saved', async () => {
      const admin = await signedInClient(t, org.email);
      await admin.get(`/meetings/${meetingId}/notes`);
      const before = { discussed: 'We tasted four soups.', summary: 'Tomato was too salty.', summaryWelsh: '' };
      assert.equal((await admin.post(`/meetings/${meetingId}/notes`, before)).statusCode, 303);

      const after = { discussed: 'We tasted four soups again.', summary: 'Leek soup won.', summaryWelsh: 'Cawl cennin enillodd.' };
      await failInserts(t.database, 'welsh_versions');
      await admin.get(`/meetings/${meetingId}/notes`);
      assert.equal((await admin.post(`/meetings/${meetingId}/notes`, after)).statusCode, 500);
      assert.deepEqual(await saved(), {
        notes: { discussed: 'We tasted four soups.', summary: 'Tomato was too salty.' },
        welsh: null,
        audited: 1,
      });

      await mendInserts(t.database, 'welsh_versions');
      await admin.get(`/meetings/${meetingId}/notes`);
      assert.equal((await admin.post(`/meetings/${meetingId}/notes`, after)).statusCode, 303);
      assert.deepEqual(await saved(), {
        notes: { discussed: 'We tasted four soups again.', summary: 'Leek soup won.' },
        welsh: 'Cawl cennin enillodd.',
        audited: 2,
      });
    });
  });
}
