import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import ICAL from 'ical.js';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, testSessionSecret, type TestApp, datesWrittenFor } from '../../../test/helpers/test-app.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { replyToken } from './signed-links.ts';

// The test clock says 23 November 2026, 10am. The meeting is on 3 December 2026.
const meetingForm = {
  title: 'Menu planning group',
  purpose: 'Choose the winter menu together.',
  'date-day': '3',
  'date-month': '12',
  'date-year': '2026',
  startTime: '10:30am',
  endTime: '12:30pm',
  format: 'in-person',
  membersOnly: 'no',
};

/** Who a calendar file is for, as ical.js reads its ATTENDEE lines. */
const attendeesOf = (ics: string) =>
  new ICAL.Component(ICAL.parse(ics))
    .getFirstSubcomponent('vevent')!
    .getAllProperties('attendee')
    .map((p) => ({ address: String(p.getFirstValue()), name: p.getParameter('cn'), rsvp: p.getParameter('rsvp') }));

/** RFC 5545 3.1: every physical line at most 75 octets, folded with one space between whole characters. */
function assertFoldedByOctets(ics: string, label: string) {
  const lines = ics.split('\r\n');
  assert.equal(lines.pop(), '', `${label} ends with CRLF`);
  for (const line of lines) {
    assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `${label}: ${Buffer.byteLength(line, 'utf8')} octets in ${line}`);
    assert.equal(Buffer.from(line, 'utf8').toString('utf8'), line, `${label}: a character split in ${line}`);
    assert.ok(!line.startsWith('\t'), `${label}: folded with a tab, not a space`);
  }
}

