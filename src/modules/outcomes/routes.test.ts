import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp, datesWrittenFor } from '../../../test/helpers/test-app.ts';
import { setUpLearningWorld, type LearningWorld } from '../../../test/worlds/learning.ts';

// V4: outcomes that people value, measured before and after, with short surveys sent by
// each member's own channel. The clock stands at 23 November 2026.
for (const dialect of databaseDialects()) {
  describe(`outcomes and surveys (${dialect})`, () => {
    let t: TestApp;
    let w: LearningWorld;
    const dates = (name: string, d: string, m: string, y = '2026') => ({ [`${name}-day`]: d, [`${name}-month`]: m, [`${name}-year`]: y });
    beforeEach(async () => {
      t = await makeTestApp({ dialect, startAt: datesWrittenFor });
      w = await setUpLearningWorld(t);
    });
    afterEach(() => t.close());
    // The outcomes the members agreed: a question on a scale, and a count. Nobody has answered or counted yet.
    const agreeOutcomes = async () => {
      const outcomes = t.services.outcomes;
      const listenedId = await outcomes.addOutcome(w.admin, w.projectId, {
        title: 'I feel listened to',
        measure: 'scale',
        question: 'How much do you feel listened to?',
        unit: null,
        agreedHow: null,
      });
      const countId = await outcomes.addOutcome(w.admin, w.projectId, {
        title: 'People at the drop-in',
        measure: 'count',
        question: null,
        unit: 'people at the drop-in',
        agreedHow: null,
      });
      return { listenedId, countId };
    };
    // A "before" round, open from 23 to 30 November, sent to every member.
    const sendBeforeRound = async () => {
      const round = await t.services.outcomes.surveys.addRound(w.admin, w.projectId, {
        phase: 'before',
        opensOn: '2026-11-23',
        closesOn: '2026-11-30',
      });
      assert.ok(round.ok);
      await t.services.outcomes.surveys.send(w.admin, round.id);
      return round.id;
    };
    // Dennis never signs in. His letter holds a reply code, not a web address (issue 16); his
    // signed survey link is what an email or a text to him would hold.
    const dennisLink = async (roundId: string) => {
      const { round } = await t.services.outcomes.surveys.round(w.admin, roundId);
      return new URL(t.services.outcomes.surveys.linkFor(round, w.ids.dennis)).pathname;
    };
    const dennisAnswersByLink = async (roundId: string, listenedId: string, score: string) => {
      const link = await dennisLink(roundId);
      assert.equal((await new Client(t.app).post(link, { [`score-${listenedId}`]: score }, { csrf: null })).statusCode, 303);
    };

    test('staff define outcomes with the members: a question on a scale, or a count', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      const url = `/outcomes/projects/${w.projectId}/new`;
      assert.equal((await fay.get(url)).statusCode, 200);
      const bad = await fay.post(url, { title: 'I feel listened to', measure: 'scale', question: '', agreedHow: 'At the October meeting' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter the question to ask/);
      assert.match(bad.body, /value="I feel listened to"/);
      assert.match(bad.body, /At the October meeting/);
      assert.match(bad.body, /value="scale" checked/);
      assert.equal(
        (await fay.post(url, { title: 'I feel listened to', measure: 'scale', question: 'How much do you feel listened to?' })).statusCode,
        303,
      );
      await fay.get(url);
      assert.equal(
        (await fay.post(url, { title: 'People at the drop-in', measure: 'count', unit: 'people at the drop-in' })).statusCode,
        303,
      );
      const page = await fay.get(`/outcomes/projects/${w.projectId}`);
      assert.match(page.body, /How much do you feel listened to\?/);
      assert.match(page.body, /people at the drop-in/);
      const results = await t.services.outcomes.beforeAfter(w.organisationId);
      const listenedId = results.find((r) => r.measure === 'scale')!.outcomeId;
      const countId = results.find((r) => r.measure === 'count')!.outcomeId;

      const countUrl = `/outcomes/projects/${w.projectId}/outcomes/${countId}/counts`;
      assert.equal((await fay.get(countUrl)).statusCode, 200);
      const badCount = await fay.post(countUrl, { ...dates('onDate', '20', '11'), value: 'twelve', note: 'wet day' });
      assert.equal(badCount.statusCode, 400);
      assert.match(badCount.body, /Enter how many, as a whole number/);
      assert.match(badCount.body, /value="twelve"/);
      assert.equal((await fay.post(countUrl, { ...dates('onDate', '20', '11'), value: '12', note: 'wet day' })).statusCode, 303);
      await fay.get(countUrl);
      await fay.post(countUrl, { ...dates('onDate', '1', '10'), value: '2' });
      // Counts are never hidden, even small ones.
      const counted = (await t.services.outcomes.beforeAfter(w.organisationId)).find((r) => r.outcomeId === countId);
      assert.ok(counted && counted.measure === 'count');
      assert.deepEqual([counted.series.map((e) => e.value), counted.first, counted.last], [[2, 12], 2, 12]);
      // The scale question cannot take counts.
      assert.equal((await fay.get(`/outcomes/projects/${w.projectId}/outcomes/${listenedId}/counts`)).statusCode, 404);
    });

    test('staff change an outcome; once it is measured, how it is measured stays the same', async () => {
      const { listenedId, countId } = await agreeOutcomes();
      await t.services.outcomes.addCount(w.admin, countId, { onDate: '2026-11-20', value: 12, note: 'wet day' });
      const fay = await signedInClient(t, 'fay@example.com');
      const edit = (id: string) => `/outcomes/projects/${w.projectId}/outcomes/${id}/edit`;
      const page = await fay.get(`/outcomes/projects/${w.projectId}`);
      assert.ok(page.body.includes(`href="${edit(listenedId)}"`));
      // Nobody has answered the question yet, so it can still be put right.
      const form = await fay.get(edit(listenedId));
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Change an outcome/);
      assert.match(form.body, /value="How much do you feel listened to\?"/);
      assert.match(form.body, /value="scale" checked/);
      const bad = await fay.post(edit(listenedId), {
        title: '',
        measure: 'scale',
        question: 'Do you feel listened to?',
        agreedHow: 'At the October meeting',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter what members want to be true/);
      assert.match(bad.body, /value="Do you feel listened to\?"/);
      assert.match(bad.body, /At the October meeting/);
      assert.equal(
        (
          await fay.post(edit(listenedId), {
            title: 'I feel listened to',
            measure: 'scale',
            question: 'Do you feel listened to?',
            agreedHow: 'At the October meeting',
          })
        ).statusCode,
        303,
      );
      const changed = await t.services.outcomes.outcome(w.admin, listenedId);
      assert.deepEqual([changed.question, changed.agreedHow], ['Do you feel listened to?', 'At the October meeting']);
      const history = await t.database.db
        .selectFrom('audit_log')
        .select('changes')
        .where('subject_id', '=', listenedId)
        .where('action', '=', 'changed')
        .execute();
      assert.equal(history.length, 1);
      assert.match(history[0]!.changes, /How much do you feel listened to\?/);

      // The count has numbers written down: its name can change, what is counted cannot.
      const locked = await fay.get(edit(countId));
      assert.equal(locked.statusCode, 200);
      assert.match(locked.body, /So how we measure this cannot change/);
      assert.doesNotMatch(locked.body, /name="measure"|name="unit"/);
      assert.equal(
        (
          await fay.post(edit(countId), {
            title: 'People who come to the drop-in',
            measure: 'scale',
            question: 'Sneaky?',
            unit: 'cups of tea',
          })
        ).statusCode,
        303,
      );
      const count = await t.services.outcomes.outcome(w.admin, countId);
      assert.deepEqual(
        [count.title, count.measure, count.unit, count.question],
        ['People who come to the drop-in', 'count', 'people at the drop-in', null],
      );
      const refused = await t.services.outcomes.changeOutcome(w.admin, countId, {
        title: 'x',
        measure: 'count',
        unit: 'cups of tea',
        question: null,
        agreedHow: null,
      });
      assert.deepEqual(refused, { ok: false, errors: { unit: 'outcomes:errors.measuredLocked' } });
    });

    test("members see their project's outcomes; others cannot; only staff change them", async () => {
      const { listenedId } = await agreeOutcomes();
      const mo = await signedInClient(t, 'mo@example.com');
      const page = await mo.get(`/outcomes/projects/${w.projectId}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /I feel listened to/);
      assert.doesNotMatch(page.body, /Add an outcome/);
      assert.equal((await mo.get('/outcomes')).statusCode, 403);
      assert.equal((await mo.get(`/outcomes/projects/${w.projectId}/new`)).statusCode, 403);
      assert.equal((await mo.post(`/outcomes/projects/${w.projectId}/new`, { title: 'x', measure: 'count', unit: 'y' })).statusCode, 403);
      assert.equal((await mo.get(`/outcomes/projects/${w.projectId}/surveys/new`)).statusCode, 403);
      assert.doesNotMatch(page.body, /\/edit"/);
      const editUrl = `/outcomes/projects/${w.projectId}/outcomes/${listenedId}/edit`;
      assert.equal((await mo.get(editUrl)).statusCode, 403);
      assert.equal((await mo.post(editUrl, { title: 'x', measure: 'scale', question: 'y' })).statusCode, 403);
      const len = await signedInClient(t, 'len@example.com');
      assert.equal((await len.get(`/outcomes/projects/${w.projectId}`)).statusCode, 404);
      const other = await signedInClient(t, 'admin@riverside.test');
      assert.equal((await other.get(`/outcomes/projects/${w.projectId}`)).statusCode, 404);
      assert.equal((await other.get(`/outcomes/projects/${w.projectId}/new`)).statusCode, 404);
      assert.equal(
        (await other.post(`/outcomes/projects/${w.projectId}/new`, { title: 'x', measure: 'count', unit: 'y' })).statusCode,
        404,
      );
      assert.equal((await other.get(editUrl)).statusCode, 404);
      assert.equal((await other.post(editUrl, { title: 'Taken over', measure: 'scale', question: 'y' })).statusCode, 404);
      assert.equal((await t.services.outcomes.outcome(w.admin, listenedId)).title, 'I feel listened to');
      const fay = await signedInClient(t, 'fay@example.com');
      const overview = await fay.get('/outcomes');
      assert.match(overview.body, /Better day centre lunches/);
    });

    test('a survey round goes to every member by their own channel, once', async () => {
      await agreeOutcomes();
      const fay = await signedInClient(t, 'fay@example.com');
      const url = `/outcomes/projects/${w.projectId}/surveys/new`;
      assert.equal((await fay.get(url)).statusCode, 200);
      const bad = await fay.post(url, { phase: 'before', ...dates('opensOn', '23', '11'), ...dates('closesOn', '20', '11') });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /The survey must close on or after the day it opens/);
      assert.match(bad.body, /value="before" checked/);
      const made = await fay.post(url, { phase: 'before', ...dates('opensOn', '23', '11'), ...dates('closesOn', '30', '11') });
      assert.equal(made.statusCode, 303);
      const roundId = (made.headers.location as string).split('/').pop()!;
      const page = await fay.get(`/outcomes/surveys/${roundId}`);
      assert.match(page.body, /Send the survey to members/);
      const sent = await fay.post(`/outcomes/surveys/${roundId}/send`);
      assert.equal(sent.statusCode, 303);
      const again = await fay.submit(`/outcomes/surveys/${roundId}`, `/outcomes/surveys/${roundId}/send`, {});
      assert.equal(again.statusCode, 303);
      const messages = await t.database.db
        .selectFrom('outbox')
        .selectAll()
        .where('kind', '=', 'survey')
        .where('about_id', '=', roundId)
        .execute();
      // Fay and Mo by email, Sue by text, Dennis by letter: once each.
      assert.deepEqual(messages.map((m) => m.channel).sort(), ['email', 'email', 'letter', 'text']);
      const sue = messages.find((m) => m.channel === 'text')!;
      assert.ok(sue.body_text.length < 200, 'a text message is short');
      assert.match(sue.body_text, /http:\/\/localhost:3000\/act\/.* Your code: [346789A-Y]{3} [346789A-Y]{3}$/);
      const dennis = messages.find((m) => m.channel === 'letter')!;
      assert.doesNotMatch(dennis.body_text, /http|www\./, 'a letter holds no web address');
      assert.match(dennis.body_text, /phone us on 01632 960 123|tell a member of staff/i);
    });

    test('people who never sign in answer by their signed link, until it expires', async () => {
      const { listenedId } = await agreeOutcomes();
      const roundId = await sendBeforeRound();
      const link = await dennisLink(roundId);
      const visitor = new Client(t.app);
      const page = await visitor.get(link);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /How much do you feel listened to\?/);
      const bad = await visitor.post(link, {}, { csrf: null });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Choose an answer from 1 to 5/);
      const ok = await visitor.post(link, { [`score-${listenedId}`]: '2' }, { csrf: null });
      assert.equal(ok.statusCode, 303);
      const saved = await t.database.db
        .selectFrom('survey_answers')
        .selectAll()
        .where('person_id', '=', w.ids.dennis)
        .executeTakeFirstOrThrow();
      assert.deepEqual([saved.score, saved.way, saved.recorded_by], [2, 'link', null]);
      assert.match((await visitor.get(link)).body, /value="2" checked/);
      // A changed link does not work; after the closing day it has expired.
      const tampered = link.slice(0, -3) + (link.endsWith('AAA') ? 'BBB' : 'AAA');
      assert.equal((await visitor.get(tampered)).statusCode, 404);
      t.clock.now = new Date('2026-12-01T00:30:00Z');
      const expired = await visitor.get(link);
      assert.equal(expired.statusCode, 410);
      assert.match(expired.body, /This survey has closed/);
      assert.equal((await visitor.post(link, { [`score-${listenedId}`]: '5' }, { csrf: null })).statusCode, 410);
    });

    test('members answer signed in; staff record answers for others, marked and in the history', async () => {
      const { listenedId } = await agreeOutcomes();
      const roundId = await sendBeforeRound();
      await dennisAnswersByLink(roundId, listenedId, '2');
      const mo = await signedInClient(t, 'mo@example.com');
      const home = await mo.get('/');
      assert.match(home.body, new RegExp(`href="/outcomes/surveys/${roundId}"`));
      const page = await mo.get(`/outcomes/surveys/${roundId}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Tell us how things are/);
      const bad = await mo.post(`/outcomes/surveys/${roundId}`, { [`score-${listenedId}`]: '9' });
      assert.equal(bad.statusCode, 400);
      assert.equal((await mo.post(`/outcomes/surveys/${roundId}`, { [`score-${listenedId}`]: '3' })).statusCode, 303);
      assert.equal((await mo.get(`/outcomes/surveys/${roundId}/record`)).statusCode, 403);
      assert.equal((await mo.post(`/outcomes/surveys/${roundId}/send`)).statusCode, 403);
      assert.equal(
        (await mo.post(`/outcomes/surveys/${roundId}/record`, { personId: w.ids.mo, [`score-${listenedId}`]: '1' })).statusCode,
        403,
      );
      const len = await signedInClient(t, 'len@example.com');
      assert.equal((await len.get(`/outcomes/surveys/${roundId}`)).statusCode, 404);
      assert.equal((await len.post(`/outcomes/surveys/${roundId}`, { [`score-${listenedId}`]: '3' })).statusCode, 404);

      const fay = await signedInClient(t, 'fay@example.com');
      const recordUrl = `/outcomes/surveys/${roundId}/record`;
      assert.equal((await fay.get(`${recordUrl}?personId=${w.ids.sue}`)).statusCode, 200);
      const noPerson = await fay.post(recordUrl, { personId: '', [`score-${listenedId}`]: '4' });
      assert.equal(noPerson.statusCode, 400);
      assert.match(noPerson.body, /Choose a member of the project/);
      assert.match(noPerson.body, /value="4" checked/);
      const notMember = await fay.post(recordUrl, { personId: w.ids.len, [`score-${listenedId}`]: '4' });
      assert.equal(notMember.statusCode, 400);
      assert.equal((await fay.post(recordUrl, { personId: w.ids.sue, [`score-${listenedId}`]: '4' })).statusCode, 303);
      const sue = await t.database.db.selectFrom('survey_answers').selectAll().where('person_id', '=', w.ids.sue).executeTakeFirstOrThrow();
      assert.deepEqual([sue.score, sue.way, sue.recorded_by], [4, 'staff', w.ids.fay]);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('subject_type', '=', 'survey')
        .where('action', '=', 'answers-recorded')
        .executeTakeFirstOrThrow();
      assert.deepEqual([audit.actor_person_id, audit.on_behalf_of_person_id], [w.ids.fay, w.ids.sue]);
      const round = await fay.get(`/outcomes/surveys/${roundId}`);
      assert.match(round.body, /Recorded by staff/);
      assert.match(round.body, /Answered by link/);
      const other = await signedInClient(t, 'admin@riverside.test');
      assert.equal((await other.get(`/outcomes/surveys/${roundId}`)).statusCode, 404);
      assert.equal((await other.post(recordUrl, { personId: w.ids.sue, [`score-${listenedId}`]: '1' })).statusCode, 404);
    });

    test('before and after: an average only when 3 or more answered', async () => {
      const { listenedId } = await agreeOutcomes();
      // Before: Dennis 2 by his link, Mo 3 signed in, Sue 4 recorded by staff. After: only two answers so far.
      const beforeRound = await sendBeforeRound();
      await dennisAnswersByLink(beforeRound, listenedId, '2');
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get(`/outcomes/surveys/${beforeRound}`);
      assert.equal((await mo.post(`/outcomes/surveys/${beforeRound}`, { [`score-${listenedId}`]: '3' })).statusCode, 303);
      assert.ok((await t.services.outcomes.surveys.record(w.admin, beforeRound, w.ids.sue, { [listenedId]: 4 })).ok);
      const after = await t.services.outcomes.surveys.addRound(w.admin, w.projectId, {
        phase: 'after',
        opensOn: '2026-11-23',
        closesOn: '2026-11-25',
      });
      assert.ok(after.ok);
      await t.services.outcomes.surveys.record(w.admin, after.id, w.ids.mo, { [listenedId]: 5 });
      await t.services.outcomes.surveys.record(w.admin, after.id, w.ids.sue, { [listenedId]: 4 });
      let result = (await t.services.outcomes.beforeAfter(w.organisationId, { projectId: w.projectId })).find(
        (r) => r.outcomeId === listenedId,
      )!;
      assert.ok(result.measure === 'scale');
      assert.deepEqual([result.before, result.after, result.change], [{ n: 3, average: 3 }, { n: 2, average: null }, null]);
      const page = await (await signedInClient(t, 'mo@example.com')).get(`/outcomes/projects/${w.projectId}`);
      assert.match(page.body, /3 out of 5 \(3 people answered\)/);
      assert.match(page.body, /2 people answered. We show the group(&#39;|')s score when 3 or more answer/);
      await t.services.outcomes.surveys.record(w.admin, after.id, w.ids.dennis, { [listenedId]: 5 });
      result = (await t.services.outcomes.beforeAfter(w.organisationId, { projectId: w.projectId })).find(
        (r) => r.outcomeId === listenedId,
      )!;
      assert.ok(result.measure === 'scale');
      assert.deepEqual([result.after, result.change], [{ n: 3, average: 4.7 }, 1.7]);
      // A period that ends today counts the rounds still open and today's answers; one that
      // ended yesterday, before the rounds opened, counts none of them.
      const until = (to: string, answeredBefore: string) =>
        t.services.outcomes.beforeAfter(w.organisationId, { to, answeredBefore }).then((rs) => rs.find((r) => r.outcomeId === listenedId)!);
      const today = await until('2026-11-23', '2026-11-24T00:00:00.000Z');
      assert.ok(today.measure === 'scale');
      assert.deepEqual([today.before.n, today.after.n], [3, 3]);
      const yesterday = await until('2026-11-22', '2026-11-23T00:00:00.000Z');
      assert.ok(yesterday.measure === 'scale');
      assert.deepEqual([yesterday.before.n, yesterday.after.n], [0, 0]);
      assert.deepEqual(await t.services.outcomes.beforeAfter(w.other.organisationId), []);
    });
  });
}
