import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { AccessNeeds } from '../people/access-needs.ts';
import { contactDays, contactParts, formatNeeds, perspectives, physicalNeeds, supportNeeds } from '../people/vocabulary.ts';
import { venueFeatures, type VenueFeature } from '../venues/vocabulary.ts';
import { accessCheck, type Acceptance, type Gap, type MeetingForCheck, type PersonForCheck, type Warning } from './access-check.ts';
import { arrangements, meetingFormats, type Arrangement } from './vocabulary.ts';

// Thursday 15 January 2026, 10:00-12:00 London (GMT).
const meeting = (m: Partial<MeetingForCheck> = {}): MeetingForCheck => ({
  format: 'in-person',
  startsAt: '2026-01-15T10:00:00.000Z',
  endsAt: '2026-01-15T12:00:00.000Z',
  venueFeatures: [],
  arrangements: [],
  interpreterLanguages: [],
  membersOnly: false,
  ...m,
});
const needs = (n: Partial<AccessNeeds> = {}): AccessNeeds => ({
  formats: [],
  interpreterLanguage: null,
  physical: [],
  support: [],
  dietary: null,
  other: null,
  ...n,
});
const person = (p: Partial<PersonForCheck> = {}): PersonForCheck => ({
  personId: 'p1',
  name: 'Ada',
  perspectives: ['draws-on-care'],
  needs: null,
  unsuitableTimes: null,
  ...p,
});
const gapsOf = (m: MeetingForCheck, n: AccessNeeds) => accessCheck(m, [person({ needs: n })], []).people[0]!.gaps;
const strip = (gaps: Gap[]) => gaps.map(({ accepted: _, ...g }) => g);

type Case = [string, Partial<MeetingForCheck>, Partial<AccessNeeds>, Array<Omit<Gap, 'accepted'>>];
const runCases = (cases: Case[]) => {
  for (const [name, m, n, expected] of cases) test(name, () => assert.deepEqual(strip(gapsOf(meeting(m), needs(n))), expected));
};

describe('P1 accessibility, P2 information: papers and languages', () => {
  runCases([
    [
      'easy-read needs easy-read papers',
      {},
      { formats: ['easy-read'] },
      [{ need: 'format:easy-read', meetBy: [{ kind: 'arrangement', arrangement: 'easy-read-papers' }] }],
    ],
    ['easy-read met by easy-read papers', { arrangements: ['easy-read-papers'] }, { formats: ['easy-read'] }, []],
    [
      'large-print needs large-print papers',
      { arrangements: ['easy-read-papers'] },
      { formats: ['large-print'] },
      [{ need: 'format:large-print', meetBy: [{ kind: 'arrangement', arrangement: 'large-print-papers' }] }],
    ],
    ['audio met by audio papers, online too', { format: 'online', arrangements: ['audio-papers'] }, { formats: ['audio'] }, []],
    [
      'braille needs braille papers even by phone',
      { format: 'phone' },
      { formats: ['braille'] },
      [{ need: 'format:braille', meetBy: [{ kind: 'arrangement', arrangement: 'braille-papers' }] }],
    ],
    [
      'bsl needs an interpreter',
      {},
      { formats: ['bsl'] },
      [{ need: 'format:bsl', meetBy: [{ kind: 'arrangement', arrangement: 'bsl-interpreter' }] }],
    ],
    ['bsl met online with an interpreter', { format: 'online', arrangements: ['bsl-interpreter'] }, { formats: ['bsl'] }, []],
    [
      'bsl by phone needs a format people can see and an interpreter',
      { format: 'phone' },
      { formats: ['bsl'] },
      [
        {
          need: 'format:bsl',
          meetBy: [
            { kind: 'format', formats: ['in-person', 'online', 'hybrid'] },
            { kind: 'arrangement', arrangement: 'bsl-interpreter' },
          ],
        },
      ],
    ],
    [
      'bsl by phone is never met, even with an interpreter',
      { format: 'phone', arrangements: ['bsl-interpreter'] },
      { formats: ['bsl'] },
      [{ need: 'format:bsl', meetBy: [{ kind: 'format', formats: ['in-person', 'online', 'hybrid'] }] }],
    ],
    [
      'spoken interpreter missing',
      {},
      { formats: ['interpreter'], interpreterLanguage: 'Polish' },
      [{ need: 'format:interpreter', language: 'Polish', meetBy: [{ kind: 'arrangement', arrangement: 'spoken-interpreter' }] }],
    ],
    [
      'interpreter booked in their language (case and spaces ignored)',
      { arrangements: ['spoken-interpreter'], interpreterLanguages: [' polish '] },
      { formats: ['interpreter'], interpreterLanguage: 'Polish' },
      [],
    ],
    [
      'interpreter booked in another language',
      { arrangements: ['spoken-interpreter'], interpreterLanguages: ['Urdu'] },
      { formats: ['interpreter'], interpreterLanguage: 'Polish' },
      [{ need: 'format:interpreter', language: 'Polish', meetBy: [{ kind: 'arrangement', arrangement: 'spoken-interpreter' }] }],
    ],
    [
      'language listed but no interpreter arranged',
      { interpreterLanguages: ['Polish'] },
      { formats: ['interpreter'], interpreterLanguage: 'Polish' },
      [{ need: 'format:interpreter', language: 'Polish', meetBy: [{ kind: 'arrangement', arrangement: 'spoken-interpreter' }] }],
    ],
    [
      'language unknown: no booked interpreter counts',
      { arrangements: ['spoken-interpreter'], interpreterLanguages: ['Polish', 'Urdu'] },
      { formats: ['interpreter'], interpreterLanguage: null },
      [{ need: 'format:interpreter', meetBy: [{ kind: 'arrangement', arrangement: 'spoken-interpreter' }] }],
    ],
    ['a language without an interpreter need is ignored', {}, { interpreterLanguage: 'Polish' }, []],
    [
      'interpreter by phone is possible',
      { format: 'phone', arrangements: ['spoken-interpreter'], interpreterLanguages: ['Welsh'] },
      { formats: ['interpreter'], interpreterLanguage: 'welsh' },
      [],
    ],
  ]);
});

