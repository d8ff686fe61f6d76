import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { insertMeeting } from '../../../test/helpers/meetings.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';

// P1, P2: member pages in easy read for those who read so (their choice, or staff set it when
// they ask), a switch on those pages, and easy read summaries that easy read readers are sent.
const easyRead = /class="app-easy-read"/;
const imagesWithoutAlt = (html: string) => [...html.matchAll(/<img\b[^>]*>/g)].filter((m) => !/\salt="[^"]+"/.test(m[0]));

for (const dialect of databaseDialects()) {
  describe(`easy read (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let mo: string;
    let dee: string;
    let projectId: string;
    let meetingId: string;

    beforeEach(async () => {
      t = await makeTestApp({ dialect, startAt: new Date('2026-12-09T10:00:00Z') });
      org = await organisationWithAdmin(t);
      const staff = { organisationId: org.organisationId, personId: org.adminPersonId };
      const member = async (fullName: string, email: string) =>
        (
          await personWithAccount(
            t,
            org.organisationId,
            { fullName, perspectives: ['draws-on-care'], contactOrder: ['email'] },
            { email, role: 'member' },
          )
        ).personId;
      mo = await member('Mo Member', 'mo@example.com');
      dee = await member('Dee Daughter', 'dee@example.com');
      projectId = await t.services.projects.create(staff, {
        title: 'Better day centre lunches',
        purpose: 'Choose food together.',
        activities: ['co-design'],
        levelAim: 'transformative',
        stage: 'deciding',
        startDate: '2026-01-05',
      });
      await t.services.projects.addMember(staff, projectId, mo, 'member', '2026-01-05');
      await t.services.projects.addMember(staff, projectId, dee, 'member', '2026-01-05');
      meetingId = await insertMeeting(t.database.db, {
        organisationId: org.organisationId,
        projectId,
        title: 'Menu tasting',
        purpose: 'Taste soups and choose.',
        startsAt: '2026-12-08T10:00:00.000Z',
        endsAt: '2026-12-08T11:30:00.000Z',
        invitationsSentAt: '2026-12-01T09:00:00.000Z',
      });
    });
    afterEach(() => t.close());

    test('a member makes easy read their default; the switch turns it off and on for this visit', async () => {
      const client = await signedInClient(t, 'mo@example.com');
      const usual = await client.get('/');
      assert.doesNotMatch(usual.body, easyRead);
      assert.match(usual.body, /Easy read: turn on/, 'the switch is on the page');
      assert.match(usual.body, new RegExp(`href="/easy-read/people/${mo}"`));

      const page = await client.get(`/easy-read/people/${mo}`);
      assert.equal(page.statusCode, 200);
      const none = await client.post(`/easy-read/people/${mo}`, {});
      assert.equal(none.statusCode, 400);
      assert.match(none.body, /Choose yes or no/);
      assert.equal((await client.post(`/easy-read/people/${mo}`, { easyRead: 'yes' })).statusCode, 303);

      const home = await client.get('/');
      assert.match(home.body, easyRead);
      assert.match(home.body, /Easy read: turn off/);
      assert.match(home.body, /<img class="app-easy-read__picture" src="\/static\/easy-read\/home.svg" alt="Picture of a house"/);
      assert.match(home.body, /<strong>OpenMoji<\/strong>/, 'the pictures’ licence is named beside them');
      assert.deepEqual(imagesWithoutAlt(home.body), []);

      // The switch: for this visit only, and only to a page of this site.
      const off = await client.post('/easy-read/switch', { show: 'standard', returnTo: '/meetings' });
      assert.equal(off.statusCode, 303);
      assert.equal(off.headers.location, '/meetings');
      assert.doesNotMatch((await client.get('/')).body, easyRead);
      const away = await client.post('/easy-read/switch', { show: 'easy-read', returnTo: '//elsewhere.example/' });
      assert.equal(away.headers.location, '/');
      assert.match((await client.get('/')).body, easyRead);
      // Signing in again starts from their default.
      const again = await signedInClient(t, 'mo@example.com');
      assert.match((await again.get('/')).body, easyRead);

      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'subject_id'])
        .where('action', 'like', 'easy-read%')
        .execute();
      assert.deepEqual(audit, [{ action: 'easy-read-on', subject_id: mo }]);
    });

    test('every member page has its easy read version, with pictures and text alternatives; errors keep what was typed', async () => {
      await t.services.easyRead.set({ organisationId: org.organisationId, personId: org.adminPersonId, role: 'admin' }, mo, true);
      const client = await signedInClient(t, 'mo@example.com');
      for (const [path, words] of [
        ['/', /Your next meetings/],
        ['/meetings', /These are the <strong>meetings<\/strong> you are asked to/],
        [`/meetings/${meetingId}`, /It is about: Taste soups and choose/],
        ['/my-claims', /You have <strong>no claims<\/strong> yet/],
        ['/timebank', /One hour of your time is worth/],
        ['/safeguarding/concern', /If someone is in danger now, <strong>call 999<\/strong>/],
      ] as const) {
        const res = await client.get(path);
        assert.equal(res.statusCode, 200, path);
        assert.match(res.body, easyRead, path);
        assert.match(res.body, words, path);
        assert.deepEqual(imagesWithoutAlt(res.body), [], path);
      }
      const bad = await client.post('/safeguarding/concern', { dangerNow: 'no', whatHappened: '', aboutName: 'My neighbour' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, easyRead);
      assert.match(bad.body, /value="My neighbour"/);
      assert.match(bad.body, /govuk-error-summary/);

      // Staff pages are never swapped, and staff do not get the switch.
      const admin = await signedInClient(t, org.email);
      const adminHome = await admin.get('/');
      assert.doesNotMatch(adminHome.body, easyRead);
      assert.doesNotMatch(adminHome.body, /Easy read: turn/);
    });

    test('a member answers a review and an outcomes survey in easy read', async () => {
      const adminUser = (await t.services.identity.loadUser(org.adminAccountId))!;
      const made = await t.services.reviews.create(
        { organisationId: org.organisationId, personId: org.adminPersonId },
        { title: 'Winter review', projectId, opensOn: '2026-12-01', closesOn: '2026-12-20', schedule: 'none', gapThresholdTenths: 10 },
      );
      assert.ok(made.ok);
      const outcomeId = await t.services.outcomes.addOutcome(adminUser, projectId, {
        title: 'I feel listened to',
        measure: 'scale',
        question: 'How much do you feel listened to?',
        unit: null,
        agreedHow: null,
      });
      const round = await t.services.outcomes.surveys.addRound(adminUser, projectId, {
        phase: 'before',
        opensOn: '2026-12-01',
        closesOn: '2026-12-20',
      });
      assert.ok(round.ok);
      await t.services.outcomes.surveys.send(adminUser, round.id);
      await t.services.easyRead.set({ organisationId: org.organisationId, personId: mo, role: 'member' }, mo, true);

      const client = await signedInClient(t, 'mo@example.com');
      const home = await client.get('/');
      assert.match(home.body, /<strong>Answer<\/strong> the review: Winter review/);
      const list = await client.get(`/reviews/${made.id}/answer`);
      assert.equal(list.statusCode, 200);
      assert.match(list.body, easyRead);
      assert.match(list.body, /Tell us how well we <strong>work together<\/strong>/);
      const part = new RegExp(`href="(/reviews/${made.id}/answer/[a-z-]+)"`).exec(list.body)?.[1];
      assert.ok(part);
      const section = await client.get(part);
      assert.equal(section.statusCode, 200);
      assert.match(section.body, easyRead);
      assert.match(section.body, /Say how <strong>true<\/strong> each sentence is for you/);
      const tooLong = await client.post(part, { 'comment-C1': 'x'.repeat(5000) });
      assert.match(tooLong.body, easyRead, 'an error shows the easy read page again');

      const survey = await client.get(`/outcomes/surveys/${round.id}`);
      assert.equal(survey.statusCode, 200);
      assert.match(survey.body, easyRead);
      assert.match(survey.body, /How much do you feel listened to\?/);
      assert.match(survey.body, new RegExp(`name="score-${outcomeId}"`));
      assert.deepEqual(imagesWithoutAlt(survey.body), []);
    });

    test('by a personal link, without signing in, an easy read reader gets the easy read reply page', async () => {
      const staff = { organisationId: org.organisationId, personId: org.adminPersonId };
      const coming = await t.services.meetings.create(staff, projectId, {
        title: 'Pudding tasting',
        purpose: 'Taste puddings.',
        startsAt: '2026-12-16T10:00:00.000Z',
        endsAt: '2026-12-16T11:00:00.000Z',
        format: 'online',
        venueId: null,
        joiningDetails: 'We send the link the day before.',
        membersOnly: false,
        arrangements: [],
        interpreterLanguages: [],
      });
      await t.services.invitations.sendInvitations(staff, coming);
      await t.services.easyRead.set({ ...staff, role: 'admin' }, mo, true);
      const meeting = await t.services.meetings.load(org.organisationId, coming);
      const linkOf = (personId: string) => new URL(t.services.invitations.replyLink(meeting, personId)).pathname;

      const anyone = new Client(t.app);
      const moPage = await anyone.get(linkOf(mo));
      assert.equal(moPage.statusCode, 200);
      assert.match(moPage.body, easyRead);
      assert.match(moPage.body, /The meeting is called <strong>Pudding tasting<\/strong>/);
      assert.deepEqual(imagesWithoutAlt(moPage.body), []);
      const unanswered = await anyone.post(linkOf(mo), { reply: '' }, { csrf: null });
      assert.equal(unanswered.statusCode, 400);
      assert.match(unanswered.body, easyRead);
      assert.equal((await anyone.post(linkOf(mo), { reply: 'yes' }, { csrf: null })).statusCode, 303);
      assert.match((await anyone.get(linkOf(mo))).body, /You said <strong>yes<\/strong>, you can come/);
      assert.doesNotMatch((await anyone.get(linkOf(dee))).body, easyRead, 'Dee reads the usual page');
    });

    test('staff set easy read for someone who asks; members cannot set it for others; other organisations cannot reach it', async () => {
      const admin = await signedInClient(t, org.email);
      const person = await admin.get(`/people/${dee}`);
      assert.match(person.body, new RegExp(`href="/easy-read/people/${dee}"`));
      await admin.get(`/easy-read/people/${dee}`);
      assert.equal((await admin.post(`/easy-read/people/${dee}`, { easyRead: 'yes' })).statusCode, 303);
      const deeClient = await signedInClient(t, 'dee@example.com');
      assert.match((await deeClient.get('/')).body, easyRead);
      assert.doesNotMatch((await admin.get('/')).body, easyRead, 'setting it for someone leaves the staff member’s own pages alone');
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['actor_person_id', 'on_behalf_of_person_id'])
        .where('action', '=', 'easy-read-on')
        .executeTakeFirstOrThrow();
      assert.deepEqual(audit, { actor_person_id: org.adminPersonId, on_behalf_of_person_id: dee });

      const moClient = await signedInClient(t, 'mo@example.com');
      assert.equal((await moClient.get(`/easy-read/people/${dee}`)).statusCode, 403);
      await moClient.get(`/easy-read/people/${mo}`);
      assert.equal((await moClient.post(`/easy-read/people/${dee}`, { easyRead: 'no' })).statusCode, 403);
      assert.equal((await moClient.get(`/easy-read/meetings/${meetingId}`)).statusCode, 403, 'writing summaries is for staff');

      const other = await anotherOrganisation(t);
      const them = await signedInClient(t, other.email);
      assert.equal((await them.get(`/easy-read/people/${dee}`)).statusCode, 404);
      await them.get('/');
      assert.equal((await them.post(`/easy-read/people/${dee}`, { easyRead: 'no' })).statusCode, 404);
      assert.equal((await them.get(`/easy-read/meetings/${meetingId}`)).statusCode, 404);
      assert.equal((await t.database.db.selectFrom('easy_read_readers').selectAll().execute()).length, 1);
    });

    test('staff write the easy read summary and decisions; easy read readers are sent them, others the usual', async () => {
      await t.services.easyRead.set({ organisationId: org.organisationId, personId: mo, role: 'member' }, mo, true);
      const admin = await signedInClient(t, org.email);
      await admin.get(`/meetings/${meetingId}/notes`);
      await admin.post(`/meetings/${meetingId}/notes`, {
        discussed: 'We tasted three soups.',
        summary: 'The group chose soups for the winter menu.',
      });
      await admin.get(`/meetings/${meetingId}/notes`);
      await admin.post(`/meetings/${meetingId}/decisions`, { text: 'Leek and potato soup will be served on Mondays from January' });
      const notes = await admin.get(`/meetings/${meetingId}/notes`);
      assert.match(notes.body, new RegExp(`href="/easy-read/meetings/${meetingId}"`));
      const [decision] = (await t.services.meetingRecords.notes(org.organisationId, meetingId)).decisions;

      const form = await admin.get(`/easy-read/meetings/${meetingId}`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Easy read version of: Leek and potato soup/);
      const tooLong = await admin.post(`/easy-read/meetings/${meetingId}`, {
        summary: 'x'.repeat(4001),
        [`decision-${decision!.id}`]: 'Soup on Mondays.',
      });
      assert.equal(tooLong.statusCode, 400);
      assert.match(tooLong.body, /Soup on Mondays\./, 'what was typed is kept');
      const long = 'We tasted three soups and talked for a long time about which of them the people would like best.';
      assert.equal(
        (
          await admin.post(`/easy-read/meetings/${meetingId}`, {
            summary: `We **tasted** soups. ${long}`,
            [`decision-${decision!.id}`]: 'Soup on **Mondays**.',
          })
        ).statusCode,
        303,
      );
      const saved = await admin.get(`/easy-read/meetings/${meetingId}`);
      assert.match(saved.body, /1 sentence is longer than 15 words/, 'advice, never a block');

      await admin.get(`/meetings/${meetingId}/notes`);
      assert.equal((await admin.post(`/meetings/${meetingId}/summary`)).statusCode, 303);
      const sent = await t.database.db.selectFrom('outbox').select(['person_id', 'body_text']).where('kind', '=', 'summary').execute();
      const toMo = sent.find((s) => s.person_id === mo)!;
      const toDee = sent.find((s) => s.person_id === dee)!;
      assert.match(toMo.body_text, /We tasted soups/, 'bold marks are for pages, not letters or texts');
      assert.match(toMo.body_text, /Soup on Mondays/);
      assert.doesNotMatch(toMo.body_text, /winter menu/);
      assert.match(toDee.body_text, /The group chose soups for the winter menu/);
      assert.match(toDee.body_text, /Leek and potato soup/);

      const moClient = await signedInClient(t, 'mo@example.com');
      const page = await moClient.get(`/meetings/${meetingId}`);
      assert.match(page.body, easyRead);
      assert.match(page.body, /We <strong>decided<\/strong>: Soup on <strong>Mondays<\/strong>/);
    });
  });
}
