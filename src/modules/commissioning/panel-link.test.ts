import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { organisationWithAdmin } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { roundScoringAlone, setUpCommissioningWorld } from '../../../test/worlds/commissioning.ts';
import { actLinkIn, codeIn } from '../../../test/worlds/replies.ts';

// P7 for panel members who never sign in: their personal link (the app's /act/ links) lets
// them say who they know and score each bid alone, for that one round only, until scoring
// alone ends; a bid whose bidder they know is never shown to them; staff can write down
// what someone said on the phone from the reply code, and it shows as recorded by them.
for (const dialect of databaseDialects()) {
  describe(`a panel member's personal link (${dialect})`, () => {
    let t: TestApp;
    let filesDir: string;
    let ann: string;
    let lee: string;
    let pat: string;
    let admin: Client;

    beforeEach(async () => {
      filesDir = await fs.mkdtemp(path.join(os.tmpdir(), 'coproduce-panel-link-'));
      t = await makeTestApp({ dialect, startAt: new Date('2026-12-09T10:00:00Z'), env: { FILES_DIR: filesDir } });
      // Lee and Pat have no account: Lee reads email, Pat gets letters.
      ({
        admin,
        people: { ann, lee, pat },
      } = await setUpCommissioningWorld(t, ['ann', 'lee', 'pat']));
    });
    afterEach(async () => {
      await t.close();
      await fs.rm(filesDir, { recursive: true, force: true });
    });

    const newRound = (title: string, bidders: string[], panel: string[]) =>
      roundScoringAlone(t, admin, {
        title,
        criteria: [
          ['How people shape the service', '3'],
          ['Value for money', '2'],
        ],
        bidders,
        panel,
      });

    const messageTo = (personId: string, roundId: string) =>
      t.database.db
        .selectFrom('outbox')
        .selectAll()
        .where('person_id', '=', personId)
        .where('about_id', '=', roundId)
        .where('kind', '=', 'commissioning')
        .execute();
    const scoresOf = (criteria: string[], score: string) => Object.fromEntries(criteria.map((c) => [`score-${c}`, score]));

    test('Lee says who he knows, never sees that bid, scores the other alone and checks his scores', async () => {
      const { roundId, bidOf, criteria } = await newRound(
        'Day opportunities in Northby',
        ['Northby Day Centre', 'Friends Together CIC'],
        [ann, lee, pat],
      );
      const north = bidOf('Northby Day Centre');
      const friends = bidOf('Friends Together CIC');

      // Scoring started: those who cannot sign in were sent their link by their own channel.
      assert.deepEqual(await messageTo(ann, roundId), [], 'Ann signs in');
      const [email] = await messageTo(lee, roundId);
      assert.equal(email?.channel, 'email');
      const link = actLinkIn(email!.body_text)!;
      assert.ok(link, email!.body_text);
      const [letter] = await messageTo(pat, roundId);
      assert.equal(letter?.channel, 'letter');
      assert.doesNotMatch(letter!.body_text, /https?:/, 'a letter has no web address');
      assert.ok(codeIn(letter!.body_text), letter!.body_text);

      const lees = new Client(t.app);
      const first = await lees.get(link);
      assert.equal(first.statusCode, 200);
      assert.match(first.body, /Do you know anyone who sent a bid\?/);
      assert.match(first.body, /Friends Together CIC/);
      assert.doesNotMatch(first.body, /will run a day club/, 'no bid is shown before declaring');
      assert.equal((await lees.get(`${link}/bids/${north}/document`)).statusCode, 404);

      const nothing = await lees.post(link, { step: 'declare' });
      assert.equal(nothing.statusCode, 400);
      assert.match(nothing.body, /Tick who you know, or tick that you do not know anyone/);
      const noReason = await lees.post(link, { step: 'declare', interest: friends });
      assert.equal(noReason.statusCode, 400);
      assert.match(noReason.body, /Say how you know them/);
      assert.match(noReason.body, new RegExp(`value="${friends}" checked`), 'what was ticked is kept');
      const declared = await lees.post(link, { step: 'declare', interest: friends, [`reason-${friends}`]: 'My sister works there.' });
      assert.equal(declared.statusCode, 303);

      // The next thing to do is the one bid he may score, with its plain-words summary.
      const scoring = await lees.get(link);
      assert.match(scoring.body, /Thank you for telling us/);
      assert.match(scoring.body, /Score the bid from Northby Day Centre/);
      assert.match(scoring.body, /Northby Day Centre will run a day club\./);
      assert.doesNotMatch(scoring.body, /Friends Together CIC will run a day club/, 'the bid he knows is kept from him');
      assert.match(scoring.body, new RegExp(`href="${link}/bids/${north}/document"`));
      const doc = await lees.get(`${link}/bids/${north}/document`);
      assert.equal(doc.statusCode, 200);
      assert.match(String(doc.headers['content-type']), /application\/pdf/);
      assert.equal((await lees.get(`${link}/bids/${friends}/document`)).statusCode, 404, 'nor its document');
      assert.doesNotMatch((await lees.get(`${link}?page=4`)).body, /Friends Together CIC will run/);
      assert.equal((await lees.post(link, { step: 'score', bid: friends, ...scoresOf(criteria, '5') })).statusCode, 404);

      const missing = await lees.post(link, { step: 'score', bid: north, [`score-${criteria[0]}`]: '4' });
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /Choose a score from 1 to 5/);
      assert.match(missing.body, new RegExp(`name="score-${criteria[0]}" type="radio" value="4" checked`), 'what was chosen is kept');
      assert.equal((await lees.post(link, { step: 'score', bid: north, ...scoresOf(criteria, '4') })).statusCode, 303);
      const saved = await t.database.db
        .selectFrom('commissioning_scores')
        .select(['bid_id', 'score', 'how', 'recorded_by'])
        .where('person_id', '=', lee)
        .execute();
      assert.deepEqual(
        saved.map((s) => [s.bid_id, s.score, s.how, s.recorded_by]),
        criteria.map(() => [north, 4, 'link', null]),
      );

      const check = await lees.get(link);
      assert.match(check.body, /Check your scores/);
      assert.match(check.body, /4: Good/);
      const done = await lees.post(link, { step: 'check' });
      assert.equal(done.statusCode, 303);
      assert.match((await lees.get(link)).body, /Thank you\. Your scores are saved\./);

      // Each use is in the audit log, and so is the download.
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'actor_person_id'])
        .where('subject_id', '=', roundId)
        .where('action', 'in', ['answer-by-link', 'bid-downloaded-by-link'])
        .execute();
      assert.ok(audit.some((a) => a.action === 'bid-downloaded-by-link' && a.actor_person_id === lee));
      assert.equal(audit.filter((a) => a.action === 'answer-by-link').length, 3);
    });

    test('a link opens its own round only, and stops when scoring alone ends; a phone answer shows who wrote it down', async () => {
      const a = await newRound('Day opportunities in Northby', ['Northby Day Centre'], [lee, pat]);
      const b = await newRound('Short breaks in Eastwick', ['Eastwick Breaks'], [lee]);
      const [email] = await messageTo(lee, a.roundId);
      const link = actLinkIn(email!.body_text)!;
      const lees = new Client(t.app);
      await lees.get(link);
      assert.equal((await lees.post(link, { step: 'declare', none: 'yes' })).statusCode, 303);
      // The other round's bid is not this link's, to score or to read.
      const other = b.bidOf('Eastwick Breaks');
      assert.equal((await lees.post(link, { step: 'score', bid: other, ...scoresOf(b.criteria, '3') })).statusCode, 404);
      assert.equal((await lees.get(`${link}/bids/${other}/document`)).statusCode, 404);
      assert.doesNotMatch((await lees.get(link)).body, /Eastwick/);
      assert.equal(
        (await lees.post(link, { step: 'score', bid: a.bidOf('Northby Day Centre'), ...scoresOf(a.criteria, '3') })).statusCode,
        303,
      );

      // Pat rings up: staff type her reply code and write down what she says.
      const [letter] = await messageTo(pat, a.roundId);
      const code = codeIn(letter!.body_text)!;
      await admin.get('/reply-codes');
      const form = await admin.post('/reply-codes', { code });
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Do you know anyone who sent a bid\?/);
      assert.equal((await admin.post('/reply-codes/answer', { code, step: 'declare', none: 'yes', how: 'phone' })).statusCode, 303);
      const scoreForm = await admin.post('/reply-codes', { code });
      assert.match(scoreForm.body, /Score the bid from Northby Day Centre/);
      const north = a.bidOf('Northby Day Centre');
      const noHow = await admin.post('/reply-codes/answer', { code, step: 'score', bid: north, ...scoresOf(a.criteria, '2') });
      assert.equal(noHow.statusCode, 400, 'staff say how they heard it');
      assert.equal(
        (await admin.post('/reply-codes/answer', { code, step: 'score', bid: north, ...scoresOf(a.criteria, '2'), how: 'phone' }))
          .statusCode,
        303,
      );
      const page = await admin.get(a.url);
      assert.match(page.body, /Scores recorded by phone by Ada Admin\./);
      assert.match(page.body, /Who they know recorded by phone by Ada Admin\./);
      assert.match(page.body, /Scored by their personal link\./);

      // Staff can send a link to someone who would rather not sign in.
      t.clock.now = new Date(t.clock.now.getTime() + 60_000);
      const ask = await admin.post(`/commissioning/rounds/${b.roundId}/panel/${lee}/link`, {});
      assert.equal(ask.statusCode, 303);
      assert.equal((await messageTo(lee, b.roundId)).length, 2, 'sent again: when scoring started, and now');

      // Everyone has scored, so the panel moves on: the links stop.
      assert.equal((await admin.post(`${a.url}/next`, {})).statusCode, 303);
      const stage = await t.database.db
        .selectFrom('commissioning_rounds')
        .select('stage')
        .where('id', '=', a.roundId)
        .executeTakeFirstOrThrow();
      assert.equal(stage.stage, 'together');
      assert.equal((await lees.get(link)).statusCode, 410);
      assert.equal((await lees.post(link, { step: 'check' })).statusCode, 410);
      assert.equal((await lees.get(`${link}/bids/${north}/document`)).statusCode, 404);
      // Round b's link still works.
      const [bLink] = await messageTo(lee, b.roundId);
      assert.equal((await lees.get(actLinkIn(bLink!.body_text)!)).statusCode, 200);
    });

    test('a guessed link is refused, and guessing a document is limited like signing in', async () => {
      const visitor = new Client(t.app);
      assert.equal(
        (await visitor.get('/act/AAAAAAAAAAAAAAAAAAAAAA.guess/bids/00000000-0000-4000-8000-000000000000/document')).statusCode,
        404,
      );
      await t.close();
      t = await makeTestApp({ dialect, env: { FILES_DIR: filesDir, SIGN_IN_RATE_LIMIT: '3' } });
      await organisationWithAdmin(t);
      const guesser = new Client(t.app);
      const codes: number[] = [];
      for (let i = 0; i < 4; i++)
        codes.push(
          (await guesser.get(`/act/AAAAAAAAAAAAAAAAAAAAAA.guess${i}/bids/00000000-0000-4000-8000-000000000000/document`)).statusCode,
        );
      assert.deepEqual(codes, [404, 404, 404, 429]);
    });
  });
}