const choose = { kind: 'choose-venue' } as const;
const venue = (...features: VenueFeature[]) => ({ kind: 'venue', features }) as const;
const arr = (arrangement: Arrangement) => ({ kind: 'arrangement', arrangement }) as const;

describe('P1 accessibility: physical needs', () => {
  runCases([
    [
      'step-free: no venue chosen yet',
      { venueFeatures: null },
      { physical: ['step-free'] },
      [{ need: 'physical:step-free', meetBy: [choose] }],
    ],
    [
      'step-free: venue has steps',
      { venueFeatures: ['lift'] },
      { physical: ['step-free'] },
      [{ need: 'physical:step-free', meetBy: [venue('step-free')] }],
    ],
    ['step-free: venue is step-free', { venueFeatures: ['step-free'] }, { physical: ['step-free'] }, []],
    [
      'step-free: hybrid counts as a place',
      { format: 'hybrid', venueFeatures: [] },
      { physical: ['step-free'] },
      [{ need: 'physical:step-free', meetBy: [venue('step-free')] }],
    ],
    ['step-free does not apply online', { format: 'online', venueFeatures: null }, { physical: ['step-free'] }, []],
    ['step-free does not apply by phone', { format: 'phone' }, { physical: ['step-free'] }, []],
    [
      'accessible toilet: either kind of venue',
      {},
      { physical: ['accessible-toilet'] },
      [{ need: 'physical:accessible-toilet', meetBy: [venue('accessible-toilet'), venue('changing-places')] }],
    ],
    ['accessible toilet met by changing places', { venueFeatures: ['changing-places'] }, { physical: ['accessible-toilet'] }, []],
    ['accessible toilet met by an accessible toilet', { venueFeatures: ['accessible-toilet'] }, { physical: ['accessible-toilet'] }, []],
    [
      'accessible toilet: no venue chosen',
      { venueFeatures: null },
      { physical: ['accessible-toilet'] },
      [{ need: 'physical:accessible-toilet', meetBy: [choose] }],
    ],
    [
      'hearing loop: venue or portable loop',
      {},
      { physical: ['hearing-loop'] },
      [{ need: 'physical:hearing-loop', meetBy: [venue('hearing-loop'), arr('portable-hearing-loop')] }],
    ],
    [
      'hearing loop: no venue yet, a portable loop still works',
      { venueFeatures: null },
      { physical: ['hearing-loop'] },
      [{ need: 'physical:hearing-loop', meetBy: [choose, arr('portable-hearing-loop')] }],
    ],
    ['hearing loop met by the venue', { venueFeatures: ['hearing-loop'] }, { physical: ['hearing-loop'] }, []],
    [
      'hearing loop met by a portable loop with no venue',
      { venueFeatures: null, arrangements: ['portable-hearing-loop'] },
      { physical: ['hearing-loop'] },
      [],
    ],
    [
      'hearing loop online means captions',
      { format: 'online', venueFeatures: ['hearing-loop'] },
      { physical: ['hearing-loop'] },
      [{ need: 'physical:hearing-loop', meetBy: [arr('captions')] }],
    ],
    ['hearing loop online met by captions', { format: 'online', arrangements: ['captions'] }, { physical: ['hearing-loop'] }, []],
    ['hearing loop does not apply by phone', { format: 'phone' }, { physical: ['hearing-loop'] }, []],
    [
      'quiet space needs a quiet room',
      { venueFeatures: ['step-free'] },
      { physical: ['quiet-space'] },
      [{ need: 'physical:quiet-space', meetBy: [venue('quiet-room')] }],
    ],
    ['quiet space met', { venueFeatures: ['quiet-room'] }, { physical: ['quiet-space'] }, []],
    ['quiet space does not apply online', { format: 'online' }, { physical: ['quiet-space'] }, []],
    ['breaks apply by phone too', { format: 'phone' }, { physical: ['breaks'] }, [{ need: 'physical:breaks', meetBy: [arr('breaks')] }]],
    ['breaks met', { format: 'online', arrangements: ['breaks'] }, { physical: ['breaks'] }, []],
  ]);
});

