import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { during } from '../../../test/worlds/decisions.ts';
import { actLinkIn, codeIn, replyPhone, setUpRepliesWorld, type RepliesWorld } from '../../../test/worlds/replies.ts';
import type { CurrentUser } from '../../platform/auth.ts';

// "Please say yes" to a time bank swap without signing in (issue 16): a text carries the
// person's own link and reply code, a letter the code, phone and address and no web address.
// The link opens that one swap for that one person, while it waits for their answer.
for (const dialect of databaseDialects()) {
  describe(`confirming a swap without signing in (${dialect})`, () => {
    let t: TestApp;
    let w: RepliesWorld;
    const user = (personId: string, name: string): CurrentUser => ({
      accountId: personId,
      personId,
      organisationId: w.organisationId,
      organisationName: 'Northshire County Council',
      role: 'member',
      name,
    });
    /** Mo helped someone who never signs in, and says so: they are asked to say yes. */
    const moSaysHeHelped = async (personId: string, name: string, minutes = 90) => {
      const them = user(personId, name);
      const mo = user(w.ids.mo, 'Mo Member');
      const listingId = await t.services.timebank.exchanges.post(them, {
        kind: 'request',
        title: 'Help with my garden',
        description: 'Weeding',
        minutes: 60,
      });
      const exchangeId = await t.services.timebank.exchanges.respond(mo, listingId, null);
      await t.services.timebank.exchanges.propose(mo, exchangeId, { minutes, happenedOn: '2026-11-24' });
      const message = await t.database.db
        .selectFrom('outbox')
        .selectAll()
        .where('about_id', '=', exchangeId)
        .where('person_id', '=', personId)
        .where('dedupe_key', 'like', '%:proposed:%')
        .executeTakeFirstOrThrow();
      return { exchangeId, message };
    };
    const status = async (id: string) =>
      (await t.database.db.selectFrom('timebank_exchanges').select(['status', 'minutes']).where('id', '=', id).executeTakeFirstOrThrow())
        .status;

    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      w = await setUpRepliesWorld(t);
      t.clock.now = during;
    });
    afterEach(() => t.close());

    test('a text link confirms that one swap for that person, once; a changed or old link is refused', async () => {
      const { exchangeId, message } = await moSaysHeHelped(w.ids.terry, 'Terry Text');
      assert.equal(message.channel, 'text');
      const link = actLinkIn(message.body_text)!;
      assert.ok(link, message.body_text);
      assert.ok(codeIn(message.body_text), 'a text carries the reply code too');

      const visitor = new Client(t.app);
      const page = await visitor.get(link);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Your time bank swap with Mo Member/);
      assert.match(page.body, /Is this right\?/);
      assert.doesNotMatch(page.body, /Dora|Sue Carer/, 'nothing of anyone else');
      assert.equal((await visitor.post(link, { minutes: '90' })).statusCode, 400, 'yes or no is needed');
      const [payload, signed] = link.split('/').pop()!.split('.');
      const changed = `/act/${payload!.slice(0, -2)}AA.${signed}`;
      assert.equal((await visitor.get(changed)).statusCode, 404);

      const yes = await visitor.post(link, { answer: 'yes', minutes: '90' });
      assert.equal(yes.statusCode, 303);
      assert.equal(await status(exchangeId), 'confirmed');
      const after = await visitor.get(link);
      assert.match(after.body, /The time credits have moved/);
      assert.doesNotMatch(after.body, /name="answer"/, 'nothing to answer again');
      assert.equal((await visitor.post(link, { answer: 'no', minutes: '90' })).statusCode, 400, 'a done swap cannot be answered');
      assert.equal(await status(exchangeId), 'confirmed');

      const audit = await t.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('subject_id', '=', exchangeId)
        .where('action', '=', 'answer-by-link')
        .execute();
      assert.deepEqual(
        audit.map((a) => [a.subject_type, a.actor_person_id]),
        [['timebank', w.ids.terry]],
      );

      t.clock.now = new Date(during.getTime() + 31 * 24 * 60 * 60 * 1000);
      assert.equal((await visitor.get(link)).statusCode, 410, 'the link lasts 30 days');
    });

    test('a letter has the code and phone, no web address; staff record a "no" by code, another organisation cannot', async () => {
      const { exchangeId, message } = await moSaysHeHelped(w.ids.dora, 'Dora Letter');
      assert.equal(message.channel, 'letter');
      assert.doesNotMatch(message.body_text, /http|www\./);
      assert.ok(message.body_text.includes(replyPhone));
      const code = codeIn(message.body_text)!;
      assert.ok(code, message.body_text);
      const asked = await t.database.db
        .selectFrom('outbox')
        .select('body_text')
        .where('about_id', '=', exchangeId)
        .where('channel', '=', 'letter')
        .execute();
      assert.deepEqual(
        asked.filter((m) => /http|www\./.test(m.body_text)),
        [],
        'no swap letter holds a web address',
      );

      const rita = await signedInClient(t, 'admin@riverside.test');
      await rita.get('/reply-codes');
      assert.equal((await rita.post('/reply-codes', { code })).statusCode, 400, 'another organisation cannot use the code');

      const ada = await signedInClient(t, 'admin@northshire.test');
      await ada.get('/reply-codes');
      const form = await ada.post('/reply-codes', { code });
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Record a reply for Dora Letter/);
      const saved = await ada.post('/reply-codes/answer', { code, how: 'letter', answer: 'no', minutes: '90' });
      assert.equal(saved.statusCode, 303);
      assert.equal(await status(exchangeId), 'asked', 'the proposal is taken back; the swap stays open');
      const declined = await t.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('subject_id', '=', exchangeId)
        .where('action', '=', 'exchange-declined')
        .executeTakeFirstOrThrow();
      assert.equal(declined.on_behalf_of_person_id, w.ids.dora);
      const credits = await t.database.db.selectFrom('timebank_transactions').selectAll().execute();
      assert.equal(credits.length, 0, 'no time credits moved');
    });
  });
}
