import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { during } from '../../../test/worlds/decisions.ts';
import { actLinkIn, setUpRepliesWorld, type RepliesWorld } from '../../../test/worlds/replies.ts';
import { actionToken } from '../replies/action-links.ts';
import { newId } from '../../platform/ids.ts';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');

// A person's statement sent to them (issue 16): by text or email a personal link that shows
// that statement only, without signing in, for 30 days; by letter the figures themselves.
for (const dialect of databaseDialects()) {
  describe(`a statement sent to the person (${dialect})`, () => {
    let t: TestApp;
    let w: RepliesWorld;
    beforeEach(async () => {
      t = await makeTestApp({ dialect, startAt: during });
      w = await setUpRepliesWorld(t);
      // Different time credits each, so one person's statement cannot pass for the other's.
      await t.services.timebank.creditFromOrganisation(w.admin, {
        personId: w.ids.terry,
        minutes: 150,
        memo: 'Panel',
        reference: 'test:terry',
      });
      await t.services.timebank.creditFromOrganisation(w.admin, {
        personId: w.ids.dora,
        minutes: 45,
        memo: 'Panel',
        reference: 'test:dora',
      });
    });
    afterEach(() => t.close());

    const period = { from: '2026-11-01', to: '2026-11-30' };
    const send = async (staff: Client, personId: string) => {
      await staff.get(`/claims/statement?personId=${personId}&from=${period.from}&to=${period.to}`);
      return staff.post('/claims/statement/send', { personId, ...period });
    };
    const audits = (action: string) =>
      t.database.db
        .selectFrom('audit_log')
        .select(['actor_person_id', 'subject_type', 'subject_id'])
        .where('action', '=', action)
        .execute();

    test('a text carries a link that shows only that statement without signing in, audited, and refused after 30 days', async () => {
      const ada = await signedInClient(t, 'admin@northshire.test');
      const page = await ada.get(`/claims/statement?personId=${w.ids.terry}&from=${period.from}&to=${period.to}`);
      assert.match(page.body, /Send this statement to them/);
      const sent = await send(ada, w.ids.terry);
      assert.equal(sent.statusCode, 303);
      assert.match((await ada.get(sent.headers.location as string)).body, /sent to Terry Text by text message/);

      const text = await w.sentTo(w.ids.terry, w.ids.terry, 'statement');
      assert.equal(text.channel, 'text');
      const link = actLinkIn(text.body_text)!;
      assert.ok(link, text.body_text);

      assert.equal(
        await t.services.replyActions.latestOpenAction(w.organisationId, w.ids.terry),
        null,
        'a number texted back is never taken as an answer to a statement',
      );

      const visitor = new Client(t.app);
      const shown = await visitor.get(link);
      assert.equal(shown.statusCode, 200);
      assert.match(shown.body, /My statement/);
      assert.match(shown.body, /From 1 November 2026 to 30 November 2026/);
      assert.match(shown.body, /2 hours and 30 minutes/);
      assert.doesNotMatch(shown.body, /45 minutes|Dora|Mo Member/, 'nothing of anyone else');
      assert.doesNotMatch(shown.body, /<form[^>]*method="post"/, 'nothing to answer');
      assert.equal((await visitor.post(link, {})).statusCode, 404, 'a statement link takes no answer');
      assert.deepEqual(await audits('opened-by-link'), [
        { actor_person_id: w.ids.terry, subject_type: 'rewards', subject_id: w.ids.terry },
      ]);
      assert.deepEqual(await audits('statement-sent'), [
        { actor_person_id: w.admin.personId, subject_type: 'rewards', subject_id: w.ids.terry },
      ]);

      // A changed link, or one signed by another installation, is nobody's.
      const [payload, signature] = link.split('/').pop()!.split('.');
      assert.equal((await visitor.get(`/act/${payload}.${signature!.slice(0, -2)}AA`)).statusCode, 404);
      const [row] = await t.database.db.selectFrom('reply_actions').select('id').where('kind', '=', 'statement').execute();
      assert.equal((await visitor.get(`/act/${actionToken('another secret', row!.id)}`)).statusCode, 404);

      t.clock.now = new Date(during.getTime() + 31 * 24 * 60 * 60 * 1000);
      const late = await visitor.get(link);
      assert.equal(late.statusCode, 410);
      assert.doesNotMatch(late.body, /2 hours and 30 minutes/);
      assert.equal((await audits('opened-by-link')).length, 1, 'a refused link shows nothing, so nothing is logged');
    });

    test("the link lists the statement's lines, newest first, 50 a page, and each page read is audited", async () => {
      // 55 more credits on the days before, and a claim still being checked.
      const start = t.clock.now.getTime();
      for (let i = 1; i <= 55; i++) {
        t.clock.now = new Date(start - i * 3 * 60 * 60 * 1000);
        await t.services.timebank.creditFromOrganisation(w.admin, {
          personId: w.ids.terry,
          minutes: 30,
          memo: `Group ${String(i).padStart(2, '0')}`,
          reference: `test:terry:${i}`,
        });
      }
      t.clock.now = new Date(start);
      await t.database.db
        .insertInto('claims')
        .values({
          id: newId(),
          organisation_id: w.organisationId,
          person_id: w.ids.terry,
          kind: 'time' as never,
          reference: `C-${newId().slice(0, 8)}`,
          project_id: w.projectId,
          meeting_id: null,
          category: 'meeting',
          on_date: '2026-11-02',
          amount_pence: 1500,
          way: 'bank-transfer' as never,
          status: 'submitted' as never,
          created_at: t.now().toISOString(),
          created_by: null,
          updated_at: t.now().toISOString(),
        })
        .execute();
      const ada = await signedInClient(t, 'admin@northshire.test');
      await send(ada, w.ids.terry);
      const link = actLinkIn((await w.sentTo(w.ids.terry, w.ids.terry, 'statement')).body_text)!;
      const visitor = new Client(t.app);
      const first = (await visitor.get(link)).body;
      const words = text(first);
      assert.match(words, /Everything in these dates 57 things, the newest first\./);
      assert.match(words, /Given by the organisation: Panel, with Northshire County Council 2 hours and 30 minutes in/);
      assert.ok(
        words.indexOf('Panel') < words.indexOf('Group 01') && words.indexOf('Group 01') < words.indexOf('Group 02'),
        'newest first',
      );
      assert.doesNotMatch(words, /Group 50|We are checking it/, 'the oldest are on page 2');
      assert.equal((first.match(/<tr class="govuk-table__row">/g) ?? []).length, 51, 'a header and 50 lines');
      const path = new URL(link, 'http://localhost').pathname;
      assert.match(first, new RegExp(`href="${path.replace(/\./g, '\\.')}\\?page=2"`));
      assert.doesNotMatch(first, /href="\/(claims|timebank|my-claims)/, 'no page that needs signing in');

      const second = text((await visitor.get(`${link}?page=2`)).body);
      assert.match(second, /Group 50/);
      assert.match(second, /2 November 2026 Meeting £15\.00 We are checking it/);
      assert.doesNotMatch(second, /Group 01 /);
      assert.doesNotMatch(second, /45 minutes|Dora|Mo Member/, 'nothing of anyone else');
      assert.equal((await visitor.get(`${link}?page=x`)).statusCode, 200, 'a bad page is the first');

      const opened = await t.database.db
        .selectFrom('audit_log')
        .select(['actor_person_id', 'subject_id', 'changes'])
        .where('action', '=', 'opened-by-link')
        .orderBy('at')
        .execute();
      assert.deepEqual(
        opened.map((o) => [o.actor_person_id, o.subject_id]),
        [
          [w.ids.terry, w.ids.terry],
          [w.ids.terry, w.ids.terry],
          [w.ids.terry, w.ids.terry],
        ],
      );
      assert.match(String(opened[1]!.changes), /"page"/);
      assert.match(String(opened[1]!.changes), /2/);
    });

    test('a letter has the figures and no web address; another organisation and members cannot send', async () => {
      const ada = await signedInClient(t, 'admin@northshire.test');
      assert.equal((await send(ada, w.ids.dora)).statusCode, 303);
      const letter = await w.sentTo(w.ids.dora, w.ids.dora, 'statement');
      assert.equal(letter.channel, 'letter');
      assert.doesNotMatch(letter.body_text, /http|www\.|\/act\//);
      assert.match(letter.body_text, /Time credits: 45 minutes/);
      assert.doesNotMatch(letter.body_text, /2 hours and 30 minutes/);

      const rita = await signedInClient(t, 'admin@riverside.test');
      await rita.get('/claims/statement');
      assert.equal((await rita.post('/claims/statement/send', { personId: w.ids.terry, ...period })).statusCode, 404);
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get('/my-claims/statement');
      assert.equal((await mo.post('/claims/statement/send', { personId: w.ids.terry, ...period })).statusCode, 403);
      const statements = await t.database.db.selectFrom('outbox').select('person_id').where('kind', '=', 'statement').execute();
      assert.deepEqual(
        statements.map((s) => s.person_id),
        [w.ids.dora],
      );
    });
  });
}