describe('P1 accessibility: support needs', () => {
  runCases([
    [
      'support worker in person',
      {},
      { support: ['support-worker'] },
      [{ need: 'support:support-worker', meetBy: [arr('support-worker')] }],
    ],
    [
      'support worker online too',
      { format: 'online' },
      { support: ['support-worker'] },
      [{ need: 'support:support-worker', meetBy: [arr('support-worker')] }],
    ],
    ['support worker met', { format: 'phone', arrangements: ['support-worker'] }, { support: ['support-worker'] }, []],
    [
      'travel help needs transport',
      { format: 'hybrid' },
      { support: ['travel-help'] },
      [{ need: 'support:travel-help', meetBy: [arr('transport')] }],
    ],
    ['travel help met', { arrangements: ['transport'] }, { support: ['travel-help'] }, []],
    ['travel help does not apply online', { format: 'online' }, { support: ['travel-help'] }, []],
    ['travel help does not apply by phone', { format: 'phone' }, { support: ['travel-help'] }, []],
  ]);
});

describe('P1 accessibility: gaps, acceptances and readiness', () => {
  test('gaps come formats, physical, support, in vocabulary order whatever order needs were saved', () => {
    const gaps = gapsOf(
      meeting(),
      needs({ support: ['travel-help', 'support-worker'], physical: ['breaks', 'step-free'], formats: ['large-print', 'easy-read'] }),
    );
    assert.deepEqual(
      gaps.map((g) => g.need),
      ['format:easy-read', 'format:large-print', 'physical:step-free', 'physical:breaks', 'support:support-worker', 'support:travel-help'],
    );
  });
  test('a person with no recorded needs has no gaps', () =>
    assert.deepEqual(accessCheck(meeting(), [person({ needs: null })], []).people[0]!.gaps, []));
  test('acceptances match by person and need; accepted gaps stay listed', () => {
    const acceptance: Acceptance = {
      personId: 'p1',
      need: 'physical:step-free',
      reason: 'Ground floor room booked',
      acceptedByName: 'Sam',
      acceptedAt: '2026-01-01T10:00:00.000Z',
    };
    const other: Acceptance = { ...acceptance, personId: 'p2' };
    const check = accessCheck(
      meeting(),
      [
        person({ needs: needs({ physical: ['step-free', 'breaks'] }) }),
        person({ personId: 'p3', needs: needs({ physical: ['step-free'] }) }),
      ],
      [acceptance, other],
    );
    assert.deepEqual(
      check.people[0]!.gaps.map((g) => g.accepted),
      [acceptance, null],
    );
    assert.deepEqual(
      check.people[1]!.gaps.map((g) => g.accepted),
      [null],
    );
    assert.deepEqual([check.openGaps, check.acceptedGaps, check.ready], [2, 1, false]);
  });
  test('all gaps accepted: ready, even with warnings', () => {
    const acceptance: Acceptance = {
      personId: 'p1',
      need: 'physical:breaks',
      reason: 'Short meeting',
      acceptedByName: null,
      acceptedAt: '2026-01-01T10:00:00.000Z',
    };
    const check = accessCheck(
      meeting(),
      [person({ perspectives: ['practitioner'], needs: needs({ physical: ['breaks'] }) })],
      [acceptance],
    );
    assert.deepEqual([check.openGaps, check.acceptedGaps, check.ready], [0, 1, true]);
    assert.deepEqual(check.warnings, [{ kind: 'no-lived-experience' }]);
  });
  test('people keep the order they were given', () => {
    const ids = ['c', 'a', 'b'];
    assert.deepEqual(
      accessCheck(
        meeting(),
        ids.map((personId) => person({ personId })),
        [],
      ).people.map((p) => p.personId),
      ids,
    );
  });
});

