import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { insertMeeting, recordAttendance } from '../../../test/helpers/meetings.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { makeTranslator } from '../../platform/i18n.ts';
import { learnEvidence } from './evidence.ts';

function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'learn-certificate-'));
  try {
    fs.writeFileSync(path.join(dir, 'c.pdf'), pdf);
    execFileSync('/usr/bin/pdftotext', [path.join(dir, 'c.pdf'), path.join(dir, 'c.txt')]);
    return fs.readFileSync(path.join(dir, 'c.txt'), 'utf8').replace(/\s+/g, ' ');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// P3: short modules everyone can read, a question to think about at the end (never a test),
// done by the person or recorded by staff; training recorded; a certificate of involvement;
// and counts by perspective for the organisation and its reviews.
for (const dialect of databaseDialects()) {
  describe(`learn together (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let mo: string;
    let dennis: string;
    const staff = () => ({ organisationId: org.organisationId, personId: org.adminPersonId });

    beforeEach(async () => {
      t = await makeTestApp({ dialect, startAt: new Date('2026-12-09T10:00:00Z') });
      org = await organisationWithAdmin(t);
      mo = (
        await personWithAccount(
          t,
          org.organisationId,
          { fullName: 'Mo Member', perspectives: ['draws-on-care'], contactOrder: ['email'] },
          { email: 'mo@example.com', role: 'member' },
        )
      ).personId;
      // Dennis never signs in: staff record what he does.
      dennis = (await personWithAccount(t, org.organisationId, { fullName: 'Dennis Whitfield', perspectives: ['carer'] })).personId;
    });
    afterEach(() => t.close());

    test('a member reads a module, answers its question and marks it done; the list shows it', async () => {
      const client = await signedInClient(t, 'mo@example.com');
      const list = await client.get('/learn');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /You have done 0 of 8 modules/);
      assert.match(list.body, /href="\/learn\/being-on-a-commissioning-panel"/);
      const page = await client.get('/learn/what-is-co-production');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h2 class="govuk-heading-m">Working as equals<\/h2>/, 'markdown headings, styled as the design system');
      assert.match(page.body, /<img src="\/static\/easy-read\/people.svg" alt="Three people sitting round a table together"/);
      assert.match(page.body, /What would help you feel like an equal partner/);
      assert.equal((await client.get('/learn/no-such-module')).statusCode, 404);

      const tooLong = await client.post('/learn/what-is-co-production', { reflection: 'x'.repeat(2001) });
      assert.equal(tooLong.statusCode, 400);
      assert.match(tooLong.body, /x{2001}/, 'what was typed is kept');
      const done = await client.post('/learn/what-is-co-production', { reflection: 'Being asked early, not at the end.' });
      assert.equal(done.statusCode, 303);
      const again = await client.get('/learn/what-is-co-production');
      assert.match(again.body, /You did this module on 9 December 2026/);
      assert.match(again.body, /Being asked early, not at the end\./);
      assert.match((await client.get('/learn')).body, /You have done 1 of 8 modules/);
      const audit = await t.database.db.selectFrom('audit_log').select(['action', 'changes']).where('subject_type', '=', 'learn').execute();
      assert.equal(audit.length, 1);
      assert.doesNotMatch(audit[0]!.changes, /Being asked/, 'what they wrote stays out of the log');
      // A member sees their own learning, never someone else's.
      assert.equal((await client.get(`/learn/people/${mo}`)).statusCode, 200);
      assert.equal((await client.get(`/learn/people/${dennis}`)).statusCode, 403);
      assert.equal((await client.get(`/learn/people/${dennis}/certificate`)).statusCode, 403);
      assert.equal((await client.get('/learn/reflections')).statusCode, 403);
      assert.equal((await client.get('/learn/what-is-co-production/edit')).statusCode, 403);
    });

    test('an admin puts the organisation’s own words in a module, safely, and can go back to the shipped words', async () => {
      const admin = await signedInClient(t, org.email);
      const form = await admin.get('/learn/the-jigsaw/edit');
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /The words alone/);
      const noAlt = await admin.post('/learn/the-jigsaw/edit', {
        title: 'Our jigsaw',
        body: 'Look: ![](/static/easy-read/home.svg)',
        question: 'Which piece?',
      });
      assert.equal(noAlt.statusCode, 400);
      assert.match(noAlt.body, /Every image needs words saying what it shows/);
      assert.match(noAlt.body, /Our jigsaw/, 'what was typed is kept');
      const saved = await admin.post('/learn/the-jigsaw/edit', {
        title: 'Our jigsaw',
        body: '## Our own words\n\n<script>alert(1)</script> and [a bad link](javascript:alert(1)).\n\n[Listen to it](https://example.org/jigsaw.mp3)',
        question: 'Which piece should we work on?',
      });
      assert.equal(saved.statusCode, 303);
      const page = await admin.get('/learn/the-jigsaw');
      assert.match(page.body, /<h1 class="govuk-heading-l">Our jigsaw<\/h1>/);
      assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'a typed tag is shown as words');
      assert.doesNotMatch(page.body, /<script>alert/);
      assert.doesNotMatch(page.body, /href="javascript:/);
      assert.match(page.body, /<a href="https:\/\/example.org\/jigsaw.mp3" class="govuk-link">Listen to it<\/a>/);
      assert.match(page.body, /Your organisation has written its own words/);
      const edit = await admin.get('/learn/the-jigsaw/edit');
      assert.match(edit.body, /<p class="govuk-body">Our own words<\/p>/, 'the plain text, without marks');
      // Another organisation still reads the shipped words.
      const other = await anotherOrganisation(t);
      const them = await signedInClient(t, other.email);
      assert.match((await them.get('/learn/the-jigsaw')).body, /<h1 class="govuk-heading-l">The jigsaw<\/h1>/);
      assert.equal((await admin.post('/learn/the-jigsaw/reset', {})).statusCode, 303);
      assert.match((await admin.get('/learn/the-jigsaw')).body, /<h1 class="govuk-heading-l">The jigsaw<\/h1>/);
    });

    // Issue 24 (P1, P2): words from "Words we use" link to their meaning in a module too.
    test('glossary words in a module link to their meaning: once each, never in a heading, a link or code', async () => {
      const admin = await signedInClient(t, org.email);
      await admin.get('/learn/the-jigsaw/edit');
      const saved = await admin.post('/learn/the-jigsaw/edit', {
        title: 'Our jigsaw',
        body: [
          '## For carers',
          '',
          'Read [about carers](https://example.org/carers) and `time credits`.',
          '',
          'Carers earn **time credits**. Every carer is welcome, and carers again.',
        ].join('\n'),
        question: 'Which piece?',
      });
      assert.equal(saved.statusCode, 303);
      const member = await signedInClient(t, 'mo@example.com');
      const body = (await member.get('/learn/the-jigsaw')).body;
      const start = body.indexOf('app-learn-module');
      const module = body.slice(start, body.indexOf('<form', start));
      assert.match(module, /<h2 class="govuk-heading-m">For carers<\/h2>/, 'not in a heading');
      assert.match(module, /<a href="https:\/\/example.org\/carers" class="govuk-link">about carers<\/a>/, 'not inside a link');
      assert.match(module, /<code>time credits<\/code>/, 'not in code');
      assert.match(module, /<a class="govuk-link" href="\/glossary#carer">Carers<\/a> earn/);
      assert.match(module, /<strong><a class="govuk-link" href="\/glossary#timeCredits">time credits<\/a><\/strong>/);
      assert.deepEqual(
        module.match(/href="\/glossary#\w+"/g),
        ['href="/glossary#carer"', 'href="/glossary#timeCredits"'],
        'each word once',
      );
      // The shipped module about co-production links the word it explains.
      const shipped = (await member.get('/learn/what-is-co-production')).body;
      assert.match(shipped, /href="\/glossary#coproduction"/);
    });

    test('staff record a group session and training for someone who never signs in; the certificate adds it all up', async () => {
      const admin = await signedInClient(t, org.email);
      const found = await admin.get('/learn/people?name=dennis');
      assert.match(found.body, new RegExp(`href="/learn/people/${dennis}">Dennis Whitfield`));
      const bad = await admin.post(`/learn/people/${dennis}/training`, {
        course: 'Recruiting staff together',
        'onDate-day': '31',
        'onDate-month': '2',
        'onDate-year': '2026',
        hours: 'three',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /The date must be a real date/);
      assert.match(bad.body, /Enter the hours as a number/);
      assert.match(bad.body, /value="Recruiting staff together"/);
      assert.match(bad.body, /value="three"/);
      const training = await admin.post(`/learn/people/${dennis}/training`, {
        course: 'Recruiting staff together',
        'onDate-day': '3',
        'onDate-month': '11',
        'onDate-year': '2026',
        hours: '2.5',
      });
      assert.equal(training.statusCode, 303);
      assert.equal((await admin.post(`/learn/people/${dennis}/done`, { module: 'nope', how: 'group' })).statusCode, 400);
      for (const module of ['what-is-co-production', 'the-four-principles'])
        assert.equal((await admin.post(`/learn/people/${dennis}/done`, { module, how: 'group', reflection: '' })).statusCode, 303);
      const person = await admin.get(`/learn/people/${dennis}`);
      assert.match(person.body, /Done in a group session/);
      assert.match(person.body, /Recruiting staff together/);
      assert.match(person.body, /2\.5 hours/);

      // He was at a 90-minute meeting and was given credits for it and for another hour.
      const projectId = await t.services.projects.create(staff(), {
        title: 'Day centre lunches',
        purpose: 'Work together.',
        activities: ['co-design'],
        levelAim: 'transformative',
        stage: 'deciding',
        startDate: '2026-01-05',
      });
      const at = '2026-12-01T09:00:00.000Z';
      const meetingId = await insertMeeting(t.database.db, {
        organisationId: org.organisationId,
        projectId,
        title: 'Menu tasting',
        purpose: 'Taste and choose.',
        startsAt: '2026-12-08T10:00:00.000Z',
        endsAt: '2026-12-08T11:30:00.000Z',
        invitationsSentAt: at,
      });
      await recordAttendance(t.database.db, {
        organisationId: org.organisationId,
        meetingId,
        personId: dennis,
        status: 'present',
        minutesPresent: 90,
        recordedAt: at,
      });
      for (const [minutes, reference] of [
        [90, 'a'],
        [60, 'b'],
      ] as const)
        await t.services.timebank.creditFromOrganisation(staff(), { personId: dennis, minutes, memo: 'For time given', reference });

      const certificate = await admin.get(`/learn/people/${dennis}/certificate`);
      assert.equal(certificate.statusCode, 200);
      assert.match(certificate.body, /Dennis Whitfield has taken part in co-production with Northshire County Council/);
      for (const line of [
        'Gave 1.5 hours of their time',
        'Took part in 1 meeting',
        'Did 1 training course \\(2.5 hours\\)',
        'Finished 2 learning modules about co-production',
        'Earned 2.5 hours of time credits',
      ])
        assert.match(certificate.body, new RegExp(line));
      const pdf = await admin.get(`/learn/people/${dennis}/certificate.pdf`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      const text = pdfText(pdf.rawPayload);
      assert.match(text, /Certificate of involvement/);
      assert.match(text, /Gave 1\.5 hours of their time/);
      assert.match(text, /The four principles/);

      // What he got back, beside how he is rewarded.
      const reward = await admin.get(`/people/${dennis}/reward`);
      assert.match(reward.body, /2 learning modules finished/);
      assert.match(reward.body, /1 training course \(2\.5 hours\)/);
      assert.match(reward.body, new RegExp(`href="/learn/people/${dennis}/certificate"`));

      // Mo's own certificate, with nothing yet, says so.
      const moClient = await signedInClient(t, 'mo@example.com');
      const own = await moClient.get('/learn/certificate');
      assert.equal(own.statusCode, 303);
      assert.match((await moClient.get(own.headers.location as string)).body, /Nothing is recorded yet/);
    });

    test('who has done which module is counted by perspective, small numbers hidden; reflections feed the review', async () => {
      const admin = await signedInClient(t, org.email);
      await admin.get(`/learn/people/${dennis}`);
      await admin.post(`/learn/people/${dennis}/done`, { module: 'the-three-levels', how: 'staff', reflection: 'We are at level 2.' });
      const client = await signedInClient(t, 'mo@example.com');
      await client.get('/learn/the-three-levels');
      await client.post('/learn/the-three-levels', { reflection: '' });
      const progress = await client.get('/learn/progress');
      assert.equal(progress.statusCode, 200, 'counts only: members may see them');
      assert.match(progress.body, /fewer than 8/i);
      assert.doesNotMatch(progress.body, /Dennis|Mo Member/);

      // With the organisation's rule showing every count, the figures are exact.
      await t.database.db
        .insertInto('impact_settings')
        .values({ organisation_id: org.organisationId, hide_below: 1, round_to: 1, updated_at: t.now().toISOString(), updated_by: null })
        .execute();
      const exact = await admin.get('/learn/progress');
      assert.match(
        exact.body,
        /The three levels<\/a><\/th>\s*<td[^>]*>1<\/td>\s*<td[^>]*>1<\/td>\s*<td[^>]*>0<\/td>\s*<td[^>]*>0<\/td>\s*<td[^>]*>2<\/td>/,
      );

      const reflections = await admin.get('/learn/reflections?module=the-three-levels');
      assert.match(reflections.body, /We are at level 2\./);
      assert.match(reflections.body, /1 answer\./);
      assert.doesNotMatch(reflections.body, /Dennis/);

      const rule = await t.services.impact.rule(org.organisationId);
      const [line] = await learnEvidence(t.database.db, org.organisationId, t.now(), makeTranslator('en'), undefined, rule);
      assert.equal(line?.code, 'P3');
      assert.equal(
        line?.words,
        '2 people have finished at least one learning module: 1 who draw on care and support, 1 carers. 1 answer to a question at the end of a module was written down.',
      );
    });

    test('someone who never signs in gets a personal link to a module, reads it and marks it done with it', async () => {
      const lou = (
        await personWithAccount(t, org.organisationId, {
          fullName: 'Lou Letters',
          perspectives: ['carer'],
          mobile: '07700900123',
          contactOrder: ['text'],
        })
      ).personId;
      const admin = await signedInClient(t, org.email);
      await admin.get(`/learn/people/${lou}`);
      assert.equal((await admin.post(`/learn/people/${lou}/send`, { sendModule: 'nope' })).statusCode, 400);
      assert.equal((await admin.post(`/learn/people/${lou}/send`, { sendModule: 'being-on-a-commissioning-panel' })).statusCode, 303);
      const message = await t.database.db.selectFrom('outbox').selectAll().where('kind', '=', 'learn').executeTakeFirstOrThrow();
      assert.equal(message.channel, 'text');
      assert.match(message.body_text, /Being on a commissioning panel/);
      const link = /http:\/\/localhost:3000(\/act\/\S+)/.exec(message.body_text)![1]!;

      const browser = new Client(t.app);
      const page = await browser.get(link);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h2 class="govuk-heading-m">What the panel does<\/h2>/);
      assert.match(page.body, /What question would you most want to ask/);
      assert.equal((await browser.post(link, { reflection: 'How will you listen to us?' })).statusCode, 303);
      const row = await t.database.db.selectFrom('learn_completions').selectAll().where('person_id', '=', lou).executeTakeFirstOrThrow();
      assert.equal(row.how, 'link');
      assert.equal(row.slug, 'being-on-a-commissioning-panel');
      assert.equal(row.reflection, 'How will you listen to us?');
      assert.match((await admin.get(`/learn/people/${lou}`)).body, /Marked done by their personal link/);
    });

    test('another organisation can neither see nor record anything here', async () => {
      const other = await anotherOrganisation(t);
      const them = await signedInClient(t, other.email);
      await them.get('/learn');
      assert.equal((await them.get(`/learn/people/${dennis}`)).statusCode, 404);
      assert.equal((await them.get(`/learn/people/${dennis}/certificate.pdf`)).statusCode, 404);
      assert.equal((await them.post(`/learn/people/${dennis}/done`, { module: 'the-jigsaw', how: 'group' })).statusCode, 404);
      const found = await them.get('/learn/people?name=dennis');
      assert.doesNotMatch(found.body, /Dennis/);
      assert.equal((await t.database.db.selectFrom('learn_completions').selectAll().execute()).length, 0);
    });
  });
}
