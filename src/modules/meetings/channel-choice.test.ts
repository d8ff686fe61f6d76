import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { contactChannels, type ContactChannel } from '../people/vocabulary.ts';
import { chooseChannel, usableChannels, type ChannelChoice, type Reachable } from './channel-choice.ts';

const sorted = (s: ReadonlySet<ContactChannel>) => [...s].sort();

describe('S4 communication: usable channels per delivery set-up', () => {
  test('local keeps all five for demos', () => assert.deepEqual(sorted(usableChannels('local')), [...contactChannels].sort()));
  test('notify can use all five', () => assert.deepEqual(sorted(usableChannels('notify')), [...contactChannels].sort()));
  test('smtp cannot send text messages', () => assert.deepEqual(sorted(usableChannels('smtp')), ['email', 'in-person', 'letter', 'phone']));
  test('smtp with a text provider beside it can', () =>
    assert.deepEqual(sorted(usableChannels('smtp', true)), [...contactChannels].sort()));
});

const nobody: Reachable = { contactOrder: [], email: null, mobile: null, landline: null, address: null, optedOut: [] };
const all = usableChannels('notify');
const smtp = usableChannels('smtp');
const reach = (r: Partial<Reachable>) => ({ ...nobody, ...r });
const full = { email: 'ada@example.org', mobile: '07700900123', landline: '01632960123', address: '1 High Street, Leeds' };

describe('S4 communication: choosing how to reach each person', () => {
  const cases: Array<[string, Partial<Reachable>, ReadonlySet<ContactChannel>, ChannelChoice]> = [
    [
      'first preference works',
      { ...full, contactOrder: ['letter', 'email'] },
      all,
      { channel: 'letter', recipient: full.address, fallback: false },
    ],
    ['email', { ...full, contactOrder: ['email'] }, all, { channel: 'email', recipient: full.email, fallback: false }],
    ['text goes to the mobile', { ...full, contactOrder: ['text'] }, all, { channel: 'text', recipient: full.mobile, fallback: false }],
    ['phone prefers the mobile', { ...full, contactOrder: ['phone'] }, all, { channel: 'phone', recipient: full.mobile, fallback: false }],
    [
      'phone uses the landline when there is no mobile',
      { ...full, mobile: null, contactOrder: ['phone'] },
      all,
      { channel: 'phone', recipient: full.landline, fallback: false },
    ],
    ['in person needs no detail', { contactOrder: ['in-person'] }, all, { channel: 'in-person', recipient: '', fallback: false }],
    [
      'skips a preference without its detail',
      { ...full, email: null, contactOrder: ['email', 'letter'] },
      all,
      { channel: 'letter', recipient: full.address, fallback: false },
    ],
    [
      'a blank detail is no detail',
      { ...full, email: '  ', contactOrder: ['email', 'letter'] },
      all,
      { channel: 'letter', recipient: full.address, fallback: false },
    ],
    [
      'skips texts without Notify',
      { ...full, contactOrder: ['text', 'phone'] },
      smtp,
      { channel: 'phone', recipient: full.mobile, fallback: false },
    ],
    [
      'skips an opted-out preference',
      { ...full, contactOrder: ['email', 'text'], optedOut: ['email'] },
      all,
      { channel: 'text', recipient: full.mobile, fallback: false },
    ],
    [
      'falls back to email when no preference works',
      { ...full, contactOrder: ['text'] },
      smtp,
      { channel: 'email', recipient: full.email, fallback: true },
    ],
    ['falls back when there are no preferences', { ...full }, all, { channel: 'email', recipient: full.email, fallback: true }],
    [
      'fallback order: text after email',
      { mobile: full.mobile, address: full.address },
      all,
      { channel: 'text', recipient: full.mobile, fallback: true },
    ],
    [
      'fallback order: letter before phone',
      { mobile: full.mobile, address: full.address },
      smtp,
      { channel: 'letter', recipient: full.address, fallback: true },
    ],
    ['fallback to phone by landline', { landline: full.landline }, all, { channel: 'phone', recipient: full.landline, fallback: true }],
    [
      'fallback never uses an opted-out channel',
      { ...full, optedOut: ['email', 'text', 'letter'] },
      all,
      { channel: 'phone', recipient: full.mobile, fallback: true },
    ],
    ['fallback is never a visit', { contactOrder: [] }, all, { channel: null, recipient: null, fallback: false }],
    [
      'opted out of everything',
      { ...full, contactOrder: ['email', 'in-person'], optedOut: [...contactChannels] },
      all,
      { channel: null, recipient: null, fallback: false },
    ],
    [
      'a visit they prefer but opted out of is not chosen',
      { contactOrder: ['in-person'], optedOut: ['in-person'] },
      all,
      { channel: null, recipient: null, fallback: false },
    ],
    ['no usable channels', { ...full, contactOrder: ['email'] }, new Set(), { channel: null, recipient: null, fallback: false }],
  ];
  for (const [name, person, usable, expected] of cases) test(name, () => assert.deepEqual(chooseChannel(reach(person), usable), expected));
});

const detail = fc.option(fc.constantFrom('x@example.org', '07700900123', '  ', ''), { nil: null });
const reachable: fc.Arbitrary<Reachable> = fc.record({
  contactOrder: fc.shuffledSubarray([...contactChannels]),
  email: detail,
  mobile: detail,
  landline: detail,
  address: detail,
  optedOut: fc.subarray([...contactChannels]),
});
const usableArb = fc.oneof(
  fc.constantFrom('local', 'smtp', 'notify').map((d) => usableChannels(d as 'local' | 'smtp' | 'notify')),
  fc.subarray([...contactChannels]).map((cs) => new Set(cs) as ReadonlySet<ContactChannel>),
);
const has = (v: string | null) => v !== null && v.trim() !== '';
const hasDetail = (c: ContactChannel, p: Reachable) =>
  ({ email: has(p.email), text: has(p.mobile), phone: has(p.mobile) || has(p.landline), letter: has(p.address), 'in-person': true })[c];
const works = (c: ContactChannel, p: Reachable, usable: ReadonlySet<ContactChannel>) =>
  usable.has(c) && !p.optedOut.includes(c) && hasDetail(c, p);

test('S4 property: never opted out, never without the detail, never unusable; the first working preference wins', () => {
  fc.assert(
    fc.property(reachable, usableArb, (person, usable) => {
      const choice = chooseChannel(person, usable);
      const firstPreference = person.contactOrder.find((c) => works(c, person, usable));
      if (choice.channel === null) {
        assert.equal(firstPreference, undefined);
        assert.ok(!['email', 'text', 'letter', 'phone'].some((c) => works(c as ContactChannel, person, usable)));
        return;
      }
      assert.ok(!person.optedOut.includes(choice.channel), 'opted out');
      assert.ok(usable.has(choice.channel), 'unusable');
      assert.ok(hasDetail(choice.channel, person), 'no detail');
      assert.equal(choice.channel === 'in-person' ? choice.recipient === '' : has(choice.recipient), true);
      if (firstPreference) assert.deepEqual([choice.channel, choice.fallback], [firstPreference, false]);
      else assert.equal(choice.fallback, true);
    }),
    { numRuns: 500 },
  );
});