for (const dialect of databaseDialects()) {
  describe(`meetings (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let projectId: string;
    let venueId: string;
    const ids: Record<string, string> = {};
    const asFay = () => ({ organisationId: org.organisationId, personId: ids.fay! });
    // Fay plans the menu meeting at Northby Hall, as the first test does; everyone in the project is invited.
    const planMenuMeeting = async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/meetings/new?projectId=${projectId}`);
      const res = await fay.post(`/meetings/new?projectId=${projectId}`, { ...meetingForm, venueId });
      assert.equal(res.statusCode, 303);
      return String(res.headers.location).split('/').pop()!;
    };
    beforeEach(async () => {
      t = await makeTestApp({ dialect, startAt: datesWrittenFor });
      org = await organisationWithAdmin(t);
      await anotherOrganisation(t);
      const staff = { organisationId: org.organisationId, personId: org.adminPersonId };
      ids.fay = (
        await personWithAccount(
          t,
          org.organisationId,
          { fullName: 'Fay Facilitator', perspectives: ['practitioner'] },
          { email: 'fay@example.com', role: 'facilitator' },
        )
      ).personId;
      ids.mo = (
        await personWithAccount(
          t,
          org.organisationId,
          { fullName: 'Mo Member', perspectives: ['draws-on-care'], contactOrder: ['email'] },
          { email: 'mo@example.com', role: 'member' },
        )
      ).personId;
      ids.len = (
        await personWithAccount(
          t,
          org.organisationId,
          { fullName: 'Len Outsider', perspectives: ['community'] },
          { email: 'len@example.com', role: 'member' },
        )
      ).personId;
      ids.sue = (
        await personWithAccount(t, org.organisationId, {
          fullName: 'Sue Carer',
          perspectives: ['carer'],
          mobile: '07700 900111',
          contactOrder: ['text'],
          unsuitableTimes: { days: ['thu'], parts: [] },
        })
      ).personId;
      ids.dennis = (
        await personWithAccount(t, org.organisationId, {
          fullName: 'Dennis Whitfield',
          perspectives: ['draws-on-care'],
          address: '4 Mill Lane\nNorthby\nNB1 2CD',
          landline: '01632 960001',
          contactOrder: ['letter', 'phone'],
        })
      ).personId;
      ids.eileen = (
        await personWithAccount(t, org.organisationId, {
          fullName: 'Eileen Murphy',
          perspectives: ['draws-on-care'],
          landline: '01632 960002',
          contactOrder: ['phone'],
        })
      ).personId;
      ids.nobody = (await personWithAccount(t, org.organisationId, { fullName: 'Nora Noway', perspectives: ['family'] })).personId;
      await t.services.accessNeeds.save({ ...staff, role: 'admin' }, ids.mo, true, {
        formats: ['easy-read'],
        interpreterLanguage: null,
        physical: ['step-free'],
        support: [],
        dietary: null,
        other: null,
      });
      await t.services.accessNeeds.save({ ...staff, role: 'admin' }, ids.dennis, true, {
        formats: ['large-print'],
        interpreterLanguage: null,
        physical: [],
        support: [],
        dietary: null,
        other: null,
      });
      projectId = await t.services.projects.create(staff, {
        title: 'Better day centre lunches',
        purpose: 'Menus',
        activities: ['co-design'],
        levelAim: 'intermediate',
        stage: 'designing',
        startDate: '2026-11-01',
      });
      for (const p of ['fay', 'mo', 'sue', 'dennis', 'eileen', 'nobody'])
        await t.services.projects.addMember(staff, projectId, ids[p]!, 'member', '2026-11-01');
      venueId = await t.services.venues.create(org.organisationId, {
        name: 'Northby Hall',
        address: '1 High Street',
        runBy: null,
        features: ['accessible-toilet'],
        notes: null,
      });
    });
    afterEach(() => t.close());

    test('P1: staff plan a meeting; everyone in the project is invited and the access check shows each gap', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/meetings/new?projectId=${projectId}`);
      const res = await fay.post(`/meetings/new?projectId=${projectId}`, { ...meetingForm, venueId });
      assert.equal(res.statusCode, 303);
      const meetingId = String(res.headers.location).split('/').pop()!;
      const row = await t.database.db.selectFrom('meetings').selectAll().where('id', '=', meetingId).executeTakeFirstOrThrow();
      // 10:30am in London in December is 10:30 UTC.
      assert.equal(row.starts_at, '2026-12-03T10:30:00.000Z');
      assert.equal(row.ends_at, '2026-12-03T12:30:00.000Z');
      const page = await fay.get(`/meetings/${meetingId}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Not ready: 3 gaps/);
      assert.match(page.body, /Needs easy read papers/);
      assert.match(page.body, /Needs a step-free way in/);
      assert.match(page.body, /a venue with step-free way in/);
      assert.match(page.body, /Needs large print papers/);
      assert.match(page.body, /Sue Carer said this time does not suit them/);
      assert.match(page.body, /3 December 2026, 10:30am to 12:30pm/);
      const invited = await t.services.meetings.invitees(org.organisationId, meetingId);
      assert.equal(invited.length, 6);
    });

    test('bad input keeps what was typed: a skipped clock-change time, an end before the start', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/meetings/new?projectId=${projectId}`);
      const skipped = await fay.post(`/meetings/new?projectId=${projectId}`, {
        ...meetingForm,
        title: 'Night owls',
        'date-day': '28',
        'date-month': '3',
        'date-year': '2027',
        startTime: '1:30am',
        endTime: '3am',
      });
      assert.equal(skipped.statusCode, 400);
      assert.match(skipped.body, /the clocks go forward/);
      assert.match(skipped.body, /value="Night owls"/);
      assert.match(skipped.body, /value="1:30am"/);
      const backwards = await fay.post(`/meetings/new?projectId=${projectId}`, {
        ...meetingForm,
        title: '',
        startTime: '3pm',
        endTime: '2pm',
        format: 'online',
        arrangements: ['spoken-interpreter'],
      });
      assert.equal(backwards.statusCode, 400);
      for (const message of [
        'Enter a name for the meeting',
        'The end time must be after the start time',
        'Say how people join the meeting',
        'Enter the languages the interpreters speak',
      ])
        assert.match(backwards.body, new RegExp(message));
      assert.match(backwards.body, /value="spoken-interpreter" checked/);
      // Neither form made a meeting.
      assert.equal((await t.services.meetings.forProject(org.organisationId, projectId)).length, 0);
    });

    test('P1: arranging what is missing closes gaps, and a facilitator accepts the last one with a reason', async () => {
      const meetingId = await planMenuMeeting();
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/meetings/${meetingId}/edit`);
      const res = await fay.post(`/meetings/${meetingId}/edit`, {
        ...meetingForm,
        venueId,
        arrangements: ['easy-read-papers', 'large-print-papers'],
      });
      assert.equal(res.statusCode, 303);
      assert.match((await fay.get(`/meetings/${meetingId}`)).body, /Not ready: 1 gap/);
      const need = 'physical:step-free';
      const form = await fay.get(`/meetings/${meetingId}/gaps/accept?personId=${ids.mo}&need=${encodeURIComponent(need)}`);
      assert.equal(form.statusCode, 200);
      const empty = await fay.post(`/meetings/${meetingId}/gaps/accept`, { personId: ids.mo!, need, reason: ' ' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /Say why you are accepting this gap/);
      const ok = await fay.post(`/meetings/${meetingId}/gaps/accept`, {
        personId: ids.mo!,
        need,
        reason: 'Mo will join by video for this one; agreed with Mo.',
      });
      assert.equal(ok.statusCode, 303);
      const page = await fay.get(`/meetings/${meetingId}`);
      assert.match(page.body, /Ready/);
      assert.match(page.body, /Mo will join by video/);
      assert.match(page.body, /accepted by Fay Facilitator/);
      const unknown = await fay.post(`/meetings/${meetingId}/gaps/accept`, { personId: ids.mo!, need: 'format:braille', reason: 'x' });
      assert.equal(unknown.statusCode, 404);
      // An accepted gap can be opened again, and accepted again.
      await fay.get(`/meetings/${meetingId}`);
      assert.equal((await fay.post(`/meetings/${meetingId}/gaps/reopen`, { personId: ids.mo!, need })).statusCode, 303);
      assert.match((await fay.get(`/meetings/${meetingId}`)).body, /Not ready: 1 gap/);
      await fay.post(`/meetings/${meetingId}/gaps/accept`, {
        personId: ids.mo!,
        need,
        reason: 'Mo will join by video for this one; agreed with Mo.',
      });
    });

    test("S4: invitations go once, by each person's own channel; phone people go on the call list", async () => {
      const meetingId = await planMenuMeeting();
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/meetings/${meetingId}`);
      const res = await fay.post(`/meetings/${meetingId}/invitations`);
      assert.equal(res.statusCode, 303);
      const page = await fay.get(`/meetings/${meetingId}`);
      assert.match(page.body, /We could not reach: Nora Noway/);
      const sent = await t.database.db.selectFrom('outbox').selectAll().where('about_id', '=', meetingId).execute();
      const byPerson = new Map(sent.map((m) => [m.person_id, m]));
      assert.equal(sent.length, 5);
      assert.equal(byPerson.get(ids.mo!)?.channel, 'email');
      assert.equal(byPerson.get(ids.mo!)?.recipient, 'mo@example.com');
      const attachments = JSON.parse(byPerson.get(ids.mo!)!.attachments) as Array<{ filename: string; content: string }>;
      assert.equal(attachments[0]?.filename, 'meeting.ics');
      const event = new ICAL.Event(new ICAL.Component(ICAL.parse(attachments[0]!.content)).getFirstSubcomponent('vevent')!);
      assert.equal(event.summary, 'Menu planning group');
      assert.equal(event.startDate.toJSDate().toISOString(), '2026-12-03T10:30:00.000Z');
      // RFC 5546: the organisation as organiser, from its sending address; Mo as the attendee.
      assert.deepEqual(attendeesOf(attachments[0]!.content), [{ address: 'mailto:mo@example.com', name: 'Mo Member', rsvp: 'FALSE' }]);
      const organiser = event.component.getFirstProperty('organizer')!;
      assert.equal(organiser.getParameter('cn'), 'Northshire County Council');
      assert.equal(String(organiser.getFirstValue()).toLowerCase(), 'mailto:no-reply@localhost');
      assert.equal(byPerson.get(ids.sue!)?.channel, 'text');
      assert.equal(byPerson.get(ids.sue!)?.recipient, '07700 900111');
      assert.ok(byPerson.get(ids.sue!)!.body_text.length < 300);
      assert.equal(byPerson.get(ids.dennis!)?.channel, 'letter');
      assert.equal(byPerson.get(ids.dennis!)?.status, 'to-print');
      assert.equal(byPerson.get(ids.eileen!)?.channel, 'phone');
      assert.equal(byPerson.get(ids.eileen!)?.status, 'to-call');
      assert.match(byPerson.get(ids.mo!)!.body_text, /http:\/\/localhost:3000\/reply\//);
      // Pressing the button again, or a second click, sends nothing more.
      await fay.get(`/meetings/${meetingId}`);
      await fay.post(`/meetings/${meetingId}/invitations`);
      assert.equal((await t.database.db.selectFrom('outbox').select('id').where('about_id', '=', meetingId).execute()).length, 5);

      const calls = await fay.get(`/meetings/${meetingId}/calls`);
      assert.match(calls.body, /Eileen Murphy/);
      assert.match(calls.body, /01632 960002/);
      assert.match(calls.body, /We would like to invite you/);
      const callId = byPerson.get(ids.eileen!)!.id;
      assert.equal((await fay.post(`/meetings/${meetingId}/calls/${callId}/done`)).statusCode, 303);
      assert.doesNotMatch((await fay.get(`/meetings/${meetingId}/calls`)).body, /Eileen Murphy/);
      // A send that finally failed shows on the meeting page with its reason, for staff to act on.
      await t.database.db
        .updateTable('outbox')
        .set({ status: 'failed', last_error: 'Mailbox does not exist' })
        .where('id', '=', byPerson.get(ids.mo!)!.id)
        .execute();
      const withFailure = await fay.get(`/meetings/${meetingId}`);
      assert.match(withFailure.body, /Could not send: Mailbox does not exist/);
      assert.match(withFailure.body, /1 message could not be sent/);
    });

    test('S4: a person replies by link without signing in; a changed or old link does not work', async () => {
      const meetingId = await planMenuMeeting();
      const token = replyToken(testSessionSecret, { meetingId, personId: ids.dennis!, expiresAt: '2026-12-03T12:30:00.000Z' });
      const visitor = new Client(t.app);
      const page = await visitor.get(`/reply/${token}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Hello Dennis Whitfield/);
      const missing = await visitor.post(`/reply/${token}`, {});
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /Choose if you can come/);
      const res = await visitor.post(`/reply/${token}`, { reply: 'yes', note: 'I will need the lift' });
      assert.equal(res.statusCode, 303);
      assert.match((await visitor.get(`/reply/${token}`)).body, /You said you can come/);
      const ics = await visitor.get(`/reply/${token}/meeting.ics`);
      assert.match(String(ics.headers['content-type']), /text\/calendar/);
      assert.equal((await visitor.get(`/reply/${token.slice(0, -3)}abc`)).statusCode, 404);
      assert.equal((await visitor.post(`/reply/${token.slice(0, -3)}abc`, { reply: 'no' })).statusCode, 404);
      t.clock.now = new Date('2026-12-03T13:00:00Z');
      assert.equal((await visitor.get(`/reply/${token}`)).statusCode, 410);
      t.clock.now = new Date('2026-11-23T10:00:00Z');
      const staffView = await (await signedInClient(t, 'fay@example.com')).get(`/meetings/${meetingId}`);
      assert.match(staffView.body, /Coming/);
    });

    test('staff record a reply given by phone, and the page says who took it', async () => {
      const meetingId = await planMenuMeeting();
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/meetings/${meetingId}/replies/${ids.eileen}`);
      assert.equal((await fay.post(`/meetings/${meetingId}/replies/${ids.eileen}`, { reply: 'maybe' })).statusCode, 303);
      assert.match((await fay.get(`/meetings/${meetingId}`)).body, /taken by Fay Facilitator/);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('subject_id', '=', meetingId)
        .where('action', '=', 'reply')
        .where('on_behalf_of_person_id', '=', ids.eileen!)
        .execute();
      assert.equal(audit.length, 1);
    });

    test('members see meetings of their own projects and reply; they cannot plan or see the access check', async () => {
      const meetingId = await planMenuMeeting();
      const mo = await signedInClient(t, 'mo@example.com');
      const page = await mo.get(`/meetings/${meetingId}`);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /Can everyone take part/);
      assert.doesNotMatch(page.body, /Dennis/);
      assert.equal((await mo.post(`/meetings/${meetingId}/reply`, { reply: 'no' })).statusCode, 303);
      assert.match((await mo.get(`/meetings/${meetingId}`)).body, /You said you cannot come/);
      for (const url of ['edit', 'invitees', 'attendance', 'notes', 'calls', `replies/${ids.dennis}`])
        assert.equal((await mo.get(`/meetings/${meetingId}/${url}`)).statusCode, 403, url);
      assert.equal((await mo.post(`/meetings/${meetingId}/invitations`)).statusCode, 403);
      const len = await signedInClient(t, 'len@example.com');
      assert.equal((await len.get(`/meetings/${meetingId}`)).statusCode, 404);
      assert.equal((await len.post(`/meetings/${meetingId}/reply`, { reply: 'yes' })).statusCode, 404);
    });

    test("another organisation cannot see or change this organisation's meetings", async () => {
      const meetingId = await planMenuMeeting();
      const other = await signedInClient(t, 'admin@riverside.test');
      for (const url of ['', '/edit', '/invitees', '/attendance', '/notes', '/calls', '/meeting.ics'])
        assert.equal((await other.get(`/meetings/${meetingId}${url}`)).statusCode, 404, url);
      assert.equal((await other.post(`/meetings/${meetingId}/edit`, { ...meetingForm, title: 'Taken' })).statusCode, 404);
      assert.equal((await other.post(`/meetings/${meetingId}/invitations`)).statusCode, 404);
      assert.equal((await other.post(`/meetings/${meetingId}/cancel`)).statusCode, 404);
      assert.equal((await other.get(`/meetings/new?projectId=${projectId}`)).statusCode, 404);
      assert.equal((await other.get('/meetings/not-a-uuid')).statusCode, 404);
      const row = await t.database.db
        .selectFrom('meetings')
        .select(['title', 'cancelled_at'])
        .where('id', '=', meetingId)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { title: 'Menu planning group', cancelled_at: null });
    });

    test('reminders go once, shortly before the meeting, to everyone who has not said no', async () => {
      // Invitations have gone; Dennis said yes by his link, Eileen maybe by phone, Mo no.
      const meetingId = await planMenuMeeting();
      await t.services.invitations.sendInvitations(asFay(), meetingId);
      await t.services.invitations.recordReply(org.organisationId, meetingId, ids.dennis!, 'yes', null, 'I will need the lift');
      await t.services.invitations.recordReply(org.organisationId, meetingId, ids.eileen!, 'maybe', ids.fay!, null);
      await t.services.invitations.recordReply(org.organisationId, meetingId, ids.mo!, 'no', null, null);
      assert.equal(await t.services.invitations.sendDueReminders(), 0);
      t.clock.now = new Date('2026-12-01T11:00:00Z');
      const [a, b] = await Promise.all([t.services.invitations.sendDueReminders(), t.services.invitations.sendDueReminders()]);
      // Five were invited; Mo said no. Nora could not be reached, so was never invited.
      assert.equal(a + b, 4);
      assert.equal(await t.services.invitations.sendDueReminders(), 0);
      const reminders = await t.database.db
        .selectFrom('outbox')
        .select(['person_id'])
        .where('kind', '=', 'reminder')
        .where('about_id', '=', meetingId)
        .execute();
      assert.deepEqual(reminders.map((r) => r.person_id).sort(), [ids.dennis, ids.eileen, ids.fay, ids.sue].sort());
    });

    test('attendance keeps real arrival and leaving times; a bad time keeps what was typed', async () => {
      const meetingId = await planMenuMeeting();
      t.clock.now = new Date('2026-12-03T13:00:00Z');
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/meetings/${meetingId}/attendance`);
      const bad = await fay.post(`/meetings/${meetingId}/attendance`, {
        [`status-${ids.sue}`]: 'present',
        [`arrived-${ids.sue}`]: '11am',
        [`left-${ids.sue}`]: '10am',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /The time they left must be after the time they arrived/);
      assert.match(bad.body, /value="11am"/);
      const res = await fay.post(`/meetings/${meetingId}/attendance`, {
        [`status-${ids.sue}`]: 'present',
        [`arrived-${ids.sue}`]: '10:45',
        [`left-${ids.sue}`]: '',
        [`status-${ids.dennis}`]: 'present',
        [`status-${ids.fay}`]: 'present',
        [`status-${ids.mo}`]: 'apologies',
        [`status-${ids.eileen}`]: 'absent',
      });
      assert.equal(res.statusCode, 303);
      const rows = new Map(
        (await t.database.db.selectFrom('meeting_attendance').selectAll().where('meeting_id', '=', meetingId).execute()).map((r) => [
          r.person_id,
          r,
        ]),
      );
      assert.equal(rows.get(ids.sue!)?.minutes_present, 105);
      assert.equal(rows.get(ids.sue!)?.arrived_at, '2026-12-03T10:45:00.000Z');
      assert.equal(rows.get(ids.dennis!)?.minutes_present, 120);
      assert.equal(rows.get(ids.mo!)?.minutes_present, null);
      assert.equal(rows.get(ids.eileen!)?.status, 'absent');
      const projectPage = await fay.get(`/projects/${projectId}`);
      assert.match(projectPage.body, /Who came, by perspective/);
      // Present: Sue (carer), Dennis (draws on care), Fay (staff): 1, 1, 0, 1, total 3.
      assert.match(projectPage.body.replace(/\s+/g, ' '), /Menu planning group.*?>1<.*?>1<.*?>0<.*?>1<.*?>3</);
    });

    test('notes, decisions and actions make a plain-English summary that goes to every member once', async () => {
      const meetingId = await planMenuMeeting();
      t.clock.now = new Date('2026-12-03T13:00:00Z'); // the meeting is over
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/meetings/${meetingId}/notes`);
      const early = await fay.post(`/meetings/${meetingId}/summary`);
      assert.equal(early.statusCode, 400);
      assert.match(early.body, /Write what you talked about before you send the summary/);
      assert.equal(
        (await fay.post(`/meetings/${meetingId}/notes`, { discussed: 'We tasted three soups.', summary: 'We chose soups for winter.' }))
          .statusCode,
        303,
      );
      await fay.get(`/meetings/${meetingId}/notes`);
      assert.equal((await fay.post(`/meetings/${meetingId}/decisions`, { text: 'Leek soup on Mondays' })).statusCode, 303);
      await fay.get(`/meetings/${meetingId}/notes`);
      const badAction = await fay.post(`/meetings/${meetingId}/actions`, {
        what: 'Tell the cook',
        ownerPersonId: ids.sue!,
        'dueOn-day': '40',
        'dueOn-month': '1',
        'dueOn-year': '2027',
      });
      assert.equal(badAction.statusCode, 400);
      assert.match(badAction.body, /value="Tell the cook"/);
      assert.equal(
        (
          await fay.post(`/meetings/${meetingId}/actions`, {
            what: 'Tell the cook',
            ownerPersonId: ids.sue!,
            'dueOn-day': '10',
            'dueOn-month': '1',
            'dueOn-year': '2027',
          })
        ).statusCode,
        303,
      );
      await fay.get(`/meetings/${meetingId}/notes`);
      assert.equal((await fay.post(`/meetings/${meetingId}/summary`)).statusCode, 303);
      await fay.get(`/meetings/${meetingId}/notes`);
      await fay.post(`/meetings/${meetingId}/summary`);
      const summaries = await t.database.db
        .selectFrom('outbox')
        .selectAll()
        .where('kind', '=', 'summary')
        .where('about_id', '=', meetingId)
        .execute();
      // Every project member who can be reached: Fay, Mo, Sue, Dennis, Eileen (not Nora).
      assert.equal(summaries.length, 5);
      const toMo = summaries.find((s) => s.person_id === ids.mo)!;
      assert.match(toMo.body_text, /We chose soups for winter/);
      assert.match(toMo.body_text, /Leek soup on Mondays/);
      assert.match(toMo.body_text, /Tell the cook \(Sue Carer\) by 10 January 2027/);
      const mo = await signedInClient(t, 'mo@example.com');
      assert.match((await mo.get(`/meetings/${meetingId}`)).body, /What we decided/);
      // Members cannot change the record.
      assert.equal((await mo.post(`/meetings/${meetingId}/notes`, { discussed: 'Hijack' })).statusCode, 403);
      assert.equal((await mo.post(`/meetings/${meetingId}/summary`)).statusCode, 403);
      // Progress on an action, and a decision taken back.
      const notes = await t.services.meetingRecords.notes(org.organisationId, meetingId);
      await fay.get(`/meetings/${meetingId}/notes`);
      assert.equal((await fay.post(`/meetings/${meetingId}/actions/${notes.actions[0]!.id}`, { status: 'done' })).statusCode, 303);
      assert.equal((await fay.post(`/meetings/${meetingId}/actions/${notes.actions[0]!.id}`, { status: 'finished-ish' })).statusCode, 404);
      await fay.post(`/meetings/${meetingId}/decisions`, { text: 'A decision made by mistake' });
      const mistaken = (await t.services.meetingRecords.notes(org.organisationId, meetingId)).decisions.find((d) =>
        d.text.startsWith('A decision made'),
      )!;
      await fay.get(`/meetings/${meetingId}/notes`);
      assert.equal((await fay.post(`/meetings/${meetingId}/decisions/${mistaken.id}/remove`)).statusCode, 303);
      const after = await t.services.meetingRecords.notes(org.organisationId, meetingId);
      assert.deepEqual(
        after.decisions.map((d) => d.text),
        ['Leek soup on Mondays'],
      );
      assert.equal(after.actions[0]!.status, 'done');
      const other = await signedInClient(t, 'admin@riverside.test');
      await other.get('/');
      assert.equal((await other.post(`/meetings/${meetingId}/decisions/${after.decisions[0]!.id}/remove`)).statusCode, 404);
    });

    test("a private calendar feed lists a person's meetings; a new link retires the old one", async () => {
      await planMenuMeeting(); // Mo is invited to it
      const mo = await signedInClient(t, 'mo@example.com');
      assert.doesNotMatch((await mo.get('/calendar')).body, /\/calendar\/[0-9a-f-]{36}\//);
      assert.equal((await mo.post('/calendar')).statusCode, 303);
      const url = /http:\/\/localhost:3000(\/calendar\/[^"<]+\.ics)/.exec((await mo.get('/calendar')).body)?.[1];
      assert.ok(url);
      const feed = await new Client(t.app).get(url);
      assert.equal(feed.statusCode, 200);
      const events = new ICAL.Component(ICAL.parse(feed.body)).getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
      assert.deepEqual(
        events.map((e) => e.summary),
        ['Menu planning group'],
      );
      await mo.post('/calendar');
      assert.equal((await new Client(t.app).get(url)).statusCode, 404);
      // Staff turn it on for Dennis, who never signs in; members cannot do it for others.
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/people/${ids.dennis}/calendar`);
      assert.equal((await fay.post(`/people/${ids.dennis}/calendar`)).statusCode, 303);
      const dennisUrl = new RegExp(`http://localhost:3000(/calendar/${ids.dennis}/[^"<]+\\.ics)`).exec(
        (await fay.get(`/people/${ids.dennis}/calendar`)).body,
      )?.[1];
      assert.ok(dennisUrl);
      assert.equal((await new Client(t.app).get(dennisUrl)).statusCode, 200);
      assert.equal((await mo.get(`/people/${ids.dennis}/calendar`)).statusCode, 404);
      assert.equal((await mo.post(`/people/${ids.dennis}/calendar`)).statusCode, 404);
      const other = await signedInClient(t, 'admin@riverside.test');
      assert.equal((await other.get(`/people/${ids.dennis}/calendar`)).statusCode, 404);
    });

    test('calendar downloads and the feed fold at 75 octets, not characters, and read back exactly', async () => {
      const title = 'Cyfarfod grŵp cinio – bwydlen y gaeaf: cawl cennin £2, côr ëëë, Siân a Zoë ŵŷ âêîôû';
      const welshVenue = await t.services.venues.create(org.organisationId, {
        name: 'Neuadd Goffa’r Pentref – ystafell £££ ŵŷ âêîôû ëëë',
        address: 'Heol y Frenhines\nLlanfair-ym-Muallt',
        runBy: null,
        features: [],
        notes: null,
      });
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/meetings/new?projectId=${projectId}`);
      const created = await fay.post(`/meetings/new?projectId=${projectId}`, { ...meetingForm, title, venueId: welshVenue });
      assert.equal(created.statusCode, 303);
      const meetingId = String(created.headers.location).split('/').pop()!;
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get('/calendar');
      assert.equal((await mo.post('/calendar')).statusCode, 303);
      const feedUrl = /http:\/\/localhost:3000(\/calendar\/[^"<]+\.ics)/.exec((await mo.get('/calendar')).body)?.[1];
      assert.ok(feedUrl, 'Mo has a calendar feed');
      const token = replyToken(testSessionSecret, { meetingId, personId: ids.mo!, expiresAt: '2026-12-03T12:30:00.000Z' });
      const files = {
        staff: await fay.get(`/meetings/${meetingId}/meeting.ics`),
        reply: await new Client(t.app).get(`/reply/${token}/meeting.ics`),
        feed: await new Client(t.app).get(feedUrl),
      };
      for (const [label, res] of Object.entries(files)) {
        assert.equal(res.statusCode, 200, label);
        assertFoldedByOctets(res.body, label);
        const vevent = new ICAL.Component(ICAL.parse(res.body)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
        const event = vevent.find((e) => e.summary === title);
        assert.ok(event, `${label} has the meeting, its title whole`);
        assert.equal(event.location, 'Neuadd Goffa’r Pentref – ystafell £££ ŵŷ âêîôû ëëë, Heol y Frenhines, Llanfair-ym-Muallt');
      }
    });

    test('a members-only meeting invites only people who draw on care and support and carers, and warns if staff are added', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/meetings/new?projectId=${projectId}`);
      const res = await fay.post(`/meetings/new?projectId=${projectId}`, {
        ...meetingForm,
        title: 'Our own priorities',
        format: 'online',
        joiningDetails: 'Video link sent by text',
        membersOnly: 'yes',
      });
      assert.equal(res.statusCode, 303);
      const id = String(res.headers.location).split('/').pop()!;
      const invited = (await t.services.meetings.invitees(org.organisationId, id)).map((i) => i.personId).sort();
      assert.deepEqual(invited, [ids.mo, ids.sue, ids.dennis, ids.eileen].sort());
      // Online: the venue-based needs do not apply, the easy read papers still do.
      const page = await fay.get(`/meetings/${id}`);
      assert.doesNotMatch(page.body, /Needs a step-free way in/);
      assert.match(page.body, /Needs easy read papers/);
      await fay.get(`/meetings/${id}/invitees`);
      await fay.post(`/meetings/${id}/invitees`, { personIds: [...invited, ids.fay!] });
      assert.match((await fay.get(`/meetings/${id}`)).body, /but Fay Facilitator is invited too/);
      // Someone outside the project cannot be invited.
      await fay.get(`/meetings/${id}/invitees`);
      await fay.post(`/meetings/${id}/invitees`, { personIds: [ids.len!] });
      assert.deepEqual(
        (await t.services.meetings.invitees(org.organisationId, id)).map((i) => i.personId),
        [],
      );
      assert.match((await fay.get(`/meetings/${id}`)).body, /Nobody is invited yet/);
    });

    test('cancelling a meeting shows on its page and on the project page', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/meetings/new?projectId=${projectId}`);
      const res = await fay.post(`/meetings/new?projectId=${projectId}`, { ...meetingForm, title: 'Spare meeting', 'date-day': '10' });
      const id = String(res.headers.location).split('/').pop()!;
      await fay.get(`/meetings/${id}`);
      assert.equal((await fay.post(`/meetings/${id}/cancel`)).statusCode, 303);
      assert.match((await fay.get(`/meetings/${id}`)).body, /Cancelled/);
      assert.match(
        (await fay.get(`/projects/${projectId}`)).body,
        /Spare meeting<\/a>: 10 December 2026, 10:30am to 12:30pm \(cancelled\)/,
      );
    });

    test('S4: moving a meeting tells everyone invited, once per change; cancelling tells them and clears their calendars', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/meetings/new?projectId=${projectId}`);
      const created = await fay.post(`/meetings/new?projectId=${projectId}`, { ...meetingForm, title: 'Soup follow-up', 'date-day': '17' });
      const id = String(created.headers.location).split('/').pop()!;
      await fay.get(`/meetings/${id}`);
      await fay.post(`/meetings/${id}/invitations`);
      const form = await fay.get(`/meetings/${id}/edit`);
      assert.match(form.body, /name="tellPeople" type="checkbox" value="yes" checked/);
      // A change of wording only tells nobody.
      await fay.post(`/meetings/${id}/edit`, { ...meetingForm, title: 'Soup follow-up meeting', 'date-day': '17', tellPeople: 'yes' });
      const kinds = async () =>
        await t.database.db
          .selectFrom('outbox')
          .select(['kind', 'person_id', 'channel', 'attachments'])
          .where('about_id', '=', id)
          .execute();
      assert.equal((await kinds()).filter((m) => m.kind === 'change').length, 0);
      await fay.get(`/meetings/${id}/edit`);
      const moved = await fay.post(`/meetings/${id}/edit`, {
        ...meetingForm,
        title: 'Soup follow-up meeting',
        'date-day': '18',
        startTime: '2pm',
        endTime: '3pm',
        tellPeople: 'yes',
      });
      assert.equal(moved.statusCode, 303);
      const changes = (await kinds()).filter((m) => m.kind === 'change');
      assert.equal(changes.length, 5);
      const toMo = changes.find((m) => m.person_id === ids.mo)!;
      const ics = JSON.parse(toMo.attachments)[0].content as string;
      assert.equal(
        new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!).startDate.toJSDate().toISOString(),
        '2026-12-18T14:00:00.000Z',
      );
      await fay.get(`/meetings/${id}`);
      assert.equal((await fay.post(`/meetings/${id}/cancel`)).statusCode, 303);
      const cancellations = (await kinds()).filter((m) => m.kind === 'cancellation');
      assert.equal(cancellations.length, 5);
      const cancelIcs = JSON.parse(cancellations.find((m) => m.person_id === ids.mo)!.attachments)[0].content as string;
      assert.match(cancelIcs, /METHOD:CANCEL/);
      assert.deepEqual(attendeesOf(cancelIcs), [{ address: 'mailto:mo@example.com', name: 'Mo Member', rsvp: 'FALSE' }]);
      assert.deepEqual(attendeesOf(ics), [{ address: 'mailto:mo@example.com', name: 'Mo Member', rsvp: 'FALSE' }]);
      assert.equal(cancellations.find((m) => m.person_id === ids.eileen)!.channel, 'phone');
    });

    test('a form without its CSRF token changes nothing', async () => {
      const meetingId = await planMenuMeeting();
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/meetings/${meetingId}`);
      assert.equal((await fay.post(`/meetings/${meetingId}/cancel`, {}, { csrf: null })).statusCode, 403);
      const row = await t.database.db.selectFrom('meetings').select('cancelled_at').where('id', '=', meetingId).executeTakeFirstOrThrow();
      assert.equal(row.cancelled_at, null);
    });
  });
}
