import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { notifyEnv, startFakeNotifyTexts } from '../../../test/helpers/fake-notify-texts.ts';
import { actLinkIn, codeIn, replyPhone, setUpRepliesWorld, type RepliesWorld } from '../../../test/worlds/replies.ts';
import { londonToday } from '../../platform/time.ts';

// "When can everyone come?" (issue 17): staff offer times, people answer by link, by text,
// by a reply code or on the phone, the times are ranked with people who draw on care and
// carers first, and picking one makes the meeting with everyone invited.

/** A London date some days from the test's today, as the three boxes of a date input. */
const boxes = (t: TestApp, days: number, prefix: string) => {
  const date = new Date(Date.parse(`${londonToday(t.now())}T12:00:00Z`) + days * 86_400_000);
  return {
    [`${prefix}-day`]: String(date.getUTCDate()),
    [`${prefix}-month`]: String(date.getUTCMonth() + 1),
    [`${prefix}-year`]: String(date.getUTCFullYear()),
  };
};

for (const dialect of databaseDialects()) {
  describe(`when can everyone come (${dialect})`, () => {
    let notify: Awaited<ReturnType<typeof startFakeNotifyTexts>>;
    let t: TestApp;
    let w: RepliesWorld;
    before(async () => {
      notify = await startFakeNotifyTexts();
    });
    after(() => notify.close());
    beforeEach(async () => {
      notify.texts.length = 0;
      t = await makeTestApp({ dialect, env: notifyEnv(notify.url) });
      w = await setUpRepliesWorld(t);
      // Dennis has said mornings do not suit him; he answers by phone.
      const dennis = await t.services.people.get(w.organisationId, w.ids.dennis);
      const { id: _id, name: _name, ...details } = dennis;
      await t.services.people.update(w.admin, w.ids.dennis, { ...details, unsuitableTimes: { days: [], parts: ['morning'] } });
    });
    afterEach(() => t.close());

    const everyone = () => [w.ids.fay, w.ids.mo, w.ids.sue, w.ids.dennis, w.ids.pat, w.ids.dora, w.ids.terry];
    const goodForm = () => ({
      title: 'Menu group',
      purpose: 'Choose the spring menu',
      format: 'in-person',
      venueId: '',
      joiningDetails: '',
      ...boxes(t, 14, 'time1Date'),
      time1Start: '10am',
      time1End: '12pm',
      ...boxes(t, 15, 'time2Date'),
      time2Start: '2pm',
      time2End: '4pm',
      ...boxes(t, 16, 'time3Date'),
      time3Start: '6pm',
      time3End: '7:30pm',
      ...boxes(t, 7, 'closesOn'),
      personIds: everyone(),
    });
    const makePoll = async (fay: Client) => {
      await fay.get(`/projects/${w.projectId}/time-polls/new`);
      const made = await fay.post(`/projects/${w.projectId}/time-polls/new`, goodForm());
      assert.equal(made.statusCode, 303, made.body.slice(0, 3000));
      return made.headers.location!.split('/').pop()!;
    };
    const answersOf = async (pollId: string, personId: string) => {
      const rows = await t.database.db
        .selectFrom('time_poll_answers as a')
        .innerJoin('time_poll_options as o', 'o.id', 'a.option_id')
        .select(['o.position', 'a.answer'])
        .where('a.poll_id', '=', pollId)
        .where('a.person_id', '=', personId)
        .orderBy('o.position')
        .execute();
      return rows.map((r) => r.answer).join(' ');
    };
    const invitee = (pollId: string, personId: string) =>
      t.database.db
        .selectFrom('time_poll_invitees')
        .selectAll()
        .where('poll_id', '=', pollId)
        .where('person_id', '=', personId)
        .executeTakeFirstOrThrow();

    test('a new poll: every problem at once, keeping what was typed; then it goes to each person by their own channel', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      const form = await fay.get(`/projects/${w.projectId}/time-polls/new`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Time 8/);
      const bad = await fay.post(`/projects/${w.projectId}/time-polls/new`, {
        ...goodForm(),
        title: '',
        ...boxes(t, 15, 'time2Date'),
        time2Start: '4pm',
        time2End: '2pm',
        time3Start: 'teatime',
        ...boxes(t, 20, 'closesOn'),
        personIds: [],
      });
      assert.equal(bad.statusCode, 400);
      for (const message of [
        'Enter what the meeting is called',
        'Time 2 must end after it starts',
        'Write time 3 like 10am, 2:30pm or 14:30',
        'Choose at least one person to ask',
      ])
        assert.ok(bad.body.includes(message), message);
      assert.match(bad.body, /Choose the spring menu/, 'what was typed stays');
      assert.match(bad.body, /value="teatime"/);
      const one = await fay.post(`/projects/${w.projectId}/time-polls/new`, {
        ...goodForm(),
        ...Object.fromEntries(
          [
            'time2Date-day',
            'time2Date-month',
            'time2Date-year',
            'time2Start',
            'time2End',
            'time3Date-day',
            'time3Date-month',
            'time3Date-year',
            'time3Start',
            'time3End',
          ].map((k) => [k, '']),
        ),
      });
      assert.equal(one.statusCode, 400);
      assert.match(one.body, /Give at least 2 times to choose from/);
      const late = await fay.post(`/projects/${w.projectId}/time-polls/new`, { ...goodForm(), ...boxes(t, 15, 'closesOn') });
      assert.match(late.body, /The answer-by date must be before the day of the first time/);
      assert.equal(await t.database.db.selectFrom('time_polls').select('id').executeTakeFirst(), undefined, 'nothing saved');

      const pollId = await makePoll(fay);
      const text = await w.sentTo(pollId, w.ids.terry, 'time-poll');
      assert.equal(text.channel, 'text');
      assert.ok(actLinkIn(text.body_text), 'a text has the short link');
      assert.match(text.body_text, /1Y 2M 3N/);
      assert.ok(codeIn(text.body_text), 'and the reply code');
      const letter = await w.sentTo(pollId, w.ids.dora, 'time-poll');
      assert.equal(letter.channel, 'letter');
      assert.ok(codeIn(letter.body_text), 'a letter has the reply code');
      assert.ok(letter.body_text.includes(replyPhone), 'and the phone number');
      assert.doesNotMatch(letter.body_text, /https?:/, 'and no web address');
      const email = await w.sentTo(pollId, w.ids.mo, 'time-poll');
      assert.equal(email.channel, 'email');
      assert.ok(actLinkIn(email.body_text));
      // Listed on the project's polls, and on the project page.
      const list = await fay.get(`/projects/${w.projectId}/time-polls`);
      assert.match(list.body, /Menu group/);
      assert.match(list.body, /0 of 7/);
      assert.match((await fay.get(`/projects/${w.projectId}`)).body, /Find a time for a meeting/);
    });

    test('answers by link, text, reply code and phone; times ranked with people who draw on care first; picking makes the meeting', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      const pollId = await makePoll(fay);
      // Fay, the facilitator, can only come to the first time.
      assert.equal((await fay.get(`/time-polls/${pollId}/answer`)).statusCode, 200);
      assert.equal((await fay.post(`/time-polls/${pollId}/answer`, { time1: 'yes', time2: 'no', time3: 'no' })).statusCode, 303);

      // Mo by the link in her email: no sign-in; a missing answer is asked for again.
      const link = actLinkIn((await w.sentTo(pollId, w.ids.mo, 'time-poll')).body_text)!;
      const visitor = new Client(t.app);
      const page = await visitor.get(link);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /When can you come to Menu group\?/);
      const missing = await visitor.post(link, { time1: 'no', time2: 'yes' });
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /Say if you can come at time 3/);
      assert.match(missing.body, /value="yes" checked/, 'what was chosen stays');
      assert.equal((await visitor.post(link, { time1: 'no', time2: 'yes', time3: 'maybe' })).statusCode, 303);
      assert.equal(await answersOf(pollId, w.ids.mo), 'no yes maybe');
      assert.equal((await invitee(pollId, w.ids.mo)).answered_how, 'link');

      // Terry texts back.
      notify.receive('447700900222', '1n 2y 3m');
      assert.equal(await t.services.texts.fetchFromNotify(), 1);
      assert.equal(await answersOf(pollId, w.ids.terry), 'no yes maybe');
      const received = await t.database.db.selectFrom('received_texts').selectAll().executeTakeFirstOrThrow();
      assert.deepEqual([received.outcome, received.status], ['time-poll-reply', 'done']);
      assert.equal((await invitee(pollId, w.ids.terry)).answered_how, 'text');

      // Dora's letter: Fay types her code and records what the letter said.
      const code = codeIn((await w.sentTo(pollId, w.ids.dora, 'time-poll')).body_text)!;
      await fay.get('/reply-codes');
      const found = await fay.post('/reply-codes', { code });
      assert.equal(found.statusCode, 200);
      assert.match(found.body, /Time 1: /);
      const byCode = await fay.post('/reply-codes/answer', { code, how: 'letter', time1: 'no', time2: 'yes', time3: 'no' });
      assert.equal(byCode.statusCode, 303, byCode.body.slice(0, 2000));
      assert.equal(await answersOf(pollId, w.ids.dora), 'no yes no');

      // Dennis rings: Fay records his answers by phone.
      const recordPage = await fay.get(`/time-polls/${pollId}/answers/${w.ids.dennis}`);
      assert.equal(recordPage.statusCode, 200);
      const noHow = await fay.post(`/time-polls/${pollId}/answers/${w.ids.dennis}`, { time1: 'yes', time2: 'yes', time3: 'no' });
      assert.equal(noHow.statusCode, 400);
      assert.equal(
        (await fay.post(`/time-polls/${pollId}/answers/${w.ids.dennis}`, { how: 'phone', time1: 'yes', time2: 'yes', time3: 'no' }))
          .statusCode,
        303,
      );
      const dennis = await invitee(pollId, w.ids.dennis);
      assert.deepEqual([dennis.answered_how, dennis.answered_by], ['phone', w.ids.fay]);

      // Sue signs in and answers herself.
      const sue = await signedInClient(t, 'sue@example.com');
      assert.match((await sue.get(`/projects/${w.projectId}`)).body, /Say when you can come to Menu group/);
      assert.equal((await sue.get(`/time-polls/${pollId}`)).statusCode, 303, 'a member goes to their answers');
      assert.equal((await sue.get(`/time-polls/${pollId}/answer`)).statusCode, 200);
      assert.equal((await sue.post(`/time-polls/${pollId}/answer`, { time1: 'maybe', time2: 'maybe', time3: 'yes' })).statusCode, 303);
      assert.match((await sue.get(`/projects/${w.projectId}`)).body, /Change when you can come to Menu group/);

      // The results: time 2 suits the people who draw on care and carers best, though no
      // facilitator can come; time 3 comes before time 1, which more people can come to in
      // all (Fay among them), because more people who draw on care and carers can come.
      const results = await fay.get(`/time-polls/${pollId}`);
      assert.equal(results.statusCode, 200);
      const body = results.body;
      const choice = (n: number) => body.indexOf(`Choice ${n}: `);
      const label = (n: number) => body.slice(choice(n), body.indexOf('\n', choice(n)));
      assert.match(label(1), /, 2pm to 4pm/);
      assert.match(label(2), /, 6pm to 7:30pm/);
      assert.match(label(3), /, 10am to midday/);
      assert.match(body.slice(choice(1), choice(2)), /People who draw on care and carers who can come: 4½/);
      assert.match(body.slice(choice(2), choice(3)), /People who draw on care and carers who can come: 2\b/);
      assert.match(body.slice(choice(2), choice(3)), /Everyone who can come: 2\b/);
      assert.match(body.slice(choice(3)), /People who draw on care and carers who can come: 1½/);
      assert.match(body.slice(choice(3)), /Everyone who can come: 2½/);
      assert.match(body.slice(choice(1), choice(2)), /No facilitator can come at this time/);
      assert.doesNotMatch(body.slice(choice(3), body.indexOf('id="people"')), /No facilitator can come/);
      assert.match(body.slice(choice(3)), /Clashes with Dennis Whitfield&#39;s &quot;not in the morning&quot;/);
      assert.match(body, /Recorded by phone by Fay Facilitator/);
      assert.match(body, /Recorded by letter by Fay Facilitator/);
      assert.match(body, /Answered by text message/);

      // Fay picks the best time: the meeting is made with everyone asked, and invited as usual.
      const options = await t.database.db
        .selectFrom('time_poll_options')
        .selectAll()
        .where('poll_id', '=', pollId)
        .orderBy('position')
        .execute();
      const picked = await fay.post(`/time-polls/${pollId}/pick`, { optionId: options[1]!.id });
      assert.equal(picked.statusCode, 303);
      const meetingId = picked.headers.location!.split('/').pop()!;
      const meeting = await t.services.meetings.load(w.organisationId, meetingId);
      assert.deepEqual([meeting.title, meeting.startsAt, meeting.endsAt], ['Menu group', options[1]!.starts_at, options[1]!.ends_at]);
      const invited = await t.services.meetings.invitees(w.organisationId, meetingId);
      assert.deepEqual(invited.map((i) => i.personId).sort(), everyone().sort());
      assert.ok(invited.filter((i) => i.invitedAt).length >= 5, 'invitations went out');
      assert.equal((await w.sentTo(meetingId, w.ids.mo, 'invitation')).channel, 'email');
      const poll = await t.database.db.selectFrom('time_polls').selectAll().where('id', '=', pollId).executeTakeFirstOrThrow();
      assert.deepEqual([poll.status, poll.meeting_id, poll.chosen_option_id], ['decided', meetingId, options[1]!.id]);
      // The poll has closed: its links stop, it cannot be picked twice, and it links to the meeting.
      assert.equal((await visitor.get(link)).statusCode, 410);
      assert.equal((await fay.post(`/time-polls/${pollId}/pick`, { optionId: options[0]!.id })).statusCode, 409);
      assert.match((await fay.get(`/time-polls/${pollId}`)).body, new RegExp(`href="/meetings/${meetingId}"`));
      const late = await sue.post(`/time-polls/${pollId}/answer`, { time1: 'yes', time2: 'yes', time3: 'yes' });
      assert.equal(late.statusCode, 303);
      assert.equal(await answersOf(pollId, w.ids.sue), 'maybe maybe yes', 'a closed poll keeps its answers');
    });

    test('another organisation, and a member not asked, can neither see nor answer a poll', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      const pollId = await makePoll(fay);
      const rita = await signedInClient(t, 'admin@riverside.test');
      assert.equal((await rita.get(`/time-polls/${pollId}`)).statusCode, 404);
      assert.equal((await rita.get(`/projects/${w.projectId}/time-polls`)).statusCode, 404);
      assert.equal((await rita.get(`/projects/${w.projectId}/time-polls/new`)).statusCode, 404);
      await rita.get('/reply-codes');
      const options = await t.database.db.selectFrom('time_poll_options').select('id').where('poll_id', '=', pollId).execute();
      assert.equal((await rita.post(`/time-polls/${pollId}/pick`, { optionId: options[0]!.id })).statusCode, 404);
      assert.equal(
        (await rita.post(`/time-polls/${pollId}/answers/${w.ids.mo}`, { how: 'phone', time1: 'yes', time2: 'yes', time3: 'yes' }))
          .statusCode,
        404,
      );
      const code = codeIn((await w.sentTo(pollId, w.ids.dora, 'time-poll')).body_text)!;
      const byCode = await rita.post('/reply-codes', { code });
      assert.equal(byCode.statusCode, 400, "another organisation's code is nobody's");
      const len = await signedInClient(t, 'len@example.com');
      assert.equal((await len.get(`/time-polls/${pollId}`)).statusCode, 404);
      assert.equal((await len.post(`/time-polls/${pollId}/answer`, { time1: 'yes', time2: 'yes', time3: 'yes' })).statusCode, 404);
      const mo = await signedInClient(t, 'mo@example.com');
      assert.equal((await mo.get(`/projects/${w.projectId}/time-polls/new`)).statusCode, 403);
      assert.equal(await t.database.db.selectFrom('time_poll_answers').select('person_id').executeTakeFirst(), undefined);
    });

    test('To do: polls with answers to chase, then a time to pick; a text that is not an answer waits for staff', async () => {
      let fay = await signedInClient(t, 'fay@example.com');
      const pollId = await makePoll(fay);
      const todo = await fay.get('/to-do');
      assert.match(todo.body, /Polls of times with answers to chase/);
      assert.match(todo.body, /href="\/time-polls\?only=chase"/);
      const chase = await fay.get('/time-polls?only=chase');
      assert.equal(chase.statusCode, 200);
      assert.match(chase.body, new RegExp(`href="/time-polls/${pollId}"`));
      assert.doesNotMatch((await fay.get('/time-polls?only=decide')).body, new RegExp(`/time-polls/${pollId}"`));

      notify.receive('447700900222', 'I can do Tuesday');
      await t.services.texts.fetchFromNotify();
      const text = await t.database.db.selectFrom('received_texts').selectAll().executeTakeFirstOrThrow();
      assert.deepEqual([text.outcome, text.status], ['unmatched', 'to-do']);
      assert.equal((await invitee(pollId, w.ids.terry)).answered_at, null);

      // Past the answer-by date: no more answers, and a time to pick.
      t.clock.now = new Date(t.now().getTime() + 8 * 86_400_000);
      fay = await signedInClient(t, 'fay@example.com');
      assert.match((await fay.get('/time-polls?only=decide')).body, new RegExp(`href="/time-polls/${pollId}"`));
      assert.match((await fay.get('/to-do')).body, /Polls of times past their answer-by date, with a time to pick/);
      const sue = await signedInClient(t, 'sue@example.com');
      const page = await sue.get(`/time-polls/${pollId}/answer`);
      assert.match(page.body, /This poll has closed/);
      const late = await sue.post(`/time-polls/${pollId}/answer`, { time1: 'yes', time2: 'yes', time3: 'yes' });
      assert.equal(late.statusCode, 303);
      assert.equal(await answersOf(pollId, w.ids.sue), '');
    });

    test('help with travel: a time too soon after answers close is flagged, and showing the need is audited', async () => {
      await t.services.accessNeeds.save({ ...w.admin, role: 'admin' }, w.ids.mo, true, {
        formats: [],
        interpreterLanguage: null,
        physical: [],
        support: ['travel-help'],
        dietary: null,
        other: null,
      });
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/projects/${w.projectId}/time-polls/new`);
      const made = await fay.post(`/projects/${w.projectId}/time-polls/new`, { ...goodForm(), ...boxes(t, 13, 'closesOn') });
      assert.equal(made.statusCode, 303);
      const pollId = made.headers.location!.split('/').pop()!;
      const page = await fay.get(`/time-polls/${pollId}`);
      assert.match(page.body, /Too soon to book Mo Member&#39;s help with travel/);
      const reads = await t.database.db
        .selectFrom('audit_log')
        .select(['subject_type', 'subject_id', 'actor_person_id'])
        .where('action', '=', 'viewed-in-time-poll')
        .execute();
      assert.deepEqual(reads, [{ subject_type: 'access-needs', subject_id: w.ids.mo, actor_person_id: w.ids.fay }]);
    });
  });
}
