import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { insertMeeting } from '../../../test/helpers/meetings.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { newId } from '../../platform/ids.ts';
import { firstStatus } from '../../platform/outbox.ts';

// S4: a project's communication plan, made with its members; the app follows it when it
// sends (digests) and shows where it is not kept.

/** Every topic as it happens, each person's own way, except what a case changes. */
function planForm(changes: Record<string, string | string[]> = {}) {
  const form: Record<string, string | string[]> = { agreedHow: 'At the members’ meeting in November' };
  for (const topic of ['meetings', 'papers', 'decisions', 'news', 'reviews']) {
    form[`${topic}-frequency`] = 'as-it-happens';
    form[`${topic}-channels`] = ['email', 'text', 'letter', 'phone'];
    form[`${topic}-groups`] = '';
  }
  return { ...form, ...changes };
}

for (const dialect of databaseDialects()) {
  describe(`communication plans (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let projectId: string;
    let members: { mo: string; pat: string };
    const staff = () => ({ organisationId: org.organisationId, personId: org.adminPersonId });

    beforeEach(async () => {
      // A Wednesday morning in December, London time.
      t = await makeTestApp({ dialect, startAt: new Date('2026-12-02T10:00:00Z') });
      org = await organisationWithAdmin(t);
      projectId = await t.services.projects.create(staff(), {
        title: 'Better day centre lunches',
        purpose: 'Choose food together.',
        activities: ['co-decision'],
        levelAim: 'transformative',
        stage: 'deciding',
        startDate: '2026-01-05',
      });
      const member = async (fullName: string, email: string) =>
        (
          await personWithAccount(
            t,
            org.organisationId,
            { fullName, perspectives: ['draws-on-care'], contactOrder: ['email'] },
            { email, role: 'member' },
          )
        ).personId;
      members = { mo: await member('Mo Member', 'mo@example.com'), pat: await member('Pat Patel', 'pat@example.com') };
      await t.services.projects.addMember(staff(), projectId, members.mo, 'member', '2026-01-05');
      await t.services.projects.addMember(staff(), projectId, members.pat, 'member', '2026-01-05');
    });
    afterEach(() => t.close());

    const planUrl = () => `/projects/${projectId}/communication-plan`;

    test('a project with no plan: everything as it happens, and nothing is held', async () => {
      const mo = await signedInClient(t, 'mo@example.com');
      const page = await mo.get(planUrl());
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /has not made a plan yet/);
      assert.doesNotMatch(page.body, /Once a week/);
      const project = await mo.get(`/projects/${projectId}`);
      assert.match(project.body, new RegExp(`href="${planUrl()}"`), 'the project page links to its plan');

      await t.services.decisionLog.recordDecision(staff(), {
        projectId,
        proposalId: null,
        meetingId: null,
        decided: 'Soup on Fridays',
        why: 'Most asked for it',
        takingPart: null,
      });
      const sent = await t.database.db.selectFrom('outbox').select(['status', 'held_until']).where('kind', '=', 'decision').execute();
      assert.equal(sent.length, 2);
      // As before plans: the status any email starts with here (kept, in tests without a mail server).
      for (const m of sent) assert.deepEqual([m.status, m.held_until], [firstStatus('email', t.services.delivery), null]);
    });

    test('a member sets the plan; wrong answers are shown with what they chose kept; the change is audited', async () => {
      const mo = await signedInClient(t, 'mo@example.com');
      const form = await mo.get(`${planUrl()}/edit`);
      assert.equal(form.statusCode, 200);
      const bad = await mo.post(
        `${planUrl()}/edit`,
        planForm({ 'news-channels': ['word-of-mouth', 'letter'], 'papers-channels': [], 'news-frequency': 'monthly' }),
      );
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /govuk-error-summary/);
      assert.match(bad.body, /Choose at least one way to share it/);
      assert.match(bad.body, /Say which groups pass it on/);
      assert.match(bad.body, /value="monthly" checked/, 'what they chose is kept');
      const odd = await mo.post(`${planUrl()}/edit`, planForm({ 'news-frequency': 'hourly', 'decisions-channels': 'carrier-pigeon' }));
      assert.equal(odd.statusCode, 400);

      const saved = await mo.post(
        `${planUrl()}/edit`,
        planForm({
          'decisions-frequency': 'weekly',
          'news-frequency': 'monthly',
          'news-channels': ['word-of-mouth', 'letter'],
          'news-groups': 'The carers’ group at the library',
        }),
      );
      assert.equal(saved.statusCode, 303);
      const page = await mo.get(planUrl());
      assert.match(page.body, /Once a week, all together/);
      assert.match(page.body, /The carers’ group at the library/);
      assert.match(page.body, /At the members’ meeting in November/);
      const audit = await t.database.db.selectFrom('audit_log').selectAll().where('subject_type', '=', 'communication-plan').execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.actor_person_id, members.mo);
      assert.equal(audit[0]!.action, 'made');
    });

    test('someone not in the project, and another organisation, cannot see or change it', async () => {
      await personWithAccount(t, org.organisationId, { fullName: 'Nia Nother' }, { email: 'nia@example.com', role: 'member' });
      const nia = await signedInClient(t, 'nia@example.com');
      assert.equal((await nia.get(planUrl())).statusCode, 404);
      assert.equal((await nia.get(`${planUrl()}/edit`)).statusCode, 404);
      assert.equal((await nia.get('/communication-plans/not-met')).statusCode, 403);
      const other = await anotherOrganisation(t);
      const rita = await signedInClient(t, other.email);
      assert.equal((await rita.get(planUrl())).statusCode, 404);
      assert.equal((await rita.get(`${planUrl()}/edit`)).statusCode, 404);
      await rita.get('/communication-plans/not-met');
      assert.equal((await rita.post(`${planUrl()}/edit`, planForm({ 'decisions-frequency': 'monthly' }))).statusCode, 404);
      assert.equal(await t.database.db.selectFrom('communication_plan_choices').select('topic').executeTakeFirst(), undefined);
    });

    test('a weekly plan holds decision notices, and the digest gathers each person’s on Monday at 9am', async () => {
      const admin = await signedInClient(t, org.email);
      await admin.get(`${planUrl()}/edit`);
      assert.equal((await admin.post(`${planUrl()}/edit`, planForm({ 'decisions-frequency': 'weekly' }))).statusCode, 303);
      for (const decided of ['Soup on Fridays', 'Lunch at half past twelve'])
        await t.services.decisionLog.recordDecision(staff(), {
          projectId,
          proposalId: null,
          meetingId: null,
          decided,
          why: 'Most asked for it',
          takingPart: null,
        });
      const held = await t.database.db.selectFrom('outbox').selectAll().where('kind', '=', 'decision').execute();
      assert.equal(held.length, 4, 'each change still writes its notices');
      for (const m of held) assert.deepEqual([m.status, m.held_until], ['digest', '2026-12-07T09:00:00.000Z']);

      assert.equal(await t.services.digests.sendDue(), 0, 'nothing before Monday');
      t.clock.now = new Date('2026-12-07T09:00:00Z');
      assert.equal(await t.services.digests.sendDue(), 2, 'one digest each for Mo and Pat');
      const digests = await t.database.db.selectFrom('outbox').selectAll().where('kind', '=', 'digest').orderBy('recipient').execute();
      assert.deepEqual(
        digests.map((d) => [d.recipient, d.status]),
        [
          ['mo@example.com', firstStatus('email', t.services.delivery)],
          ['pat@example.com', firstStatus('email', t.services.delivery)],
        ],
      );
      assert.match(digests[0]!.body_text, /Soup on Fridays/);
      assert.match(digests[0]!.body_text, /Lunch at half past twelve/);
      assert.equal(digests[0]!.subject, 'Your news: 2 things');
      const gathered = await t.database.db.selectFrom('outbox').select(['digest_id', 'person_id']).where('kind', '=', 'decision').execute();
      for (const g of gathered) assert.equal(g.digest_id, digests.find((d) => d.person_id === g.person_id)!.id);
      assert.equal(await t.services.digests.sendDue(), 0, 'a notice goes in one digest only');

      // Staff see a held notice for what it is.
      const list = await (await signedInClient(t, org.email)).get('/admin/messages?status=digest');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /For the digest/);
    });

    test('plan not met: a decision nobody was told about, papers that went to no one, a summary never shared, a review nobody was asked to answer; a plan that shares them outside the app is not counted', async () => {
      // A project with no members: its decision, made 40 days ago, reached nobody.
      const quiet = await t.services.projects.create(staff(), {
        title: 'Quiet garden group',
        purpose: 'Grow things.',
        activities: ['co-decision'],
        levelAim: 'transformative',
        stage: 'deciding',
        startDate: '2026-01-05',
      });
      await t.services.decisionLog.recordDecision(staff(), {
        projectId: quiet,
        proposalId: null,
        meetingId: null,
        decided: 'Plant beans',
        why: 'Everyone likes beans',
        takingPart: null,
        decidedOn: '2026-10-20',
      });
      const at = '2026-11-20T10:00:00.000Z';
      const meetingId = await insertMeeting(t.database.db, {
        organisationId: org.organisationId,
        projectId: quiet,
        title: 'Garden meeting',
        purpose: 'Plan the beds',
        startsAt: at,
        endsAt: '2026-11-20T11:00:00.000Z',
        invitationsSentAt: at,
      });
      await t.database.db
        .insertInto('meeting_papers')
        .values({ id: newId(), organisation_id: org.organisationId, meeting_id: meetingId, title: 'Agenda', created_at: at })
        .execute();
      // A meeting two months ago whose summary was never shared, and one whose summary was.
      const meetingOn = (day: string, title: string) =>
        insertMeeting(t.database.db, {
          organisationId: org.organisationId,
          projectId: quiet,
          title,
          purpose: 'Plan the beds',
          startsAt: `${day}T10:00:00.000Z`,
          endsAt: `${day}T11:00:00.000Z`,
          invitationsSentAt: '2026-09-01T10:00:00.000Z',
        });
      await meetingOn('2026-10-01', 'Seed swap');
      const shared = await meetingOn('2026-10-02', 'Watering rota');
      await t.database.db
        .insertInto('meeting_notes')
        .values({
          meeting_id: shared,
          organisation_id: org.organisationId,
          discussed: 'The rota',
          summary: 'We made a rota.',
          updated_at: '2026-10-03T10:00:00.000Z',
          updated_by: null,
          summary_published_at: '2026-10-03T10:00:00.000Z',
        })
        .execute();
      // A review of the project open for ten days that nobody was asked to answer.
      const review = await t.services.reviews.create(staff(), {
        title: 'Garden review',
        projectId: quiet,
        opensOn: '2026-11-22',
        closesOn: '2026-12-20',
        schedule: 'none',
        gapThresholdTenths: 10,
      });
      assert.ok(review.ok);

      const admin = await signedInClient(t, org.email);
      const page = await admin.get(`/projects/${quiet}/communication-plan`);
      assert.match(page.body, /1 decision made over 30 days ago that nobody was told about/);
      assert.match(page.body, /1 meeting whose papers went to no one/);
      assert.match(page.body, /1 meeting over 30 days ago whose summary was never shared/);
      assert.match(page.body, /1 review open for a week that nobody was asked to answer/);
      const todo = await admin.get('/to-do');
      assert.match(todo.body, /href="\/communication-plans\/not-met"/);
      assert.match(todo.body, /4 things/);
      const list = await admin.get('/communication-plans/not-met');
      assert.match(list.body, /Quiet garden group/);
      assert.doesNotMatch(list.body, /Better day centre lunches/);
      assert.match(list.body, />1 project</);
      // Past the last page: an empty page, not an error.
      const beyond = await admin.get('/communication-plans/not-met?page=2');
      assert.equal(beyond.statusCode, 200);
      assert.doesNotMatch(beyond.body, /Quiet garden group/);

      // Another organisation sees none of it.
      const rita = await signedInClient(t, (await anotherOrganisation(t)).email);
      assert.doesNotMatch((await rita.get('/communication-plans/not-met')).body, /Quiet garden group/);

      // The garden group shares decisions and papers at its meetings only: the app cannot see that, so does not count it.
      await admin.get(`/projects/${quiet}/communication-plan/edit`);
      await admin.post(
        `/projects/${quiet}/communication-plan/edit`,
        planForm({
          'decisions-channels': 'meetings',
          'papers-channels': ['meetings', 'online'],
          'news-channels': 'word-of-mouth',
          'news-groups': 'The allotment society',
          'reviews-channels': 'meetings',
        }),
      );
      const after = await admin.get(`/projects/${quiet}/communication-plan`);
      assert.match(after.body, /shares this outside the app/);
      assert.doesNotMatch(after.body, /nobody was told about|never shared|nobody was asked/);
      assert.match((await admin.get('/communication-plans/not-met')).body, /Every project is keeping its plan/);
    });
  });
}
