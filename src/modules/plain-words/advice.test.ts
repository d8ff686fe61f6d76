import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { adviseOn, jargonPattern, memberReadingAge, sentenceLimit } from './advice.ts';
import { starterJargon } from './starter-list.ts';

// Issue 24 (P1, P2): the plain-words rules, as a table of example texts.
const long = `We ${Array.from({ length: sentenceLimit }, () => 'really').join(' ')} want you to come.`; // 30 words
const exactlyLimit = Array.from({ length: sentenceLimit }, () => 'word').join(' ') + '.';

type Case = {
  name: string;
  text: string;
  long?: number;
  jargon?: Array<[string, string]>;
  simpler?: string[];
  passive?: string[];
  aboveTarget?: boolean;
};

const cases: Case[] = [
  { name: 'plain short sentences: nothing to say', text: 'We meet on Monday. Tell us if you can come.', aboveTarget: false },
  { name: 'a sentence of 29 words is too long', text: long, long: 1 },
  { name: 'a sentence of exactly 25 words is fine', text: exactlyLimit, long: 0 },
  {
    name: 'jargon from the list, with capitals and plurals, gives the plain word',
    text: 'Service users and Stakeholders will meet.',
    jargon: [
      ['Service users', 'person who draws on care and support'],
      ['Stakeholders', 'people who take part, or people it matters to'],
    ],
  },
  { name: 'a hyphenated word is found without its hyphen', text: 'We will codesign the menu.', jargon: [['codesign', 'plan it together']] },
  { name: 'a word inside another word is not jargon', text: 'The patients’ garden is open.', jargon: [['patients', 'person']] },
  { name: 'part of a word is not jargon', text: 'She is impatient today.', jargon: [] },
  { name: 'harder words get plainer ones', text: 'We will utilise the room.', simpler: ['utilise'] },
  { name: 'the passive voice is found with its helper word', text: 'The decision was made by the group.', passive: ['was made'] },
  { name: 'the active voice is fine', text: 'The group made the decision.', passive: [] },
  {
    name: 'a regular participle after "be" is the passive too',
    text: 'The plan was agreed and is being changed.',
    passive: ['was agreed', 'being changed'],
  },
  { name: 'a word ending in -ed with no "be" before it is not', text: 'We agreed the plan.', passive: [] },
  {
    name: 'dense official words are far above the target age',
    text: 'Stakeholders are requested to confirm their availability for the forthcoming consultative deliberation regarding commissioning arrangements.',
    aboveTarget: true,
  },
];

describe('plain-words advice', () => {
  for (const c of cases) {
    test(c.name, () => {
      const advice = adviseOn(c.text, starterJargon);
      if (c.long !== undefined) assert.equal(advice.longSentences.length, c.long);
      if (c.jargon)
        assert.deepEqual(
          advice.jargon.map((j) => [j.word, j.plain]),
          c.jargon,
        );
      if (c.simpler)
        assert.deepEqual(
          advice.simpler.map((s) => s.word),
          c.simpler,
        );
      if (c.passive) assert.deepEqual(advice.passive, c.passive);
      if (c.aboveTarget !== undefined) assert.equal(advice.readingAge > memberReadingAge, c.aboveTarget, String(advice.readingAge));
    });
  }

  test('a long sentence is shown by its first words and its length', () => {
    assert.deepEqual(adviseOn(long, []).longSentences, [{ opening: 'We really really really really really really really…', words: 30 }]);
    const commas = `First, second, third, fourth, fifth, sixth, seventh, eighth ${Array.from({ length: 20 }, () => 'and').join(' ')}.`;
    assert.equal(adviseOn(commas, []).longSentences[0]?.opening, 'First, second, third, fourth, fifth, sixth, seventh, eighth…');
  });

  test('the points add up everything pointed out, and plain text has none', () => {
    assert.equal(adviseOn('We meet on Monday. Tell us if you can come.', starterJargon).points, 0);
    const advice = adviseOn('The decision was made by stakeholders.', starterJargon);
    assert.equal(advice.points, advice.jargon.length + advice.passive.length + advice.simpler.length + (advice.readingAge > 9 ? 1 : 0));
    assert.ok(advice.points >= 2);
  });

  test('a word on the jargon list is not given twice as a harder word', () => {
    const advice = adviseOn('We will facilitate it.', [{ word: 'facilitate', plain: 'help' }]);
    assert.deepEqual(advice.jargon, [{ word: 'facilitate', plain: 'help' }]);
    assert.deepEqual(advice.simpler, []);
  });

  test('the pattern escapes what staff type, so a list entry is never a broken pattern', () => {
    assert.ok(jargonPattern('C++ (plus)').test('we use C++ (plus) here'));
    assert.equal(jargonPattern('a.b').test('axb'), false);
  });
});
