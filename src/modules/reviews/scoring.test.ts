import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  averageTenths,
  compare,
  scoreCycle,
  scoreTallies,
  tallyByPerson,
  type Answer,
  type PersonTally,
  type Respondent,
} from './scoring.ts';
import { allStatements, formSections, sectionOf, type FormSection, type Rating, type StatementCode } from './vocabulary.ts';

const lived = (id: string, p = 'draws-on-care'): Respondent => ({ personId: id, perspectives: [p], staff: false });
const staffer = (id: string): Respondent => ({ personId: id, perspectives: ['practitioner'], staff: true });
const who = (...rs: Respondent[]) => new Map(rs.map((r) => [r.personId, r]));
const rate = (personId: string, rating: Rating | null, code: StatementCode = 'C1'): Answer => ({ personId, code, rating });

test('averages are whole tenths rounded half up, worked out exactly', () => {
  const cases: Array<[number, number, number]> = [
    [11, 3, 37], // 3.666...
    [10, 3, 33], // 3.333...
    [7, 2, 35], // 3.5
    [29, 8, 36], // 3.625 -> 3.6
    [27, 8, 34], // 3.375 -> 3.4
    [5, 1, 50],
    [41, 20, 21], // 2.05 -> 2.1, where 2.05 in floating point would round down
  ];
  for (const [sum, count, tenths] of cases) assert.equal(averageTenths(sum, count), tenths, `${sum}/${count}`);
});

test('a group average shows only when at least 3 of that group gave a rating; "don\'t know" is counted, not averaged', () => {
  const people = who(lived('a'), lived('b'), lived('c'), staffer('s1'), staffer('s2'));
  const two = compare([rate('a', 4), rate('b', 5), rate('c', null)], people, 10);
  assert.deepEqual(two.livedExperience, { average: null, answered: 2, dontKnow: 1 });
  const three = compare([rate('a', 4), rate('b', 5), rate('c', 3)], people, 10);
  assert.deepEqual(three.livedExperience, { average: 4, answered: 3, dontKnow: 0 });
  assert.deepEqual(three.staff, { average: null, answered: 0, dontKnow: 0 });
  assert.equal(three.gap, null, 'no gap when a group is hidden');
  assert.equal(three.flagged, false);
});

test('the gap is staff minus lived experience and flags at exactly the setting, either way', () => {
  const people = who(lived('a'), lived('b', 'carer'), lived('c'), staffer('s1'), staffer('s2'), staffer('s3'));
  const answers = (livedRatings: Rating[], staffRatings: Rating[]) => [
    ...livedRatings.map((r, i) => rate(['a', 'b', 'c'][i]!, r)),
    ...staffRatings.map((r, i) => rate(['s1', 's2', 's3'][i]!, r)),
  ];
  const cases: Array<[Rating[], Rating[], number, number, boolean]> = [
    // lived, staff, threshold tenths, gap, flagged
    [[3, 3, 3], [4, 4, 4], 10, 1, true],
    [[3, 3, 3], [4, 4, 3], 10, 0.7, false],
    [[4, 4, 4], [3, 3, 3], 10, -1, true],
    [[2, 3, 3], [4, 4, 3], 10, 1, true], // 2.7 and 3.7
    [[2, 3, 3], [4, 4, 3], 15, 1, false],
    [[1, 1, 2], [5, 5, 4], 15, 3.4, true],
    [[3, 3, 3], [3, 3, 3], 5, 0, false],
  ];
  for (const [l, s, threshold, gap, flagged] of cases) {
    const c = compare(answers(l, s), people, threshold);
    assert.equal(c.gap, gap, `${l} vs ${s}`);
    assert.equal(c.flagged, flagged, `${l} vs ${s} at ${threshold}`);
  }
});

test('someone who is both a carer and staff counts in both groups, once each; people not taking part are ignored', () => {
  const both: Respondent = { personId: 'x', perspectives: ['carer', 'practitioner'], staff: false };
  const people = who(both, lived('a'), lived('b'), staffer('s1'), staffer('s2'));
  const c = compare([rate('x', 2), rate('a', 2), rate('b', 2), rate('s1', 5), rate('s2', 5), rate('stranger', 1)], people, 10);
  assert.equal(c.livedExperience.answered, 3);
  assert.equal(c.staff.answered, 3);
  assert.equal(c.staff.average, 4);
  assert.equal(c.everyone.answered, 5);
  assert.equal(c.byPerspective.carer.answered, 1);
  assert.equal(c.byPerspective['staff-partners'].answered, 3);
});

