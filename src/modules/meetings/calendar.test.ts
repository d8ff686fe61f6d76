import assert from 'node:assert/strict';
import { test } from 'node:test';
import ICAL from 'ical.js';
import { calendarFeed, meetingInvite, sequenceOf, type CalendarMeeting } from './calendar.ts';
import { unfoldLines } from './calendar-lines.ts';

const meeting: CalendarMeeting = {
  id: '6f1c2d7e-0000-4000-8000-000000000001',
  title: 'Transport group: plans, costs; next steps',
  description: 'Bring your ideas.\nTea and biscuits provided. '.repeat(4),
  startsAt: '2026-11-30T14:00:00.000Z',
  endsAt: '2026-11-30T16:00:00.000Z',
  location: 'Riverside Hall, 1 Mill Lane, Northshire',
  url: 'http://localhost:3000/m/6f1c2d7e',
  cancelled: false,
  updatedAt: '2026-11-23T10:00:00.000Z',
};

/** Reads a calendar file with ical.js, a parser written independently of the one that made it. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const e = new ICAL.Event(vevent);
    return {
      uid: e.uid,
      summary: e.summary,
      description: e.description,
      location: e.location,
      start: e.startDate.toJSDate().toISOString(),
      end: e.endDate.toJSDate().toISOString(),
      startIsUtc: e.startDate.zone?.tzid === 'UTC',
      url: vevent.getFirstPropertyValue('url'),
      status: vevent.getFirstPropertyValue('status'),
      sequence: vevent.getFirstPropertyValue('sequence'),
      organiser: vevent.getFirstPropertyValue('organizer'),
      organiserName: vevent.getFirstProperty('organizer')?.getParameter('cn'),
      attendees: vevent.getAllProperties('attendee').map((p) => ({
        address: String(p.getFirstValue()),
        name: p.getParameter('cn'),
        rsvp: p.getParameter('rsvp'),
      })),
    };
  });
  return { method: calendar.getFirstPropertyValue('method'), name: calendar.getFirstPropertyValue('x-wr-calname'), events };
}

const org = { name: 'Org', email: 'a@example.org' };
const sam = { name: 'Sam Smith', email: 'sam@example.com' };

test('an invitation is one event a calendar program can read back exactly', () => {
  const file = parse(meetingInvite(meeting, { name: 'Northshire Carers', email: 'no-reply@northshire.test' }, sam));
  assert.equal(file.method, 'REQUEST');
  assert.equal(file.events.length, 1);
  const e = file.events[0]!;
  assert.equal(e.uid, `${meeting.id}@coproduce`);
  assert.equal(e.summary, meeting.title);
  assert.equal(e.description, meeting.description);
  assert.equal(e.location, meeting.location);
  assert.equal(e.url, meeting.url);
  assert.equal(e.status, 'CONFIRMED');
  assert.equal(e.start, meeting.startsAt);
  assert.equal(e.end, meeting.endsAt);
  assert.ok(e.startIsUtc);
  assert.equal(String(e.organiser).toLowerCase(), 'mailto:no-reply@northshire.test');
});

test('a meeting across the October clock change keeps its real start and end', () => {
  // 1:30am BST to 2:30am GMT on 25 October 2026: two hours, though the clock moves one.
  const night = { ...meeting, startsAt: '2026-10-25T00:30:00.000Z', endsAt: '2026-10-25T02:30:00.000Z' };
  const e = parse(meetingInvite(night, org, sam)).events[0]!;
  assert.equal(e.start, night.startsAt);
  assert.equal(e.end, night.endsAt);
});

test('a change replaces the old event: same UID, higher sequence', () => {
  const first = parse(meetingInvite(meeting, org, sam)).events[0]!;
  const moved = {
    ...meeting,
    startsAt: '2026-12-01T14:00:00.000Z',
    endsAt: '2026-12-01T15:00:00.000Z',
    updatedAt: '2026-11-24T09:00:00.000Z',
  };
  const second = parse(meetingInvite(moved, org, sam)).events[0]!;
  assert.equal(second.uid, first.uid);
  assert.ok(Number(second.sequence) > Number(first.sequence));
  assert.equal(sequenceOf('2026-01-01T00:01:00Z'), 60);
});

test('a cancelled meeting is sent as a cancellation', () => {
  const file = parse(meetingInvite({ ...meeting, cancelled: true }, org, sam));
  assert.equal(file.method, 'CANCEL');
  assert.equal(file.events[0]!.status, 'CANCELLED');
});

test('a meeting with no place has no location', () => {
  const e = parse(meetingInvite({ ...meeting, location: null }, org, sam)).events[0]!;
  assert.equal(e.location, null);
});

test('a feed publishes each meeting as its own event, under the calendar name', () => {
  const other = { ...meeting, id: '6f1c2d7e-0000-4000-8000-000000000002', title: 'Easy read review', location: null, cancelled: true };
  const feed = parse(calendarFeed('Sam’s meetings', [meeting, other]));
  assert.equal(feed.method, 'PUBLISH');
  assert.equal(feed.name, 'Sam’s meetings');
  assert.equal(feed.events.length, 2);
  assert.deepEqual(
    feed.events.map((e) => e.uid),
    [`${meeting.id}@coproduce`, `${other.id}@coproduce`],
  );
  assert.deepEqual(
    feed.events.map((e) => e.status),
    ['CONFIRMED', 'CANCELLED'],
  );
  assert.equal(parse(calendarFeed('Empty', [])).events.length, 0);
});

test('RFC 5546: a request and a cancellation name the organiser and the one person they are for', () => {
  const organiser = { name: 'Northshire Carers', email: 'no-reply@northshire.test' };
  const request = meetingInvite(meeting, organiser, sam);
  const cancelled = { ...meeting, cancelled: true, updatedAt: '2026-11-25T09:00:00.000Z' };
  const cancel = meetingInvite(cancelled, organiser, sam);
  for (const text of [request, cancel]) {
    assert.match(unfoldLines(text), /^ATTENDEE;RSVP=FALSE;CN="Sam Smith":mailto:sam@example\.com\r$/m);
    const e = parse(text).events[0]!;
    assert.deepEqual(e.attendees, [{ address: 'mailto:sam@example.com', name: 'Sam Smith', rsvp: 'FALSE' }]);
    assert.equal(e.organiserName, 'Northshire Carers');
    assert.equal(String(e.organiser).toLowerCase(), 'mailto:no-reply@northshire.test');
  }
  // The cancellation replaces the invitation: same UID, higher sequence.
  const [sent, taken] = [parse(request).events[0]!, parse(cancel).events[0]!];
  assert.equal(taken.uid, sent.uid);
  assert.ok(Number(taken.sequence) > Number(sent.sequence), 'the cancellation has a higher sequence');
});

test('names with quotes, commas, semicolons and carets are read back exactly', () => {
  const organiser = { name: 'Friends of "The Mill", Northby; CIC', email: 'no-reply@mill.test' };
  const person = { name: 'Siân "Sia" O’Neil ^_^', email: 'sian@example.com' };
  const e = parse(meetingInvite(meeting, organiser, person)).events[0]!;
  assert.equal(e.organiserName, organiser.name);
  assert.deepEqual(e.attendees, [{ address: 'mailto:sian@example.com', name: person.name, rsvp: 'FALSE' }]);
});

test('RFC 5545: every line is at most 75 octets, however many £, ë or ŵ, and reads back exactly', () => {
  const welsh: CalendarMeeting = {
    ...meeting,
    title: 'Grŵp trafnidiaeth – £5 y pen – côr ëëë – cynllunio’r llwybrau newydd ŵŷ âêîôû 🚌 '.repeat(3).trim(),
    description: 'Dewch â’ch syniadau. Te a bisgedi am ddim (£0). Zoë a Siân fydd yn cadeirio.\n'.repeat(3),
    location: 'Neuadd y Dref, Heol y Frenhines, Llanfair-ym-Muallt; mynediad heb risiau, parcio £2 €3 ',
  };
  const files = {
    invite: meetingInvite(
      welsh,
      { name: 'Gofalwyr Sir y Gogledd – £££', email: 'no-reply@example.org' },
      { name: 'Zoë Ŵŷ', email: 'z@example.org' },
    ),
    cancel: meetingInvite({ ...welsh, cancelled: true }, org, sam),
    feed: calendarFeed('Cyfarfodydd Siân – ŵŷ âêîôû £££ ëëë ŵŷ âêîôû £££ ëëë ŵŷ âêîôû £££ ëëë', [welsh, meeting]),
  };
  for (const [name, text] of Object.entries(files)) {
    const lines = text.split('\r\n');
    assert.equal(lines.pop(), '', `${name} ends with CRLF`);
    for (const line of lines) {
      assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `${name}: ${Buffer.byteLength(line, 'utf8')} octets in ${line}`);
      assert.equal(Buffer.from(line, 'utf8').toString('utf8'), line, `${name}: a character split in ${line}`);
      assert.doesNotMatch(line, /^\t/, `${name}: folds with one space`);
    }
    assert.ok(
      lines.some((l) => l.startsWith(' ')),
      `${name} has folded lines`,
    );
    // Unfolding gives the whole lines back, and a calendar reads every character.
    assert.ok(unfoldLines(text).includes(`\r\nSUMMARY:${welsh.title}\r\n`), name);
    const e = parse(text).events[0]!;
    assert.equal(e.summary, welsh.title);
    assert.equal(e.description, welsh.description);
    assert.equal(e.location, welsh.location);
  }
  assert.equal(parse(files.feed).name, 'Cyfarfodydd Siân – ŵŷ âêîôû £££ ëëë ŵŷ âêîôû £££ ëëë ŵŷ âêîôû £££ ëëë');
  assert.equal(parse(files.invite).events[0]!.organiserName, 'Gofalwyr Sir y Gogledd – £££');
  assert.equal(parse(files.invite).events[0]!.attendees[0]!.name, 'Zoë Ŵŷ');
});
