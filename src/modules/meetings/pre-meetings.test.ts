import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

// P5: members prepare together before a meeting with staff. A pre-meeting is a members-only
// meeting of the same project, chosen from its meetings still to come, and starting first.
const meetingForm = {
  title: 'Menu planning group',
  purpose: 'Choose the winter menu together.',
  'date-day': '17',
  'date-month': '12',
  'date-year': '2026',
  startTime: '10:30am',
  endTime: '12:30pm',
  format: 'in-person',
  membersOnly: 'no',
};

for (const dialect of databaseDialects()) {
  describe(`pre-meetings (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let projectId: string;
    let otherProjectId: string;
    const staff = () => ({ organisationId: org.organisationId, personId: org.adminPersonId });
    const project = (title: string) =>
      t.services.projects.create(staff(), {
        title,
        purpose: 'Work together.',
        activities: ['co-design'],
        levelAim: 'transformative',
        stage: 'deciding',
        startDate: '2026-01-05',
      });

    beforeEach(async () => {
      // Wednesday 9 December 2026.
      t = await makeTestApp({ dialect, startAt: new Date('2026-12-09T10:00:00Z') });
      org = await organisationWithAdmin(t);
      projectId = await project('Better day centre lunches');
      otherProjectId = await project('Carers’ breaks');
      const mo = await personWithAccount(
        t,
        org.organisationId,
        { fullName: 'Mo Member', perspectives: ['draws-on-care'], contactOrder: ['email'] },
        { email: 'mo@example.com', role: 'member' },
      );
      await t.services.projects.addMember(staff(), projectId, mo.personId, 'member', '2026-01-05');
    });
    afterEach(() => t.close());

    test('a members-only meeting marked as a pre-meeting shows on both pages; wrong choices are refused', async () => {
      const admin = await signedInClient(t, org.email);
      await admin.get(`/meetings/new?projectId=${projectId}`);
      const main = await admin.post(`/meetings/new?projectId=${projectId}`, meetingForm);
      assert.equal(main.statusCode, 303);
      const mainId = String(main.headers.location).split('/').pop()!;
      const elsewhere = await admin.post(`/meetings/new?projectId=${otherProjectId}`, { ...meetingForm, title: 'Breaks review' });
      const elsewhereId = String(elsewhere.headers.location).split('/').pop()!;

      const form = await admin.get(`/meetings/new?projectId=${projectId}`);
      assert.match(form.body, new RegExp(`<option value="${mainId}">Menu planning group`));
      assert.doesNotMatch(form.body, new RegExp(`value="${elsewhereId}"`), 'only this project’s meetings');

      const pre = { ...meetingForm, title: 'Getting ready', 'date-day': '15', membersOnly: 'yes', preMeetingOf: mainId };
      const withStaff = await admin.post(`/meetings/new?projectId=${projectId}`, { ...pre, membersOnly: 'no' });
      assert.equal(withStaff.statusCode, 400);
      assert.match(withStaff.body, /A pre-meeting is just for people who draw on care and support and carers: choose Yes/);
      assert.match(withStaff.body, new RegExp(`<option value="${mainId}" selected>`), 'the choice is kept');
      const after = await admin.post(`/meetings/new?projectId=${projectId}`, { ...pre, 'date-day': '18' });
      assert.equal(after.statusCode, 400);
      assert.match(after.body, /must start before the meeting it gets ready for/);
      const otherProject = await admin.post(`/meetings/new?projectId=${projectId}`, { ...pre, preMeetingOf: elsewhereId });
      assert.equal(otherProject.statusCode, 400);
      assert.match(otherProject.body, /Choose a meeting from the list/);

      const made = await admin.post(`/meetings/new?projectId=${projectId}`, pre);
      assert.equal(made.statusCode, 303);
      const preId = String(made.headers.location).split('/').pop()!;
      const row = await t.database.db
        .selectFrom('meetings')
        .select(['pre_meeting_of', 'members_only'])
        .where('id', '=', preId)
        .executeTakeFirstOrThrow();
      assert.equal(row.pre_meeting_of, mainId);
      assert.equal(Number(row.members_only), 1);

      const member = await signedInClient(t, 'mo@example.com');
      const prePage = await member.get(`/meetings/${preId}`);
      assert.equal(prePage.statusCode, 200);
      assert.match(prePage.body, new RegExp(`Pre-meeting for: <a class="govuk-link" href="/meetings/${mainId}">Menu planning group`));
      const mainPage = await member.get(`/meetings/${mainId}`);
      assert.match(mainPage.body, /Members meet first:/);
      assert.match(mainPage.body, new RegExp(`href="/meetings/${preId}">Getting ready`));

      // Editing keeps the link, and can take it away.
      const edit = await admin.get(`/meetings/${preId}/edit`);
      assert.match(edit.body, new RegExp(`<option value="${mainId}" selected>`));
      assert.doesNotMatch(edit.body, new RegExp(`<option value="${preId}"`), 'not a pre-meeting of itself');
      assert.equal((await admin.post(`/meetings/${preId}/edit`, { ...pre, preMeetingOf: '' })).statusCode, 303);
      assert.doesNotMatch((await admin.get(`/meetings/${mainId}`)).body, /Members meet first/);

      // Another organisation cannot point at, or see, these meetings.
      const other = await anotherOrganisation(t);
      const them = await signedInClient(t, other.email);
      assert.equal((await them.get(`/meetings/${mainId}`)).statusCode, 404);
      assert.equal((await them.get(`/meetings/new?projectId=${projectId}`)).statusCode, 404);
    });

    test('a meeting that has a pre-meeting cannot become a pre-meeting itself: no chains', async () => {
      const admin = await signedInClient(t, org.email);
      await admin.get(`/meetings/new?projectId=${projectId}`);
      const idOf = (res: { headers: { location?: string | string[] } }) => String(res.headers.location).split('/').pop()!;
      const main = idOf(await admin.post(`/meetings/new?projectId=${projectId}`, meetingForm));
      const later = idOf(
        await admin.post(`/meetings/new?projectId=${projectId}`, { ...meetingForm, title: 'Tasting day', 'date-day': '21' }),
      );
      const pre = { ...meetingForm, title: 'Getting ready', 'date-day': '15', membersOnly: 'yes', preMeetingOf: main };
      assert.equal((await admin.post(`/meetings/new?projectId=${projectId}`, pre)).statusCode, 303);

      const edit = await admin.get(`/meetings/${main}/edit`);
      assert.doesNotMatch(edit.body, new RegExp(`<option value="${later}"`), 'no meeting is offered to a meeting with pre-meetings');
      const chained = await admin.post(`/meetings/${main}/edit`, { ...meetingForm, membersOnly: 'yes', preMeetingOf: later });
      assert.equal(chained.statusCode, 400);
      assert.match(chained.body, /Choose a meeting from the list/);
      const row = await t.database.db.selectFrom('meetings').select('pre_meeting_of').where('id', '=', main).executeTakeFirstOrThrow();
      assert.equal(row.pre_meeting_of, null);
      // A meeting without pre-meetings of its own still can be one.
      const laterEdit = await admin.get(`/meetings/${later}/edit`);
      assert.match(laterEdit.body, new RegExp(`<option value="${main}"`));
    });
  });
}
