import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { actLinkIn, setUpRepliesWorld, type RepliesWorld } from '../../../test/worlds/replies.ts';
import { londonToday } from '../../platform/time.ts';

// Time polls, finished (issue 17): a supporter allowed to reply to invitations answers for
// the person, signed in or by phone through staff, shown as "(supporter) for (person)";
// staff change a poll (words, answer-by date, times taken away and added, new times asked
// about by each person's channel) and cancel one (everyone asked told, in the same
// transaction); the polls waiting for staff are listed with their counts.

const boxes = (t: TestApp, days: number, prefix: string) => {
  const date = new Date(Date.parse(`${londonToday(t.now())}T12:00:00Z`) + days * 86_400_000);
  return {
    [`${prefix}-day`]: String(date.getUTCDate()),
    [`${prefix}-month`]: String(date.getUTCMonth() + 1),
    [`${prefix}-year`]: String(date.getUTCFullYear()),
  };
};

for (const dialect of databaseDialects()) {
  describe(`time polls with supporters, changes and cancelling (${dialect})`, () => {
    let t: TestApp;
    let w: RepliesWorld;
    let sarah: string;
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      w = await setUpRepliesWorld(t);
      sarah = (
        await personWithAccount(
          t,
          w.organisationId,
          { fullName: 'Sarah Whitfield', perspectives: ['carer'] },
          { email: 'sarah@example.com', role: 'member' },
        )
      ).personId;
    });
    afterEach(() => t.close());

    const supporterForm = (extra: Record<string, string | string[]>) => ({
      kind: 'family',
      relationship: 'Daughter',
      basis: 'consent',
      consentHow: 'Face to face at the day centre',
      ...boxes(t, -10, 'basisMadeOn'),
      ...boxes(t, 300, 'reviewOn'),
      ...extra,
    });
    const addSupporter = async (fay: Client, personId: string, extra: Record<string, string | string[]>) => {
      await fay.get(`/people/${personId}/supporters/new`);
      const res = await fay.post(`/people/${personId}/supporters/new`, supporterForm(extra));
      assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
      return (
        await t.database.db
          .selectFrom('supporters')
          .select('id')
          .where('person_id', '=', personId)
          .orderBy('created_at', 'desc')
          .executeTakeFirstOrThrow()
      ).id;
    };
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
      personIds: [w.ids.fay, w.ids.mo, w.ids.dennis, w.ids.dora, w.ids.terry],
    });
    const makePoll = async (fay: Client) => {
      await fay.get(`/projects/${w.projectId}/time-polls/new`);
      const made = await fay.post(`/projects/${w.projectId}/time-polls/new`, goodForm());
      assert.equal(made.statusCode, 303, made.body.slice(0, 3000));
      return made.headers.location!.split('/').pop()!;
    };
    const options = (pollId: string) =>
      t.database.db.selectFrom('time_poll_options').selectAll().where('poll_id', '=', pollId).orderBy('position').execute();
    const answersOf = async (pollId: string, personId: string) => {
      const rows = await t.database.db
        .selectFrom('time_poll_answers as a')
        .innerJoin('time_poll_options as o', 'o.id', 'a.option_id')
        .select(['o.position', 'a.answer'])
        .where('a.poll_id', '=', pollId)
        .where('a.person_id', '=', personId)
        .orderBy('o.position')
        .execute();
      return rows.map((r) => `${r.position}${r.answer}`).join(' ');
    };

    test('a supporter allowed to reply answers for the person, signed in or by phone through staff; anyone else is refused', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await addSupporter(fay, w.ids.dennis, { who: 'person', supporterPersonId: sarah, powers: ['reply'] });
      await addSupporter(fay, w.ids.dora, {
        who: 'contact',
        contactName: 'Bill Letter',
        contactChannel: 'phone',
        contactMobile: '07700 900333',
        powers: ['reply'],
      });
      const billVotesOnly = await addSupporter(fay, w.ids.terry, {
        who: 'contact',
        contactName: 'Tina Text',
        contactChannel: 'phone',
        contactMobile: '07700 900444',
        powers: ['vote'],
      });
      const pollId = await makePoll(fay);

      // Sarah, signed in, finds Dennis's poll and answers it for him; a missing answer is asked for again.
      const sarahClient = await signedInClient(t, 'sarah@example.com');
      const list = await sarahClient.get(`/time-polls/for/${w.ids.dennis}`);
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /Say when Dennis Whitfield can come to Menu group/);
      const page = await sarahClient.get(`/time-polls/${pollId}/for/${w.ids.dennis}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /It will show as &quot;Sarah Whitfield for Dennis Whitfield&quot;/);
      assert.match(page.body, /Yes, they can come/);
      const missing = await sarahClient.post(`/time-polls/${pollId}/for/${w.ids.dennis}`, { time1: 'yes', time2: 'no' });
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /value="yes" checked/, 'what was chosen stays');
      const saved = await sarahClient.post(`/time-polls/${pollId}/for/${w.ids.dennis}`, { time1: 'yes', time2: 'no', time3: 'maybe' });
      assert.equal(saved.statusCode, 303);
      assert.equal(await answersOf(pollId, w.ids.dennis), '1yes 2no 3maybe', 'the answers are Dennis’s');
      const act = await t.database.db.selectFrom('supporter_acts').selectAll().where('subject_id', '=', pollId).executeTakeFirstOrThrow();
      assert.deepEqual([act.person_id, act.action, act.recorded_by], [w.ids.dennis, 'time-poll', null]);
      const history = await t.database.db
        .selectFrom('audit_log')
        .select(['actor_person_id', 'on_behalf_of_person_id'])
        .where('subject_id', '=', pollId)
        .where('action', '=', 'answered-by-supporter')
        .executeTakeFirstOrThrow();
      assert.deepEqual([history.actor_person_id, history.on_behalf_of_person_id], [sarah, w.ids.dennis]);

      // Sarah may not answer for anyone else, nor may a member who supports nobody.
      assert.equal((await sarahClient.get(`/time-polls/${pollId}/for/${w.ids.mo}`)).statusCode, 403);
      assert.equal(
        (await sarahClient.post(`/time-polls/${pollId}/for/${w.ids.mo}`, { time1: 'yes', time2: 'yes', time3: 'yes' })).statusCode,
        403,
      );
      const mo = await signedInClient(t, 'mo@example.com');
      assert.equal((await mo.get(`/time-polls/${pollId}/for/${w.ids.dennis}`)).statusCode, 403);

      // Bill, who has no account, rings for Dora: Fay records it as from him, by phone.
      const record = await fay.get(`/time-polls/${pollId}/answers/${w.ids.dora}`);
      assert.match(record.body, /Bill Letter, for Dora Letter/);
      const bill = /name="givenBy" type="radio" value="([0-9a-f-]{36})"/.exec(record.body)![1]!;
      const recorded = await fay.post(`/time-polls/${pollId}/answers/${w.ids.dora}`, {
        givenBy: bill,
        how: 'phone',
        time1: 'no',
        time2: 'yes',
        time3: 'yes',
      });
      assert.equal(recorded.statusCode, 303);
      assert.equal(await answersOf(pollId, w.ids.dora), '1no 2yes 3yes');
      // A supporter who may only vote cannot be named as giving a time poll answer.
      const refused = await fay.post(`/time-polls/${pollId}/answers/${w.ids.terry}`, {
        givenBy: billVotesOnly,
        how: 'phone',
        time1: 'no',
        time2: 'yes',
        time3: 'yes',
      });
      assert.equal(refused.statusCode, 403);
      assert.equal(await answersOf(pollId, w.ids.terry), '');

      const results = await fay.get(`/time-polls/${pollId}`);
      assert.match(results.body, /Sarah Whitfield for Dennis Whitfield/);
      assert.match(results.body, /Bill Letter for Dora Letter, recorded by phone by Fay Facilitator/);
      // The answers count as Dennis's and Dora's, who draw on care: time 3 has Dennis's "if need be" and Dora's "yes".
      const first = results.body.slice(results.body.indexOf('Choice 1: '), results.body.indexOf('Choice 2: '));
      assert.match(first, /6pm to 7:30pm/);
      assert.match(first, /People who draw on care and carers who can come: 1½/);

      // Dennis later rings himself: the answer is his own again.
      await fay.get(`/time-polls/${pollId}/answers/${w.ids.dennis}`);
      const own = await fay.post(`/time-polls/${pollId}/answers/${w.ids.dennis}`, {
        givenBy: '',
        how: 'phone',
        time1: 'no',
        time2: 'no',
        time3: 'yes',
      });
      assert.equal(own.statusCode, 303);
      assert.doesNotMatch((await fay.get(`/time-polls/${pollId}`)).body, /Sarah Whitfield for Dennis Whitfield/);
    });

    test('staff change the words, the date and the times: answers to a time taken away go, a new time is asked about alone', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      const pollId = await makePoll(fay);
      const [one, two, three] = await options(pollId);
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get(`/time-polls/${pollId}/answer`);
      assert.equal((await mo.post(`/time-polls/${pollId}/answer`, { time1: 'yes', time2: 'maybe', time3: 'no' })).statusCode, 303);
      assert.equal((await mo.get(`/time-polls/${pollId}/change`)).statusCode, 403, 'members cannot change a poll');

      const form = await fay.get(`/time-polls/${pollId}/change`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /value="Menu group"/);
      assert.match(form.body, /New time 4/);
      assert.doesNotMatch(form.body, /New time 3/, 'a number in use is not offered again');

      // Every problem at once, keeping what was typed.
      const bad = await fay.post(`/time-polls/${pollId}/change`, {
        title: '',
        purpose: 'Choose the summer menu',
        ...boxes(t, 7, 'closesOn'),
        remove: [one!.id, two!.id],
        ...boxes(t, 20, 'time4Date'),
        time4Start: 'teatime',
        time4End: '5pm',
      });
      assert.equal(bad.statusCode, 400);
      for (const message of ['Enter what the meeting is called', 'Write time 4 like 10am, 2:30pm or 14:30'])
        assert.ok(bad.body.includes(message), message);
      assert.match(bad.body, /Choose the summer menu/);
      assert.match(bad.body, /value="teatime"/);
      assert.match(bad.body, new RegExp(`value="${one!.id}" checked`));
      const tooFew = await fay.post(`/time-polls/${pollId}/change`, {
        title: 'Menu group',
        purpose: 'Choose the spring menu',
        ...boxes(t, 7, 'closesOn'),
        remove: [one!.id, two!.id],
      });
      assert.equal(tooFew.statusCode, 400);
      assert.match(tooFew.body, /Leave at least 2 times to choose from/);
      const outbox = async () =>
        Number(
          (
            await t.database.db
              .selectFrom('outbox')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await outbox();
      const asked = await t.database.db
        .selectFrom('outbox')
        .select('person_id')
        .where('about_id', '=', pollId)
        .where('dedupe_key', 'like', 'time-poll:%')
        .execute();

      // Time 2 goes with Mo's answer to it; a new time 4 is asked about; the poll closes a day later.
      const changed = await fay.post(`/time-polls/${pollId}/change`, {
        title: 'Spring menu group',
        purpose: 'Choose the spring menu',
        ...boxes(t, 8, 'closesOn'),
        remove: [two!.id],
        ...boxes(t, 20, 'time4Date'),
        time4Start: '11am',
        time4End: '1pm',
      });
      assert.equal(changed.statusCode, 303, changed.body.slice(0, 2000));
      assert.deepEqual(
        (await options(pollId)).map((o) => o.position),
        [1, 3, 4],
        'times keep their numbers',
      );
      assert.equal(await answersOf(pollId, w.ids.mo), '1yes 3no');
      const poll = await t.database.db.selectFrom('time_polls').selectAll().where('id', '=', pollId).executeTakeFirstOrThrow();
      assert.equal(poll.title, 'Spring menu group');
      assert.ok(poll.closes_at > (await t.database.db.selectFrom('outbox').select('created_at').executeTakeFirstOrThrow()).created_at);
      // Everyone asked hears of the new time only, by their own channel, with their own link and code.
      const news = await t.database.db
        .selectFrom('outbox')
        .selectAll()
        .where('about_id', '=', pollId)
        .where('dedupe_key', 'like', 'time-poll-added:%')
        .execute();
      assert.deepEqual(news.map((n) => n.person_id).sort(), asked.map((m) => m.person_id).sort(), 'everyone reached before');
      assert.equal(await outbox(), before + news.length);
      const text = news.find((n) => n.person_id === w.ids.terry)!;
      assert.equal(text.channel, 'text');
      assert.match(text.body_text, /4: /);
      assert.match(text.body_text, /like 4Y/);
      assert.doesNotMatch(text.body_text, /3: /, 'only the new time');
      const letter = news.find((n) => n.person_id === w.ids.dora)!;
      assert.equal(letter.channel, 'letter');
      assert.doesNotMatch(letter.body_text, /https?:/);
      // The same personal link still works, now with the new time; the old link is the same link.
      const link = actLinkIn(news.find((n) => n.person_id === w.ids.mo)!.body_text)!;
      assert.equal(link, actLinkIn((await w.sentTo(pollId, w.ids.mo, 'time-poll')).body_text));
      const visitor = new Client(t.app);
      const page = await visitor.get(link);
      assert.match(page.body, /Time 4: /);
      assert.doesNotMatch(page.body, /Time 2: /);
      // The change is in the poll's history.
      const history = await t.database.db
        .selectFrom('audit_log')
        .select(['actor_person_id', 'changes'])
        .where('subject_id', '=', pollId)
        .where('action', '=', 'changed')
        .executeTakeFirstOrThrow();
      assert.equal(history.actor_person_id, w.ids.fay);
      assert.match(String(history.changes), /timesRemoved/);
      assert.match(String(history.changes), /timesAdded/);
      assert.match(String(history.changes), /Spring menu group/);
      void three;
    });

    test('staff cancel a poll: everyone asked is told by their channel, links stop, and it takes no more answers or changes', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      const pollId = await makePoll(fay);
      const link = actLinkIn((await w.sentTo(pollId, w.ids.mo, 'time-poll')).body_text)!;
      assert.equal((await fay.get(`/time-polls/${pollId}/cancel`)).statusCode, 200);
      const tooLong = await fay.post(`/time-polls/${pollId}/cancel`, { reason: 'x'.repeat(501) });
      assert.equal(tooLong.statusCode, 400);
      assert.match(tooLong.body, /x{501}/, 'what was typed stays');
      const done = await fay.post(`/time-polls/${pollId}/cancel`, { reason: 'The kitchen is closing for repairs' });
      assert.equal(done.statusCode, 303);
      const told = await t.database.db
        .selectFrom('outbox')
        .selectAll()
        .where('about_id', '=', pollId)
        .where('dedupe_key', 'like', 'time-poll-cancelled:%')
        .execute();
      const asked = await t.database.db
        .selectFrom('outbox')
        .select('person_id')
        .where('about_id', '=', pollId)
        .where('dedupe_key', 'like', 'time-poll:%')
        .execute();
      assert.ok(asked.length >= 4);
      assert.deepEqual(told.map((m) => m.person_id).sort(), asked.map((m) => m.person_id).sort(), 'everyone asked is told');
      const text = told.find((m) => m.person_id === w.ids.terry)!;
      assert.equal(text.channel, 'text');
      assert.match(text.body_text, /will not go ahead/);
      assert.match(text.body_text, /The kitchen is closing for repairs/);
      assert.equal(told.find((m) => m.person_id === w.ids.dora)!.channel, 'letter');

      const page = await fay.get(`/time-polls/${pollId}`);
      assert.match(page.body, /Cancelled by Fay Facilitator/);
      assert.doesNotMatch(page.body, /Pick this time/);
      assert.doesNotMatch(page.body, /Change the poll/);
      assert.equal((await new Client(t.app).get(link)).statusCode, 410, 'links stop working');
      assert.equal((await fay.post(`/time-polls/${pollId}/cancel`, {})).statusCode, 409);
      assert.equal((await fay.get(`/time-polls/${pollId}/change`)).statusCode, 409);
      const options_ = await options(pollId);
      assert.equal((await fay.post(`/time-polls/${pollId}/pick`, { optionId: options_[0]!.id })).statusCode, 409);
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get(`/time-polls/${pollId}/answer`);
      assert.equal((await mo.post(`/time-polls/${pollId}/answer`, { time1: 'yes', time2: 'yes', time3: 'yes' })).statusCode, 303);
      assert.equal(await answersOf(pollId, w.ids.mo), '', 'no answers once cancelled');
      assert.doesNotMatch((await fay.get('/time-polls?only=chase')).body, new RegExp(pollId));
      const history = await t.database.db
        .selectFrom('audit_log')
        .select('actor_person_id')
        .where('subject_id', '=', pollId)
        .where('action', '=', 'cancelled')
        .execute();
      assert.deepEqual(history, [{ actor_person_id: w.ids.fay }]);
    });

    test('another organisation can neither change, cancel nor answer for anyone', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await addSupporter(fay, w.ids.dennis, { who: 'person', supporterPersonId: sarah, powers: ['reply'] });
      const pollId = await makePoll(fay);
      const rita = await signedInClient(t, 'admin@riverside.test');
      assert.equal((await rita.get(`/time-polls/${pollId}/change`)).statusCode, 404);
      assert.equal((await rita.post(`/time-polls/${pollId}/cancel`, {})).statusCode, 404);
      assert.equal((await rita.get(`/time-polls/${pollId}/for/${w.ids.dennis}`)).statusCode, 403);
      assert.equal((await rita.get(`/time-polls/for/${w.ids.dennis}`)).statusCode, 403);
      const poll = await t.database.db.selectFrom('time_polls').select('status').where('id', '=', pollId).executeTakeFirstOrThrow();
      assert.equal(poll.status, 'open');
    });

    test('polls waiting for staff are listed with how many have answered', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      const pollId = await makePoll(fay);
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get(`/time-polls/${pollId}/answer`);
      assert.equal((await mo.post(`/time-polls/${pollId}/answer`, { time1: 'yes', time2: 'maybe', time3: 'no' })).statusCode, 303);
      const chase = await fay.get('/time-polls?only=chase');
      assert.match(chase.body, /1 of 5/);
      t.clock.now = new Date(t.now().getTime() + 8 * 86_400_000);
      const again = await signedInClient(t, 'fay@example.com');
      const decide = await again.get('/time-polls?only=decide');
      assert.match(decide.body, new RegExp(`href="/time-polls/${pollId}"`));
      assert.match(decide.body, /1 of 5/);
    });
  });
}
