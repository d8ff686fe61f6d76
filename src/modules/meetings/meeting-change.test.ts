import assert from 'node:assert/strict';
import { test } from 'node:test';
import { movesPeople } from './meeting-change.ts';
import type { MeetingInput } from './service.ts';

type WhenAndWhere = Parameters<typeof movesPeople>[0];
const meeting: WhenAndWhere = {
  startsAt: '2026-12-01T10:30:00.000Z',
  endsAt: '2026-12-01T12:30:00.000Z',
  format: 'in-person',
  venueId: '0b9e5c1e-8f6a-4d2b-9c3e-6a7b8c9d0e1f',
  joiningDetails: null,
};

const cases: Array<[string, Partial<MeetingInput>, boolean]> = [
  ['nothing changed', {}, false],
  ['a later start', { startsAt: '2026-12-01T11:00:00.000Z' }, true],
  ['a later end', { endsAt: '2026-12-01T13:00:00.000Z' }, true],
  ['online instead of in person', { format: 'online' }, true],
  ['another place', { venueId: null }, true],
  ['new joining details', { joiningDetails: 'Call 01632 960000' }, true],
];
for (const [name, change, tell] of cases) {
  test(`people are told when: ${name} (${tell ? 'yes' : 'no'})`, () => assert.equal(movesPeople(meeting, { ...meeting, ...change }), tell));
}
