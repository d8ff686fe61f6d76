import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { setUpReviewsWorld, type ReviewsWorld } from '../../../test/worlds/reviews.ts';

// A member's home page asks for the reviews and surveys still to answer, and lists the open
// ones they have answered, with a link to change the answer while it is open. The list is
// a page of them, and the count of all of them comes from the database.
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

for (const dialect of databaseDialects()) {
  describe(`home page: reviews and surveys already answered (${dialect})`, () => {
    let t: TestApp;
    let w: ReviewsWorld;
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      w = await setUpReviewsWorld(t); // 1 December 2026
    });
    afterEach(() => t.close());

    const review = async (title: string, opensOn: string, closesOn: string, projectId: string | null = null) => {
      const made = await t.services.reviews.create(w.admin, {
        title,
        projectId,
        opensOn,
        closesOn,
        schedule: 'none',
        gapThresholdTenths: 10,
      });
      assert.ok(made.ok);
      return made.id;
    };

    test('answered open reviews and surveys are listed with a link to change them; closed and unanswered ones are not', async () => {
      const answered: string[] = [];
      for (let i = 1; i <= 6; i++) {
        const id = await review(`Spring check ${i}`, '2026-11-25', `2026-12-1${i}`);
        await w.answerAll(id, w.ids.mo, 4);
        answered.push(id);
      }
      const toAnswer = await review('Lunch project review', '2026-11-25', '2026-12-20', w.projectId);
      const closed = await review('Autumn check', '2026-11-01', '2026-11-20');
      // Answered before it closed: a closed review cannot be changed, so it is not listed.
      t.clock.now = new Date('2026-11-10T10:00:00Z');
      await w.answerAll(closed, w.ids.mo, 3);
      // Lily's answer is hers: it does not count for Mo.
      t.clock.now = new Date('2026-12-01T10:00:00Z');
      const lilys = await review('Carers check', '2026-11-25', '2026-12-20');
      await w.answerAll(lilys, w.ids.lily, 2);

      const outcomeId = await t.services.outcomes.addOutcome(w.admin, w.projectId, {
        title: 'I enjoy my lunch',
        measure: 'scale',
        question: 'How much do you enjoy your lunch?',
        unit: null,
        agreedHow: null,
      });
      const round = await t.services.outcomes.surveys.addRound(w.admin, w.projectId, {
        phase: 'after',
        opensOn: '2026-11-28',
        closesOn: '2026-12-05',
      });
      assert.ok(round.ok);
      assert.ok((await t.services.outcomes.surveys.record(w.admin, round.id, w.ids.mo, { [outcomeId]: 4 })).ok);

      const mo = await signedInClient(t, 'mo@example.com');
      const home = await mo.get('/');
      assert.equal(home.statusCode, 200);
      const words = text(home.body);
      // Soonest to close first, five reviews and the survey: six of the seven.
      for (let i = 1; i <= 5; i++) assert.match(words, new RegExp(`You have answered: Spring check ${i}\\. Change your answer`));
      assert.doesNotMatch(words, /Spring check 6/, 'past the first five, and not asked for again either');
      assert.match(words, /You have answered: Better day centre lunches survey\. Change your answer/);
      assert.match(words, /You have answered 7 things\. Here are 6 of them\./);
      assert.ok(home.body.includes(`href="/reviews/${answered[0]}/answer"`));
      assert.ok(home.body.includes(`href="/outcomes/surveys/${round.id}"`));
      assert.doesNotMatch(words, /Have your say: Spring check 1\b/, 'an answered review is not asked for again');
      assert.match(words, /Have your say: Lunch project review/);
      assert.doesNotMatch(words, /You have answered: (Lunch project review|Autumn check|Carers check)/);
      assert.ok(home.body.includes(`href="/reviews/${toAnswer}/answer"`));

      // Lily answered only her own: one listed, no count line.
      const lily = text((await (await signedInClient(t, 'lily@example.com')).get('/')).body);
      assert.match(lily, /You have answered: Carers check/);
      assert.doesNotMatch(lily, /Spring check \d\. Change|Here are/);
    });
  });
}