test('a staff account counts as staff even with no staff perspective recorded', () => {
  const admin: Respondent = { personId: 'ad', perspectives: [], staff: true };
  const c = compare([rate('ad', 5)], who(admin), 10);
  assert.equal(c.staff.answered, 1);
  assert.equal(c.byPerspective['staff-partners'].answered, 1);
});

test('results by piece, by statement and overall, with every flagged statement listed', () => {
  const respondents = [lived('a'), lived('b'), lived('c'), staffer('s1'), staffer('s2'), staffer('s3')];
  const answers: Answer[] = [];
  for (const code of allStatements) {
    for (const p of ['a', 'b', 'c']) answers.push(rate(p, code === 'S1' ? 1 : 3, code));
    for (const p of ['s1', 's2', 's3']) answers.push(rate(p, code === 'S1' ? 5 : 3, code));
  }
  answers.push(rate('a', null, 'P7'));
  const r = scoreCycle(answers, respondents, 10);
  assert.deepEqual(r.flagged, ['S1']);
  assert.equal(r.statements.length, 23);
  assert.deepEqual(
    r.pieces.map((p) => p.piece),
    ['culture', 'structure', 'practice', 'review'],
  );
  const structure = r.pieces.find((p) => p.piece === 'structure')!;
  // Lived: S1 1 and four 3s over 3 people = 13*3/15 = 2.6; staff 5 + 4*3 = 3.4.
  assert.equal(structure.livedExperience.average, 2.6);
  assert.equal(structure.staff.average, 3.4);
  assert.equal(structure.gap, 0.8);
  assert.equal(structure.flagged, false, 'a piece is flagged on its own averages');
  assert.equal(r.pieces.find((p) => p.piece === 'practice')!.livedExperience.dontKnow, 1);
  assert.deepEqual(r.respondents, { livedExperience: 3, staff: 3, everyone: 6 });
});

test('property: an average always lies between the lowest and highest rating, and flags match the shown gap', () => {
  const rating = fc.constantFrom<Rating>(1, 2, 3, 4, 5);
  fc.assert(
    fc.property(
      fc.array(rating, { minLength: 3, maxLength: 12 }),
      fc.array(rating, { minLength: 3, maxLength: 12 }),
      fc.integer({ min: 1, max: 40 }),
      (l, s, threshold) => {
        const people = [...l.map((_, i) => lived(`l${i}`)), ...s.map((_, i) => staffer(`s${i}`))];
        const c = compare([...l.map((r, i) => rate(`l${i}`, r)), ...s.map((r, i) => rate(`s${i}`, r))], who(...people), threshold);
        assert.ok(c.livedExperience.average! >= Math.min(...l) && c.livedExperience.average! <= Math.max(...l));
        assert.equal(c.gap, Math.round((c.staff.average! - c.livedExperience.average!) * 10) / 10);
        assert.equal(c.flagged, Math.abs(Math.round(c.gap! * 10)) >= threshold);
      },
    ),
  );
});

test('a long history scored from each person’s totals by section agrees with scoring every answer', () => {
  const people = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  const perspectives = ['draws-on-care', 'carer', 'practitioner', 'manager', 'community', 'family'];
  const respondentArb = fc.record({
    perspectives: fc.uniqueArray(fc.constantFrom(...perspectives), { maxLength: 3 }),
    staff: fc.boolean(),
  });
  const answerArb = fc.record({
    person: fc.constantFrom(...people),
    code: fc.constantFrom(...allStatements),
    rating: fc.option(fc.constantFrom<Rating>(1, 2, 3, 4, 5)),
  });
  fc.assert(
    fc.property(
      fc.array(respondentArb, { minLength: 7, maxLength: 7 }),
      fc.array(answerArb, { maxLength: 80 }),
      fc.integer({ min: 1, max: 20 }),
      (rs, raw, threshold) => {
        const who: Respondent[] = rs.map((r, i) => ({ personId: people[i]!, ...r }));
        const seen = new Set<string>();
        const answers: Answer[] = raw
          .filter((a) => !seen.has(`${a.person}/${a.code}`) && Boolean(seen.add(`${a.person}/${a.code}`)))
          .map((a) => ({ personId: a.person, code: a.code, rating: a.rating }));
        const bySection = new Map<FormSection, PersonTally[]>();
        for (const section of formSections) {
          bySection.set(section, tallyByPerson(answers.filter((a) => sectionOf(a.code) === section)));
        }
        const whole = scoreCycle(answers, who, threshold);
        const fromTallies = scoreTallies(bySection, who, threshold);
        assert.deepEqual(fromTallies.overall, whole.overall);
        assert.deepEqual(fromTallies.pieces, whole.pieces);
        assert.deepEqual(fromTallies.respondents, whole.respondents);
      },
    ),
  );
});
