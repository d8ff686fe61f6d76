import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { datesWrittenFor, makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { newId } from '../../platform/ids.ts';

// Issue 24 (P1, P2): a paper's summary in plain words, checked as staff write it, shown to
// members with the paper; and the learning modules' editor checked the same way.
const pdf = ['%PDF-1.4', '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj', 'trailer << /Root 1 0 R >>', '%%EOF', ''].join('\n');
const wordy = 'The menu was chosen by stakeholders.';
const plain = 'The menu for January. Bring receipts for your expenses.';

for (const dialect of databaseDialects()) {
  describe(`a paper's summary in plain words (${dialect})`, () => {
    let t: TestApp;
    let filesDir: string;
    let meetingId: string;
    const papersUrl = () => `/meetings/${meetingId}/papers`;
    const paperRows = () => t.database.db.selectFrom('meeting_papers').select(['id', 'title', 'summary']).execute();

    beforeEach(async () => {
      filesDir = await fs.mkdtemp(path.join(os.tmpdir(), 'coproduce-paper-summary-'));
      t = await makeTestApp({ dialect, startAt: datesWrittenFor, env: { FILES_DIR: filesDir } });
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
      const projectId = await t.services.projects.create(actor, {
        title: 'Better day centre lunches',
        purpose: 'Decide the menu together',
        activities: ['co-design'],
        levelAim: 'intermediate',
        stage: 'designing',
        startDate: '2026-11-01',
      });
      await t.services.projects.addMember(actor, projectId, mo.personId, 'member', '2026-11-01');
      const startsAt = new Date(t.now().getTime() + 14 * 86_400_000);
      meetingId = await t.services.meetings.create(actor, projectId, {
        title: 'Menu tasting',
        purpose: 'Try the new dishes',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
        format: 'in-person',
        venueId: null,
        joiningDetails: null,
        membersOnly: false,
        arrangements: [],
        interpreterLanguages: [],
      });
    });
    afterEach(async () => {
      await t.close();
      await fs.rm(filesDir, { recursive: true, force: true });
    });

    const upload = async (client: Awaited<ReturnType<typeof signedInClient>>, fields: Record<string, string>) => {
      await client.get(papersUrl());
      return client.upload(papersUrl(), 'file', { name: 'menu.pdf', type: 'application/pdf', content: pdf }, fields);
    };

    test('staff check the summary as they add a paper: advice, what they typed kept, nothing saved', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      const form = await fay.get(papersUrl());
      assert.match(form.body, /What the paper is about \(optional\)/);
      assert.match(form.body, /data-plain-words="summary"/);
      const checked = await upload(fay, {
        title: 'Menu',
        format: 'standard',
        summary: wordy,
        wordsToCheck: 'summary',
        checkWords: 'summary',
      });
      assert.equal(checked.statusCode, 200);
      assert.match(checked.body, /Instead of “stakeholders”/);
      assert.match(checked.body, /“was chosen”/);
      assert.ok(checked.body.includes(wordy), 'the summary is kept');
      assert.match(checked.body, /value="Menu"/, 'the title is kept');
      assert.match(checked.body, /The file you chose before was not kept/, 'the file must be chosen again');
      assert.deepEqual(await paperRows(), [], 'nothing saved');

      // The checker never blocks: the same words save.
      assert.equal((await upload(fay, { title: 'Menu', format: 'standard', summary: wordy })).statusCode, 303);
      assert.deepEqual(
        (await paperRows()).map((p) => [p.title, p.summary]),
        [['Menu', wordy]],
      );
    });

    test('a summary too long is an error that keeps the words; an empty one is no summary', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      const long = 'Soup. '.repeat(200);
      const res = await upload(fay, { title: 'Menu', format: 'standard', summary: long });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /The summary must be 1,000 characters or fewer/);
      assert.ok(res.body.includes(long.trim()));
      assert.equal((await upload(fay, { title: 'Menu', format: 'standard', summary: '  ' })).statusCode, 303);
      assert.equal((await paperRows())[0]!.summary, null);
    });

    test('members read the summary with the paper, glossary words linked; staff change it on its own page', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await upload(fay, { title: 'Menu', format: 'standard', summary: plain });
      const [paper] = await paperRows();
      const summaryUrl = `${papersUrl()}/${paper!.id}/summary`;

      const mo = await signedInClient(t, 'mo@example.com');
      const list = await mo.get(papersUrl());
      assert.equal(list.statusCode, 200);
      assert.match(
        list.body,
        /The menu for January\. Bring receipts for your <a class="govuk-link" href="\/glossary#expenses">expenses<\/a>\./,
      );
      assert.doesNotMatch(list.body, /Change what it is about/, 'members cannot change it');
      const meetingPage = await mo.get(`/meetings/${meetingId}`);
      assert.match(meetingPage.body, /Bring receipts for your <a class="govuk-link" href="\/glossary#expenses">expenses<\/a>/);
      assert.equal((await mo.get(summaryUrl)).statusCode, 403);

      const staffList = await fay.get(papersUrl());
      assert.match(
        staffList.body,
        new RegExp(`href="${summaryUrl}">Change what it is about<span class="govuk-visually-hidden"> for Menu</span>`),
      );
      const page = await fay.get(summaryUrl);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1 class="govuk-heading-l">What Menu is about<\/h1>/);
      assert.ok(page.body.includes(plain));

      const checked = await fay.post(summaryUrl, { summary: wordy, wordsToCheck: 'summary', checkWords: 'summary' });
      assert.equal(checked.statusCode, 200);
      assert.match(checked.body, /Instead of “stakeholders”/);
      assert.ok(checked.body.includes(wordy));
      assert.equal((await paperRows())[0]!.summary, plain, 'checking saves nothing');

      const tooLong = await fay.post(summaryUrl, { summary: 'x'.repeat(1001) });
      assert.equal(tooLong.statusCode, 400);
      assert.match(tooLong.body, /The summary must be 1,000 characters or fewer/);

      await fay.get(summaryUrl);
      const saved = await fay.post(summaryUrl, { summary: 'Soups for winter.' });
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, `${papersUrl()}#paper-${paper!.id}`);
      assert.equal((await paperRows())[0]!.summary, 'Soups for winter.');
      const audit = await t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'paper-summary-changed').execute();
      assert.equal(audit.length, 1);

      await fay.get(summaryUrl);
      await fay.post(summaryUrl, { summary: '' });
      assert.equal((await paperRows())[0]!.summary, null, 'an empty box clears it');
      assert.match((await fay.get(papersUrl())).body, /Write what it is about<span class="govuk-visually-hidden"> for Menu<\/span>/);
    });

    test('one organisation never reaches another’s paper; a paper of another meeting is not found', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await upload(fay, { title: 'Menu', format: 'standard', summary: plain });
      const [paper] = await paperRows();
      const rita = await signedInClient(t, 'admin@riverside.test');
      assert.equal((await rita.get(`${papersUrl()}/${paper!.id}/summary`)).statusCode, 404);
      await rita.get('/');
      assert.equal((await rita.post(`${papersUrl()}/${paper!.id}/summary`, { summary: 'Mine now' })).statusCode, 404);
      assert.equal((await fay.get(`${papersUrl()}/${newId()}/summary`)).statusCode, 404);
      assert.equal((await fay.get(`${papersUrl()}/not-an-id/summary`)).statusCode, 404);
      assert.equal((await paperRows())[0]!.summary, plain);
    });

    test('the learning modules editor has "Check my words" on the text and the question', async () => {
      const admin = await signedInClient(t, 'admin@northshire.test');
      const form = await admin.get('/learn/the-jigsaw/edit');
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /data-plain-words="body"/);
      assert.match(form.body, /data-plain-words="question"/);
      const checked = await admin.post('/learn/the-jigsaw/edit', {
        title: 'The jigsaw',
        body: wordy,
        question: 'What was decided by stakeholders?',
        wordsToCheck: ['body', 'question'],
        checkWords: 'body',
      });
      assert.equal(checked.statusCode, 200);
      assert.match(checked.body, /Instead of “stakeholders”/);
      assert.ok(checked.body.includes(wordy), 'what was typed is kept');
      assert.ok(checked.body.includes('What was decided by stakeholders?'));
      assert.match(checked.body, /id="question-plain-words"[^>]*>\s*<h3/, 'advice beside the question too');
      const rows = await t.database.db.selectFrom('learn_module_texts').selectAll().execute();
      assert.equal(rows.length, 0, 'checking saves nothing');
    });
  });
}
