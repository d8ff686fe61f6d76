import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { setUpReviewsWorld, type ReviewsWorld } from '../../../test/worlds/reviews.ts';
import { makeTranslator } from '../../platform/i18n.ts';
import { newId } from '../../platform/ids.ts';
import { safeguardingEvidence } from '../safeguarding/evidence.ts';

// Reviews use the evidence (issue 21): beside each culture statement the self-assessment
// shows what the app holds, on every way of answering and in the results.
const onTime = /picked up within the time the organisation set: 1 of 3 in the last 12 months/;

for (const dialect of databaseDialects()) {
  describe(`culture evidence beside the review's statements (${dialect})`, () => {
    let t: TestApp;
    let w: ReviewsWorld;
    let cycleId: string;
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      w = await setUpReviewsWorld(t); // the clock: 1 December 2026, 10:00
      const made = await t.services.reviews.create(w.staff, {
        title: 'Winter review',
        projectId: null,
        opensOn: '2026-11-25',
        closesOn: '2026-12-20',
        schedule: 'none',
        gapThresholdTenths: 10,
      });
      assert.ok(made.ok);
      cycleId = made.id;
    });
    afterEach(() => t.close());

    /** A concern with its handling times; only what the counts need. */
    const concern = (organisationId: string, raisedAt: string, acknowledgeBy: string, acknowledgedAt: string | null) =>
      t.database.db
        .insertInto('safeguarding_concerns')
        .values({
          id: newId(),
          organisation_id: organisationId,
          reference: `SG-${newId().slice(0, 6)}`,
          raised_at: raisedAt,
          raised_by_person_id: null,
          reporter_name: null,
          reporter_contact: null,
          about_name: 'Someone',
          what_happened: 'A worry',
          danger_now: 0,
          acknowledge_by: acknowledgeBy,
          acknowledged_at: acknowledgedAt,
        })
        .execute();

    async function concerns() {
      const org = w.organisationId;
      await concern(org, '2026-06-01T09:00:00.000Z', '2026-06-02T09:00:00.000Z', '2026-06-01T15:00:00.000Z'); // in time
      await concern(org, '2026-07-01T09:00:00.000Z', '2026-07-02T09:00:00.000Z', '2026-07-03T09:00:00.000Z'); // late
      await concern(org, '2026-11-26T09:00:00.000Z', '2026-11-27T09:00:00.000Z', null); // late, still waiting
      await concern(org, '2026-12-01T09:00:00.000Z', '2026-12-02T09:00:00.000Z', null); // not due yet: neither
      await concern(org, '2025-10-01T09:00:00.000Z', '2025-10-02T09:00:00.000Z', '2025-10-01T10:00:00.000Z'); // over a year ago
      await concern(w.other.organisationId, '2026-06-01T09:00:00.000Z', '2026-06-02T09:00:00.000Z', '2026-06-01T10:00:00.000Z');
    }

    const evidence = (organisationId: string) => safeguardingEvidence(t.database.db, organisationId, t.now(), makeTranslator('en'));

    test('the safeguarding source: counts of the last 12 months, in time against each concern’s own deadline', async () => {
      assert.deepEqual(await evidence(w.organisationId), [
        { code: 'C3', words: "No worries about someone's safety were raised in the last 12 months." },
      ]);
      await concern(w.organisationId, '2026-12-01T09:00:00.000Z', '2026-12-02T09:00:00.000Z', null);
      assert.match((await evidence(w.organisationId))[0]!.words, /1 worry .* still inside the time/);
      await concerns();
      assert.match((await evidence(w.organisationId))[0]!.words, onTime);
      assert.match((await evidence(w.other.organisationId))[0]!.words, /: 1 of 1 in the last 12 months/);
    });

    test('shown beside C1 to C3 and P4 when signed in, by personal link, when staff record, and in the results; not on other pages', async () => {
      await concerns();
      const mo = await signedInClient(t, 'mo@example.com');
      const culture = await mo.get(`/reviews/${cycleId}/answer/culture`);
      assert.equal(culture.statusCode, 200);
      assert.match(culture.body, onTime);
      assert.match(culture.body, /What the app shows about this \(C1\)/);
      assert.match(culture.body, /are we keeping to it\?/, 'the review asks whether the charter is kept');
      assert.doesNotMatch((await mo.get(`/reviews/${cycleId}/answer/structure`)).body, /What the app shows/);
      // Practice: learning (P3) and staff time (P4, issue 22) have a source.
      const practice = await mo.get(`/reviews/${cycleId}/answer/practice`);
      assert.match(practice.body, /What the app shows about this \(P4\)/);
      assert.match(practice.body, /What the app shows about this \(P3\)/);
      assert.match(practice.body, /Nobody has finished a learning module yet\./);

      const fay = await signedInClient(t, 'fay@example.com');
      const recording = await fay.get(`/reviews/${cycleId}/record/${w.ids.dennis}/culture`);
      assert.equal(recording.statusCode, 200);
      assert.match(recording.body, onTime);

      const issued = await t.services.replyActions.issue(t.database.db, {
        organisationId: w.organisationId,
        kind: 'review',
        aboutId: cycleId,
        personIds: [w.ids.sue],
        expiresAt: '2026-12-20T23:59:59.000Z',
        once: false,
      });
      const visitor = new Client(t.app);
      const byLink = await visitor.get(issued.get(w.ids.sue)!.link);
      assert.equal(byLink.statusCode, 200);
      assert.match(byLink.body, onTime);

      const results = await fay.get(`/reviews/${cycleId}/results`);
      assert.match(results.body, /What the app shows about culture and practice today/);
      assert.match(results.body, onTime);
    });
  });
}
