import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { anotherOrganisation, organisationWithAdmin, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { roundScoringAlone, setUpCommissioningWorld } from '../../../test/worlds/commissioning.ts';
import { actLinkIn } from '../../../test/worlds/replies.ts';
import { noAccessNeeds } from '../people/access-needs.ts';

const easyWords = 'A **club** for the day.\nMembers plan the week.';
const longSentence = 'This sentence is far too long for easy read because it goes on and on with many words in it.';

// P7: "the bids, each with a plain-language summary for the panel, in each panel member's
// format". Ann reads easy read (her choice), Lee too (his access needs; he has no account and
// takes part by his link), Cal reads large print. Staff are told who waits for an easy read
// version, write it with Check my words, and each sees the summary in their own format, on
// screen, by link and on a printed copy.
for (const dialect of databaseDialects()) {
  describe(`a bid's summary in each panel member's format (${dialect})`, () => {
    let t: TestApp;
    let filesDir: string;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let ann: string;
    let cal: string;
    let lee: string;
    let admin: Client;

    beforeEach(async () => {
      filesDir = await fs.mkdtemp(path.join(os.tmpdir(), 'coproduce-bid-formats-'));
      t = await makeTestApp({ dialect, startAt: new Date('2026-12-09T10:00:00Z'), env: { FILES_DIR: filesDir } });
      ({
        org,
        admin,
        people: { ann, cal, lee },
      } = await setUpCommissioningWorld(t, ['ann', 'cal', 'lee']));
      const staff = { organisationId: org.organisationId, personId: org.adminPersonId, role: 'admin' as const };
      await t.services.easyRead.set(staff, ann, true);
      await t.services.accessNeeds.save(staff, cal, true, { ...noAccessNeeds(), formats: ['large-print'] });
      await t.services.accessNeeds.save(staff, lee, true, { ...noAccessNeeds(), formats: ['easy-read'] });
    });
    afterEach(async () => {
      await t.close();
      await fs.rm(filesDir, { recursive: true, force: true });
    });

    /** A round with two bids and Ann, Cal and Lee on its panel, scoring alone. */
    async function roundScoring() {
      const { url, roundId, bidOf } = await roundScoringAlone(t, admin, {
        criteria: [['How people shape the service', '3']],
        bidders: ['Northby Day Centre', 'Friends Together CIC'],
        panel: [ann, cal, lee],
      });
      return { url, roundId, north: bidOf('Northby Day Centre'), friends: bidOf('Friends Together CIC') };
    }

    test('staff see who waits for easy read and write it; Ann, Lee and Cal each read the summary in their format', async () => {
      const { url, roundId, north, friends } = await roundScoring();
      const round = await admin.get(url);
      // Panel members added at the same moment come in id order: either name may be first.
      const annAndLee = '(Ann Avery, Lee Link|Lee Link, Ann Avery)';
      assert.match(
        round.body,
        new RegExp(`The bid from Northby Day Centre has no easy read summary yet\\. Waiting for it: ${annAndLee}\\.`),
      );
      assert.match(round.body, /The bid from Friends Together CIC has no easy read summary yet\./);
      assert.match(round.body, /Reads large print/);
      assert.match(round.body, new RegExp(`href="${url}/bids/${north}/easy-read"`));
      // A format can come from someone's access needs: staff's look at who reads how is in the history.
      const looks = await t.database.db
        .selectFrom('audit_log')
        .select('subject_id')
        .where('action', '=', 'format-shown-for-panel')
        .where('actor_person_id', '=', org.adminPersonId)
        .execute();
      assert.deepEqual([...new Set(looks.map((l) => l.subject_id))].sort(), [ann, cal, lee].sort());

      // Before it is written, Ann is told, and given the usual words.
      const annClient = await signedInClient(t, 'ann@example.com');
      await annClient.get(`${url}/interests`);
      assert.equal((await annClient.post(`${url}/interests`, { none: 'yes' })).statusCode, 303);
      const waiting = await annClient.get(`${url}/bids/${north}/score`);
      assert.match(waiting.body, /The easy read words for this bid are not ready yet/);
      assert.match(waiting.body, /Northby Day Centre will run a day club\./);

      // Staff write it: Check my words gives advice and keeps nothing; too long is refused.
      const form = await admin.get(`${url}/bids/${north}/easy-read`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, new RegExp(`On this panel, these people read easy read: ${annAndLee}\\.`));
      const checked = await admin.post(`${url}/bids/${north}/easy-read`, {
        easyReadSummary: longSentence,
        checkWords: 'easyReadSummary',
        wordsToCheck: 'easyReadSummary',
      });
      assert.equal(checked.statusCode, 200);
      assert.match(checked.body, /1 sentence is longer than 15 words/);
      assert.match(checked.body, /This sentence is far too long/, 'what was typed is kept');
      const stored = () =>
        t.database.db.selectFrom('commissioning_bids').select('easy_read_summary').where('id', '=', north).executeTakeFirstOrThrow();
      assert.equal((await stored()).easy_read_summary, null, 'checking saves nothing');
      const tooLong = await admin.post(`${url}/bids/${north}/easy-read`, { easyReadSummary: 'a'.repeat(3001) });
      assert.equal(tooLong.statusCode, 400);
      assert.match(tooLong.body, /Write the easy read summary in 3,000 characters or fewer/);
      const saved = await admin.post(`${url}/bids/${north}/easy-read`, { easyReadSummary: easyWords });
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, `${url}#bid-${north}`);
      assert.equal((await stored()).easy_read_summary, easyWords);
      const after = await admin.get(url);
      assert.doesNotMatch(after.body, /The bid from Northby Day Centre has no easy read summary yet/);
      assert.match(after.body, /The bid from Friends Together CIC has no easy read summary yet/);

      // Ann reads it in easy read, one idea a line, key words in bold; not the usual words.
      const easy = await annClient.get(`${url}/bids/${north}/score`);
      assert.match(easy.body, /A <strong>club<\/strong> for the day\.<\/p>/);
      assert.match(easy.body, />Members plan the week\.<\/p>/);
      assert.doesNotMatch(easy.body, /Northby Day Centre will run a day club/);
      assert.match((await annClient.get(url)).body, /A <strong>club<\/strong> for the day\./, 'on the round page too');

      // Cal reads large print.
      const calClient = await signedInClient(t, 'cal@example.com');
      await calClient.get(`${url}/interests`);
      assert.equal((await calClient.post(`${url}/interests`, { none: 'yes' })).statusCode, 303);
      const big = await calClient.get(`${url}/bids/${north}/score`);
      assert.match(big.body, /app-bid-summary--large/);
      assert.match(big.body, /Northby Day Centre will run a day club\./);
      assert.doesNotMatch(big.body, /A <strong>club/);

      // Lee, by his personal link, reads easy read too.
      const [email] = await t.database.db
        .selectFrom('outbox')
        .select('body_text')
        .where('person_id', '=', lee)
        .where('about_id', '=', roundId)
        .execute();
      const link = actLinkIn(email!.body_text)!;
      const lees = new Client(t.app);
      await lees.get(link);
      assert.equal((await lees.post(link, { step: 'declare', interest: friends, [`reason-${friends}`]: 'I know them.' })).statusCode, 303);
      const byLink = await lees.get(link);
      assert.match(byLink.body, /A <strong>club<\/strong> for the day\./);
      assert.doesNotMatch(byLink.body, /Northby Day Centre will run a day club/);

      // A printed copy follows the same choice: only the bids they may score.
      const leePrint = await admin.get(`${url}/panel/${lee}/print`);
      assert.equal(leePrint.statusCode, 200);
      assert.match(leePrint.body, /In easy read\./);
      assert.match(leePrint.body, /A <strong>club<\/strong> for the day\./);
      assert.doesNotMatch(leePrint.body, /Friends Together CIC/, 'the bid he knows is left out');
      const calPrint = await admin.get(`${url}/panel/${cal}/print`);
      assert.match(calPrint.body, /In large print\./);
      assert.match(calPrint.body, /app-bid-summary--large/);
      assert.match(calPrint.body, /Friends Together CIC will run a day club\./);
      assert.equal((await admin.get(`${url}/panel/${org.adminPersonId}/print`)).statusCode, 404, 'not on the panel');

      // Members neither write easy read versions nor print anyone's copy.
      assert.equal((await annClient.get(`${url}/bids/${north}/easy-read`)).statusCode, 403);
      assert.equal((await annClient.get(`${url}/panel/${ann}/print`)).statusCode, 403);
      // Nor does another organisation see any of it.
      const other = await anotherOrganisation(t);
      const them = await signedInClient(t, other.email);
      assert.equal((await them.get(`${url}/bids/${north}/easy-read`)).statusCode, 404);
      assert.equal((await them.get(`${url}/panel/${cal}/print`)).statusCode, 404);
    });

    test('before someone says who they know their copy waits; once shared, the easy read words stay as they were', async () => {
      const { url, roundId, north } = await roundScoring();
      const copy = await admin.get(`${url}/panel/${lee}/print`);
      assert.equal(copy.statusCode, 200);
      assert.match(copy.body, /Lee Link has not said who they know yet/);
      assert.doesNotMatch(copy.body, /will run a day club/);

      await t.database.db.updateTable('commissioning_rounds').set({ stage: 'published' }).where('id', '=', roundId).execute();
      await admin.get(`${url}/bids/${north}/easy-read`);
      const refused = await admin.post(`${url}/bids/${north}/easy-read`, { easyReadSummary: easyWords });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /The result is shared, so the easy read summary can no longer change/);
      assert.doesNotMatch((await admin.get(url)).body, /has no easy read summary yet/, 'nobody waits once the result is shared');
    });
  });
}