describe('P1 accessibility: warnings', () => {
  const staff = (personId: string) => person({ personId, name: personId, perspectives: ['practitioner'] });
  const member = (personId: string, perspective = 'draws-on-care') => person({ personId, name: personId, perspectives: [perspective] });
  const cases: Array<[string, Partial<MeetingForCheck>, PersonForCheck[], Warning[]]> = [
    ['nobody invited', {}, [], [{ kind: 'no-invitees' }]],
    ['nobody invited, members only: still just one warning', { membersOnly: true }, [], [{ kind: 'no-invitees' }]],
    ['only staff', {}, [staff('s1'), staff('s2')], [{ kind: 'no-lived-experience' }]],
    ['family members are not lived experience', {}, [member('f1', 'family')], [{ kind: 'no-lived-experience' }]],
    [
      'one in four is a token presence',
      {},
      [member('m1'), staff('s1'), staff('s2'), staff('s3')],
      [{ kind: 'lived-experience-minority', count: 1, total: 4 }],
    ],
    ['exactly a third is enough', {}, [member('m1', 'carer'), staff('s1'), staff('s2')], []],
    ['a carer counts', {}, [member('c1', 'carer')], []],
    ['someone who is both staff and a carer counts', {}, [person({ perspectives: ['practitioner', 'carer'] })], []],
    [
      'members only with staff in it',
      { membersOnly: true },
      [member('m1'), staff('s1')],
      [{ kind: 'members-only-includes-others', personId: 's1', name: 's1' }],
    ],
    [
      'members only, mostly staff',
      { membersOnly: true },
      [staff('s1'), member('m1'), staff('s2'), staff('s3')],
      [
        { kind: 'lived-experience-minority', count: 1, total: 4 },
        { kind: 'members-only-includes-others', personId: 's1', name: 's1' },
        { kind: 'members-only-includes-others', personId: 's2', name: 's2' },
        { kind: 'members-only-includes-others', personId: 's3', name: 's3' },
      ],
    ],
    ['members only, all members', { membersOnly: true }, [member('m1'), member('m2', 'carer')], []],
  ];
  for (const [name, m, people, warnings] of cases)
    test(name, () => assert.deepEqual(accessCheck(meeting(m), people, []).warnings, warnings));

  // The meeting is Thursday 15 January 2026, 10:00-12:00: a Thursday morning.
  const timeCases: Array<[string, Partial<MeetingForCheck>, PersonForCheck['unsuitableTimes'], boolean]> = [
    ['no unsuitable times recorded', {}, null, false],
    ['not Thursdays', {}, { days: ['thu'], parts: [] }, true],
    ['not mornings', {}, { days: [], parts: ['morning'] }, true],
    ['not Fridays or afternoons: fine', {}, { days: ['fri'], parts: ['afternoon', 'evening'] }, false],
    ['ending at noon is not the afternoon', {}, { days: [], parts: ['afternoon'] }, false],
    [
      'in London time, not UTC: 23:30Z in summer is Friday morning',
      { startsAt: '2026-07-02T23:30:00.000Z', endsAt: '2026-07-03T00:30:00.000Z' },
      { days: ['fri'], parts: [] },
      true,
    ],
    [
      'a meeting over midnight touches both days',
      { startsAt: '2026-01-15T20:00:00.000Z', endsAt: '2026-01-16T01:00:00.000Z' },
      { days: ['fri'], parts: [] },
      true,
    ],
  ];
  for (const [name, m, unsuitableTimes, expected] of timeCases) {
    test(`time does not suit: ${name}`, () => {
      const check = accessCheck(meeting(m), [person({ unsuitableTimes })], []);
      assert.equal(check.people[0]!.timeDoesNotSuit, expected);
      assert.deepEqual(check.warnings, expected ? [{ kind: 'time-does-not-suit', personId: 'p1', name: 'Ada' }] : []);
      assert.equal(check.ready, true, 'warnings never block');
    });
  }
});

// ---- Properties ----

