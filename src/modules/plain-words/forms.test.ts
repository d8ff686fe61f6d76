import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { afterClosing, during, setUpDecisionsWorld } from '../../../test/worlds/decisions.ts';

// Issue 24 (P1, P2): every form where staff write for members has "Check my words", and the
// words members then read link to the glossary.
const wordy = 'The decision was made by stakeholders.';

for (const dialect of databaseDialects()) {
  describe(`plain words in each form staff write for members (${dialect})`, () => {
    let t: TestApp;
    afterEach(() => t.close());

    test('project purpose, proposal, meeting notes, decision, decision log and charter all give advice without saving', async () => {
      t = await makeTestApp({ dialect, startAt: during });
      const w = await setUpDecisionsWorld(t);
      const proposalId = await w.propose();
      const startsAt = new Date(during.getTime() - 2 * 86_400_000);
      const meetingId = await t.services.meetings.create(w.admin, w.projectId, {
        title: 'Menu tasting',
        purpose: 'Taste soups',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
        format: 'in-person',
        venueId: null,
        joiningDetails: null,
        membersOnly: false,
        arrangements: [],
        interpreterLanguages: [],
      });
      const fay = await signedInClient(t, 'fay@example.com');
      const forms: Array<[string, string, string, Record<string, string>]> = [
        ['project', `/projects/${w.projectId}/edit`, `/projects/${w.projectId}/edit`, { purpose: wordy }],
        [
          'new proposal',
          `/projects/${w.projectId}/proposals/new`,
          `/projects/${w.projectId}/proposals/new`,
          { question: wordy, background: '' },
        ],
        ['meeting notes', `/meetings/${meetingId}/notes`, `/meetings/${meetingId}/notes`, { discussed: '', summary: wordy }],
        ['decision log', `/projects/${w.projectId}/decisions/new`, `/projects/${w.projectId}/decisions/new`, { decided: wordy, why: '' }],
      ];
      for (const [name, page, action, fields] of forms) {
        const form = await fay.get(page);
        assert.equal(form.statusCode, 200, name);
        assert.match(form.body, /Check my words/, name);
        const checked = await fay.post(action, { ...fields, wordsToCheck: Object.keys(fields), checkWords: Object.keys(fields)[0]! });
        assert.equal(checked.statusCode, 200, `${name}: advice, not errors`);
        assert.match(checked.body, /Instead of “stakeholders”/, name);
        assert.match(checked.body, /“was made”/, name);
        assert.ok(checked.body.includes(wordy), `${name} keeps what was typed`);
      }
      assert.equal((await t.database.db.selectFrom('decision_records').selectAll().execute()).length, 0, 'nothing saved');
      const proposal = await t.services.proposals.load(w.organisationId, proposalId);
      assert.equal(proposal.question, 'Should lunch start at 12:30pm?');

      // The decision from a closed vote.
      t.clock.now = afterClosing;
      const fayLater = await signedInClient(t, 'fay@example.com');
      const record = await fayLater.get(`/proposals/${proposalId}/record-decision`);
      assert.match(record.body, /Check my words/, `${record.statusCode} ${record.headers.location}`);
      const checked = await fayLater.post(`/proposals/${proposalId}/record-decision`, {
        decided: wordy,
        why: '',
        wordsToCheck: ['decided', 'why'],
        checkWords: 'decided',
      });
      assert.equal(checked.statusCode, 200);
      assert.match(checked.body, /Instead of “stakeholders”/);

      // The charter's draft (admins and facilitators).
      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get('/charter/draft');
      await admin.post('/charter/draft/start');
      const draft = await admin.get('/charter/draft');
      assert.match(draft.body, /Check my words/);
      const charter = await admin.post('/charter/draft', { meaning: wordy, wordsToCheck: 'meaning', checkWords: 'meaning' });
      assert.equal(charter.statusCode, 200);
      assert.match(charter.body, /Instead of “stakeholders”/);
    });

    test('glossary words in what staff wrote link to their meaning where members read it', async () => {
      t = await makeTestApp({ dialect, startAt: during });
      const w = await setUpDecisionsWorld(t);
      await t.services.projects.update(w.admin, w.projectId, {
        title: 'Better day centre lunches',
        purpose: 'Carers and people who draw on care and support choose the menu.\nWe pay expenses.',
        activities: ['co-decision'],
        levelAim: 'intermediate',
        stage: 'deciding',
        startDate: '2026-11-01',
      });
      const mo = await signedInClient(t, 'mo@example.com');
      const page = await mo.get(`/projects/${w.projectId}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<a class="govuk-link" href="\/glossary#carer">Carers<\/a>/);
      assert.match(page.body, /<a class="govuk-link" href="\/glossary#drawsOnCare">draw on care and support<\/a>/);
      assert.match(page.body, /menu\.<br>We pay <a class="govuk-link" href="\/glossary#expenses">expenses<\/a>/);
      const glossary = await mo.get('/glossary');
      for (const key of ['carer', 'drawsOnCare', 'expenses']) assert.match(glossary.body, new RegExp(`id="${key}"`));
    });
  });
}
