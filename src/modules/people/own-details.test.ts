import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import type { Client } from '../../../test/helpers/browser-like-client.ts';
import { organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { ownDetailSections } from './own-details-forms.ts';

/**
 * The words a person reads on a page about themself, without the markup. "they/them" as an
 * example of pronouns is a pronoun someone may use, not words about the reader.
 */
const mainText = (html: string) =>
  (/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/they\/them/g, '');
const wordsAboutSomeoneElse = /\b(they|them|their|theirs|themself|themselves)\b/i;

for (const dialect of databaseDialects()) {
  describe(`a person's own "Your details" pages (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let moId: string;
    let mo: Client;
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      org = await organisationWithAdmin(t);
      moId = (
        await personWithAccount(
          t,
          org.organisationId,
          { fullName: 'Mo Member', perspectives: ['carer'], mobile: '07700 900111' },
          { email: 'mo@example.com', role: 'member' },
        )
      ).personId;
      mo = await signedInClient(t, 'mo@example.com');
    });
    afterEach(() => t.close());

    const mosRecord = () => t.services.people.get(org.organisationId, moId);

    test('every page speaks to the person ("you"), never about them', async () => {
      const pages = ['', ...ownDetailSections.map((s) => `/${s}`)].map((s) => `/people/${moId}/details${s}`);
      for (const url of [...pages, `/people/${moId}/access-needs/edit`, `/people/${moId}/access-needs`, `/people/${moId}`]) {
        const res = await mo.get(url);
        assert.equal(res.statusCode, 200, url);
        const text = mainText(res.body);
        assert.doesNotMatch(text, wordsAboutSomeoneElse, url);
        assert.match(text, /\b(you|your)\b/i, url);
      }
      const summary = await mo.get(`/people/${moId}/details`);
      assert.match(summary.body, /<h1[^>]*>Your details<\/h1>/);
      assert.match(summary.body, /What we call you/);
      for (const section of ownDetailSections) assert.match(summary.body, new RegExp(`href="/people/${moId}/details/${section}"`));
      assert.match(summary.body, new RegExp(`href="/people/${moId}/access-needs/edit"`));
      // The old long form sends the person to their summary.
      const old = await mo.get(`/people/${moId}/edit`);
      assert.equal(old.statusCode, 303);
      assert.equal(old.headers.location, `/people/${moId}/details`);
    });

    test('errors on their own pages speak to them too', async () => {
      await mo.get(`/people/${moId}/details/about`);
      const noName = await mo.post(`/people/${moId}/details/about`, { fullName: ' ', perspectives: 'carer' });
      assert.match(noName.body, /Enter your full name/);
      await mo.get(`/people/${moId}/access-needs/edit`);
      const noConsent = await mo.post(`/people/${moId}/access-needs/edit`, { formats: 'interpreter' });
      assert.equal(noConsent.statusCode, 400);
      assert.doesNotMatch(mainText(noConsent.body), wordsAboutSomeoneElse);
      assert.match(noConsent.body, /Say whether you agree/);
    });

    test('each section saves only its own part and returns to the summary with a success banner', async () => {
      const sections: Array<[string, Record<string, string | string[]>, RegExp]> = [
        [
          'about',
          { fullName: 'Maureen Member', preferredName: 'Mo', pronouns: 'she/her', perspectives: ['carer', 'family'] },
          /Carer, Family member/,
        ],
        ['reach', { email: 'mo@example.com', mobile: '07700 900222', address: '1 High Street' }, /07700 900222/],
        ['ways', { contact1: 'text', contact2: 'letter', contact3: 'text', optedOut: 'phone' }, /1\. Text message, 2\. Letter/],
        [
          'times',
          { contactDays: ['mon', 'wed'], contactParts: 'morning', contactNotes: 'Not before 10am' },
          /Monday, Wednesday, Morning, Not before 10am/,
        ],
        ['meetings', { unsuitableDays: 'fri', unsuitableParts: 'evening' }, /Friday, Evening/],
        ['strengths', { skills: 'Baking', livedExperience: 'Caring for my dad', timeToGive: 'Two hours a week' }, /Caring for my dad/],
      ];
      for (const [section, form, shown] of sections) {
        await mo.get(`/people/${moId}/details/${section}`);
        const res = await mo.post(`/people/${moId}/details/${section}`, form);
        assert.equal(res.statusCode, 303, `${section}: ${res.body}`);
        assert.equal(res.headers.location, `/people/${moId}/details`);
        const summary = await mo.get(`/people/${moId}/details`);
        assert.match(summary.body, /Your details are saved/, section);
        assert.match(summary.body, shown, section);
      }
      const saved = await mosRecord();
      assert.equal(saved.fullName, 'Maureen Member');
      assert.deepEqual(saved.perspectives, ['carer', 'family']);
      assert.equal(saved.mobile, '07700 900222');
      assert.deepEqual(saved.contactOrder, ['text', 'letter']);
      assert.deepEqual(saved.optedOut, ['phone']);
      assert.deepEqual(saved.contactTimes, { days: ['mon', 'wed'], parts: ['morning'], notes: 'Not before 10am' });
      assert.deepEqual(saved.unsuitableTimes, { days: ['fri'], parts: ['evening'] });
      assert.equal(saved.skills, 'Baking');
      assert.equal(saved.knowledge, null);

      // Access needs from the summary come back to it too.
      await mo.get(`/people/${moId}/access-needs/edit`);
      const needs = await mo.post(`/people/${moId}/access-needs/edit`, { consent: 'yes', physical: 'quiet-space' });
      assert.equal(needs.headers.location, `/people/${moId}/details`);
      const summary = await mo.get(`/people/${moId}/details`);
      assert.match(summary.body, /Your access needs are saved/);
      assert.match(summary.body, /A quiet space/);

      // The history says which fields changed, and that Mo changed them.
      const changes = await t.database.db
        .selectFrom('audit_log')
        .select(['changes', 'actor_person_id'])
        .where('subject_id', '=', moId)
        .where('action', '=', 'changed')
        .orderBy('at')
        .execute();
      assert.equal(changes.length, sections.length);
      assert.ok(changes.every((c) => c.actor_person_id === moId));
      assert.deepEqual(
        JSON.parse(changes[1]!.changes).map((c: { field: string }) => c.field),
        ['mobile', 'address'],
      );
    });

    test('bad input shows an error summary, keeps what was typed and saves nothing', async () => {
      await mo.get(`/people/${moId}/details/reach`);
      const reach = await mo.post(`/people/${moId}/details/reach`, { email: 'not an email', mobile: 'call me', address: 'Kept address' });
      assert.equal(reach.statusCode, 400);
      assert.match(reach.body, /<title>Error: How to reach you/);
      assert.match(reach.body, /There is a problem/);
      assert.match(reach.body, /Enter an email address like name@example.com/);
      assert.match(reach.body, /Enter a phone number/);
      assert.match(reach.body, /value="not an email"/);
      assert.match(reach.body, />Kept address<\/textarea>/);

      const about = await mo.post(`/people/${moId}/details/about`, { fullName: '', preferredName: 'Kept name', perspectives: [] });
      assert.equal(about.statusCode, 400);
      assert.match(about.body, /Choose at least one that fits/);
      assert.match(about.body, /value="Kept name"/);
      const times = await mo.post(`/people/${moId}/details/times`, { contactDays: ['tue', 'someday'], contactNotes: 'x'.repeat(501) });
      assert.equal(times.statusCode, 400);
      assert.match(times.body, /name="contactDays" type="checkbox" value="tue" checked/);

      const saved = await mosRecord();
      assert.equal(saved.fullName, 'Mo Member');
      assert.equal(saved.mobile, '07700 900111');
      assert.deepEqual(saved.contactTimes.days, []);
    });

    test('a member is offered only member perspectives; a crafted staff one is refused, and a staff-set one is kept', async () => {
      const form = await mo.get(`/people/${moId}/details/about`);
      for (const offered of ['draws-on-care', 'carer', 'family', 'community']) assert.match(form.body, new RegExp(`value="${offered}"`));
      for (const staffOnly of ['practitioner', 'manager', 'commissioner', 'partner'])
        assert.doesNotMatch(form.body, new RegExp(`value="${staffOnly}"`));

      const crafted = await mo.post(`/people/${moId}/details/about`, { fullName: 'Mo Member', perspectives: ['carer', 'manager'] });
      assert.equal(crafted.statusCode, 400);
      assert.deepEqual((await mosRecord()).perspectives, ['carer']);
      // The long staff form is not a way round it either.
      const longForm = await mo.post(`/people/${moId}/edit`, { fullName: 'Mo Member', perspectives: ['commissioner'] });
      assert.equal(longForm.statusCode, 403);
      assert.deepEqual((await mosRecord()).perspectives, ['carer']);

      // Staff note that Mo is also a frontline worker: Mo sees it, cannot untick it, and it stays.
      const staff = { organisationId: org.organisationId, personId: org.adminPersonId };
      await t.services.people.update(staff, moId, { ...(await mosRecord()), perspectives: ['carer', 'practitioner'] });
      const withKept = await mo.get(`/people/${moId}/details/about`);
      assert.match(withKept.body, /Staff have also written down: Frontline worker/);
      const saved = await mo.post(`/people/${moId}/details/about`, { fullName: 'Mo Member', perspectives: 'community' });
      assert.equal(saved.statusCode, 303);
      assert.deepEqual((await mosRecord()).perspectives, ['community', 'practitioner']);
      // With a staff-set perspective kept, ticking none of the others is allowed.
      await mo.get(`/people/${moId}/details/about`);
      assert.equal((await mo.post(`/people/${moId}/details/about`, { fullName: 'Mo Member' })).statusCode, 303);
      assert.deepEqual((await mosRecord()).perspectives, ['practitioner']);
    });

    test("staff keep their long form for someone else, and are sent to it from that person's own pages", async () => {
      const admin = await signedInClient(t, 'admin@northshire.test');
      const form = await admin.get(`/people/${moId}/edit`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Name they like to be called/);
      assert.match(form.body, /value="manager"/);
      const elsewhere = await admin.get(`/people/${moId}/details/about`);
      assert.equal(elsewhere.statusCode, 303);
      assert.equal(elsewhere.headers.location, `/people/${moId}/edit`);
      // Their own details: every perspective, since staff may set any.
      const own = await admin.get(`/people/${org.adminPersonId}/details/about`);
      assert.match(own.body, /value="manager"/);
      // A member cannot open anyone else's.
      assert.equal((await mo.get(`/people/${org.adminPersonId}/details`)).statusCode, 403);
      await mo.get(`/people/${moId}/details/about`);
      assert.equal(
        (await mo.post(`/people/${org.adminPersonId}/details/about`, { fullName: 'Taken', perspectives: 'carer' })).statusCode,
        403,
      );
    });
  });
}
