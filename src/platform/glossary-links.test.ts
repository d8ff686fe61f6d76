import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linkGlossaryWords, type GlossaryTerm } from './glossary-links.ts';

// Issue 24 (P1, P2): glossary words in staff-written text link to their meaning.
const terms: GlossaryTerm[] = [
  { key: 'carer', phrases: ['carer', 'carers'] },
  { key: 'timeCredits', phrases: ['time credit', 'time credits'] },
  { key: 'coproduction', phrases: ['co-production', 'coproduction'] },
];

const cases: Array<[string, string, string]> = [
  ['a word is linked', 'Carers are welcome.', '<a class="govuk-link" href="/glossary#carer">Carers</a> are welcome.'],
  [
    'only the first time each word appears',
    'A carer and another carer.',
    'A <a class="govuk-link" href="/glossary#carer">carer</a> and another carer.',
  ],
  ['the longest way of writing it wins', 'Earn time credits.', 'Earn <a class="govuk-link" href="/glossary#timeCredits">time credits</a>.'],
  ['part of a longer word is not linked', 'Careers day. Non-carer.', 'Careers day. Non-carer.'],
  [
    'HTML that staff typed is shown as text',
    '<b>carer</b>',
    '&#60;b&#62;<a class="govuk-link" href="/glossary#carer">carer</a>&#60;/b&#62;',
  ],
  ['line breaks are kept', 'One\nTwo', 'One<br>Two'],
  [
    'two different words are both linked',
    'Co-production with carers.',
    '<a class="govuk-link" href="/glossary#coproduction">Co-production</a> with <a class="govuk-link" href="/glossary#carer">carers</a>.',
  ],
  ['no words at all', '', ''],
];

for (const [name, text, html] of cases) test(name, () => assert.equal(linkGlossaryWords(text, terms), html));

test('with no terms the text is only escaped', () => assert.equal(linkGlossaryWords('a & b', []), 'a &#38; b'));
