import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { insertMeeting } from '../../../test/helpers/meetings.ts';
import { makeTestApp, type TestApp, datesWrittenFor } from '../../../test/helpers/test-app.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { newId } from '../../platform/ids.ts';

// The test client sends a file's content as text, so every file made here is plain ASCII.
const pdf = [
  '%PDF-1.4',
  '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
  '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj',
  'trailer << /Root 1 0 R >>',
  '%%EOF',
  '',
].join('\n');

/** A real, playable WAV: 8-bit mono at 8000 samples a second, all near silence. */
function wav(samples = 800): string {
  const u32 = (n: number) => String.fromCharCode(n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >> 24) & 0xff);
  const u16 = (n: number) => String.fromCharCode(n & 0xff, (n >> 8) & 0xff);
  const text = `RIFF${u32(36 + samples)}WAVEfmt ${u32(16)}${u16(1)}${u16(1)}${u32(8000)}${u32(8000)}${u16(1)}${u16(8)}data${u32(samples)}${'\x7f'.repeat(samples)}`;
  // eslint-disable-next-line no-control-regex -- every ASCII character, control ones too
  assert.ok(/^[\x00-\x7f]*$/.test(text), 'the test client can only send ASCII');
  return text;
}

const mb = 1024 * 1024;

for (const dialect of databaseDialects()) {
  describe(`meeting papers (${dialect})`, () => {
    let t: TestApp;
    let filesDir: string;
    let meetingId: string;
    let paperId: string;
    let pdfFileId: string;
    let audioFileId: string;
    const papersUrl = () => `/meetings/${meetingId}/papers`;
    const fileRows = () => t.database.db.selectFrom('meeting_paper_files').selectAll().orderBy('uploaded_at').execute();
    const paperRows = () => t.database.db.selectFrom('meeting_papers').selectAll().execute();
    const storedFiles = async () => (await fs.readdir(filesDir).catch(() => [] as string[])).sort();

    beforeEach(async () => {
      filesDir = await fs.mkdtemp(path.join(os.tmpdir(), 'coproduce-papers-'));
      t = await makeTestApp({ dialect, startAt: datesWrittenFor, env: { FILES_DIR: filesDir, MAX_UPLOAD_MB: '1' } });
      const org = await organisationWithAdmin(t);
      await anotherOrganisation(t);
      const actor = { organisationId: org.organisationId, personId: org.adminPersonId };
      await personWithAccount(
        t,
        org.organisationId,
        { fullName: 'Fay Facilitator', perspectives: ['practitioner'] },
        { email: 'fay@example.com', role: 'facilitator' },
      );
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
      const projectId = await t.services.projects.create(actor, {
        title: 'Better day centre lunches',
        purpose: 'Decide the menu together',
        activities: ['co-design'],
        levelAim: 'intermediate',
        stage: 'designing',
        startDate: '2026-11-01',
      });
      await t.services.projects.addMember(actor, projectId, mo.personId, 'member', '2026-11-01');
      meetingId = await insertMeeting(t.database.db, {
        organisationId: org.organisationId,
        projectId,
        title: 'Menu tasting',
        purpose: 'Try the new dishes',
        startsAt: '2026-12-10T14:00:00.000Z',
        endsAt: '2026-12-10T16:00:00.000Z',
        createdAt: '2026-11-20T10:00:00.000Z',
      });
      paperId = '';
      pdfFileId = '';
      audioFileId = '';
    });
    afterEach(async () => {
      await t.close();
      await fs.rm(filesDir, { recursive: true, force: true });
    });

    /** Fay adds the agenda as a PDF and then an audio version of it, as the first test does. */
    const addAgenda = async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(papersUrl());
      const added = await fay.upload(
        papersUrl(),
        'file',
        { name: 'Agenda – menu tasting.pdf', type: 'application/pdf', content: pdf },
        { title: 'Agenda', format: 'standard' },
      );
      assert.equal(added.statusCode, 303);
      const [row] = await fileRows();
      assert.ok(row);
      pdfFileId = row.id;
      paperId = row.paper_id;
      await fay.get(papersUrl());
      const version = await fay.upload(
        `${papersUrl()}/${paperId}/files`,
        'file',
        { name: 'agenda.wav', type: 'audio/wav', content: wav() },
        { format: 'audio' },
      );
      assert.equal(version.statusCode, 303);
      const audio = (await fileRows()).find((r) => r.format === 'audio');
      assert.ok(audio);
      audioFileId = audio.id;
    };

    test('P1: once every paper has an audio version, the access check no longer says audio papers are missing', async () => {
      const org = await t.database.db.selectFrom('organisations').select('id').orderBy('created_at').executeTakeFirstOrThrow();
      const admin = await t.database.db
        .selectFrom('accounts')
        .select('person_id')
        .where('role', '=', 'admin')
        .where('organisation_id', '=', org.id)
        .executeTakeFirstOrThrow();
      const actor = { organisationId: org.id, personId: admin.person_id };
      const mo = await t.database.db.selectFrom('people').select('id').where('full_name', '=', 'Mo Member').executeTakeFirstOrThrow();
      await t.services.accessNeeds.save({ ...actor, role: 'admin' }, mo.id, true, {
        formats: ['audio'],
        interpreterLanguage: null,
        physical: [],
        support: [],
        dietary: null,
        other: null,
      });
      await t.services.meetings.setInvitees(actor, meetingId, [mo.id]);
      const audioGap = async () => {
        const check = await t.services.meetings.check(org.id, await t.services.meetings.load(org.id, meetingId));
        return check.people.flatMap((p) => p.gaps).some((g) => g.need === 'format:audio');
      };
      assert.equal(await audioGap(), true, 'no papers yet: the gap is open');
      await addAgenda();
      assert.equal(await audioGap(), false, 'the agenda has an audio version');
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(papersUrl());
      await fay.upload(
        papersUrl(),
        'file',
        { name: 'Menu.pdf', type: 'application/pdf', content: pdf },
        { title: 'Menu', format: 'standard' },
      );
      assert.equal(await audioGap(), true, 'a second paper without an audio version opens it again');
    });

    test('staff add a paper as a PDF, then an audio version; the real bytes are kept on disk', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      const empty = await fay.get(papersUrl());
      assert.equal(empty.statusCode, 200);
      assert.match(empty.body, /There are no papers for this meeting yet/);
      assert.match(empty.body, /Add a paper/);

      const res = await fay.upload(
        papersUrl(),
        'file',
        { name: 'Agenda – menu tasting.pdf', type: 'application/pdf', content: pdf },
        { title: 'Agenda', format: 'standard' },
      );
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, papersUrl());
      const [row] = await fileRows();
      assert.ok(row);
      pdfFileId = row.id;
      paperId = row.paper_id;
      assert.equal(row.format, 'standard');
      assert.equal(row.file_name, 'Agenda – menu tasting.pdf');
      assert.equal(row.media_type, 'application/pdf');
      assert.equal(Number(row.size_bytes), Buffer.byteLength(pdf));
      assert.notEqual(row.stored_name, row.file_name);
      assert.deepEqual(await storedFiles(), [row.stored_name]);
      assert.equal(await fs.readFile(path.join(filesDir, row.stored_name), 'utf8'), pdf);

      const page = await fay.get(papersUrl());
      assert.match(page.body, /The paper is added/);
      assert.match(page.body, /<h2[^>]*>Agenda<\/h2>/);
      assert.match(page.body, /Standard version<span class="govuk-visually-hidden"> of Agenda<\/span>/);
      assert.match(page.body, /File name: Agenda – menu tasting\.pdf/);
      assert.match(page.body, /PDF, 1 KB, added on 23 November 2026/);

      await fay.get(papersUrl());
      const version = await fay.upload(
        `${papersUrl()}/${paperId}/files`,
        'file',
        { name: 'agenda.wav', type: 'audio/wav', content: wav() },
        { format: 'audio' },
      );
      assert.equal(version.statusCode, 303);
      const audio = (await fileRows()).find((r) => r.format === 'audio');
      assert.ok(audio);
      audioFileId = audio.id;
      assert.equal(audio.paper_id, paperId);
      assert.equal(audio.media_type, 'audio/wav');
      const withAudio = await fay.get(papersUrl());
      assert.match(withAudio.body, /The new version is added/);
      assert.match(withAudio.body, /Audio version<span class="govuk-visually-hidden"> of Agenda<\/span>/);
      assert.match(withAudio.body, /Sound, 1 KB/);
      assert.equal((await storedFiles()).length, 2);
    });

    test('a text file renamed paper.pdf is refused, and what was typed and chosen is kept', async () => {
      await addAgenda();
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(papersUrl());
      const before = { rows: (await fileRows()).length, files: await storedFiles() };
      const res = await fay.upload(
        papersUrl(),
        'file',
        { name: 'paper.pdf', type: 'application/pdf', content: 'This is only text, not a PDF.' },
        { title: 'Minutes', format: 'easy-read' },
      );
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /There is a problem/);
      assert.match(res.body, /The file must be a PDF, Word document, picture, sound or video file/);
      assert.match(res.body, /href="#file"/);
      assert.match(res.body, /name="title" type="text" value="Minutes"/);
      assert.match(res.body, /name="format" type="radio" value="easy-read" checked/);
      assert.match(res.body, /Please choose it again/);
      assert.equal((await fileRows()).length, before.rows);
      assert.deepEqual(await storedFiles(), before.files);

      const missing = await fay.upload(papersUrl(), 'file', { name: '', type: 'application/octet-stream', content: '' }, { title: '  ' });
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /Enter the name of the paper/);
      assert.match(missing.body, /Choose which version this is/);
      assert.match(missing.body, /Choose a file/);

      const emptyFile = await fay.upload(
        papersUrl(),
        'file',
        { name: 'empty.pdf', type: 'application/pdf', content: '' },
        { title: 'Minutes', format: 'standard' },
      );
      assert.equal(emptyFile.statusCode, 400);
      assert.match(emptyFile.body, /The file you chose is empty/);

      const badVersion = await fay.upload(
        `${papersUrl()}/${paperId}/files`,
        'file',
        { name: 'notes.txt', type: 'text/plain', content: 'hello' },
        { format: 'large-print' },
      );
      assert.equal(badVersion.statusCode, 400);
      assert.match(badVersion.body, new RegExp(`href="#file-${paperId}"`));
      assert.match(badVersion.body, /value="large-print" checked/);
      assert.match(badVersion.body, /<details class="govuk-details" open>/);
      assert.equal((await fileRows()).length, before.rows);
    });

    test('a file over the size limit is refused with the limit named, and nothing is kept', async () => {
      await addAgenda();
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(papersUrl());
      const before = { rows: (await fileRows()).length, files: await storedFiles() };
      const tooBig = pdf + 'x'.repeat(mb + 1 - pdf.length);
      const res = await fay.upload(
        papersUrl(),
        'file',
        { name: 'big.pdf', type: 'application/pdf', content: tooBig },
        { title: 'Big report', format: 'large-print' },
      );
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /The file is too big. It must be 1 MB or smaller/);
      assert.match(res.body, /value="Big report"/);
      assert.match(res.body, /value="large-print" checked/);
      assert.equal((await fileRows()).length, before.rows);
      assert.deepEqual(await storedFiles(), before.files);

      // Far over the limit is refused the same way, not with an error page.
      const wayTooBig = await fay.upload(
        papersUrl(),
        'file',
        { name: 'huge.pdf', type: 'application/pdf', content: pdf + 'x'.repeat(3 * mb) },
        { title: 'Huge', format: 'standard' },
      );
      assert.equal(wayTooBig.statusCode, 400);
      assert.match(wayTooBig.body, /It must be 1 MB or smaller/);

      // Exactly at the limit is fine.
      const atLimit = await fay.upload(
        `${papersUrl()}/${paperId}/files`,
        'file',
        { name: 'large.pdf', type: 'application/pdf', content: pdf + 'x'.repeat(mb - pdf.length) },
        { format: 'large-print' },
      );
      assert.equal(atLimit.statusCode, 303);
      const large = (await fileRows()).find((r) => r.format === 'large-print');
      assert.equal(Number(large?.size_bytes), mb);
      assert.match((await fay.get(papersUrl())).body, /PDF, 1 MB/);
    });

    test('a member of the project sees the papers and downloads them, but cannot change them', async () => {
      await addAgenda();
      const mo = await signedInClient(t, 'mo@example.com');
      const page = await mo.get(papersUrl());
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Pick the one that is best for you/);
      assert.match(page.body, /Standard version/);
      assert.doesNotMatch(page.body, /Add a paper|Add another version|Remove/);

      const download = await mo.get(`${papersUrl()}/files/${pdfFileId}`);
      assert.equal(download.statusCode, 200);
      assert.equal(download.body, pdf);
      assert.equal(download.headers['content-type'], 'application/pdf');
      assert.equal(
        download.headers['content-disposition'],
        `attachment; filename="Agenda _ menu tasting.pdf"; filename*=UTF-8''Agenda%20%E2%80%93%20menu%20tasting.pdf`,
      );
      assert.equal(download.headers['x-content-type-options'], 'nosniff');
      assert.match(String(download.headers['cache-control']), /^private\b/);
      assert.doesNotMatch(String(download.headers['cache-control']), /public/);

      const upload = await mo.upload(
        papersUrl(),
        'file',
        { name: 'mine.pdf', type: 'application/pdf', content: pdf },
        { title: 'Mine', format: 'standard' },
      );
      assert.equal(upload.statusCode, 403);
      await mo.get(papersUrl());
      assert.equal((await mo.post(`${papersUrl()}/files/${pdfFileId}/remove`)).statusCode, 403);
      assert.ok((await fileRows()).some((r) => r.id === pdfFileId));
    });

    test('a member who is not in the project gets "not found"', async () => {
      await addAgenda();
      const len = await signedInClient(t, 'len@example.com');
      assert.equal((await len.get(papersUrl())).statusCode, 404);
      const download = await len.get(`${papersUrl()}/files/${pdfFileId}`);
      assert.equal(download.statusCode, 404);
      assert.doesNotMatch(download.body, /%PDF/);
    });

    test('another organisation gets "not found" for the list, downloads, uploads and removals', async () => {
      await addAgenda();
      const other = await signedInClient(t, 'admin@riverside.test');
      assert.equal((await other.get(papersUrl())).statusCode, 404);
      assert.equal((await other.get(`${papersUrl()}/files/${pdfFileId}`)).statusCode, 404);
      const before = { rows: (await fileRows()).length, papers: (await paperRows()).length, files: await storedFiles() };
      await other.get('/');
      const upload = await other.upload(
        papersUrl(),
        'file',
        { name: 'theirs.pdf', type: 'application/pdf', content: pdf },
        { title: 'Taken over', format: 'standard' },
      );
      assert.equal(upload.statusCode, 404);
      const version = await other.upload(
        `${papersUrl()}/${paperId}/files`,
        'file',
        { name: 'theirs.pdf', type: 'application/pdf', content: pdf },
        { format: 'easy-read' },
      );
      assert.equal(version.statusCode, 404);
      assert.equal((await other.post(`${papersUrl()}/files/${pdfFileId}/remove`)).statusCode, 404);
      assert.equal((await fileRows()).length, before.rows);
      assert.equal((await paperRows()).length, before.papers);
      assert.deepEqual(await storedFiles(), before.files);

      const fay = await signedInClient(t, 'fay@example.com');
      assert.equal((await fay.get('/meetings/not-a-uuid/papers')).statusCode, 404);
      assert.equal((await fay.get(`${papersUrl()}/files/not-a-uuid`)).statusCode, 404);
      assert.equal((await fay.get(`${papersUrl()}/files/${newId()}`)).statusCode, 404);
    });

    test('a form without its CSRF token changes nothing', async () => {
      await addAgenda();
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(papersUrl());
      const before = { rows: (await fileRows()).length, files: await storedFiles() };
      fay.csrf = 'not-the-right-token';
      const res = await fay.upload(
        papersUrl(),
        'file',
        { name: 'sneaky.pdf', type: 'application/pdf', content: pdf },
        { title: 'Sneaky', format: 'standard' },
      );
      assert.equal(res.statusCode, 403);
      await fay.get(papersUrl());
      assert.equal((await fay.post(`${papersUrl()}/files/${pdfFileId}/remove`, {}, { csrf: null })).statusCode, 403);
      assert.equal((await fileRows()).length, before.rows);
      assert.deepEqual(await storedFiles(), before.files);
      assert.doesNotMatch((await fay.get(papersUrl())).body, /Sneaky/);
    });

    test('removing a version deletes its file from disk; removing the last one removes the paper', async () => {
      await addAgenda();
      const fay = await signedInClient(t, 'fay@example.com');
      const audio = (await fileRows()).find((r) => r.id === audioFileId)!;
      await fay.get(papersUrl());
      const res = await fay.post(`${papersUrl()}/files/${audioFileId}/remove`);
      assert.equal(res.statusCode, 303);
      assert.match((await fay.get(papersUrl())).body, /The version is removed/);
      assert.ok(!(await storedFiles()).includes(audio.stored_name));
      assert.equal(
        (await fileRows()).some((r) => r.id === audioFileId),
        false,
      );
      assert.equal((await paperRows()).length, 1);
      assert.equal((await fay.get(`${papersUrl()}/files/${audioFileId}`)).statusCode, 404);

      for (const row of await fileRows()) {
        await fay.get(papersUrl());
        assert.equal((await fay.post(`${papersUrl()}/files/${row.id}/remove`)).statusCode, 303);
      }
      const page = await fay.get(papersUrl());
      assert.match(page.body, /The paper is removed/);
      assert.match(page.body, /There are no papers for this meeting yet/);
      assert.equal((await paperRows()).length, 0);
      assert.deepEqual(await storedFiles(), []);
    });
  });
}
