import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { londonToUtc } from '../../src/modules/meetings/meeting-time.ts';
import { browserMissing, expectAccessible, browserClock } from './harness.ts';
import { browserWorld, signedInPage, signIn } from './world.ts';

/** A date about ten days ahead, in the boxes a person types it into. */
function soon(days = 10) {
  const d = new Date(browserClock().getTime() + days * 86_400_000);
  return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()) };
}

/** That day at a London wall time, as the meeting form stores it. */
function soonAt(time: string) {
  const { day, month, year } = soon();
  const utc = londonToUtc(`${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`, time);
  if (!utc.ok) throw new Error(`no such time ${time}`);
  return utc.iso;
}

describe('journey: a meeting everyone can get to (P1, P2, S4)', { skip: browserMissing }, () => {
  const world = browserWorld();
  let projectId: string;
  let people: { grace: string; dennis: string; amira: string };
  let northbyHall: string;
  beforeEach(async () => {
    const { services, staff, organisationId } = world;
    const grace = await world.person(
      { fullName: 'Grace Okafor', perspectives: ['draws-on-care'], contactOrder: ['email'] },
      { email: 'grace@example.org' },
    );
    const dennis = await world.person({
      fullName: 'Dennis Whitfield',
      perspectives: ['draws-on-care'],
      landline: '01632 960001',
      contactOrder: ['phone'],
    });
    const amira = await world.person({ fullName: 'Amira Hassan', perspectives: ['carer'], mobile: '07700 900222', contactOrder: ['text'] });
    await services.accessNeeds.save({ ...staff, role: 'admin' }, grace, true, {
      formats: ['easy-read'],
      interpreterLanguage: null,
      physical: ['step-free'],
      support: [],
      dietary: null,
      other: null,
    });
    await services.accessNeeds.save({ ...staff, role: 'admin' }, dennis, true, {
      formats: ['large-print'],
      interpreterLanguage: null,
      physical: [],
      support: [],
      dietary: null,
      other: null,
    });
    projectId = await services.projects.create(staff, {
      title: 'Better day centre lunches',
      purpose: 'Choose food together.',
      activities: ['co-design'],
      levelAim: 'intermediate',
      stage: 'designing',
      startDate: '2026-01-05',
    });
    for (const p of [grace, dennis, amira, world.adminPersonId])
      await services.projects.addMember(staff, projectId, p, 'member', '2026-01-05');
    people = { grace, dennis, amira };
    northbyHall = await services.venues.create(organisationId, {
      name: 'Northby Hall',
      address: '1 High Street, Northby',
      runBy: null,
      features: ['accessible-toilet'],
      notes: null,
    });
    await services.venues.create(organisationId, {
      name: 'Riverside Centre',
      address: '2 River Road, Northby',
      runBy: 'Riverside Trust',
      features: ['step-free', 'accessible-toilet', 'hearing-loop'],
      notes: null,
    });
  });

  /**
   * "Menu tasting" as the first test leaves it, so later tests do not depend on it having run:
   * its gaps closed or accepted, its agenda added, invitations sent, and Dennis's and Amira's
   * replies in.
   */
  async function plannedMeeting(): Promise<string> {
    const { services, staff, organisationId } = world;
    const meetingId = await services.meetings.create(staff, projectId, {
      title: 'Menu tasting',
      purpose: 'Taste three soups and choose two.',
      startsAt: soonAt('10:30'),
      endsAt: soonAt('12:30'),
      format: 'in-person',
      venueId: northbyHall,
      joiningDetails: null,
      membersOnly: false,
      arrangements: ['easy-read-papers', 'large-print-papers', 'spoken-interpreter'],
      interpreterLanguages: ['Somali'],
    });
    await services.meetings.acceptGap(
      staff,
      meetingId,
      people.grace,
      'physical:step-free',
      'Grace will join by video this time. She agreed.',
    );
    const upload = await services.papers.checkUpload({
      data: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
      fileName: 'agenda.pdf',
    });
    if (!upload.ok) throw new Error(upload.error);
    const admin = { ...staff, accountId: '', organisationName: '', role: 'admin' as const, name: 'Ada Admin' };
    await services.papers.add(admin, meetingId, { title: 'Agenda', format: 'standard' }, upload.upload);
    await services.invitations.sendInvitations(staff, meetingId);
    await services.invitations.recordReply(organisationId, meetingId, people.dennis, 'yes', world.adminPersonId, null);
    await services.invitations.recordReply(organisationId, meetingId, people.amira, 'maybe', null, null);
    return meetingId;
  }

  test('staff plan a meeting, close and accept access gaps, invite, and people reply by link without signing in', async () => {
    const { context, page } = await signedInPage(world, 'ada@northshire.test', 'Ada Admin', { open: `/projects/${projectId}` });
    await page.getByRole('button', { name: 'Plan a meeting' }).click();
    await page.getByRole('heading', { name: 'Plan a meeting', level: 1 }).waitFor();
    await expectAccessible(page, 'plan a meeting');
    await page.getByLabel('Name of the meeting').fill('Menu tasting');
    await page.getByRole('button', { name: 'Save meeting' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'plan a meeting with errors');
    assert.equal(await page.getByLabel('Name of the meeting').inputValue(), 'Menu tasting');
    const date = soon();
    await page.getByLabel('What it is for').fill('Taste three soups and choose two.');
    await page.getByLabel('Day').fill(date.day);
    await page.getByLabel('Month').fill(date.month);
    await page.getByLabel('Year').fill(date.year);
    await page.getByLabel('Start time').fill('10:30am');
    await page.getByLabel('End time').fill('12:30pm');
    await page.getByLabel('Venue', { exact: true }).selectOption({ label: 'Northby Hall' });
    await page.getByLabel('No', { exact: true }).check();
    await page.getByRole('button', { name: 'Save meeting' }).click();
    await page.getByRole('heading', { name: 'Menu tasting', level: 1 }).waitFor();
    await page.getByText('Not ready: 3 gaps').waitFor();
    await page.getByText('Needs a step-free way in').first().waitFor();
    await expectAccessible(page, 'meeting with gaps');

    // Close two gaps by arranging papers, and a third by choosing a better venue.
    await page.getByRole('link', { name: 'Change the meeting' }).click();
    await page.getByLabel('Easy read papers').check();
    await page.getByLabel('Large print papers').check();
    await page.getByLabel('Spoken language interpreter').check();
    await page.getByLabel('Languages the interpreters speak').fill('Somali');
    await expectAccessible(page, 'change meeting');
    await page.getByRole('button', { name: 'Save meeting' }).click();
    await page.getByText('Not ready: 1 gap').waitFor();

    await page.getByRole('link', { name: 'Accept this gap Grace Okafor: Needs a step-free way in' }).click();
    await expectAccessible(page, 'accept a gap');
    await page.getByRole('button', { name: 'Accept this gap' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'accept a gap with errors');
    await page.getByLabel('Why are you accepting this gap?').fill('Grace will join by video this time. She agreed.');
    await page.getByRole('button', { name: 'Accept this gap' }).click();
    await page.getByText('Ready', { exact: true }).waitFor();
    await page.getByText('Grace will join by video this time. She agreed.').waitFor();
    await expectAccessible(page, 'meeting ready');

    // P2: papers in the formats people need; the meeting page says who still lacks one.
    await page.getByRole('link', { name: 'Add or change papers' }).click();
    await expectAccessible(page, 'papers');
    await page.getByLabel('Name of the paper').fill('Agenda');
    await page.getByRole('group', { name: 'Which version is this?' }).getByLabel('Standard').first().check();
    await page.getByLabel('Choose the file').setInputFiles({
      name: 'agenda.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    });
    await page.getByRole('button', { name: 'Add paper' }).click();
    await page.getByText('The paper is added').waitFor();
    await expectAccessible(page, 'papers with one paper');
    await page.goto(page.url().replace(/\/papers.*$/, ''));
    await page.getByText(/Dennis Whitfield needs large print: Agenda/).waitFor();

    await page.getByRole('link', { name: 'Change who is invited' }).click();
    await expectAccessible(page, 'who is invited');
    await page.getByRole('button', { name: 'Save who is invited' }).click();
    await page.getByRole('button', { name: 'Send 4 invitations' }).click();
    await page.getByText('4 invitations are on their way').waitFor();
    await expectAccessible(page, 'invitations sent');
    await page.getByRole('link', { name: /Call list: 1 person to call/ }).click();
    await page.getByRole('heading', { name: 'Dennis Whitfield' }).waitFor();
    await expectAccessible(page, 'call list');
    await page.getByRole('link', { name: 'Record their reply Dennis Whitfield' }).click();
    await page.getByLabel('Yes, I can come').check();
    await expectAccessible(page, 'record a reply');
    await page.getByRole('button', { name: 'Save their reply' }).click();
    await page.getByText('taken by Ada Admin').waitFor();

    // The text message to Amira carries her reply link; she has no account.
    const text = await world.db
      .selectFrom('outbox')
      .select(['body_text', 'channel'])
      .where('channel', '=', 'text')
      .executeTakeFirstOrThrow();
    const link = /http:\/\/[^\s]+\/reply\/[^\s]+/.exec(text.body_text)![0];
    const visitor = await (await world.context()).newPage();
    await visitor.goto(new URL(link).pathname);
    await visitor.getByRole('heading', { name: 'Hello Amira Hassan' }).waitFor();
    await expectAccessible(visitor, 'reply by link');
    await visitor.getByLabel('I am not sure yet').check();
    await visitor.getByRole('button', { name: 'Send my reply' }).click();
    await visitor.getByText('Thank you. Tell us when you know.').waitFor();
    await expectAccessible(visitor, 'reply by link, sent');

    await page.reload();
    await page.getByRole('cell', { name: 'Maybe' }).waitFor();
    await context.close();
  });

  test('after the meeting: attendance, notes, decisions, actions and the summary for everyone', async () => {
    await plannedMeeting();
    const { context, page } = await signedInPage(world, 'ada@northshire.test', 'Ada Admin', { open: `/projects/${projectId}` });
    await page.getByRole('link', { name: 'Menu tasting' }).click();
    await page.getByRole('link', { name: 'Take attendance' }).click();
    await expectAccessible(page, 'attendance');
    const dennis = page.getByRole('group', { name: 'Dennis Whitfield' });
    await dennis.getByLabel('Came', { exact: true }).check();
    await page.getByLabel('Time Dennis Whitfield arrived').fill('11am');
    await page.getByRole('group', { name: 'Grace Okafor' }).getByLabel('Said sorry, could not come').check();
    await page.getByRole('group', { name: 'Amira Hassan' }).getByLabel('Came', { exact: true }).check();
    await page.getByLabel('Time Amira Hassan left').fill('10am');
    await page.getByRole('button', { name: 'Save attendance' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'attendance with errors');
    await page.getByLabel('Time Amira Hassan left').fill('');
    await page.getByRole('button', { name: 'Save attendance' }).click();
    await page.getByText('Attendance is saved').waitFor();

    await page.getByRole('link', { name: 'Notes, decisions and actions' }).click();
    await expectAccessible(page, 'notes');
    await page.getByLabel('What we talked about').fill('We tasted leek, tomato and lentil soup.');
    await page.getByLabel('Short summary for everyone').fill('We liked leek and lentil soup best.');
    await page.getByRole('button', { name: 'Save notes' }).click();
    await page.getByLabel('A decision').fill('Leek soup on Mondays, lentil on Thursdays');
    await page.getByRole('button', { name: 'Add decision' }).click();
    await page.getByText('Leek soup on Mondays, lentil on Thursdays').waitFor();
    await page.getByLabel('What will happen').fill('Tell the cook');
    await page.getByLabel('Who will do it').selectOption({ label: 'Amira Hassan' });
    await page.getByRole('button', { name: 'Add action' }).click();
    await page.getByRole('cell', { name: 'Tell the cook', exact: true }).waitFor();
    await expectAccessible(page, 'notes with decisions and actions');
    await page.getByRole('button', { name: 'Send the summary to everyone' }).click();
    await page.getByText('The summary is on its way to 4 people').waitFor();
    await context.close();

    const { page: member } = await signedInPage(world, 'grace@example.org', 'Grace Okafor', { open: `/projects/${projectId}` });
    await member.getByRole('link', { name: 'Menu tasting' }).click();
    await member.getByRole('heading', { name: 'What we decided' }).waitFor();
    await member.getByText('Leek soup on Mondays, lentil on Thursdays').waitFor();
    await expectAccessible(member, 'meeting as member');
    await member.goto('/');
    await member.getByRole('heading', { name: 'Your next meetings' }).waitFor();
    await expectAccessible(member, 'home with meetings');
    await member.goto('/calendar');
    await expectAccessible(member, 'calendar');
    await member.getByRole('button', { name: 'Get my calendar link' }).click();
    await member.getByText('Your private calendar link:').waitFor();
    await expectAccessible(member, 'calendar link');
  });

  test('the project page shows past meetings and who came by perspective, accessibly', async () => {
    const { services, staff, organisationId } = world;
    const past = await services.meetings.create(staff, projectId, {
      title: 'Kick-off',
      purpose: 'Meet each other.',
      startsAt: '2026-02-02T10:00:00.000Z',
      endsAt: '2026-02-02T12:00:00.000Z',
      format: 'in-person',
      venueId: null,
      joiningDetails: null,
      membersOnly: false,
      arrangements: [],
      interpreterLanguages: [],
    });
    const invited = await services.meetings.invitees(organisationId, past);
    await services.meetingRecords.saveAttendance(
      staff,
      past,
      invited.map((i) => ({
        personId: i.personId,
        status: 'present' as const,
        arrivedAt: '2026-02-02T10:00:00.000Z',
        leftAt: '2026-02-02T12:00:00.000Z',
      })),
    );
    const { context, page } = await signedInPage(world, 'ada@northshire.test', 'Ada Admin', { open: `/projects/${projectId}` });
    await page.getByRole('table', { name: 'Who came, by perspective' }).waitFor();
    await expectAccessible(page, 'project with past meetings');
    await context.close();
  });

  test('with JavaScript off, a person replies by link and staff take attendance', async () => {
    // The register as "after the meeting" leaves it: the statuses checked at the end include it.
    const planned = await plannedMeeting();
    await world.services.meetingRecords.saveAttendance(world.staff, planned, [
      { personId: people.dennis, status: 'present', arrivedAt: soonAt('11:00'), leftAt: soonAt('12:30') },
      { personId: people.grace, status: 'apologies', arrivedAt: null, leftAt: null },
      { personId: people.amira, status: 'present', arrivedAt: soonAt('10:30'), leftAt: soonAt('12:30') },
    ]);
    const meeting = await world.db.selectFrom('meetings').select('id').where('title', '=', 'Menu tasting').executeTakeFirstOrThrow();
    const email = await world.db
      .selectFrom('outbox')
      .select('body_text')
      .where('recipient', '=', 'grace@example.org')
      .where('kind', '=', 'invitation')
      .executeTakeFirstOrThrow();
    const link = new URL(/http:\/\/[^\s]+\/reply\/[^\s]+/.exec(email.body_text)![0]).pathname;
    const context = await world.context({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(link);
    await page.getByRole('heading', { name: 'Hello Grace Okafor' }).waitFor();
    await page.getByLabel('No, I cannot come').check();
    await page.getByLabel('Anything you want to tell us (optional)').fill('I have a hospital appointment');
    await page.getByRole('button', { name: 'Send my reply' }).click();
    await page.getByText('You said you cannot come.').waitFor();

    await signIn(page, 'ada@northshire.test', 'Ada Admin');
    await page.goto(`/meetings/${meeting.id}/attendance`);
    await page.getByRole('group', { name: 'Grace Okafor' }).getByLabel('Did not come').check();
    await page.getByRole('button', { name: 'Save attendance' }).click();
    await page.getByText('Attendance is saved').waitFor();
    // A link that has been changed gets a plain page, not an error.
    await page.goto(`${link.slice(0, -4)}AAAA`);
    await page.getByRole('heading', { name: 'This link does not work' }).waitFor();
    const saved = await world.db.selectFrom('meeting_attendance').select(['status']).where('meeting_id', '=', meeting.id).execute();
    assert.deepEqual(saved.map((r) => r.status).sort(), ['absent', 'present', 'present']);
    await context.close();
  });
});
