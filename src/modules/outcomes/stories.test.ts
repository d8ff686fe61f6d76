import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { setUpLearningWorld, type LearningWorld } from '../../../test/worlds/learning.ts';

/** A real, playable WAV in ASCII (the test client sends text): near silence. */
function wav(samples = 800): string {
  const u32 = (n: number) => String.fromCharCode(n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >> 24) & 0xff);
  const u16 = (n: number) => String.fromCharCode(n & 0xff, (n >> 8) & 0xff);
  return `RIFF${u32(36 + samples)}WAVEfmt ${u32(16)}${u16(1)}${u16(1)}${u32(8000)}${u32(8000)}${u16(1)}${u16(8)}data${u32(samples)}${'\x7f'.repeat(samples)}`;
}
const pdf = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

// V4: stories of what changed, kept only with the teller's consent and their choice of name.
for (const dialect of databaseDialects()) {
  describe(`stories (${dialect})`, () => {
    let t: TestApp;
    let w: LearningWorld;
    let filesDir: string;
    const storedFiles = async () => (await fs.readdir(filesDir).catch(() => [] as string[])).filter((f) => !f.startsWith('.'));
    const told = { 'toldOn-day': '20', 'toldOn-month': '11', 'toldOn-year': '2026' };
    const newStoryUrl = () => `/outcomes/projects/${w.projectId}/stories/new`;
    const idFrom = (location: unknown) => String(location).split('/').pop()!;
    const moStory = { title: 'Getting out more', kind: 'text', text: 'I go to the café now.', ...told, showName: 'yes', displayName: 'Mo' };
    const dennisStory = () => ({
      tellerPersonId: w.ids.dennis,
      title: 'My new chair',
      kind: 'audio',
      text: 'Dennis talks about the day centre.',
      ...told,
      consent: 'yes',
      showName: 'no',
    });
    /** Mo tells her own story with consent, under her name, as the first test does. */
    const moTellsHerStory = async () => {
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get(newStoryUrl());
      const made = await mo.post(newStoryUrl(), { ...moStory, consent: 'yes' });
      assert.equal(made.statusCode, 303);
      return idFrom(made.headers.location);
    };
    /** Fay records Dennis's sound story, anonymous, as the second test does. */
    const fayRecordsDennisStory = async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(newStoryUrl());
      const made = await fay.upload(newStoryUrl(), 'file', { name: 'story.wav', type: 'audio/wav', content: wav() }, dennisStory());
      assert.equal(made.statusCode, 303);
      return idFrom(made.headers.location);
    };
    /** Staff mark a story for reports, as the fourth test does. */
    const markForReports = async (storyId: string) => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/outcomes/stories/${storyId}`);
      assert.equal((await fay.post(`/outcomes/stories/${storyId}/reports`, { forReports: 'yes' })).statusCode, 303);
    };
    beforeEach(async () => {
      filesDir = await fs.mkdtemp(path.join(os.tmpdir(), 'coproduce-stories-'));
      t = await makeTestApp({ dialect, env: { FILES_DIR: filesDir, MAX_UPLOAD_MB: '1' } });
      w = await setUpLearningWorld(t);
    });
    afterEach(async () => {
      await t.close();
      await fs.rm(filesDir, { recursive: true, force: true });
    });

    test('a member tells their own story; without consent nothing is kept and what they typed stays', async () => {
      const mo = await signedInClient(t, 'mo@example.com');
      const url = newStoryUrl();
      const form = await mo.get(url);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Tell your story/);
      assert.doesNotMatch(form.body, /Whose story is it/);
      const refused = await mo.post(url, moStory);
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /We can only keep a story when the person says yes/);
      assert.match(refused.body, /I go to the café now\./);
      assert.match(refused.body, /value="Getting out more"/);
      assert.equal((await t.database.db.selectFrom('stories').selectAll().execute()).length, 0);
      const noName = await mo.post(url, { ...moStory, consent: 'yes', displayName: '' });
      assert.equal(noName.statusCode, 400);
      assert.match(noName.body, /Enter the name to show/);
      const made = await mo.post(url, { ...moStory, consent: 'yes' });
      assert.equal(made.statusCode, 303);
      const moStoryId = idFrom(made.headers.location);
      const row = await t.database.db.selectFrom('stories').selectAll().where('id', '=', moStoryId).executeTakeFirstOrThrow();
      assert.deepEqual([row.teller_person_id, row.consent_recorded_by, Number(row.show_name), row.display_name], [w.ids.mo, null, 1, 'Mo']);
      const mine = await mo.get(`/outcomes/projects/${w.projectId}/stories`);
      assert.match(mine.body, /Getting out more/);
    });

    test('staff record a sound story for someone who never signs in, anonymous; the file type is checked by its bytes', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      const url = newStoryUrl();
      await fay.get(url);
      const fields = dennisStory();
      const wrong = await fay.upload(url, 'file', { name: 'story.mp3', type: 'audio/mpeg', content: pdf }, fields);
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /The file must be a sound recording/);
      assert.match(wrong.body, /Dennis talks about the day centre\./);
      assert.deepEqual(await storedFiles(), []);
      const notMember = await fay.upload(
        url,
        'file',
        { name: 'story.wav', type: 'audio/wav', content: wav() },
        { ...fields, tellerPersonId: w.ids.len },
      );
      assert.equal(notMember.statusCode, 400);
      assert.match(notMember.body, /Choose whose story it is/);
      // Over MAX_UPLOAD_MB (1 here): the form comes back with the error and what was typed.
      const tooBig = await fay.upload(url, 'file', { name: 'long.wav', type: 'audio/wav', content: wav(1024 * 1024 + 16) }, fields);
      assert.equal(tooBig.statusCode, 400);
      assert.match(tooBig.body, /The recording is too big/);
      assert.match(tooBig.body, /up to 1 MB|1 MB/);
      assert.match(tooBig.body, /Dennis talks about the day centre\./);
      assert.deepEqual(await storedFiles(), []);
      assert.equal(
        (await t.database.db.selectFrom('stories').selectAll().where('teller_person_id', '=', w.ids.dennis).execute()).length,
        0,
      );
      const made = await fay.upload(url, 'file', { name: 'story.wav', type: 'audio/wav', content: wav() }, fields);
      assert.equal(made.statusCode, 303);
      const dennisStoryId = idFrom(made.headers.location);
      assert.equal((await storedFiles()).length, 1);
      const row = await t.database.db.selectFrom('stories').selectAll().where('id', '=', dennisStoryId).executeTakeFirstOrThrow();
      assert.deepEqual(
        [row.teller_person_id, row.consent_recorded_by, Number(row.show_name), row.media_type],
        [w.ids.dennis, w.ids.fay, 0, 'audio/wav'],
      );
      const audit = await t.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('subject_id', '=', dennisStoryId)
        .executeTakeFirstOrThrow();
      assert.deepEqual([audit.action, audit.on_behalf_of_person_id], ['told-with-consent', w.ids.dennis]);
      const page = await fay.get(`/outcomes/stories/${dennisStoryId}`);
      assert.match(page.body, /Anonymous/);
      assert.match(page.body, /in person; staff wrote it down/);
      const file = await fay.get(`/outcomes/stories/${dennisStoryId}/file`);
      assert.equal(file.statusCode, 200);
      assert.equal(file.headers['content-type'], 'audio/wav');
      // The download is a read of Dennis's recording: on the story, and on his history.
      const reads = await t.database.db
        .selectFrom('audit_log')
        .select(['actor_person_id', 'subject_type', 'subject_id'])
        .where('action', 'in', ['recording-downloaded', 'story-recording-downloaded'])
        .orderBy('subject_type')
        .execute();
      assert.deepEqual(
        reads.map((r) => [r.actor_person_id, r.subject_type, r.subject_id]),
        [
          [w.ids.fay, 'person', w.ids.dennis],
          [w.ids.fay, 'story', dennisStoryId],
        ],
      );
    });

    test('who can see a story: staff and the teller; other members and organisations get not found', async () => {
      const moStoryId = await moTellsHerStory();
      const dennisStoryId = await fayRecordsDennisStory();
      const mo = await signedInClient(t, 'mo@example.com');
      assert.equal((await mo.get(`/outcomes/stories/${moStoryId}`)).statusCode, 200);
      assert.equal((await mo.get(`/outcomes/stories/${dennisStoryId}`)).statusCode, 404);
      assert.equal((await mo.get(`/outcomes/stories/${dennisStoryId}/file`)).statusCode, 404);
      assert.doesNotMatch((await mo.get(`/outcomes/projects/${w.projectId}/stories`)).body, /My new chair/);
      assert.equal((await mo.post(`/outcomes/stories/${moStoryId}/reports`, { forReports: 'yes' })).statusCode, 403);
      const len = await signedInClient(t, 'len@example.com');
      assert.equal((await len.get(`/outcomes/projects/${w.projectId}/stories`)).statusCode, 404);
      assert.equal((await len.get(`/outcomes/projects/${w.projectId}/stories/new`)).statusCode, 404);
      assert.equal((await len.post(`/outcomes/stories/${moStoryId}/withdraw`)).statusCode, 404);
      const other = await signedInClient(t, 'admin@riverside.test');
      assert.equal((await other.get(`/outcomes/stories/${moStoryId}`)).statusCode, 404);
      assert.equal((await other.post(`/outcomes/stories/${dennisStoryId}/withdraw`)).statusCode, 404);
      assert.equal((await other.post(`/outcomes/stories/${dennisStoryId}/reports`, { forReports: 'yes' })).statusCode, 404);
    });

    test('staff mark stories for reports; reports show the chosen name or Anonymous', async () => {
      const moStoryId = await moTellsHerStory();
      const dennisStoryId = await fayRecordsDennisStory();
      const fay = await signedInClient(t, 'fay@example.com');
      assert.deepEqual(await t.services.outcomes.reportableStories(w.organisationId), []);
      await fay.get(`/outcomes/stories/${moStoryId}`);
      assert.equal((await fay.post(`/outcomes/stories/${moStoryId}/reports`, { forReports: 'yes' })).statusCode, 303);
      assert.equal((await fay.post(`/outcomes/stories/${dennisStoryId}/reports`, { forReports: 'yes' })).statusCode, 303);
      const stories = await t.services.outcomes.reportableStories(w.organisationId, { projectId: w.projectId });
      assert.deepEqual(stories.map((s) => [s.title, s.displayName, s.anonymous, s.kind, s.fileUrl !== null]).sort(), [
        ['Getting out more', 'Mo', false, 'text', false],
        ['My new chair', 'Anonymous', true, 'audio', true],
      ]);
      assert.deepEqual(await t.services.outcomes.reportableStories(w.organisationId, { from: '2026-11-21' }), []);
      assert.deepEqual(await t.services.outcomes.reportableStories(w.other.organisationId), []);
    });

    test('withdrawing consent hides the story from reports and deletes its words and file', async () => {
      const moStoryId = await moTellsHerStory();
      const dennisStoryId = await fayRecordsDennisStory();
      await markForReports(moStoryId);
      await markForReports(dennisStoryId);
      assert.equal((await storedFiles()).length, 1);
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/outcomes/stories/${dennisStoryId}`);
      assert.equal((await fay.post(`/outcomes/stories/${dennisStoryId}/withdraw`)).statusCode, 303);
      assert.deepEqual(await storedFiles(), []);
      const row = await t.database.db.selectFrom('stories').selectAll().where('id', '=', dennisStoryId).executeTakeFirstOrThrow();
      assert.deepEqual([row.body_text, row.stored_name, Number(row.for_reports), row.withdrawn_by], [null, null, 0, w.ids.fay]);
      assert.equal((await fay.get(`/outcomes/stories/${dennisStoryId}/file`)).statusCode, 404);
      assert.deepEqual(
        (await t.services.outcomes.reportableStories(w.organisationId)).map((s) => s.title),
        ['Getting out more'],
      );
      const page = await fay.get(`/outcomes/stories/${dennisStoryId}`);
      assert.match(page.body, /This story was taken back/);
      assert.doesNotMatch(page.body, /Dennis talks about the day centre/);
      // It cannot be marked for reports again.
      assert.equal((await fay.post(`/outcomes/stories/${dennisStoryId}/reports`, { forReports: 'yes' })).statusCode, 409);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('subject_id', '=', dennisStoryId)
        .where('action', '=', 'consent-withdrawn')
        .executeTakeFirstOrThrow();
      assert.equal(audit.on_behalf_of_person_id, w.ids.dennis);

      // The teller takes back their own.
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get(`/outcomes/stories/${moStoryId}`);
      assert.equal((await mo.post(`/outcomes/stories/${moStoryId}/withdraw`)).statusCode, 303);
      assert.deepEqual(await t.services.outcomes.reportableStories(w.organisationId), []);
    });
  });
}
