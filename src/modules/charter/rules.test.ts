import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  agreementStartsFrom,
  answerProblem,
  charterParts,
  currentVersion,
  draftStartsFrom,
  mayAnswerFor,
  mayEdit,
  nextVersionNumber,
  type CharterText,
  type VersionState,
} from './rules.ts';

// C1, C2: which version people answer, what a new draft starts from, who may answer for whom.
const text = (word: string): CharterText => Object.fromEntries(charterParts.map((p) => [p, `${word} ${p}`])) as CharterText;

test('which version is current, and which number a new draft gets', () => {
  const cases: Array<[string, VersionState[], number | null, number]> = [
    // why, versions, current, next draft number
    ['nothing yet', [], null, 1],
    ['only a first draft', [{ version: 1, published: false }], null, 2],
    ['one published', [{ version: 1, published: true }], 1, 2],
    [
      'published then a draft',
      [
        { version: 1, published: true },
        { version: 2, published: false },
      ],
      1,
      3,
    ],
    [
      'the newest published wins, in any order',
      [
        { version: 3, published: true },
        { version: 1, published: true },
        { version: 2, published: true },
      ],
      3,
      4,
    ],
  ];
  for (const [why, versions, current, next] of cases) {
    assert.equal(currentVersion(versions), current, why);
    assert.equal(nextVersionNumber(versions), next, why);
  }
});

test('a new number is always after every version there is', () => {
  fc.assert(
    fc.property(fc.array(fc.record({ version: fc.integer({ min: 1, max: 500 }), published: fc.boolean() })), (versions) => {
      const next = nextVersionNumber(versions);
      assert.ok(versions.every((v) => v.version < next));
      const current = currentVersion(versions);
      if (current !== null) assert.ok(versions.some((v) => v.published && v.version === current));
    }),
  );
});

test('what the next draft starts from', () => {
  const starter = text('starter');
  const published = text('agreed');
  assert.deepEqual(draftStartsFrom(null, starter), starter, 'the first draft starts from the starter words');
  assert.deepEqual(draftStartsFrom(published, starter), published, 'a later draft starts from the words in force');
  const copy = draftStartsFrom(published, starter);
  copy.meaning = 'changed';
  assert.equal(published.meaning, 'agreed meaning', 'changing the draft never changes the published words');
});

test('who may answer for whom, and who may edit', () => {
  const cases: Array<[Parameters<typeof mayAnswerFor>[0], string, string, boolean, string]> = [
    ['member', 'me', 'me', true, 'a member answers for themself'],
    ['member', 'me', 'you', false, 'a member never answers for someone else'],
    ['facilitator', 'me', 'you', true, 'staff write down what someone told them'],
    ['admin', 'me', 'you', true, 'admins too'],
    ['admin', 'me', 'me', true, 'staff answer for themselves'],
  ];
  for (const [role, self, person, allowed, why] of cases) assert.equal(mayAnswerFor(role, self, person), allowed, why);
  assert.equal(mayEdit('facilitator', false), true, 'staff edit a draft');
  assert.equal(mayEdit('admin', true), false, 'nobody edits a published version');
  assert.equal(mayEdit('member', false), false, 'members say what they would change; staff hold the pen');
});

test('whether an answer can be kept', () => {
  const cases: Array<[number | null, number, 'agree' | 'change' | null, string | null, ReturnType<typeof answerProblem>, string]> = [
    [null, 1, 'agree', null, 'no-charter', 'nothing published'],
    [2, 1, 'agree', null, 'changed-since', 'an answer to words that have since changed'],
    [2, 3, 'agree', null, 'changed-since', 'a version that is not published'],
    [2, 2, null, null, 'answer-missing', 'no choice made'],
    [2, 2, 'change', null, 'change-missing', 'would change, but not what'],
    [2, 2, 'change', '   ', 'change-missing', 'only spaces'],
    [2, 2, 'change', 'Meet in the evenings too', null, 'would change, and what'],
    [2, 2, 'agree', null, null, 'agrees'],
    [2, 2, 'agree', 'A small thing', null, 'agrees, with a note: fine'],
  ];
  for (const [current, answering, answer, change, problem, why] of cases)
    assert.equal(answerProblem(current, answering, answer, change), problem, why);
});

test("a project's first agreement starts from the charter", () => {
  const start = agreementStartsFrom(text('ours'), {
    equality: 'Equality',
    diversity: 'Diversity',
    accessibility: 'Accessibility',
    reciprocity: 'Reciprocity',
  });
  assert.equal(start.meaning, 'ours meaning');
  assert.equal(start.benefits, 'ours benefits');
  assert.equal(start.outcomes, 'ours outcomes');
  assert.equal(
    start.principles,
    'Equality: ours equality\n\nDiversity: ours diversity\n\nAccessibility: ours accessibility\n\nReciprocity: ours reciprocity',
  );
});
