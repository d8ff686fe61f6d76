import assert from 'node:assert/strict';
import { test } from 'node:test';
import ICAL from 'ical.js';
import { calendarFeed, meetingInvite, sequenceOf, type CalendarMeeting } from './calendar.ts';

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
    };
  });
  return { method: calendar.getFirstPropertyValue('method'), name: calendar.getFirstPropertyValue('x-wr-calname'), events };
}

test('an invitation is one event a calendar program can read back exactly', () => {
  const file = parse(meetingInvite(meeting, { name: 'Northshire Carers', email: 'no-reply@northshire.test' }));
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
  const e = parse(meetingInvite(night, { name: 'Org', email: 'a@example.org' })).events[0]!;
  assert.equal(e.start, night.startsAt);
  assert.equal(e.end, night.endsAt);
});

test('a change replaces the old event: same UID, higher sequence', () => {
  const first = parse(meetingInvite(meeting, { name: 'Org', email: 'a@example.org' })).events[0]!;
  const moved = {
    ...meeting,
    startsAt: '2026-12-01T14:00:00.000Z',
    endsAt: '2026-12-01T15:00:00.000Z',
    updatedAt: '2026-11-24T09:00:00.000Z',
  };
  const second = parse(meetingInvite(moved, { name: 'Org', email: 'a@example.org' })).events[0]!;
  assert.equal(second.uid, first.uid);
  assert.ok(Number(second.sequence) > Number(first.sequence));
  assert.equal(sequenceOf('2026-01-01T00:01:00Z'), 60);
});

test('a cancelled meeting is sent as a cancellation', () => {
  const file = parse(meetingInvite({ ...meeting, cancelled: true }, { name: 'Org', email: 'a@example.org' }));
  assert.equal(file.method, 'CANCEL');
  assert.equal(file.events[0]!.status, 'CANCELLED');
});

test('a meeting with no place has no location', () => {
  const e = parse(meetingInvite({ ...meeting, location: null }, { name: 'Org', email: 'a@example.org' })).events[0]!;
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
