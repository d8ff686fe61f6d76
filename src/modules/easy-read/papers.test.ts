import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { menuTasting } from '../../../test/helpers/meetings.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

// Issue 24 (P1, P2): the easy read meeting page lists the meeting's papers, one idea a line:
// each paper, what it is about, and a link to each version the person may open. Signed in,
// that is every paper of the meeting (as on the usual page); by a personal link, only the
// versions sent to them, each by its own paper link.
const easyRead = /class="app-easy-read"/;
const imagesWithoutAlt = (html: string) => [...html.matchAll(/<img\b[^>]*>/g)].filter((m) => !/\salt="[^"]+"/.test(m[0]));
const pdf = (words: string) => Buffer.from(`%PDF-1.4\n% ${words}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
const noPapers = /There are <strong>no papers<\/strong> for this meeting yet\./;

for (const dialect of databaseDialects()) {
  describe(`easy read papers (${dialect})`, () => {
    let t: TestApp;
    let filesDir: string;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let mo: string;
    let meetingId: string;
    let admin: Parameters<TestApp['services']['papers']['add']>[0];

    const add = async (title: string, format: 'standard' | 'easy-read', summary: string | null = null) => {
      const checked = await t.services.papers.checkUpload({ data: pdf(`${title} ${format}`), fileName: `${title}.pdf` });
      assert.ok(checked.ok);
      return t.services.papers.add(admin, meetingId, { title, format, summary }, checked.upload);
    };
    const addVersion = async (paperId: string, format: 'easy-read') => {
      const checked = await t.services.papers.checkUpload({ data: pdf(`${paperId} ${format}`), fileName: 'version.pdf' });
      assert.ok(checked.ok);
      await t.services.papers.addVersion(admin, meetingId, paperId, format, checked.upload);
    };
    const fileIdsOf = async (title: string) =>
      (await t.services.papers.listForMeeting(org.organisationId, meetingId)).find((p) => p.title === title)!.files.map((f) => f.id);

    beforeEach(async () => {
      filesDir = await fs.mkdtemp(path.join(os.tmpdir(), 'coproduce-easy-read-papers-'));
      t = await makeTestApp({ dialect, startAt: new Date('2026-12-09T10:00:00Z'), env: { FILES_DIR: filesDir } });
      org = await organisationWithAdmin(t);
      const staff = { organisationId: org.organisationId, personId: org.adminPersonId };
      admin = { ...staff, accountId: org.adminAccountId, organisationName: 'Northshire County Council', role: 'admin', name: 'Ada Admin' };
      mo = (
        await personWithAccount(
          t,
          org.organisationId,
          { fullName: 'Mo Member', perspectives: ['draws-on-care'], contactOrder: ['email'] },
          { email: 'mo@example.com', role: 'member' },
        )
      ).personId;
      ({ meetingId } = await menuTasting(t, staff, {
        members: [mo],
        project: { title: 'Better day centre lunches', purpose: 'Choose food together.' },
        meeting: { purpose: 'Taste soups and choose.', startsAt: '2026-12-23T10:00:00.000Z', endsAt: '2026-12-23T11:30:00.000Z' },
      }));
      await t.services.easyRead.set({ ...staff, role: 'admin' }, mo, true);
    });
    afterEach(async () => {
      await t.close();
      await fs.rm(filesDir, { recursive: true, force: true });
    });

    test('signed in: every paper, what it is about, and each version to open, the easy read one first', async () => {
      const client = await signedInClient(t, 'mo@example.com');
      const before = await client.get(`/meetings/${meetingId}`);
      assert.match(before.body, easyRead);
      assert.match(before.body, noPapers, 'says plainly there are none yet');

      const agenda = await add('Agenda', 'standard', 'What we will talk about.\nBring receipts for your expenses.');
      await addVersion(agenda, 'easy-read');
      await add('Menu', 'standard');
      const [agendaStandard, agendaEasy] = await fileIdsOf('Agenda');
      const [menuStandard] = await fileIdsOf('Menu');

      const page = await client.get(`/meetings/${meetingId}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, easyRead);
      assert.doesNotMatch(page.body, noPapers);
      assert.match(page.body, /<h2 class="govuk-heading-m" id="papers">Papers for the meeting<\/h2>/);
      assert.match(page.body, /<strong>Paper<\/strong>: Agenda/);
      assert.match(page.body, /<strong>Paper<\/strong>: Menu/);
      assert.match(
        page.body,
        /<strong>What it is about<\/strong>: What we will talk about\.<br>Bring receipts for your <a class="govuk-link" href="\/glossary#expenses">expenses<\/a>\./,
        'the summary, one line as typed, glossary words linked',
      );
      const easyAt = page.body.indexOf(`href="/meetings/${meetingId}/papers/files/${agendaEasy}"`);
      const standardAt = page.body.indexOf(`href="/meetings/${meetingId}/papers/files/${agendaStandard}"`);
      assert.ok(easyAt > 0 && standardAt > easyAt, 'the easy read version comes first');
      assert.match(page.body, /<strong>Open<\/strong> Agenda: Easy read<\/a>/);
      assert.match(page.body, /<strong>Open<\/strong> Agenda: Standard version<\/a>/);
      assert.match(page.body, new RegExp(`href="/meetings/${meetingId}/papers/files/${menuStandard}"`));
      assert.equal(page.body.match(/What it is about/g)?.length, 1, 'a paper without a summary has no such line');
      assert.deepEqual(imagesWithoutAlt(page.body), []);

      const file = await client.get(`/meetings/${meetingId}/papers/files/${agendaEasy}`);
      assert.equal(file.statusCode, 200, 'the link opens the paper');
      assert.match(file.body, /Agenda|easy-read/);

      // Someone from another organisation sees neither the meeting nor its papers.
      const other = await anotherOrganisation(t);
      const them = await signedInClient(t, other.email);
      assert.equal((await them.get(`/meetings/${meetingId}`)).statusCode, 404);
      assert.equal((await them.get(`/meetings/${meetingId}/papers/files/${agendaEasy}`)).statusCode, 404);
    });

    test('by a personal link: only the papers sent to the person, each by its own paper link', async () => {
      const meeting = await t.services.meetings.load(org.organisationId, meetingId);
      const replyPath = new URL(t.services.invitations.replyLink(meeting, mo)).pathname;
      const anyone = new Client(t.app);
      const before = await anyone.get(replyPath);
      assert.equal(before.statusCode, 200);
      assert.match(before.body, easyRead);
      assert.match(before.body, noPapers);

      await add('Agenda', 'standard', 'What we will talk about.');
      const notSent = await anyone.get(replyPath);
      assert.match(notSent.body, noPapers, 'a paper not sent to them yet is not shown');
      assert.doesNotMatch(notSent.body, /Agenda/);

      const sent = await t.services.paperSending.send(admin, meetingId);
      assert.equal(sent.people, 1);
      await add('Late menu', 'standard');

      const page = await anyone.get(replyPath);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<strong>Paper<\/strong>: Agenda/);
      assert.match(page.body, /<strong>What it is about<\/strong>: What we will talk about\./);
      assert.doesNotMatch(page.body, /Late menu/, 'added after the sending: not shown until it is sent');
      assert.doesNotMatch(page.body, /\/papers\/files\//, 'no signed-in link on a page for someone who does not sign in');
      const links = [...page.body.matchAll(/href="(\/papers\/[^"]+)"/g)].map((m) => m[1]!);
      assert.equal(links.length, 1);
      assert.deepEqual(imagesWithoutAlt(page.body), []);
      const file = await anyone.get(links[0]!);
      assert.equal(file.statusCode, 200, 'the paper link opens the paper without signing in');
      assert.match(file.body, /Agenda standard/);
    });
  });
}
