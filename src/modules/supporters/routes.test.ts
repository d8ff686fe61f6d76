import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { countNow } from '../../platform/counts.ts';
import { personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { during, setUpDecisionsWorld, type DecisionsWorld } from '../../../test/worlds/decisions.ts';

// Supporters (issue 17): recorded by staff on the person's consent or a legal basis, ended
// by the person or staff, and acting for the person only as allowed.
for (const dialect of databaseDialects()) {
  describe(`supporters (${dialect})`, () => {
    let t: TestApp;
    let w: DecisionsWorld;
    let sarahId: string;
    let meetingId: string;

    const consent = (extra: Record<string, string | string[]> = {}) => ({
      who: 'person',
      supporterPersonId: sarahId,
      kind: 'family',
      relationship: 'Daughter',
      powers: ['reply', 'vote', 'claim'],
      basis: 'consent',
      consentHow: 'Face to face at the day centre',
      'basisMadeOn-day': '20',
      'basisMadeOn-month': '11',
      'basisMadeOn-year': '2026',
      'reviewOn-day': '20',
      'reviewOn-month': '11',
      'reviewOn-year': '2027',
      ...extra,
    });

    /** Fay adds Sarah as Dennis's supporter with these choices; the new supporter's id. */
    const addSarah = async (extra: Record<string, string | string[]> = {}) => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/people/${w.ids.dennis}/supporters/new`);
      const res = await fay.post(`/people/${w.ids.dennis}/supporters/new`, consent(extra));
      assert.equal(res.statusCode, 303, res.body);
      const row = await t.database.db
        .selectFrom('supporters')
        .select('id')
        .where('person_id', '=', w.ids.dennis)
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
      return row.id;
    };

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

    test('staff add a supporter on consent; errors keep what was typed; members cannot add one', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/people/${w.ids.dennis}/supporters/new`);
      const bad = await fay.post(
        `/people/${w.ids.dennis}/supporters/new`,
        consent({ powers: [], consentHow: '', relationship: 'Daughter' }),
      );
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Choose at least one thing they may do/);
      assert.match(bad.body, /Enter how the person agreed/);
      assert.match(bad.body, /value="Daughter"/);
      const self = await fay.post(`/people/${w.ids.dennis}/supporters/new`, consent({ supporterPersonId: w.ids.dennis }));
      assert.equal(self.statusCode, 400);
      assert.match(self.body, /A person cannot be their own supporter/);
      await addSarah();
      const page = await fay.get(`/people/${w.ids.dennis}/supporters`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Sarah Whitfield/);
      assert.match(page.body, /Family member, Daughter/);
      assert.match(page.body, /The person agreed on 20 November 2026: Face to face at the day centre/);
      assert.match(page.body, /Reply to invitations, Vote when the person has said how, Claim expenses for them/);
      // A staff read of someone's supporters is kept in the audit log.
      const read = await t.database.db
        .selectFrom('audit_log')
        .select('actor_person_id')
        .where('action', '=', 'supporters-viewed')
        .execute();
      assert.deepEqual(
        read.map((r) => r.actor_person_id),
        [w.ids.fay],
      );
      const mo = await signedInClient(t, 'mo@example.com');
      assert.equal((await mo.get(`/people/${w.ids.dennis}/supporters/new`)).statusCode, 403);
      assert.equal((await mo.get(`/people/${w.ids.dennis}/supporters`)).statusCode, 403);
    });

    test('lacking capacity: staff record the legal basis instead, with who made it and when', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/people/${w.ids.dennis}/supporters/new`);
      const missing = await fay.post(`/people/${w.ids.dennis}/supporters/new`, consent({ basis: 'best-interests', consentHow: '' }));
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /Enter who made the best interests decision/);
      const backwards = await fay.post(
        `/people/${w.ids.dennis}/supporters/new`,
        consent({ basis: 'lpa', basisMadeBy: 'Sarah Whitfield', 'reviewOn-year': '2025' }),
      );
      assert.match(backwards.body, /The review date must be after/);
      await addSarah({ basis: 'best-interests', basisMadeBy: 'Dr Amir Khan, GP', consentHow: 'ignored' });
      const row = await t.database.db.selectFrom('supporters').selectAll().executeTakeFirstOrThrow();
      assert.deepEqual(
        [row.basis, row.basis_made_by, row.consent_how, row.review_on],
        ['best-interests', 'Dr Amir Khan, GP', null, '2027-11-20'],
      );
      const page = await fay.get(`/people/${w.ids.dennis}/supporters`);
      assert.match(page.body, /Best interests decision by Dr Amir Khan, GP on 20 November 2026/);
      // Due for review: it shows on the page and counts on staff's To do list.
      t.clock.now = new Date('2027-11-21T10:00:00Z');
      const later = await signedInClient(t, 'fay@example.com');
      assert.match((await later.get(`/people/${w.ids.dennis}/supporters`)).body, /20 November 2027 \(review overdue\)/);
      assert.equal(await countNow(t.database.db, t.services.supporters.reviewsDueCount(w.organisationId)), 1);
      assert.match((await later.get('/to-do')).body, /1 supporter/);
      const due = await later.get('/people/supporters-due');
      assert.equal(due.statusCode, 200);
      assert.match(due.body, /Dennis Whitfield/);
      assert.match(due.body, /Best interests decision/);
    });

    test('a supporter replies to an invitation for the person; it counts as theirs and says who gave it', async () => {
      await addSarah();
      const sarah = await signedInClient(t, 'sarah@example.com');
      const home = await sarah.get('/supporting');
      assert.match(home.body, /Dennis Whitfield/);
      assert.match(home.body, /Meetings coming up: 1/);
      const person = await sarah.get(`/supporting/${w.ids.dennis}`);
      assert.match(person.body, new RegExp(`/supporting/${w.ids.dennis}/meetings/${meetingId}`));
      assert.match(person.body, new RegExp(`href="/time-polls/for/${w.ids.dennis}">Say when Dennis Whitfield can come`), 'time polls too');
      assert.equal((await sarah.get(`/time-polls/for/${w.ids.dennis}`)).statusCode, 200);
      await sarah.get(`/supporting/${w.ids.dennis}/meetings/${meetingId}`);
      const none = await sarah.post(`/supporting/${w.ids.dennis}/meetings/${meetingId}`, {});
      assert.equal(none.statusCode, 400);
      assert.match(none.body, /Choose if they will come/);
      const res = await sarah.post(`/supporting/${w.ids.dennis}/meetings/${meetingId}`, { reply: 'yes', note: 'Needs a lift' });
      assert.equal(res.statusCode, 303);
      const invitee = await t.database.db
        .selectFrom('meeting_invitees')
        .select(['reply', 'reply_recorded_by'])
        .where('meeting_id', '=', meetingId)
        .where('person_id', '=', w.ids.dennis)
        .executeTakeFirstOrThrow();
      assert.deepEqual([invitee.reply, invitee.reply_recorded_by], ['yes', sarahId]);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['actor_person_id', 'on_behalf_of_person_id'])
        .where('subject_id', '=', meetingId)
        .where('action', '=', 'reply')
        .executeTakeFirstOrThrow();
      assert.deepEqual([audit.actor_person_id, audit.on_behalf_of_person_id], [sarahId, w.ids.dennis]);
      const fay = await signedInClient(t, 'fay@example.com');
      assert.match((await fay.get(`/meetings/${meetingId}`)).body, /Sarah Whitfield for Dennis Whitfield/);
    });

    test('a supporter staff contact replies through staff: marked as theirs for the person, recorded by staff', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/people/${w.ids.dennis}/supporters/new`);
      const added = await fay.post(
        `/people/${w.ids.dennis}/supporters/new`,
        consent({
          who: 'contact',
          supporterPersonId: '',
          contactName: 'Jo Bright',
          contactChannel: 'phone',
          contactMobile: '07700 900132',
          kind: 'care-act-advocate',
          powers: ['reply'],
        }),
      );
      assert.equal(added.statusCode, 303);
      const jo = await t.database.db
        .selectFrom('supporters')
        .select('id')
        .where('contact_name', '=', 'Jo Bright')
        .executeTakeFirstOrThrow();
      const form = await fay.get(`/meetings/${meetingId}/replies/${w.ids.dennis}`);
      assert.match(form.body, /Jo Bright for Dennis Whitfield/);
      const res = await fay.post(`/meetings/${meetingId}/replies/${w.ids.dennis}`, {
        givenBy: jo.id,
        reply: 'no',
        note: 'He has a hospital visit',
      });
      assert.equal(res.statusCode, 303);
      const page = await fay.get(`/meetings/${meetingId}`);
      assert.match(page.body, /Jo Bright for Dennis Whitfield \(taken by Fay Facilitator\)/);
      const act = await t.database.db.selectFrom('supporter_acts').selectAll().executeTakeFirstOrThrow();
      assert.deepEqual([act.supporter_id, act.recorded_by, act.person_id], [jo.id, w.ids.fay, w.ids.dennis]);
      // A supporter not allowed to reply, or someone else's, is refused.
      await fay.get(`/meetings/${meetingId}/replies/${w.ids.mo}`);
      assert.equal((await fay.post(`/meetings/${meetingId}/replies/${w.ids.mo}`, { givenBy: jo.id, reply: 'yes' })).statusCode, 403);
    });

    test('a supporter cannot do what is not allowed, nor act for someone else, nor across organisations', async () => {
      await addSarah({ powers: ['reply'] });
      const proposalId = await w.propose();
      t.clock.now = during;
      const sarah = await signedInClient(t, 'sarah@example.com');
      assert.equal((await sarah.get(`/supporting/${w.ids.dennis}/proposals/${proposalId}`)).statusCode, 403);
      assert.equal((await sarah.get(`/supporting/${w.ids.dennis}/claims/new`)).statusCode, 403);
      // Mo is not someone Sarah supports.
      assert.equal((await sarah.get(`/supporting/${w.ids.mo}`)).statusCode, 403);
      assert.equal((await sarah.get(`/supporting/${w.ids.mo}/meetings/${meetingId}`)).statusCode, 403);
      await sarah.get('/supporting');
      assert.equal((await sarah.post(`/supporting/${w.ids.mo}/meetings/${meetingId}`, { reply: 'no' })).statusCode, 403);
      // Riverside's admin is in another organisation: Dennis is not theirs to see or support.
      const riverside = await signedInClient(t, 'admin@riverside.test');
      assert.equal((await riverside.get(`/people/${w.ids.dennis}/supporters`)).statusCode, 404);
      assert.equal((await riverside.get(`/supporting/${w.ids.dennis}`)).statusCode, 403);
      await riverside.get('/supporting');
      const cross = await riverside.post(`/people/${w.ids.dennis}/supporters/new`, consent());
      assert.equal(cross.statusCode, 404);
    });

    test('voting as the person said: how and when is kept; a secret ballot stays secret, counted once as theirs', async () => {
      await addSarah();
      const proposalId = await w.propose({ secret: true });
      t.clock.now = during;
      const sarah = await signedInClient(t, 'sarah@example.com');
      const page = await sarah.get(`/supporting/${w.ids.dennis}/proposals/${proposalId}`);
      assert.match(page.body, /Vote only the way Dennis Whitfield told you/);
      const unsure = await sarah.post(`/supporting/${w.ids.dennis}/proposals/${proposalId}`, { response: 'agree', toldHow: 'phone' });
      assert.equal(unsure.statusCode, 400);
      assert.match(unsure.body, /Tick to confirm this is what they told you/);
      assert.match(unsure.body, /value="phone" checked/);
      const res = await sarah.post(`/supporting/${w.ids.dennis}/proposals/${proposalId}`, {
        response: 'agree',
        toldHow: 'phone',
        'toldOn-day': '24',
        'toldOn-month': '11',
        'toldOn-year': '2026',
        asked: 'yes',
      });
      assert.equal(res.statusCode, 303);
      const taking = await t.database.db.selectFrom('proposal_participation').selectAll().where('proposal_id', '=', proposalId).execute();
      assert.deepEqual(
        taking.map((r) => [r.person_id, r.recorded_by]),
        [[w.ids.dennis, sarahId]],
      );
      const ballots = await t.database.db.selectFrom('proposal_ballots').selectAll().where('proposal_id', '=', proposalId).execute();
      assert.equal(ballots.length, 1);
      assert.equal(ballots[0]!.voter_person_id, null);
      assert.deepEqual(JSON.parse(ballots[0]!.perspective_groups), ['draws-on-care']);
      const act = await t.database.db
        .selectFrom('supporter_acts')
        .selectAll()
        .where('subject_id', '=', proposalId)
        .executeTakeFirstOrThrow();
      assert.equal(act.how_told, 'voted as Dennis Whitfield asked, by phone on 24 November 2026');
      const fay = await signedInClient(t, 'fay@example.com');
      const taken = await fay.get(`/proposals/${proposalId}/participation`);
      assert.match(taken.body, /Sarah Whitfield for Dennis Whitfield: voted as Dennis Whitfield asked, by phone on 24 November 2026/);
      // Counted once: a second go is refused.
      await sarah.get(`/supporting/${w.ids.dennis}/proposals/${proposalId}`);
      assert.match(sarah.last!.body, /already/i);
      const again = await sarah.post(`/supporting/${w.ids.dennis}/proposals/${proposalId}`, {
        response: 'block',
        reason: 'x',
        toldHow: 'phone',
        'toldOn-day': '24',
        'toldOn-month': '11',
        'toldOn-year': '2026',
        asked: 'yes',
      });
      assert.equal(again.statusCode, 409);
    });

    test('a supporter claims expenses for the person; the claim is theirs and the audit names both', async () => {
      await addSarah();
      const sarah = await signedInClient(t, 'sarah@example.com');
      const form = await sarah.get(`/supporting/${w.ids.dennis}/claims/new`);
      assert.match(form.body, /Sarah Whitfield for Dennis Whitfield/);
      const bad = await sarah.post(`/supporting/${w.ids.dennis}/claims/new`, { type: 'public-transport', amount: 'lots' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /value="lots"/);
      const res = await sarah.post(`/supporting/${w.ids.dennis}/claims/new`, {
        type: 'public-transport',
        amount: '6.40',
        'onDate-day': '20',
        'onDate-month': '11',
        'onDate-year': '2026',
        send: 'yes',
      });
      assert.equal(res.statusCode, 303, res.body);
      const claim = await t.database.db.selectFrom('claims').selectAll().where('kind', '=', 'expense').executeTakeFirstOrThrow();
      assert.deepEqual([claim.person_id, claim.created_by, claim.amount_pence, claim.status], [w.ids.dennis, sarahId, 640, 'submitted']);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['actor_person_id', 'on_behalf_of_person_id'])
        .where('subject_id', '=', claim.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual([audit.actor_person_id, audit.on_behalf_of_person_id], [sarahId, w.ids.dennis]);
    });

    test("a supporter fills in a review with the person: the answers are the person's, given by the supporter", async () => {
      await addSarah({ powers: ['reviews'] });
      const made = await t.services.reviews.create(w.admin, {
        title: 'Winter check',
        projectId: w.projectId,
        opensOn: '2026-11-20',
        closesOn: '2026-12-20',
        schedule: 'none',
        gapThresholdTenths: 10,
      });
      assert.ok(made.ok);
      const cycleId = made.id;
      const sarah = await signedInClient(t, 'sarah@example.com');
      assert.match((await sarah.get(`/supporting/${w.ids.dennis}`)).body, new RegExp(`/reviews/${cycleId}/with/${w.ids.dennis}`));
      const list = await sarah.get(`/reviews/${cycleId}/with/${w.ids.dennis}`);
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /Sarah Whitfield for Dennis Whitfield/);
      await sarah.get(`/reviews/${cycleId}/with/${w.ids.dennis}/culture`);
      const res = await sarah.post(`/reviews/${cycleId}/with/${w.ids.dennis}/culture`, {
        how: 'in-person',
        'rating-C1': '4',
        later: 'yes',
      });
      assert.equal(res.statusCode, 303);
      const answers = await t.database.db.selectFrom('review_answers').selectAll().where('cycle_id', '=', cycleId).execute();
      assert.deepEqual(
        answers.map((a) => [a.person_id, a.statement, a.rating, a.recorded_by]),
        [[w.ids.dennis, 'C1', 4, sarahId]],
      );
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['actor_person_id', 'on_behalf_of_person_id'])
        .where('subject_id', '=', cycleId)
        .where('action', '=', 'answers-recorded-in-person')
        .executeTakeFirstOrThrow();
      assert.deepEqual([audit.actor_person_id, audit.on_behalf_of_person_id], [sarahId, w.ids.dennis]);
      // Not for Mo, whom she does not support; not as herself on Dennis's behalf without the power.
      assert.equal((await sarah.get(`/reviews/${cycleId}/with/${w.ids.mo}`)).statusCode, 403);
    });

    test("a supporter answers a project survey with the person: counted as the person's", async () => {
      await addSarah({ powers: ['reviews'] });
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
      const sarah = await signedInClient(t, 'sarah@example.com');
      assert.match((await sarah.get(`/supporting/${w.ids.dennis}`)).body, new RegExp(`/supporting/${w.ids.dennis}/surveys/${round.id}`));
      const form = await sarah.get(`/supporting/${w.ids.dennis}/surveys/${round.id}`);
      assert.match(form.body, /Sarah Whitfield for Dennis Whitfield/);
      const none = await sarah.post(`/supporting/${w.ids.dennis}/surveys/${round.id}`, {});
      assert.equal(none.statusCode, 400);
      const res = await sarah.post(`/supporting/${w.ids.dennis}/surveys/${round.id}`, { [`score-${outcomeId}`]: '4' });
      assert.equal(res.statusCode, 303);
      const answers = await t.database.db.selectFrom('survey_answers').selectAll().where('round_id', '=', round.id).execute();
      assert.deepEqual(
        answers.map((a) => [a.person_id, a.score, a.recorded_by]),
        [[w.ids.dennis, 4, sarahId]],
      );
      const history = await t.database.db
        .selectFrom('audit_log')
        .select(['actor_person_id', 'on_behalf_of_person_id'])
        .where('action', '=', 'supporter-survey')
        .executeTakeFirstOrThrow();
      assert.deepEqual([history.actor_person_id, history.on_behalf_of_person_id], [sarahId, w.ids.dennis]);
    });

    test("copies of messages go to supporters allowed them, by their channel, without the person's links and codes", async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/people/${w.ids.mo}/supporters/new`);
      assert.equal(
        (await fay.post(`/people/${w.ids.mo}/supporters/new`, consent({ supporterPersonId: sarahId, powers: ['copies'] }))).statusCode,
        303,
      );
      await fay.get(`/people/${w.ids.mo}/supporters/new`);
      const advocate = await fay.post(
        `/people/${w.ids.mo}/supporters/new`,
        consent({
          who: 'contact',
          supporterPersonId: '',
          contactName: 'Jo Advocate',
          contactChannel: 'letter',
          contactAddress: '1 Mill Lane, Northby',
          kind: 'care-act-advocate',
          powers: ['copies'],
        }),
      );
      assert.equal(advocate.statusCode, 303);
      // Sue's supporter may not have copies: nothing goes to them.
      await fay.get(`/people/${w.ids.sue}/supporters/new`);
      await fay.post(`/people/${w.ids.sue}/supporters/new`, consent({ supporterPersonId: sarahId, powers: ['reply'] }));
      const proposalId = await w.propose();
      const { sent } = await t.services.votes.sendInvitations(w.admin, await t.services.proposals.load(w.organisationId, proposalId));
      assert.ok(sent >= 2);
      const out = await t.database.db.selectFrom('outbox').selectAll().where('about_id', '=', proposalId).execute();
      const toMo = out.find((m) => m.person_id === w.ids.mo)!;
      assert.match(toMo.body_text, /http/);
      const copies = out.filter((m) => m.subject.startsWith('Copy for you'));
      assert.deepEqual(copies.map((c) => [c.channel, c.recipient]).sort(), [
        ['email', 'sarah@example.com'],
        ['letter', '1 Mill Lane, Northby'],
      ]);
      for (const c of copies) {
        assert.match(c.subject, /about Mo Member/);
        assert.doesNotMatch(c.body_text, /https?:\/\//);
        assert.match(c.body_text, /link for them only/);
      }
      // Sending again queues nothing new: the copies have their own dedupe keys.
      await t.services.votes.sendInvitations(w.admin, await t.services.proposals.load(w.organisationId, proposalId));
      assert.equal((await t.database.db.selectFrom('outbox').select('id').where('about_id', '=', proposalId).execute()).length, out.length);
    });

    test('staff end a supporter; ended supporters stay in the history and can no longer act', async () => {
      const supporterId = await addSarah();
      const fay = await signedInClient(t, 'fay@example.com');
      // Someone else cannot end it.
      const mo = await signedInClient(t, 'mo@example.com');
      assert.equal((await mo.get(`/people/${w.ids.dennis}/supporters/${supporterId}/end`)).statusCode, 403);
      await mo.get('/supporting');
      assert.equal((await mo.post(`/people/${w.ids.dennis}/supporters/${supporterId}/end`)).statusCode, 403);
      await fay.get(`/people/${w.ids.dennis}/supporters/${supporterId}/end`);
      assert.equal((await fay.post(`/people/${w.ids.dennis}/supporters/${supporterId}/end`)).statusCode, 303);
      const page = await fay.get(`/people/${w.ids.dennis}/supporters`);
      assert.match(page.body, /Sarah Whitfield \(ended\)/);
      assert.match(page.body, /Ended on 23 November 2026 by Fay Facilitator/);
      const sarah = await signedInClient(t, 'sarah@example.com');
      assert.equal((await sarah.get(`/supporting/${w.ids.dennis}/meetings/${meetingId}`)).statusCode, 403);
      assert.doesNotMatch((await sarah.get('/supporting')).body, /Dennis Whitfield/);
      await fay.get(`/people/${w.ids.dennis}/supporters/${supporterId}/end`);
      assert.equal((await fay.post(`/people/${w.ids.dennis}/supporters/${supporterId}/end`)).statusCode, 409);
      const history = await t.database.db.selectFrom('audit_log').select('action').where('subject_id', '=', w.ids.dennis).execute();
      assert.deepEqual(
        history
          .map((h) => h.action)
          .filter((a) => a.startsWith('supporter-'))
          .sort(),
        ['supporter-added', 'supporter-ended'],
      );
    });

    test('a member sees their own supporters on "Your details" and ends one themself', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/people/${w.ids.mo}/supporters/new`);
      const added = await fay.post(`/people/${w.ids.mo}/supporters/new`, consent({ supporterPersonId: sarahId }));
      assert.equal(added.statusCode, 303);
      const mo = await signedInClient(t, 'mo@example.com');
      assert.match((await mo.get(`/people/${w.ids.mo}/details`)).body, new RegExp(`href="/people/${w.ids.mo}/supporters"`));
      const own = await mo.get(`/people/${w.ids.mo}/supporters`);
      assert.match(own.body, /Your supporters/);
      assert.match(own.body, /Sarah Whitfield/);
      const supporterId = /supporters\/([0-9a-f-]{36})\/end/.exec(own.body)![1]!;
      await mo.get(`/people/${w.ids.mo}/supporters/${supporterId}/end`);
      assert.match(mo.last!.body, /Stop Sarah Whitfield acting for you\?/);
      assert.equal((await mo.post(`/people/${w.ids.mo}/supporters/${supporterId}/end`)).statusCode, 303);
      const row = await t.database.db
        .selectFrom('supporters')
        .select(['ended_at', 'ended_by'])
        .where('id', '=', supporterId)
        .executeTakeFirstOrThrow();
      assert.deepEqual([row.ended_at !== null, row.ended_by], [true, w.ids.mo]);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['actor_person_id', 'on_behalf_of_person_id'])
        .where('action', '=', 'supporter-ended')
        .executeTakeFirstOrThrow();
      assert.deepEqual([audit.actor_person_id, audit.on_behalf_of_person_id], [w.ids.mo, null]);
    });
  });
}
