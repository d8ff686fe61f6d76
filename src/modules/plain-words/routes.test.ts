import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

// Issue 24 (P1, P2): staff get advice on the words they write for members, after "Check my
// words" (no JavaScript) or from /plain-words/check (with it); the advice never stops saving.
// Admins keep the organisation's list of words to avoid.
const wordy =
  'The outcomes framework was agreed by stakeholders, and service users will be supported to utilise the new co-design process which we hope will facilitate better engagement across every part of the county.';

for (const dialect of databaseDialects()) {
  describe(`plain words (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let projectId: string;
    const staff = () => ({ organisationId: org.organisationId, personId: org.adminPersonId });

    beforeEach(async () => {
      t = await makeTestApp({ dialect, startAt: new Date('2026-12-09T10:00:00Z') });
      org = await organisationWithAdmin(t);
      projectId = await t.services.projects.create(staff(), {
        title: 'Better day centre lunches',
        purpose: 'Carers and staff choose the food together, using time credits.',
        activities: ['co-design'],
        levelAim: 'transformative',
        stage: 'deciding',
        startDate: '2026-01-05',
      });
    });
    afterEach(() => t.close());

    test('"Check my words" shows the advice beside the field with what was typed, and saves nothing', async () => {
      const admin = await signedInClient(t, org.email);
      const form = await admin.get(`/projects/${projectId}/edit`);
      assert.match(form.body, /Check my words/);
      const checked = await admin.post(`/projects/${projectId}/edit`, {
        title: '',
        purpose: wordy,
        activities: ['co-design'],
        levelAim: 'transformative',
        stage: 'deciding',
        'startDate-day': '5',
        'startDate-month': '1',
        'startDate-year': '2026',
        wordsToCheck: 'purpose',
        checkWords: 'purpose',
      });
      assert.equal(checked.statusCode, 200, 'advice, not an error: the empty title waits for saving');
      assert.doesNotMatch(checked.body, /govuk-error-summary/);
      assert.match(checked.body, /Advice on your words/);
      assert.match(checked.body, /Instead of “outcomes framework”, try “what we want to change, and how we will know”/);
      assert.match(checked.body, /Instead of “service users”, try “person who draws on care and support”/);
      assert.match(checked.body, /Instead of “utilise”, try “use”/);
      assert.match(checked.body, /has 32 words/);
      assert.match(checked.body, /“was agreed”/);
      assert.match(checked.body, /Reading age: \d+\. Aim for 9 or under/);
      assert.ok(checked.body.includes('The outcomes framework was agreed by stakeholders'), 'what was typed is kept');
      const project = await t.services.projects.get({ ...staff(), role: 'admin' } as never, projectId);
      assert.equal(project.purpose, 'Carers and staff choose the food together, using time credits.');

      // Saving the same words works: the advice never blocks.
      const saved = await admin.post(`/projects/${projectId}/edit`, {
        title: 'Better day centre lunches',
        purpose: wordy,
        activities: ['co-design'],
        levelAim: 'transformative',
        stage: 'deciding',
        'startDate-day': '5',
        'startDate-month': '1',
        'startDate-year': '2026',
        wordsToCheck: 'purpose',
      });
      assert.equal(saved.statusCode, 303);
    });

    test('the script asks /plain-words/check and gets the same advice as JSON; members may not', async () => {
      const admin = await signedInClient(t, org.email);
      await admin.get(`/projects/${projectId}/edit`);
      const res = await admin.post(
        '/plain-words/check',
        { text: 'The papers were sent to stakeholders.' },
        { headers: { accept: 'application/json' } },
      );
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /application\/json/);
      const body = JSON.parse(res.body) as { points: number; readingAge: number; html: string };
      assert.ok(body.points >= 2);
      assert.match(body.html, /Instead of “stakeholders”/);
      assert.match(body.html, /“were sent”/);
      assert.equal((await admin.post('/plain-words/check', { text: 'x' }, { csrf: null })).statusCode, 403, 'CSRF stays on');
      const plain = JSON.parse((await admin.post('/plain-words/check', { text: 'We meet on Monday.' })).body) as {
        points: number;
        html: string;
      };
      assert.equal(plain.points, 0);
      assert.match(plain.html, /Your words look plain and clear/);

      await personWithAccount(
        t,
        org.organisationId,
        { fullName: 'Mo Member', perspectives: ['draws-on-care'], contactOrder: ['email'] },
        { email: 'mo@example.com', role: 'member' },
      );
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get('/');
      assert.equal((await mo.post('/plain-words/check', { text: 'Hello.' })).statusCode, 403);
      assert.equal((await mo.get('/organisation/plain-words')).statusCode, 403);
    });

    test('admins change the list from the starter list; each organisation has its own', async () => {
      const admin = await signedInClient(t, org.email);
      const list = await admin.get('/organisation/plain-words');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /This is the starter list/);
      assert.match(list.body, /outcomes framework/);

      const empty = await admin.post('/organisation/plain-words', { word: '', plain: 'help' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /Enter the word or phrase to avoid/);
      assert.match(empty.body, /value="help"/);
      assert.equal((await admin.post('/organisation/plain-words', { word: 'Locality', plain: 'area' })).statusCode, 303);
      const taken = await admin.post('/organisation/plain-words', { word: 'locality', plain: 'place' });
      assert.equal(taken.statusCode, 400);
      assert.match(taken.body, /already on the list/);
      assert.equal((await admin.post('/organisation/plain-words/remove', { word: 'capacity' })).statusCode, 303);

      const after = await admin.get('/organisation/plain-words');
      assert.doesNotMatch(after.body, /This is the starter list/);
      assert.match(after.body, /Locality/);
      assert.match(after.body, /stakeholder/, 'the starter list was copied in');
      const advice = await t.services.plainWords.advise(org.organisationId, { a: 'Our locality has no capacity.' });
      assert.deepEqual(
        advice.a!.jargon.map((j) => j.word),
        ['locality'],
      );

      // Another organisation still has the starter list, and cannot change this one's.
      const other = await anotherOrganisation(t);
      const them = await signedInClient(t, other.email);
      const theirs = await them.get('/organisation/plain-words');
      assert.match(theirs.body, /This is the starter list/);
      assert.doesNotMatch(theirs.body, /Locality/);
      await them.post('/organisation/plain-words/remove', { word: 'Locality' });
      assert.match((await admin.get('/organisation/plain-words')).body, /Locality/);
    });
  });
}
