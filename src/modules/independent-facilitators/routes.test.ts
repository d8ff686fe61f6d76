import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import type { Client } from '../../../test/helpers/browser-like-client.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

// Issue 22: an independent facilitator, from outside the organisation, runs the meetings of
// the projects and meetings an admin names them on: invitations, replies, the register, the
// notes and the summary. They see the access needs of a meeting they run (and that look is
// in the audit log), and nothing else: no money, no people register, no other projects.
for (const dialect of databaseDialects()) {
  describe(`independent facilitators (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let admin: Client;
    let ids: {
      ivy: string;
      eileen: string;
      mo: string;
      lunches: string;
      buses: string;
      tasting: string;
      busMeeting: string;
      busOther: string;
    };

    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      org = await organisationWithAdmin(t);
      await anotherOrganisation(t);
      const staff = { organisationId: org.organisationId, personId: org.adminPersonId, role: 'admin' as const };
      const person = async (fullName: string, account?: { email: string; role: 'member' | 'independent-facilitator' }) =>
        (await personWithAccount(t, org.organisationId, { fullName, perspectives: ['draws-on-care'] }, account)).personId;
      const ivy = await person('Ivy Independent', { email: 'ivy@example.com', role: 'independent-facilitator' });
      const eileen = await person('Eileen Murphy', { email: 'eileen@example.com', role: 'member' });
      const mo = await person('Mo Member');
      await t.services.accessNeeds.save(staff, eileen, true, {
        formats: ['braille'],
        interpreterLanguage: null,
        physical: [],
        support: [],
        dietary: null,
        other: null,
      });
      const project = (title: string) =>
        t.services.projects.create(staff, {
          title,
          purpose: 'Work together.',
          activities: ['co-design'],
          levelAim: 'intermediate',
          stage: 'designing',
          startDate: '2026-11-01',
        });
      const lunches = await project('Better day centre lunches');
      const buses = await project('Community buses');
      for (const p of [lunches, buses])
        for (const id of [eileen, mo]) await t.services.projects.addMember(staff, p, id, 'member', '2026-11-01');
      const meeting = async (projectId: string, title: string) => {
        const startsAt = new Date(t.now().getTime() + 10 * 86_400_000);
        const id = await t.services.meetings.create(staff, projectId, {
          title,
          purpose: 'Talk it through',
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
          format: 'in-person',
          venueId: null,
          joiningDetails: null,
          membersOnly: false,
          arrangements: [],
          interpreterLanguages: [],
        });
        await t.services.meetings.setInvitees(staff, id, [eileen, mo]);
        return id;
      };
      ids = {
        ivy,
        eileen,
        mo,
        lunches,
        buses,
        tasting: await meeting(lunches, 'Menu tasting'),
        busMeeting: await meeting(buses, 'Bus routes'),
        busOther: await meeting(buses, 'Bus timetables'),
      };
      admin = await signedInClient(t, org.email);
    });
    afterEach(() => t.close());

    const nameOn = async (path: string) => {
      const form = await admin.get(path);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Ivy Independent/);
      const res = await admin.post(path, { personId: ids.ivy });
      assert.equal(res.statusCode, 303);
    };

    test('an admin names them on a project and on one meeting; they see just those and run those meetings', async () => {
      await nameOn(`/projects/${ids.lunches}/independent-facilitator`);
      await nameOn(`/meetings/${ids.busMeeting}/independent-facilitator`);
      const list = await admin.get('/independent-facilitators');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /Ivy Independent/);
      assert.match(list.body, /2 projects or meetings/);

      const ivy = await signedInClient(t, 'ivy@example.com');
      const home = await ivy.get('/');
      assert.equal(home.statusCode, 303);
      assert.equal(home.headers.location, '/facilitating');
      const places = await ivy.get('/facilitating');
      assert.equal(places.statusCode, 200);
      assert.match(places.body, /Better day centre lunches/);
      assert.match(places.body, /Bus routes/);
      assert.doesNotMatch(places.body, /Bus timetables/);
      const project = await ivy.get(`/facilitating/projects/${ids.lunches}`);
      assert.equal(project.statusCode, 200);
      assert.match(project.body, /Menu tasting/);
      assert.equal((await ivy.get(`/facilitating/projects/${ids.buses}`)).statusCode, 404, 'named on one meeting, not its project');

      // The meeting page shows the access check and invitations, without money or planning links.
      const page = await ivy.get(`/meetings/${ids.tasting}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Eileen Murphy/);
      assert.match(page.body, /braille/i);
      assert.doesNotMatch(page.body, /\/claims\/meetings\//);
      assert.doesNotMatch(page.body, /\/edit"/);
      assert.doesNotMatch(page.body, /\/cancel"/);
      assert.doesNotMatch(page.body, /\/gaps\/accept/);
      const reads = await t.database.db
        .selectFrom('audit_log')
        .select(['subject_type', 'subject_id', 'action'])
        .where('organisation_id', '=', org.organisationId)
        .where('actor_person_id', '=', ids.ivy)
        .where('action', 'in', ['viewed-in-access-check', 'access-check-viewed'])
        .execute();
      assert.ok(
        reads.some((r) => r.subject_id === ids.eileen && r.action === 'viewed-in-access-check'),
        'her look at Eileen’s needs is logged',
      );

      // They run it: invitations, a reply taken by phone, the register, notes and the summary.
      assert.equal((await ivy.get(`/meetings/${ids.tasting}/invitees`)).statusCode, 200);
      assert.equal((await ivy.post(`/meetings/${ids.tasting}/invitations`, {})).statusCode, 303);
      await ivy.get(`/meetings/${ids.tasting}/replies/${ids.mo}`);
      assert.equal((await ivy.post(`/meetings/${ids.tasting}/replies/${ids.mo}`, { reply: 'yes', note: 'By phone' })).statusCode, 303);
      await ivy.get(`/meetings/${ids.tasting}/attendance`);
      assert.equal(
        (await ivy.post(`/meetings/${ids.tasting}/attendance`, { [`status-${ids.mo}`]: 'present', [`status-${ids.eileen}`]: 'apologies' }))
          .statusCode,
        303,
      );
      await ivy.get(`/meetings/${ids.tasting}/notes`);
      assert.equal(
        (await ivy.post(`/meetings/${ids.tasting}/notes`, { discussed: 'We tasted three soups.', summary: '' })).statusCode,
        303,
      );
      assert.equal((await ivy.post(`/meetings/${ids.tasting}/summary`, {})).statusCode, 303);
      const notes = await t.services.meetingRecords.notes(org.organisationId, ids.tasting);
      assert.ok(notes.publishedAt, 'the summary went out');
      assert.equal((await ivy.get(`/meetings/${ids.busMeeting}`)).statusCode, 200);
    });

    test('they get nothing else: other meetings are not found; money, people and sensitive pages are refused', async () => {
      await nameOn(`/meetings/${ids.busMeeting}/independent-facilitator`);
      const ivy = await signedInClient(t, 'ivy@example.com');
      assert.equal((await ivy.get(`/meetings/${ids.tasting}`)).statusCode, 404);
      assert.equal((await ivy.get(`/meetings/${ids.busOther}/attendance`)).statusCode, 404);
      for (const url of [
        `/meetings/${ids.busMeeting}/edit`,
        `/meetings/${ids.busMeeting}/gaps/accept?personId=${ids.eileen}&need=braille`,
        `/claims/meetings/${ids.busMeeting}`,
        `/projects/${ids.buses}`,
        '/projects',
        '/meetings',
        '/people',
        `/people/${ids.eileen}`,
        '/claims',
        '/rewards',
        '/timebank',
        '/to-do',
        '/equality/who-is-missing',
        '/safeguarding',
        '/data-requests',
        '/admin/messages',
        '/independent-facilitators',
        `/projects/${ids.buses}/independent-facilitator`,
      ]) {
        const res = await ivy.get(url);
        assert.ok(res.statusCode === 403 || res.statusCode === 404, `${url}: ${res.statusCode}`);
      }
      await ivy.get('/account');
      for (const url of [
        `/meetings/${ids.busMeeting}/cancel`,
        `/meetings/${ids.busMeeting}/edit`,
        '/rewards/policy',
        `/meetings/${ids.busMeeting}/papers`,
      ]) {
        const res = await ivy.post(url, {});
        assert.ok(res.statusCode === 403 || res.statusCode === 404, `POST ${url}: ${res.statusCode}`);
      }
      assert.equal((await ivy.get('/account')).statusCode, 200, 'their own account is theirs');
    });

    const linksIn = (html: string) =>
      [...html.matchAll(/<a\s[^>]*href="(\/[^"#]*)/g)]
        .map((m) => m[1]!.replace(/&amp;/g, '&'))
        .filter((href) => !href.startsWith('/sign-out'));

    test('they open their own record as any member does, keep it up to date, and every link on it works; nobody else’s', async () => {
      await nameOn(`/projects/${ids.lunches}/independent-facilitator`);
      const ivy = await signedInClient(t, 'ivy@example.com');
      const account = await ivy.get('/account');
      assert.match(account.body, new RegExp(`href="/people/${ids.ivy}"`));
      const own = await ivy.get(`/people/${ids.ivy}`);
      assert.equal(own.statusCode, 200);
      assert.match(own.body, /Ivy Independent/);
      // From outside the organisation: no money, buddies or project pages to follow.
      assert.doesNotMatch(own.body, /\/reward"/);
      assert.doesNotMatch(own.body, /href="\/buddies/);
      assert.doesNotMatch(own.body, /href="\/projects\//);
      assert.match(own.body, new RegExp(`href="/easy-read/people/${ids.ivy}"`));
      const broken: string[] = [];
      for (const page of [`/people/${ids.ivy}`, `/people/${ids.ivy}/details`, `/people/${ids.ivy}/access-needs`]) {
        for (const href of linksIn((await ivy.get(page)).body)) {
          const res = await ivy.get(href);
          if (res.statusCode >= 400) broken.push(`${href} (${res.statusCode}) on ${page}`);
        }
      }
      assert.deepEqual(broken, []);

      await ivy.get(`/people/${ids.ivy}/details/strengths`);
      assert.equal((await ivy.post(`/people/${ids.ivy}/details/strengths`, { skills: 'Chairing meetings fairly' })).statusCode, 303);
      assert.equal((await t.services.people.get(org.organisationId, ids.ivy)).skills, 'Chairing meetings fairly');
      await ivy.get(`/people/${ids.ivy}/details/about`);
      const staffPerspective = await ivy.post(`/people/${ids.ivy}/details/about`, {
        fullName: 'Ivy Independent',
        perspectives: ['community', 'manager'],
      });
      assert.equal(staffPerspective.statusCode, 400, 'a staff perspective is not theirs to tick');
      const about = await ivy.post(`/people/${ids.ivy}/details/about`, { fullName: 'Ivy Independent', perspectives: ['community'] });
      assert.equal(about.statusCode, 303);
      assert.deepEqual((await t.services.people.get(org.organisationId, ids.ivy)).perspectives, ['community']);
      await ivy.get(`/people/${ids.ivy}/access-needs/edit`);
      const needs = await ivy.post(`/people/${ids.ivy}/access-needs/edit`, { consent: 'yes', formats: ['large-print'] });
      assert.equal(needs.statusCode, 303);
      assert.match((await ivy.get(`/people/${ids.ivy}/access-needs`)).body, /Large print/i);
      await ivy.get(`/easy-read/people/${ids.ivy}`);
      assert.equal((await ivy.post(`/easy-read/people/${ids.ivy}`, { easyRead: 'yes' })).statusCode, 303);
      assert.equal(await t.services.easyRead.isReader(org.organisationId, ids.ivy), true);
      const empty = await ivy.post(`/people/${ids.ivy}/details/about`, { fullName: '' });
      assert.equal(empty.statusCode, 400, 'a mistake keeps the form, with an error');

      for (const url of [
        `/people/${ids.eileen}`,
        `/people/${ids.eileen}/details`,
        `/people/${ids.eileen}/access-needs`,
        `/people/${ids.eileen}/access-review`,
        `/easy-read/people/${ids.eileen}`,
        `/people/${ids.ivy}/edit`,
        `/people/${ids.ivy}/history`,
        `/people/${ids.ivy}/reward`,
        `/people/${ids.ivy}/supporters`,
      ]) {
        const res = await ivy.get(url);
        assert.ok(res.statusCode === 403 || res.statusCode === 404, `${url}: ${res.statusCode}`);
      }
      await ivy.get('/account');
      for (const url of [
        `/people/${ids.eileen}/details/strengths`,
        `/easy-read/people/${ids.eileen}`,
        `/people/${ids.eileen}/access-needs/edit`,
      ]) {
        const res = await ivy.post(url, { skills: 'x', easyRead: 'yes', consent: 'no' });
        assert.ok(res.statusCode === 403 || res.statusCode === 404, `POST ${url}: ${res.statusCode}`);
      }
    });

    test('every link on a meeting they run opens for them: the easy read summary they write; linked meetings only when theirs', async () => {
      await nameOn(`/meetings/${ids.busMeeting}/independent-facilitator`);
      const staff = { organisationId: org.organisationId, personId: org.adminPersonId, role: 'admin' as const };
      const startsAt = new Date(t.now().getTime() + 9 * 86_400_000);
      const before = await t.services.meetings.create(staff, ids.buses, {
        title: 'Getting ready for bus routes',
        purpose: 'Members get ready together',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
        format: 'in-person',
        venueId: null,
        joiningDetails: null,
        membersOnly: true,
        arrangements: [],
        interpreterLanguages: [],
        preMeetingOf: ids.busMeeting,
      });
      assert.match(
        (await admin.get(`/meetings/${ids.busMeeting}`)).body,
        new RegExp(`href="/meetings/${before}"`),
        'staff see the pre-meeting',
      );

      const ivy = await signedInClient(t, 'ivy@example.com');
      const page = await ivy.get(`/meetings/${ids.busMeeting}`);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, new RegExp(`/meetings/${before}`), 'a linked meeting they do not run is not linked');
      await ivy.post(`/meetings/${ids.busMeeting}/notes`, { discussed: 'We looked at the number 12 route.', summary: '' });
      await ivy.post(`/meetings/${ids.busMeeting}/decisions`, { text: 'Ask for a stop by the surgery.' });
      const notes = await ivy.get(`/meetings/${ids.busMeeting}/notes`);
      assert.match(notes.body, new RegExp(`href="/easy-read/meetings/${ids.busMeeting}"`));
      const broken: string[] = [];
      for (const from of [`/meetings/${ids.busMeeting}`, `/meetings/${ids.busMeeting}/notes`]) {
        for (const href of linksIn((await ivy.get(from)).body)) {
          const res = await ivy.get(href);
          if (res.statusCode >= 400) broken.push(`${href} (${res.statusCode}) on ${from}`);
        }
      }
      assert.deepEqual(broken, []);

      const writing = await ivy.get(`/easy-read/meetings/${ids.busMeeting}`);
      assert.equal(writing.statusCode, 200);
      const [decision] = (await t.services.meetingRecords.notes(org.organisationId, ids.busMeeting)).decisions;
      assert.ok(decision, 'the decision is kept');
      const saved = await ivy.post(`/easy-read/meetings/${ids.busMeeting}`, {
        summary: 'We talked about the **bus**.',
        [`decision-${decision.id}`]: 'We will ask for a new bus stop.',
      });
      assert.equal(saved.statusCode, 303);
      const versions = await t.services.easyRead.versionsOfMeeting(org.organisationId, ids.busMeeting);
      assert.equal(versions.summary, 'We talked about the **bus**.');
      // Another meeting's easy read page is not theirs.
      assert.equal((await ivy.get(`/easy-read/meetings/${ids.busOther}`)).statusCode, 404);
      await ivy.get('/account');
      assert.equal((await ivy.post(`/easy-read/meetings/${ids.busOther}`, { summary: 'Not mine' })).statusCode, 404);

      // Named on the whole project, the pre-meeting is theirs too, and linked.
      await nameOn(`/projects/${ids.buses}/independent-facilitator`);
      const again = await ivy.get(`/meetings/${ids.busMeeting}`);
      assert.match(again.body, new RegExp(`href="/meetings/${before}"`));
      assert.equal((await ivy.get(`/meetings/${before}`)).statusCode, 200);
    });

    test('a naming ends; a missing choice keeps the form with an error; another organisation and members are refused', async () => {
      await admin.get(`/projects/${ids.lunches}/independent-facilitator`);
      const empty = await admin.post(`/projects/${ids.lunches}/independent-facilitator`, {});
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /Choose who should run it/);
      await nameOn(`/projects/${ids.lunches}/independent-facilitator`);
      const again = await admin.post(`/projects/${ids.lunches}/independent-facilitator`, { personId: ids.ivy });
      assert.equal(again.statusCode, 303, 'naming twice is harmless');
      const naming = await t.database.db
        .selectFrom('independent_facilitator_namings')
        .select('id')
        .where('organisation_id', '=', org.organisationId)
        .where('removed_at', 'is', null)
        .execute();
      assert.equal(naming.length, 1);
      // Only someone with the role may be named.
      const notOne = await admin.post(`/projects/${ids.lunches}/independent-facilitator`, { personId: ids.eileen });
      assert.equal(notOne.statusCode, 404);

      const ivy = await signedInClient(t, 'ivy@example.com');
      assert.equal((await ivy.get(`/meetings/${ids.tasting}`)).statusCode, 200);
      await admin.get(`/projects/${ids.lunches}/independent-facilitator`);
      assert.equal((await admin.post(`/independent-facilitators/namings/${naming[0]!.id}/remove`, {})).statusCode, 303);
      assert.equal((await ivy.get(`/meetings/${ids.tasting}`)).statusCode, 404, 'once removed, the meeting is closed to them');
      assert.equal(await t.services.independentFacilitators.projectHadOne(org.organisationId, ids.lunches), true, 'the review still knows');
      assert.equal(await t.services.independentFacilitators.projectHadOne(org.organisationId, ids.buses), false);

      const other = await signedInClient(t, 'admin@riverside.test');
      assert.equal((await other.get(`/projects/${ids.lunches}/independent-facilitator`)).statusCode, 404);
      assert.equal((await other.get(`/meetings/${ids.tasting}/independent-facilitator`)).statusCode, 404);
      const member = await signedInClient(t, 'eileen@example.com');
      assert.equal((await member.get('/independent-facilitators')).statusCode, 403);
      assert.equal((await member.get('/facilitating')).statusCode, 403);
    });

    test('the review of a project that had one asks whether it helped; other reviews do not', async () => {
      await nameOn(`/projects/${ids.lunches}/independent-facilitator`);
      const staff = { organisationId: org.organisationId, personId: org.adminPersonId };
      const review = async (projectId: string) => {
        const made = await t.services.reviews.create(staff, {
          title: 'How are we doing?',
          projectId,
          opensOn: '2026-11-01',
          closesOn: '2026-12-31',
          schedule: 'none',
          gapThresholdTenths: 10,
        });
        assert.ok(made.ok);
        return made.id;
      };
      const withOne = await review(ids.lunches);
      const without = await review(ids.buses);
      const eileen = await signedInClient(t, 'eileen@example.com');
      const asked = await eileen.get(`/reviews/${withOne}/answer/practice`);
      assert.equal(asked.statusCode, 200);
      assert.match(asked.body, /Having an independent facilitator run our meetings helped us work together as equals\./);
      const notAsked = await eileen.get(`/reviews/${without}/answer/practice`);
      assert.equal(notAsked.statusCode, 200);
      assert.doesNotMatch(notAsked.body, /independent facilitator/i);
      const saved = await eileen.post(`/reviews/${withOne}/answer/practice`, {
        'rating-independent-facilitator': '5',
        'comment-independent-facilitator': 'She kept it fair.',
      });
      assert.equal(saved.statusCode, 303);
      const answer = await t.database.db
        .selectFrom('review_answers')
        .select(['rating', 'comment'])
        .where('cycle_id', '=', withOne)
        .where('statement', '=', 'independent-facilitator')
        .executeTakeFirstOrThrow();
      assert.deepEqual({ rating: Number(answer.rating), comment: answer.comment }, { rating: 5, comment: 'She kept it fair.' });
      // A form posted to the other review cannot slip the statement in.
      await eileen.get(`/reviews/${without}/answer/practice`);
      await eileen.post(`/reviews/${without}/answer/practice`, { 'rating-independent-facilitator': '5' });
      const stray = await t.database.db
        .selectFrom('review_answers')
        .select('statement')
        .where('cycle_id', '=', without)
        .where('statement', '=', 'independent-facilitator')
        .execute();
      assert.equal(stray.length, 0);
      const results = await admin.get(`/reviews/${withOne}/results`);
      assert.equal(results.statusCode, 200);
      assert.match(results.body, /An independent facilitator/);
    });

    test('an admin gives someone the role on their sign-in access page', async () => {
      await admin.get(`/people/${ids.mo}/sign-in-access`);
      const res = await admin.post(`/people/${ids.mo}/sign-in-access`, { email: 'mo@example.com', role: 'independent-facilitator' });
      assert.equal(res.statusCode, 303);
      const account = await t.database.db.selectFrom('accounts').select('role').where('person_id', '=', ids.mo).executeTakeFirstOrThrow();
      assert.equal(account.role, 'independent-facilitator');
    });
  });
}
