import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import type { Client } from '../../../test/helpers/browser-like-client.ts';
import { addBid, dates, newRound, setUpCommissioningWorld } from '../../../test/worlds/commissioning.ts';
import { makeTranslator } from '../../platform/i18n.ts';
import { commissioningEvidence } from './evidence.ts';

// P6 and P7: the policy written with members; a round that starts from it; a panel with
// lived experience that declares interests, scores alone, agrees together; the result shared.
for (const dialect of databaseDialects()) {
  describe(`commissioning (${dialect})`, () => {
    let t: TestApp;
    let filesDir: string;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let ann: string;
    let cal: string;
    let admin: Client;

    beforeEach(async () => {
      filesDir = await fs.mkdtemp(path.join(os.tmpdir(), 'coproduce-commissioning-'));
      t = await makeTestApp({ dialect, startAt: new Date('2026-12-09T10:00:00Z'), env: { FILES_DIR: filesDir } });
      ({
        org,
        admin,
        people: { ann, cal },
      } = await setUpCommissioningWorld(t, ['ann', 'cal']));
    });
    afterEach(async () => {
      await t.close();
      await fs.rm(filesDir, { recursive: true, force: true });
    });

    /** The policy, a round with two bids, and Ann and Cal on its panel, ready to score alone. */
    async function roundReady() {
      await admin.get('/commissioning/policy/new');
      const policy = await admin.post('/commissioning/policy/new', {
        writtenWith: 'The carers’ forum',
        codes: ['P6', 'P7'],
        'criterion-0': 'How people who draw on care shape the service',
        'weight-0': '3',
        bidChecks: 'Members read and score every bid.',
        contractChecks: 'We visit with members after six months.',
      });
      assert.equal(policy.statusCode, 303);
      const { url, roundId } = await newRound(admin);
      const page = await admin.get(url);
      assert.match(page.body, /How people who draw on care shape the service \(counts 3 times\)/, 'the policy’s criterion is copied in');
      assert.match(page.body, /Nobody on the panel draws on care and support/);
      assert.equal((await admin.post(`${url}/criteria`, { name: 'Value for money', weight: '2' })).statusCode, 303);
      for (const bidder of ['Northby Day Centre', 'Friends Together CIC']) await addBid(admin, url, bidder);
      for (const personId of [ann, cal]) assert.equal((await admin.post(`${url}/panel`, { personId })).statusCode, 303);
      const bids = await t.database.db
        .selectFrom('commissioning_bids')
        .select(['id', 'bidder'])
        .orderBy('added_at')
        .orderBy('bidder')
        .execute();
      const north = bids.find((b) => b.bidder === 'Northby Day Centre')!.id;
      const friends = bids.find((b) => b.bidder === 'Friends Together CIC')!.id;
      assert.equal((await admin.post(`${url}/next`, {})).statusCode, 303);
      return { url, roundId, north, friends };
    }

    test('a member declares an interest, scores alone, agrees with the panel, and everyone sees the result', async () => {
      const { url, roundId, north, friends } = await roundReady();
      const criteria = await t.database.db.selectFrom('commissioning_criteria').select(['id', 'name']).orderBy('position').execute();
      const annClient = await signedInClient(t, 'ann@example.com');
      const before = await annClient.get(url);
      assert.equal(before.statusCode, 200);
      assert.match(before.body, /href="\/learn\/being-on-a-commissioning-panel"/, 'the panel module is offered first');
      assert.doesNotMatch(before.body, /will run a day club/, 'no bid is shown before declaring');
      assert.equal((await annClient.get(`${url}/bids/${north}/document`)).statusCode, 404);

      await annClient.get(`${url}/interests`);
      const empty = await annClient.post(`${url}/interests`, { interest: friends, [`reason-${friends}`]: '' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /Say how you know them/);
      assert.equal(
        (await annClient.post(`${url}/interests`, { interest: friends, [`reason-${friends}`]: 'My sister works there.' })).statusCode,
        303,
      );
      const after = await annClient.get(url);
      assert.match(after.body, /Northby Day Centre will run a day club/);
      assert.doesNotMatch(after.body, /Friends Together CIC will run a day club/, 'kept out of the bid she knows');
      assert.equal((await annClient.get(`${url}/bids/${friends}/document`)).statusCode, 404);
      assert.equal((await annClient.get(`${url}/bids/${friends}/score`)).statusCode, 404);
      const doc = await annClient.get(`${url}/bids/${north}/document`);
      assert.equal(doc.statusCode, 200);
      assert.match(doc.body, /%PDF/);

      await annClient.get(`${url}/bids/${north}/score`);
      const bad = await annClient.post(`${url}/bids/${north}/score`, { [`score-${criteria[0]!.id}`]: '4' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Choose a score from 1 to 5/);
      assert.match(bad.body, new RegExp(`name="score-${criteria[0]!.id}" type="radio" value="4" checked`), 'keeps what was chosen');
      assert.equal(
        (await annClient.post(`${url}/bids/${north}/score`, { [`score-${criteria[0]!.id}`]: '4', [`score-${criteria[1]!.id}`]: '3' }))
          .statusCode,
        303,
      );
      assert.equal((await annClient.get(`${url}/together`)).statusCode, 404, 'nobody sees the others’ scores while scoring alone');

      const calClient = await signedInClient(t, 'cal@example.com');
      await calClient.get(`${url}/interests`);
      assert.equal((await calClient.post(`${url}/interests`, { none: 'yes' })).statusCode, 303);
      await admin.get(url);
      const early = await admin.post(`${url}/next`, {});
      assert.equal(early.statusCode, 400, 'Cal has not scored yet');
      assert.match(early.body, /not ready for the next step/);
      for (const bid of [north, friends])
        assert.equal(
          (await calClient.post(`${url}/bids/${bid}/score`, { [`score-${criteria[0]!.id}`]: '2', [`score-${criteria[1]!.id}`]: '5' }))
            .statusCode,
          303,
        );
      assert.equal((await admin.post(`${url}/next`, {})).statusCode, 303);

      const together = await annClient.get(`${url}/together`);
      assert.equal(together.statusCode, 200);
      assert.match(together.body, /Did not score/, 'Ann’s missing score for the bid she knows is shown as such');
      const agree = (bid: string, criterionId: string, score: string, reason: string) =>
        annClient.post(`${url}/bids/${bid}/agree`, { criterionId, score, reason });
      const noReason = await agree(north, criteria[0]!.id, '3', '');
      assert.equal(noReason.statusCode, 400);
      assert.match(noReason.body, /Say why/);
      assert.equal((await agree(north, criteria[0]!.id, '5', 'Cal told us about the waiting list.')).statusCode, 303);
      const record = await annClient.get(`${url}/together`);
      assert.match(
        record.body,
        /Northby Day Centre, How people who draw on care shape the service: from 3 to 5\. Why: Cal told us about the waiting list\./,
      );
      for (const [bid, c] of [
        [north, 1],
        [friends, 0],
        [friends, 1],
      ] as const)
        assert.equal((await agree(bid, criteria[c]!.id, '4', 'We talked it over.')).statusCode, 303);
      await admin.get(`${url}/together`);
      assert.equal(
        (await admin.post(`${url}/summary`, { summary: 'We chose Northby Day Centre because people shape it.' })).statusCode,
        303,
      );
      for (const c of [annClient, calClient]) {
        await c.get(`${url}/together`);
        assert.equal((await c.post(`${url}/agree`, { agree: 'yes' })).statusCode, 303);
      }
      assert.equal((await admin.post(`${url}/next`, {})).statusCode, 303);
      const log = await t.database.db.selectFrom('decision_records').select(['decided', 'why']).execute();
      assert.equal(log.length, 1);
      assert.match(log[0]!.decided, /Day opportunities in Northby: the panel chose Northby Day Centre/);

      // Published: any member sees the plain-words summary; the panel's changes stay on record.
      await personWithAccount(
        t,
        org.organisationId,
        { fullName: 'Mo Member', contactOrder: ['email'] },
        { email: 'mo@example.com', role: 'member' },
      );
      const mo = await signedInClient(t, 'mo@example.com');
      assert.match((await mo.get('/commissioning')).body, /Day opportunities in Northby/);
      const shared = await mo.get(url);
      assert.equal(shared.statusCode, 200);
      assert.match(shared.body, /We chose Northby Day Centre because people shape it\./);
      assert.equal((await mo.get(`${url}/bids/${north}/document`)).statusCode, 404, 'only the panel reads bids');

      const evidence = await commissioningEvidence(t.database.db, org.organisationId, t.now(), makeTranslator('en'));
      assert.deepEqual(
        evidence.map((e) => e.code),
        ['P6', 'P7'],
      );
      assert.match(
        evidence[1]!.words,
        /1 commissioning round: 1 with people with lived experience on the panel, 1 scored alone then together, 1 decided/,
      );
      assert.ok(roundId);
    });

    test('bad input keeps what was typed; members cannot set up; another organisation sees nothing', async () => {
      await admin.get('/commissioning/policy/new');
      const bad = await admin.post('/commissioning/policy/new', {
        writtenWith: 'Forum',
        'criterion-0': 'Voice',
        'weight-0': 'lots',
        bidChecks: '',
        contractChecks: 'x',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter a weight from 1 to 10/);
      assert.match(bad.body, /Tick at least one thing providers must show/);
      assert.match(bad.body, /value="Voice"/);
      await admin.get('/commissioning/rounds/new');
      const badRound = await admin.post('/commissioning/rounds/new', {
        title: 'Lunch clubs',
        kind: 'service',
        purpose: '',
        ...dates('bidsCloseOn', '40', '1', '2027'),
      });
      assert.equal(badRound.statusCode, 400);
      assert.match(badRound.body, /Say what the round is for/);
      assert.match(badRound.body, /value="Lunch clubs"/);

      const { url } = await roundReady();
      const annClient = await signedInClient(t, 'ann@example.com');
      assert.equal((await annClient.get('/commissioning/policy')).statusCode, 200, 'members read the policy');
      assert.equal((await annClient.get('/commissioning/policy/new')).statusCode, 403);
      assert.equal((await annClient.post(`${url}/next`, {})).statusCode, 403);

      const other = await anotherOrganisation(t);
      const them = await signedInClient(t, other.email);
      await them.get('/commissioning');
      assert.equal((await them.get(url)).statusCode, 404);
      assert.equal((await them.post(`${url}/panel`, { personId: ann })).statusCode, 404);
      assert.doesNotMatch((await them.get('/commissioning')).body, /Day opportunities/);
      assert.match((await them.get('/commissioning/policy')).body, /There is no commissioning policy yet/);
    });
  });
}