const subset = <T>(values: readonly T[]) => fc.subarray([...values]);
const languages = ['Polish', 'Urdu', 'Welsh', 'Somali'];
const needsArb = (knownLanguage: boolean): fc.Arbitrary<AccessNeeds> =>
  fc.record({
    formats: subset(formatNeeds),
    interpreterLanguage: knownLanguage ? fc.constantFrom(...languages) : fc.option(fc.constantFrom(...languages)),
    physical: subset(physicalNeeds),
    support: subset(supportNeeds),
    dietary: fc.constant(null),
    other: fc.constant(null),
  });
const peopleArb = (knownLanguage = false) =>
  fc.array(
    fc.record({
      personId: fc.uuid(),
      name: fc.string(),
      perspectives: subset(perspectives),
      needs: fc.option(needsArb(knownLanguage)),
      unsuitableTimes: fc.option(fc.record({ days: subset(contactDays), parts: subset(contactParts) })),
    }),
    { maxLength: 6 },
  );
const meetingArb: fc.Arbitrary<MeetingForCheck> = fc.record({
  format: fc.constantFrom(...meetingFormats),
  startsAt: fc.constant('2026-03-29T00:30:00.000Z'),
  endsAt: fc.constant('2026-03-29T12:30:00.000Z'),
  venueFeatures: fc.option(subset(venueFeatures)),
  arrangements: subset(arrangements),
  interpreterLanguages: subset(languages),
  membersOnly: fc.boolean(),
});
const countGaps = (c: ReturnType<typeof accessCheck>) => c.people.reduce((n, p) => n + p.gaps.length, 0);

test('P1 property (a): everything arranged, in person, at a fully equipped venue: no open gaps', () => {
  fc.assert(
    fc.property(peopleArb(true), (people) => {
      const m = meeting({
        venueFeatures: [...venueFeatures],
        arrangements: [...arrangements],
        interpreterLanguages: people.flatMap((p) => (p.needs?.interpreterLanguage ? [p.needs.interpreterLanguage] : [])),
      });
      const check = accessCheck(m, people, []);
      assert.equal(check.openGaps, 0);
      assert.equal(check.ready, true);
    }),
  );
});

test('P1 property (b): taking away an arrangement or a venue feature never reduces the gaps', () => {
  fc.assert(
    fc.property(meetingArb, peopleArb(), fc.nat(), (m, people, pick) => {
      const before = countGaps(accessCheck(m, people, []));
      if (m.arrangements.length) {
        const fewer = m.arrangements.filter((_, i) => i !== pick % m.arrangements.length);
        assert.ok(countGaps(accessCheck({ ...m, arrangements: fewer }, people, [])) >= before);
      }
      if (m.venueFeatures?.length) {
        const fewer = m.venueFeatures.filter((_, i) => i !== pick % m.venueFeatures!.length);
        assert.ok(countGaps(accessCheck({ ...m, venueFeatures: fewer }, people, [])) >= before);
      }
      if (m.interpreterLanguages.length) {
        const fewer = m.interpreterLanguages.filter((_, i) => i !== pick % m.interpreterLanguages.length);
        assert.ok(countGaps(accessCheck({ ...m, interpreterLanguages: fewer }, people, [])) >= before);
      }
    }),
  );
});

test('P1 property (c): accepting every gap makes the meeting ready', () => {
  fc.assert(
    fc.property(meetingArb, peopleArb(), (m, people) => {
      const acceptances: Acceptance[] = accessCheck(m, people, []).people.flatMap((p) =>
        p.gaps.map((g) => ({
          personId: p.personId,
          need: g.need,
          reason: 'agreed with them',
          acceptedByName: 'Sam',
          acceptedAt: '2026-01-01T00:00:00.000Z',
        })),
      );
      const check = accessCheck(m, people, acceptances);
      assert.equal(check.openGaps, 0);
      assert.equal(check.ready, true);
    }),
  );
});

test('P1 property (d): open plus accepted gaps is every gap; ready exactly when none are open', () => {
  fc.assert(
    fc.property(meetingArb, peopleArb(), fc.array(fc.boolean()), (m, people, accept) => {
      const gaps = accessCheck(m, people, []).people.flatMap((p) => p.gaps.map((g) => ({ personId: p.personId, need: g.need })));
      const acceptances = gaps
        .filter((_, i) => accept[i])
        .map((g) => ({ ...g, reason: 'r', acceptedByName: null, acceptedAt: '2026-01-01T00:00:00.000Z' }));
      const check = accessCheck(m, people, acceptances);
      assert.equal(check.openGaps + check.acceptedGaps, countGaps(check));
      assert.equal(check.ready, check.openGaps === 0);
      assert.equal(check.people.length, people.length);
    }),
  );
});
