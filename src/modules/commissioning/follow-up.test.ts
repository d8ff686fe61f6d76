import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { makeTranslator } from '../../platform/i18n.ts';
import { newId } from '../../platform/ids.ts';
import { commissioningEvidence } from './evidence.ts';

const dates = (name: string, d: string, m: string, y: string) => ({ [`${name}-day`]: d, [`${name}-month`]: m, [`${name}-year`]: y });

// Issue 23 after the contract: the winning bid's co-production promises checked in the
// organisation's review, shown on the service's page and on its next round; and P6 "written
// with members": comments on the policy draft, beside the draft and in the next version.
for (const dialect of databaseDialects()) {
  describe(`commissioning follow-up (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let ann: string;
    let cal: string;
    let admin: Client;

    beforeEach(async () => {
      t = await makeTestApp({ dialect, startAt: new Date('2026-12-09T10:00:00Z') });
      org = await organisationWithAdmin(t);
      ann = (
        await personWithAccount(
          t,
          org.organisationId,
          { fullName: 'Ann Avery', perspectives: ['draws-on-care'], contactOrder: ['email'] },
          { email: 'ann@example.com', role: 'member' },
        )
      ).personId;
      cal = await t.services.people.create(
        { organisationId: org.organisationId, personId: null },
        { fullName: 'Cal Carter', perspectives: ['carer'], contactOrder: ['text'], mobile: '07700900123' },
      );
      admin = await signedInClient(t, org.email);
    });
    afterEach(async () => t.close());

    /** A round the panel has decided: two co-production criteria and one other, two bids, the first agreed best. */
    async function decidedRound() {
      const db = t.database.db;
      const id = newId();
      const at = t.now().toISOString();
      await db
        .insertInto('commissioning_rounds')
        .values({
          id,
          organisation_id: org.organisationId,
          project_id: newId(),
          title: 'Day opportunities in Northby',
          kind: 'service',
          purpose: 'Places to go in the day.',
          bids_close_on: '2026-10-01',
          panel_meets_on: '2026-10-15',
          decision_due_on: '2026-11-01',
          policy_version: null,
          stage: 'published',
          summary: 'We chose Northby Day Centre.',
          decision_id: null,
          published_at: at,
          provider_group_id: null,
          created_by: org.adminPersonId,
          created_at: at,
        })
        .execute();
      const criteria = [
        ['How people who draw on care shape the service', 1],
        ['How people are paid for their time', 1],
        ['Value for money', 0],
      ].map(([name, fromPolicy], position) => ({
        id: newId(),
        organisation_id: org.organisationId,
        round_id: id,
        name: String(name),
        weight: 1,
        from_policy: Number(fromPolicy),
        position,
      }));
      await db.insertInto('commissioning_criteria').values(criteria).execute();
      const bids = ['Northby Day Centre', 'Friends Together CIC'].map((bidder) => ({
        id: newId(),
        organisation_id: org.organisationId,
        round_id: id,
        bidder,
        summary: `${bidder} will run a day club.`,
        file_name: 'bid.pdf',
        media_type: 'application/pdf',
        size_bytes: 10,
        stored_name: 'none',
        added_by: org.adminPersonId,
        added_at: at,
      }));
      await db.insertInto('commissioning_bids').values(bids).execute();
      await db
        .insertInto('commissioning_agreed')
        .values(
          bids.flatMap((b, i) =>
            criteria.map((c) => ({
              organisation_id: org.organisationId,
              round_id: id,
              bid_id: b.id,
              criterion_id: c.id,
              score: 5 - i * 2,
              agreed_at: at,
            })),
          ),
        )
        .execute();
      return { id, url: `/commissioning/rounds/${id}`, criteria };
    }

    async function openReview(title = 'Winter review') {
      await t.database.db
        .insertInto('review_cycles')
        .values({
          id: newId(),
          organisation_id: org.organisationId,
          project_id: null,
          title,
          opens_on: '2026-12-01',
          closes_on: '2026-12-31',
          schedule: 'none',
          gap_threshold_tenths: 10,
          follows_cycle_id: null,
          invitations_sent_at: null,
          closed_at: null,
          closed_by: null,
          created_at: t.now().toISOString(),
          created_by: org.adminPersonId,
        })
        .execute();
    }

    test('the bid’s promises are checked in the organisation’s review, shown on the service’s page and on its next round', async () => {
      const { id, url, criteria } = await decidedRound();
      const page = await admin.get(url);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Did they do what they said\?/);
      assert.match(page.body, /Northby Day Centre won/);
      await admin.get(`${url}/commitments`);
      const none = await admin.post(`${url}/commitments`, { [`promise-${criteria[0]!.id}`]: ' ' });
      assert.equal(none.statusCode, 400);
      assert.match(none.body, /Write at least one promise/);
      assert.doesNotMatch(none.body, /Value for money/, 'only the co-production scores become promises');
      const saved = await admin.post(`${url}/commitments`, {
        [`promise-${criteria[0]!.id}`]: 'Members plan the week every Monday.',
        [`promise-${criteria[1]!.id}`]: 'Members are paid for planning time.',
      });
      assert.equal(saved.statusCode, 303);
      const commitments = await t.database.db
        .selectFrom('commissioning_commitments')
        .select(['id', 'promise'])
        .orderBy('position')
        .execute();
      assert.equal(commitments.length, 2);
      const [plan, pay] = commitments.map((c) => c.id);

      const annClient = await signedInClient(t, 'ann@example.com');
      const noReview = await annClient.get(url);
      assert.match(noReview.body, /when our organisation(&#39;|')s next review is open/);
      await annClient.get(`${url}/check`);
      const refused = await annClient.post(`${url}/check`, {
        [`outcome-${plan}`]: 'done',
        [`evidence-${plan}`]: 'x',
        [`outcome-${pay}`]: 'done',
        [`evidence-${pay}`]: 'y',
      });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /There is no review of our organisation open now/);

      await openReview();
      assert.match((await annClient.get(url)).body, /Our review &quot;Winter review&quot; is open/);
      await annClient.get(`${url}/check`);
      const bad = await annClient.post(`${url}/check`, { [`outcome-${plan}`]: 'partly', [`evidence-${plan}`]: 'Only some weeks.' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Say if they did it/);
      assert.match(bad.body, /Only some weeks\./, 'keeps what was typed');
      assert.match(bad.body, new RegExp(`name="outcome-${plan}" type="radio" value="partly" checked`));
      const ok = await annClient.post(`${url}/check`, {
        [`outcome-${plan}`]: 'partly',
        [`evidence-${plan}`]: 'Only some weeks.',
        [`outcome-${pay}`]: 'not',
        [`evidence-${pay}`]: 'Nobody was paid.',
      });
      assert.equal(ok.statusCode, 303);
      // Cal told staff on the phone.
      await admin.get(`${url}/check`);
      const noHow = await admin.post(`${url}/check`, {
        personId: cal,
        [`outcome-${plan}`]: 'partly',
        [`evidence-${plan}`]: 'Sometimes.',
        [`outcome-${pay}`]: 'done',
        [`evidence-${pay}`]: 'I was paid.',
      });
      assert.equal(noHow.statusCode, 400);
      assert.match(noHow.body, /Say how they told you/);
      assert.equal(
        (
          await admin.post(`${url}/check`, {
            personId: cal,
            how: 'phone',
            [`outcome-${plan}`]: 'partly',
            [`evidence-${plan}`]: 'Sometimes.',
            [`outcome-${pay}`]: 'not',
            [`evidence-${pay}`]: 'I was not paid.',
          })
        ).statusCode,
        303,
      );
      const calCheck = await t.database.db.selectFrom('commissioning_checks').selectAll().where('person_id', '=', cal).execute();
      assert.deepEqual(
        calCheck.map((c) => [c.how, c.recorded_by]),
        [
          ['phone', org.adminPersonId],
          ['phone', org.adminPersonId],
        ],
      );

      const shown = await annClient.get(url);
      assert.match(shown.body, /What people found in the review &quot;Winter review&quot;/);
      assert.match(shown.body, /Members plan the week every Monday\.<\/td>\s*<td class="govuk-table__cell"><strong>Partly done<\/strong>/);
      assert.match(shown.body, /Members are paid for planning time\.<\/td>\s*<td class="govuk-table__cell"><strong>Not done<\/strong>/);
      const evidence = await annClient.get(`${url}/check/evidence`);
      assert.equal(evidence.statusCode, 200);
      assert.match(evidence.body, /Nobody was paid\./);
      assert.match(evidence.body, /I was not paid\./);
      assert.doesNotMatch(evidence.body, /Cal Carter/, 'what people saw is shown without names');

      await admin.get(`${url}/commitments`);
      const fixed = await admin.post(`${url}/commitments`, { [`promise-${criteria[0]!.id}`]: 'Something else.' });
      assert.equal(fixed.statusCode, 400);
      assert.match(fixed.body, /already checked these promises/);

      // Reviews use the evidence: the self-assessment shows the newest review's findings beside P7.
      const lines = await commissioningEvidence(t.database.db, org.organisationId, t.now(), makeTranslator('en'));
      assert.ok(lines.some((l) => l.code === 'P7' && /promised: 0 done, 2 partly done, 2 not done/.test(l.words)));

      // The next round of the same service starts from what was found.
      const form = await admin.get(`/commissioning/rounds/new?follows=${id}`);
      assert.match(form.body, new RegExp(`name="followsRoundId" value="${id}"`));
      const next = await admin.post('/commissioning/rounds/new', {
        title: 'Day opportunities in Northby, again',
        kind: 'service',
        purpose: 'Places to go in the day.',
        followsRoundId: id,
        ...dates('bidsCloseOn', '8', '1', '2027'),
        ...dates('panelMeetsOn', '20', '1', '2027'),
        ...dates('decisionBy', '1', '2', '2027'),
      });
      assert.equal(next.statusCode, 303);
      const nextPage = await admin.get(next.headers.location as string);
      assert.match(nextPage.body, /What we found last time/);
      assert.match(nextPage.body, /Members are paid for planning time\.<\/td>\s*<td class="govuk-table__cell"><strong>Not done/);

      const other = await anotherOrganisation(t);
      const them = await signedInClient(t, other.email);
      assert.equal((await them.get(`${url}/check`)).statusCode, 404);
      assert.equal((await them.get(`${url}/check/evidence`)).statusCode, 404);
      await them.get('/commissioning');
      assert.equal((await them.post(`${url}/commitments`, { [`promise-${criteria[0]!.id}`]: 'x' })).statusCode, 404);
      assert.equal((await annClient.get(`${url}/commitments`)).statusCode, 403, 'members check promises; staff write them');
    });

    test('members comment on the policy draft by sign-in, link or phone; staff see it beside the draft; the version shows what was said and changed', async () => {
      await admin.get('/commissioning/policy/new');
      assert.equal(
        (
          await admin.post('/commissioning/policy/new', {
            writtenWith: 'The carers’ forum',
            codes: ['P6', 'P7'],
            'criterion-0': 'How people shape the service',
            'weight-0': '3',
            'criterion-1': 'Paid for their time',
            'weight-1': '1',
            bidChecks: 'Members score every bid.',
            contractChecks: 'We visit after six months.',
          })
        ).statusCode,
        303,
      );
      const annClient = await signedInClient(t, 'ann@example.com');
      assert.match((await annClient.get('/commissioning/policy/draft')).body, /There is no draft to comment on now/);
      assert.equal((await annClient.post('/commissioning/policy/draft/start', {})).statusCode, 403);
      await admin.get('/commissioning/policy/draft');
      const started = await admin.post('/commissioning/policy/draft/start', {});
      assert.equal(started.headers.location, '/commissioning/policy/draft/edit');
      assert.match((await annClient.get('/commissioning/policy')).body, /Read the draft and tell us what you think/);

      const draftPage = await annClient.get('/commissioning/policy/draft');
      assert.match(draftPage.body, /How people shape the service \(counts 3 times\)/);
      const draftId = /name="draftId" value="([0-9a-f-]{36})"/.exec(draftPage.body)![1]!;
      const noWords = await annClient.post('/commissioning/policy/draft/comment', { draftId, answer: 'change', wouldChange: '' });
      assert.equal(noWords.statusCode, 400);
      assert.match(noWords.body, /Say what you would change/);
      assert.match(noWords.body, /name="answer" type="radio" value="change" checked/);
      assert.equal(
        (await annClient.post('/commissioning/policy/draft/comment', { draftId, answer: 'change', wouldChange: 'Pay should count more.' }))
          .statusCode,
        303,
      );
      assert.match((await annClient.get('/commissioning/policy/draft')).body, /You told us what you would change/);
      assert.doesNotMatch(
        (await annClient.get('/commissioning/policy/draft')).body,
        /What people said about the draft/,
        'members do not see others’ names',
      );
      assert.equal((await annClient.get('/commissioning/policy/draft/edit')).statusCode, 403);

      // Cal never signs in: staff send the draft by text, and Cal answers with the personal link.
      await admin.get('/commissioning/policy/draft');
      assert.equal((await admin.post('/commissioning/policy/draft/send', { sendTo: cal })).statusCode, 303);
      const message = await t.database.db
        .selectFrom('outbox')
        .selectAll()
        .where('kind', '=', 'commissioning-policy')
        .executeTakeFirstOrThrow();
      assert.equal(message.channel, 'text');
      const link = /http:\/\/localhost:3000(\/act\/\S+)/.exec(message.body_text)![1]!;
      const calClient = new Client(t.app);
      const linkPage = await calClient.get(link);
      assert.equal(linkPage.statusCode, 200);
      assert.match(linkPage.body, /Paid for their time/);
      assert.equal((await calClient.post(link, { draftId, answer: 'agree' })).statusCode, 303);
      const calRow = await t.database.db
        .selectFrom('commissioning_policy_comments')
        .selectAll()
        .where('person_id', '=', cal)
        .executeTakeFirstOrThrow();
      assert.equal(calRow.how, 'link');

      // Staff write down a comment heard on the phone (Ann changes her mind), then see both beside the draft.
      await admin.get('/commissioning/policy/draft/record');
      const noHow = await admin.post('/commissioning/policy/draft/record', { draftId, personId: ann, answer: 'agree' });
      assert.equal(noHow.statusCode, 400);
      assert.match(noHow.body, /Say how they told you|Choose how/);
      assert.equal(
        (
          await admin.post('/commissioning/policy/draft/record', {
            draftId,
            personId: ann,
            answer: 'change',
            wouldChange: 'Pay should count twice.',
            how: 'phone',
          })
        ).statusCode,
        303,
      );
      const beside = await admin.get('/commissioning/policy/draft/edit');
      assert.equal(beside.statusCode, 200);
      assert.match(beside.body, /Agree: 1\. Would change something: 1\./);
      assert.match(beside.body, /Pay should count twice\./);
      assert.match(beside.body, /On the phone, written down by Ada Admin/);

      const published = await admin.post('/commissioning/policy/draft/edit', {
        publish: 'yes',
        writtenWith: 'The carers’ forum and members who commented',
        codes: ['P6', 'P7', 'V2'],
        'criterion-0': 'How people shape the service',
        'weight-0': '3',
        'criterion-1': 'Paid for their time',
        'weight-1': '2',
        bidChecks: 'Members score every bid.',
        contractChecks: 'We visit after six months.',
      });
      assert.equal(published.statusCode, 303);
      assert.equal(published.headers.location, '/commissioning/policy?version=2');
      const version = await annClient.get('/commissioning/policy?version=2');
      assert.match(version.body, /What changed in version 2/);
      assert.match(version.body, /Paid for their time now counts 2 times, not 1/);
      assert.match(version.body, /Providers must now show: V2/);
      assert.match(version.body, /What people said about the draft of version 2/);
      assert.match(version.body, /Pay should count twice\./);
      assert.doesNotMatch(version.body, /Ann Avery/, 'members read what was said, not who said it');
      assert.match((await admin.get('/commissioning/policy?version=2')).body, /Ann Avery/);
      assert.match((await annClient.get('/commissioning/policy/draft')).body, /There is no draft to comment on now/);
      const stale = await annClient.post('/commissioning/policy/draft/comment', { draftId, answer: 'agree' });
      assert.equal(stale.statusCode, 400);
      assert.match(stale.body, /There is no draft to comment on now/);

      const other = await anotherOrganisation(t);
      const them = await signedInClient(t, other.email);
      await them.get('/commissioning/policy/draft');
      assert.doesNotMatch((await them.get('/commissioning/policy?version=2')).body, /Pay should count/);
      assert.equal((await them.post('/commissioning/policy/draft/comment', { draftId, answer: 'agree' })).statusCode, 400);
    });
  });
}
