import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linkGlossaryWords, linkGlossaryWordsInHtml, type GlossaryTerm } from './glossary-links.ts';

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

// Learning modules are markdown turned into HTML (safe already): the same links, but never in
// a heading, a link or code, and once in the whole text however many paragraphs it has.
const htmlCases: Array<[string, string, string]> = [
  [
    'a word in a paragraph is linked',
    '<p class="govuk-body">Carers are welcome.</p>',
    '<p class="govuk-body"><a class="govuk-link" href="/glossary#carer">Carers</a> are welcome.</p>',
  ],
  [
    'once in the whole text, not once a paragraph',
    '<p>A carer.</p>\n<p>Another carer.</p>',
    '<p>A <a class="govuk-link" href="/glossary#carer">carer</a>.</p>\n<p>Another carer.</p>',
  ],
  [
    'not in a heading: the first time outside one is linked',
    '<h2 class="govuk-heading-m">For carers</h2>\n<p>Carers come first.</p>',
    '<h2 class="govuk-heading-m">For carers</h2>\n<p><a class="govuk-link" href="/glossary#carer">Carers</a> come first.</p>',
  ],
  [
    'not inside a link, nor inside code',
    '<p><a href="/x" class="govuk-link">carers</a> and <code>carer</code> and <pre><code>carer</code></pre> and a carer</p>',
    '<p><a href="/x" class="govuk-link">carers</a> and <code>carer</code> and <pre><code>carer</code></pre> and a <a class="govuk-link" href="/glossary#carer">carer</a></p>',
  ],
  [
    'words in bold or in a list are linked',
    '<ul><li><strong>time credits</strong></li></ul>',
    '<ul><li><strong><a class="govuk-link" href="/glossary#timeCredits">time credits</a></strong></li></ul>',
  ],
  [
    'never inside a tag: an image’s words stay as they are',
    '<p><img src="/a.svg" alt="A carer and a friend"> with "quotes" &amp; a carer</p>',
    '<p><img src="/a.svg" alt="A carer and a friend"> with "quotes" &amp; a <a class="govuk-link" href="/glossary#carer">carer</a></p>',
  ],
  [
    'escaped text stays escaped',
    '<p>&lt;b&gt;carer&lt;/b&gt;</p>',
    '<p>&lt;b&gt;<a class="govuk-link" href="/glossary#carer">carer</a>&lt;/b&gt;</p>',
  ],
  ['line breaks stay as they are', '<p>One\nTwo</p>', '<p>One\nTwo</p>'],
];

for (const [name, html, linked] of htmlCases) test(`HTML: ${name}`, () => assert.equal(linkGlossaryWordsInHtml(html, terms), linked));

test('HTML with no terms is left as it is', () => assert.equal(linkGlossaryWordsInHtml('<p>a &amp; b</p>', []), '<p>a &amp; b</p>'));
