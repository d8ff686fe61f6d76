import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { failInserts, mendInserts } from '../../../test/helpers/failing-inserts.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { during, setUpDecisionsWorld, type DecisionsWorld } from '../../../test/worlds/decisions.ts';

// Supporters who never sign in act through staff (issue 17): Jo Bright, Dennis's Care Act
// advocate, phones Fay with his vote, his survey and review answers and a bus fare. Each is
// Dennis's, shows as "Jo Bright for Dennis Whitfield (taken by Fay)", and is refused when
// Jo may not do it, has been ended, or the organisation is not Dennis's. And whoever acts,
// the act is kept in the same transaction as the answer: one never without the other.
for (const dialect of databaseDialects()) {
  describe(`supporters acting through staff (${dialect})`, () => {
    let t: TestApp;
    let w: DecisionsWorld;
    let sarahId: string;
    let meetingId: string;

    const basis = {
      basis: 'best-interests',
      basisMadeBy: 'Martin Shaw, social worker',
      'basisMadeOn-day': '20',
      'basisMadeOn-month': '11',
      'basisMadeOn-year': '2026',
      'reviewOn-day': '20',
      'reviewOn-month': '11',
      'reviewOn-year': '2027',
    };

    /** Fay records Jo Bright, whom staff phone, as Dennis's advocate allowed these powers; Jo's id. */
    const addJo = async (powers: string[]) => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/people/${w.ids.dennis}/supporters/new`);
      const res = await fay.post(`/people/${w.ids.dennis}/supporters/new`, {
        who: 'contact',
        contactName: 'Jo Bright',
        contactChannel: 'phone',
        contactMobile: '07700 900132',
        kind: 'care-act-advocate',
        powers,
        ...basis,
      });
      assert.equal(res.statusCode, 303, res.body);
      return (await t.database.db.selectFrom('supporters').select('id').where('contact_name', '=', 'Jo Bright').executeTakeFirstOrThrow())
        .id;
    };

    const addSarah = async (powers: string[]) => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/people/${w.ids.dennis}/supporters/new`);
      const res = await fay.post(`/people/${w.ids.dennis}/supporters/new`, {
        who: 'person',
        supporterPersonId: sarahId,
        kind: 'family',
        powers,
        ...basis,
      });
      assert.equal(res.statusCode, 303, res.body);
    };

    const told = {
      toldHow: 'phone',
      'toldOn-day': '25',
      'toldOn-month': '11',
      'toldOn-year': '2026',
      asked: 'yes',
    };
    const fare = {
      type: 'public-transport',
      amount: '6.40',
      'onDate-day': '20',
      'onDate-month': '11',
      'onDate-year': '2026',
      send: 'yes',
    };

    const acts = () => t.database.db.selectFrom('supporter_acts').selectAll().execute();
    const supporterHistory = () =>
      t.database.db
        .selectFrom('audit_log')
        .select(['action', 'changes'])
        .where('action', 'in', ['supporter-meeting-reply', 'supporter-vote', 'supporter-claim', 'supporter-review', 'supporter-survey'])
        .execute();

    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      t.clock.now = new Date('2026-11-23T10:00:00Z');
      w = await setUpDecisionsWorld(t);
      sarahId = (
        await personWithAccount(
          t,
          w.organisationId,
          { fullName: 'Sarah Whitfield', perspectives: ['carer'] },
          { email: 'sarah@example.com', role: 'member' },
        )
      ).personId;
      meetingId = await t.services.meetings.create(w.admin, w.projectId, {
        title: 'Menu tasting',
        purpose: 'Taste soups',
        startsAt: '2026-12-03T10:30:00.000Z',
        endsAt: '2026-12-03T12:30:00.000Z',
        format: 'in-person',
        venueId: null,
        joiningDetails: null,
        membersOnly: false,
        arrangements: [],
        interpreterLanguages: [],
      });
    });
    afterEach(() => t.close());

    test('staff record a secret vote Jo gave as Dennis told her: his, counted once, the act kept without the choice', async () => {
      const joId = await addJo(['vote']);
      const proposalId = await w.propose({ secret: true });
      t.clock.now = during;
      const fay = await signedInClient(t, 'fay@example.com');
      const list = await fay.get(`/people/${w.ids.dennis}/supporters`);
      assert.match(list.body, new RegExp(`href="/supporting/${w.ids.dennis}/through/${joId}"`));
      const home = await fay.get(`/supporting/${w.ids.dennis}/through/${joId}`);
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /Record what Jo Bright did for Dennis Whitfield/);
      assert.match(home.body, new RegExp(`/supporting/${w.ids.dennis}/through/${joId}/proposals/${proposalId}`));
      const form = await fay.get(`/supporting/${w.ids.dennis}/through/${joId}/proposals/${proposalId}`);
      assert.match(form.body, /Jo Bright says this is what Dennis Whitfield told them to vote/);
      const unsure = await fay.post(`/supporting/${w.ids.dennis}/through/${joId}/proposals/${proposalId}`, { response: 'agree' });
      assert.equal(unsure.statusCode, 400);
      assert.match(unsure.body, /Tick to confirm this is what they told you/);
      assert.match(unsure.body, /value="agree" checked/);
      const res = await fay.post(`/supporting/${w.ids.dennis}/through/${joId}/proposals/${proposalId}`, { response: 'agree', ...told });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/supporting/${w.ids.dennis}/through/${joId}`);
      const taking = await t.database.db.selectFrom('proposal_participation').selectAll().where('proposal_id', '=', proposalId).execute();
      assert.deepEqual(
        taking.map((r) => [r.person_id, r.recorded_by]),
        [[w.ids.dennis, w.ids.fay]],
      );
      const ballot = await t.database.db
        .selectFrom('proposal_ballots')
        .selectAll()
        .where('proposal_id', '=', proposalId)
        .executeTakeFirstOrThrow();
      assert.equal(ballot.voter_person_id, null);
      const [act] = await acts();
      assert.deepEqual(
        [act!.supporter_id, act!.person_id, act!.recorded_by, act!.how_told],
        [joId, w.ids.dennis, w.ids.fay, 'voted as Dennis Whitfield asked, by phone on 25 November 2026'],
      );
      // Who acted is kept; the choice never is, in the act or its history.
      const history = await supporterHistory();
      assert.deepEqual(
        history.map((h) => h.action),
        ['supporter-vote'],
      );
      for (const h of history) assert.doesNotMatch(String(h.changes), /agree/);
      const vote = await t.database.db
        .selectFrom('audit_log')
        .select(['actor_person_id', 'on_behalf_of_person_id', 'changes'])
        .where('action', '=', 'vote-recorded')
        .executeTakeFirstOrThrow();
      assert.deepEqual([vote.actor_person_id, vote.on_behalf_of_person_id], [w.ids.fay, w.ids.dennis]);
      assert.doesNotMatch(String(vote.changes), /agree/);
      const shown = await fay.get(`/proposals/${proposalId}/participation`);
      assert.match(
        shown.body,
        /Jo Bright for Dennis Whitfield: voted as Dennis Whitfield asked, by phone on 25 November 2026 \(taken by Fay Facilitator\)/,
      );
      // Counted once.
      await fay.get(`/supporting/${w.ids.dennis}/through/${joId}/proposals/${proposalId}`);
      const again = await fay.post(`/supporting/${w.ids.dennis}/through/${joId}/proposals/${proposalId}`, { response: 'agree', ...told });
      assert.equal(again.statusCode, 409);
    });

    test('staff record a fare Jo claimed for Dennis: his claim, shown as Jo for Dennis, taken by Fay', async () => {
      const joId = await addJo(['claim']);
      const fay = await signedInClient(t, 'fay@example.com');
      const form = await fay.get(`/supporting/${w.ids.dennis}/through/${joId}/claims/new`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Jo Bright for Dennis Whitfield/);
      const bad = await fay.post(`/supporting/${w.ids.dennis}/through/${joId}/claims/new`, { type: 'public-transport', amount: 'lots' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /value="lots"/);
      const res = await fay.post(`/supporting/${w.ids.dennis}/through/${joId}/claims/new`, fare);
      assert.equal(res.statusCode, 303, res.body);
      const claim = await t.database.db.selectFrom('claims').selectAll().where('kind', '=', 'expense').executeTakeFirstOrThrow();
      assert.deepEqual([claim.person_id, claim.created_by, claim.amount_pence], [w.ids.dennis, w.ids.fay, 640]);
      const [act] = await acts();
      assert.deepEqual([act!.action, act!.subject_id, act!.recorded_by], ['claim', claim.id, w.ids.fay]);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['actor_person_id', 'on_behalf_of_person_id'])
        .where('subject_id', '=', claim.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual([audit.actor_person_id, audit.on_behalf_of_person_id], [w.ids.fay, w.ids.dennis]);
      const page = await fay.get(`/claims/${claim.id}`);
      assert.match(page.body, /Jo Bright for Dennis Whitfield \(taken by Fay Facilitator\)/);
    });

    test("staff record survey and review answers Jo gave with Dennis: counted as Dennis's", async () => {
      const joId = await addJo(['reviews']);
      const admin = { ...w.admin, personId: w.admin.personId!, accountId: '', organisationName: '', role: 'admin' as const, name: 'Admin' };
      const outcomeId = await t.services.outcomes.addOutcome(admin, w.projectId, {
        title: 'I feel listened to',
        measure: 'scale',
        question: 'How much do you feel listened to?',
        unit: null,
        agreedHow: null,
      });
      const round = await t.services.outcomes.surveys.addRound(admin, w.projectId, {
        phase: 'before',
        opensOn: '2026-11-23',
        closesOn: '2026-11-30',
      });
      assert.ok(round.ok);
      const made = await t.services.reviews.create(w.admin, {
        title: 'Winter check',
        projectId: w.projectId,
        opensOn: '2026-11-20',
        closesOn: '2026-12-20',
        schedule: 'none',
        gapThresholdTenths: 10,
      });
      assert.ok(made.ok);
      const fay = await signedInClient(t, 'fay@example.com');
      const base = `/supporting/${w.ids.dennis}/through/${joId}`;
      const home = await fay.get(base);
      assert.match(home.body, new RegExp(`${base}/surveys/${round.id}`));
      assert.match(home.body, new RegExp(`/reviews/${made.id}/with/${w.ids.dennis}/through/${joId}`));

      await fay.get(`${base}/surveys/${round.id}`);
      assert.equal((await fay.post(`${base}/surveys/${round.id}`, {})).statusCode, 400);
      assert.equal((await fay.post(`${base}/surveys/${round.id}`, { [`score-${outcomeId}`]: '4' })).statusCode, 303);
      const answers = await t.database.db.selectFrom('survey_answers').selectAll().where('round_id', '=', round.id).execute();
      assert.deepEqual(
        answers.map((a) => [a.person_id, a.score, a.recorded_by]),
        [[w.ids.dennis, 4, w.ids.fay]],
      );

      const reviewBase = `/reviews/${made.id}/with/${w.ids.dennis}/through/${joId}`;
      const list = await fay.get(reviewBase);
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /Jo Bright for Dennis Whitfield/);
      await fay.get(`${reviewBase}/culture`);
      const saved = await fay.post(`${reviewBase}/culture`, { how: 'phone', 'rating-C1': '4', later: 'yes' });
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, reviewBase);
      const rated = await t.database.db.selectFrom('review_answers').selectAll().where('cycle_id', '=', made.id).execute();
      assert.deepEqual(
        rated.map((a) => [a.person_id, a.rating, a.recorded_by]),
        [[w.ids.dennis, 4, w.ids.fay]],
      );
      const kept = (await acts()).map((a) => [a.action, a.supporter_id, a.recorded_by]).sort();
      assert.deepEqual(kept, [
        ['review', joId, w.ids.fay],
        ['survey', joId, w.ids.fay],
      ]);
      const history = await t.database.db
        .selectFrom('audit_log')
        .select(['actor_person_id', 'on_behalf_of_person_id'])
        .where('action', 'in', ['supporter-review', 'supporter-survey'])
        .execute();
      assert.deepEqual(
        history.map((h) => [h.actor_person_id, h.on_behalf_of_person_id]),
        [
          [w.ids.fay, w.ids.dennis],
          [w.ids.fay, w.ids.dennis],
        ],
      );
    });

    test('refused: a power Jo lacks, Jo once ended, a member at staff pages; another organisation finds nothing', async () => {
      const joId = await addJo(['reply']);
      const proposalId = await w.propose();
      t.clock.now = during;
      const base = `/supporting/${w.ids.dennis}/through/${joId}`;
      const fay = await signedInClient(t, 'fay@example.com');
      assert.equal((await fay.get(`${base}/proposals/${proposalId}`)).statusCode, 403);
      assert.equal((await fay.get(`${base}/claims/new`)).statusCode, 403);
      await fay.get(base);
      assert.equal((await fay.post(`${base}/proposals/${proposalId}`, { response: 'agree', ...told })).statusCode, 403);
      assert.equal((await fay.post(`${base}/claims/new`, fare)).statusCode, 403);
      // Jo is Dennis's supporter, not Mo's.
      assert.equal((await fay.get(`/supporting/${w.ids.mo}/through/${joId}`)).statusCode, 403);
      // A member cannot use staff's pages, even for their own supporter.
      const mo = await signedInClient(t, 'mo@example.com');
      assert.equal((await mo.get(base)).statusCode, 403);
      assert.equal((await mo.get(`${base}/meetings/${meetingId}`)).statusCode, 403);
      // Another organisation's staff: not found, by page and by form.
      const riverside = await signedInClient(t, 'admin@riverside.test');
      for (const path of [base, `${base}/meetings/${meetingId}`, `${base}/proposals/${proposalId}`, `${base}/claims/new`])
        assert.equal((await riverside.get(path)).statusCode, 404, path);
      await riverside.get('/supporting');
      assert.equal((await riverside.post(`${base}/meetings/${meetingId}`, { reply: 'yes' })).statusCode, 404);
      assert.equal((await riverside.post(`${base}/claims/new`, fare)).statusCode, 404);
      // Ended: nothing more through staff either.
      await fay.get(`/people/${w.ids.dennis}/supporters/${joId}/end`);
      assert.equal((await fay.post(`/people/${w.ids.dennis}/supporters/${joId}/end`)).statusCode, 303);
      assert.doesNotMatch((await fay.get(`/people/${w.ids.dennis}/supporters`)).body, new RegExp(`${base}"`));
      assert.equal((await fay.get(`${base}/meetings/${meetingId}`)).statusCode, 403);
      assert.equal((await fay.post(`${base}/meetings/${meetingId}`, { reply: 'yes' })).statusCode, 403);
      assert.deepEqual(await acts(), []);
    });

    test('staff record a reply Jo gave; the reply and the act are one: a failed act leaves no reply', async () => {
      const joId = await addJo(['reply']);
      const base = `/supporting/${w.ids.dennis}/through/${joId}`;
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`${base}/meetings/${meetingId}`);
      await failInserts(t.database, 'supporter_acts');
      assert.equal((await fay.post(`${base}/meetings/${meetingId}`, { reply: 'yes' })).statusCode, 500);
      const reply = () =>
        t.database.db
          .selectFrom('meeting_invitees')
          .select(['reply', 'reply_recorded_by'])
          .where('meeting_id', '=', meetingId)
          .where('person_id', '=', w.ids.dennis)
          .executeTakeFirstOrThrow();
      assert.equal((await reply()).reply, 'none');
      await mendInserts(t.database, 'supporter_acts');
      await fay.get(`${base}/meetings/${meetingId}`);
      assert.equal((await fay.post(`${base}/meetings/${meetingId}`, { reply: 'yes' })).statusCode, 303);
      assert.deepEqual(await reply(), { reply: 'yes', reply_recorded_by: w.ids.fay });
      assert.equal((await acts()).length, 1);
      assert.match((await fay.get(`/meetings/${meetingId}`)).body, /Jo Bright for Dennis Whitfield \(taken by Fay Facilitator\)/);
    });

    test('a failing tool write leaves no act and no supporter history; a failing act leaves no vote or claim', async () => {
      await addSarah(['vote', 'claim']);
      const proposalId = await w.propose();
      t.clock.now = during;
      const sarah = await signedInClient(t, 'sarah@example.com');
      // The claim itself fails to save: no act, no "Sarah for Dennis" in his history.
      await sarah.get(`/supporting/${w.ids.dennis}/claims/new`);
      await failInserts(t.database, 'claims');
      assert.equal((await sarah.post(`/supporting/${w.ids.dennis}/claims/new`, fare)).statusCode, 500);
      await mendInserts(t.database, 'claims');
      assert.deepEqual(await acts(), []);
      assert.deepEqual(await supporterHistory(), []);
      // The vote's own row fails: likewise.
      await sarah.get(`/supporting/${w.ids.dennis}/proposals/${proposalId}`);
      await failInserts(t.database, 'proposal_ballots');
      assert.equal(
        (await sarah.post(`/supporting/${w.ids.dennis}/proposals/${proposalId}`, { response: 'agree', ...told })).statusCode,
        500,
      );
      await mendInserts(t.database, 'proposal_ballots');
      assert.deepEqual(await acts(), []);
      assert.deepEqual(await supporterHistory(), []);
      // The act fails: the vote and the claim are not kept either, so they can be given again.
      await failInserts(t.database, 'supporter_acts');
      await sarah.get(`/supporting/${w.ids.dennis}/proposals/${proposalId}`);
      assert.equal(
        (await sarah.post(`/supporting/${w.ids.dennis}/proposals/${proposalId}`, { response: 'agree', ...told })).statusCode,
        500,
      );
      await sarah.get(`/supporting/${w.ids.dennis}/claims/new`);
      assert.equal((await sarah.post(`/supporting/${w.ids.dennis}/claims/new`, fare)).statusCode, 500);
      await mendInserts(t.database, 'supporter_acts');
      assert.deepEqual(await t.database.db.selectFrom('proposal_participation').select('person_id').execute(), []);
      assert.deepEqual(await t.database.db.selectFrom('claims').select('id').execute(), []);
      await sarah.get(`/supporting/${w.ids.dennis}/proposals/${proposalId}`);
      assert.equal(
        (await sarah.post(`/supporting/${w.ids.dennis}/proposals/${proposalId}`, { response: 'agree', ...told })).statusCode,
        303,
      );
      assert.deepEqual(
        (await acts()).map((a) => a.action),
        ['vote'],
      );
    });
  });
}
