import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { insertMeeting, recordAttendance } from '../../../test/helpers/meetings.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { makeTranslator } from '../../platform/i18n.ts';
import { staffTimeEvidence } from './evidence.ts';

// P4: staff record their co-production time by project each week (starting from the meetings
// they were at); admins set the time each role is given and the teams; the summary shows
// given against used, by team or by role.
for (const dialect of databaseDialects()) {
  describe(`staff time (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let projectId: string;
    let otherProjectId: string;
    let fay: string;
    const staff = () => ({ organisationId: org.organisationId, personId: org.adminPersonId });

    beforeEach(async () => {
      // Wednesday 9 December 2026: the week starts on Monday 7 December.
      t = await makeTestApp({ dialect, startAt: new Date('2026-12-09T10:00:00Z') });
      org = await organisationWithAdmin(t);
      const project = (title: string) =>
        t.services.projects.create(staff(), {
          title,
          purpose: 'Work together.',
          activities: ['co-design'],
          levelAim: 'transformative',
          stage: 'deciding',
          startDate: '2026-01-05',
        });
      projectId = await project('Better day centre lunches');
      otherProjectId = await project('Carers’ breaks');
      fay = (
        await personWithAccount(
          t,
          org.organisationId,
          { fullName: 'Fay Facilitator', perspectives: ['practitioner'], contactOrder: ['email'] },
          { email: 'fay@example.com', role: 'facilitator' },
        )
      ).personId;
      await t.services.projects.addMember(staff(), projectId, fay, 'lead', '2026-01-05');
      await t.services.projects.addMember(staff(), otherProjectId, fay, 'member', '2026-01-05');
      // Fay was at a 90-minute meeting of the lunches project on Tuesday.
      const at = '2026-12-01T09:00:00.000Z';
      const meetingId = await insertMeeting(t.database.db, {
        organisationId: org.organisationId,
        projectId,
        title: 'Menu tasting',
        purpose: 'Taste and choose.',
        startsAt: '2026-12-08T10:00:00.000Z',
        endsAt: '2026-12-08T11:30:00.000Z',
        invitationsSentAt: at,
      });
      await recordAttendance(t.database.db, {
        organisationId: org.organisationId,
        meetingId,
        personId: fay,
        status: 'present',
        minutesPresent: null,
        recordedAt: at,
      });
    });
    afterEach(() => t.close());

    test('a facilitator records the week, starting from the meetings they were at; bad minutes keep what was typed', async () => {
      const client = await signedInClient(t, 'fay@example.com');
      const form = await client.get('/staff-time');
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /week of 7 December 2026/);
      assert.match(form.body, new RegExp(`name="minutes-${projectId}"[^>]*value="90"`), 'the meeting’s length is put in to check');
      assert.match(form.body, /90 minutes at meetings you were at/);
      assert.match(form.body, /href="\/staff-time\?week=2026-11-30">The week before/);
      assert.doesNotMatch(form.body, /The week after/, 'this week is the last to write down');
      const yearAgo = await client.get('/staff-time?week=2025-12-08');
      assert.match(yearAgo.body, /href="\/staff-time\?week=2025-12-15">The week after/);
      assert.doesNotMatch(yearAgo.body, /The week before/, 'the links reach back a year');

      const bad = await client.post('/staff-time', {
        week: '2026-12-07',
        [`minutes-${projectId}`]: '120',
        [`minutes-${otherProjectId}`]: 'lots',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter a whole number of minutes/);
      assert.match(bad.body, /value="lots"/);
      assert.match(bad.body, new RegExp(`name="minutes-${projectId}"[^>]*value="120"`));

      const saved = await client.post('/staff-time', {
        week: '2026-12-07',
        [`minutes-${projectId}`]: '120',
        [`minutes-${otherProjectId}`]: '30',
      });
      assert.equal(saved.statusCode, 303);
      const again = await client.get('/staff-time?week=2026-12-09');
      assert.match(again.body, new RegExp(`name="minutes-${projectId}"[^>]*value="120"`), 'any day of the week opens its Monday');
      // Clearing a line removes it.
      await client.post('/staff-time', { week: '2026-12-07', [`minutes-${projectId}`]: '120', [`minutes-${otherProjectId}`]: '' });
      const rows = await t.database.db
        .selectFrom('staff_time_entries')
        .select(['project_id', 'minutes'])
        .where('person_id', '=', fay)
        .execute();
      assert.deepEqual(rows, [{ project_id: projectId, minutes: 120 }]);
      const audit = await t.database.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'staff-time').execute();
      assert.equal(audit.filter((a) => a.action === 'week-recorded').length, 2);
    });

    test('admins set time given and teams; the summary shows given against used by role, then by team', async () => {
      const fayClient = await signedInClient(t, 'fay@example.com');
      await fayClient.get('/staff-time');
      await fayClient.post('/staff-time', { week: '2026-12-07', [`minutes-${projectId}`]: '120' });

      const admin = await signedInClient(t, org.email);
      const settings = await admin.get('/organisation/staff-time');
      assert.equal(settings.statusCode, 200);
      const wrong = await admin.post('/organisation/staff-time/allowances', { admin: '60', facilitator: 'two hours' });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /value="two hours"/);
      assert.equal((await admin.post('/organisation/staff-time/allowances', { admin: '0', facilitator: '240' })).statusCode, 303);

      // Beside P4 in the self-assessment: a quarter given (13 weeks x 4 hours) against used.
      const [line] = await staffTimeEvidence(t.database.db, org.organisationId, t.clock.now, makeTranslator('en'));
      assert.equal(line?.code, 'P4');
      assert.equal(line?.words, 'In the last 13 weeks staff were given 52 hours for co-production and wrote down 2 hours (4%).');

      const byRole = await admin.get('/staff-time/summary?weeks=4');
      assert.equal(byRole.statusCode, 200);
      assert.match(byRole.body, /By role/);
      // One facilitator given 4 hours a week for 4 weeks is 16 hours; 2 hours used is 13%.
      assert.match(byRole.body, /Facilitators<\/th>\s*<td[^>]*>1<\/td>\s*<td[^>]*>16 hours<\/td>\s*<td[^>]*>2 hours \(13%\)/);
      assert.match(byRole.body, /Less than half used/);
      assert.match(byRole.body, /Better day centre lunches/);

      assert.equal((await admin.post('/organisation/staff-time/teams', { name: '' })).statusCode, 400);
      assert.equal((await admin.post('/organisation/staff-time/teams', { name: 'Adult social care' })).statusCode, 303);
      const taken = await admin.post('/organisation/staff-time/teams', { name: 'Adult social care' });
      assert.equal(taken.statusCode, 400);
      assert.match(taken.body, /already a team with that name/);
      const team = await t.database.db.selectFrom('staff_teams').select('id').executeTakeFirstOrThrow();
      assert.equal((await admin.post(`/organisation/staff-time/people/${fay}/team`, { team: team.id })).statusCode, 303);
      const byTeam = await admin.get('/staff-time/summary?weeks=4');
      assert.match(byTeam.body, /By team/);
      assert.match(byTeam.body, /Adult social care<\/th>\s*<td[^>]*>1<\/td>\s*<td[^>]*>16 hours/);
      assert.match(byTeam.body, /Not in a team<\/th>\s*<td[^>]*>1<\/td>\s*<td[^>]*>0 hours/, 'the admin, given no time');
    });

    test('members are refused; another organisation can neither see nor change anything here', async () => {
      await personWithAccount(
        t,
        org.organisationId,
        { fullName: 'Mo Member', perspectives: ['draws-on-care'], contactOrder: ['email'] },
        { email: 'mo@example.com', role: 'member' },
      );
      const mo = await signedInClient(t, 'mo@example.com');
      assert.equal((await mo.get('/staff-time')).statusCode, 403);
      assert.equal((await mo.get('/staff-time/summary')).statusCode, 403);
      assert.equal((await mo.get('/organisation/staff-time')).statusCode, 403);
      const fayClient = await signedInClient(t, 'fay@example.com');
      assert.equal((await fayClient.get('/organisation/staff-time')).statusCode, 403, 'settings are for admins');

      const other = await anotherOrganisation(t);
      const them = await signedInClient(t, other.email);
      await them.get('/staff-time');
      assert.equal((await them.post('/staff-time', { week: '2026-12-07', [`minutes-${projectId}`]: '60' })).statusCode, 404);
      assert.equal((await them.post(`/organisation/staff-time/people/${fay}/team`, { team: '' })).statusCode, 404);
      const summary = await them.get('/staff-time/summary');
      assert.doesNotMatch(summary.body, /Better day centre lunches/);
      assert.equal((await t.database.db.selectFrom('staff_time_entries').selectAll().execute()).length, 0);
    });
  });
}
