// Glossary words linked where members read them (issue 24, P1, P2). Staff write purposes,
// summaries, proposals, decisions and the charter in their own words; where those words
// include one on the "Words we use" page (/glossary), the first time each appears links to its
// meaning. The text is escaped here and its line breaks kept, as the `lines` filter does.

/** The glossary's entries (about:glossary.term) that can be found in running text. */
export const glossaryKeys = [
  'coproduction',
  'codesign',
  'codecision',
  'codelivery',
  'coevaluation',
  'drawsOnCare',
  'carer',
  'livedExperience',
  'reciprocity',
  'agreement',
  'facilitator',
  'coChair',
  'accessNeeds',
  'consent',
  'commissioner',
  'perspective',
  'involvementPayment',
  'expenses',
  'timeCredits',
  'timeBank',
  'assessmentPeriod',
  'workAllowance',
  'permittedWork',
] as const;

/** A glossary entry and the ways it is written ("carer", "carers"). */
export type GlossaryTerm = { key: string; phrases: readonly string[] };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const keptLines = (s: string) => escapeHtml(s).replace(/\r?\n/g, '<br>');

function matcherFor(terms: readonly GlossaryTerm[]) {
  const byPhrase = new Map<string, string>();
  for (const term of terms) for (const p of term.phrases) if (p.trim()) byPhrase.set(p.trim().toLowerCase(), term.key);
  // Longest first, so "time credits" wins over "time credit".
  const phrases = [...byPhrase.keys()].sort((a, b) => b.length - a.length);
  if (!phrases.length) return null;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}-])(?:${phrases.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}-])`, 'giu');
  return { pattern, byPhrase };
}

const matchers = new Map<string, ReturnType<typeof matcherFor>>();

/** HTML of the text with each glossary word linked the first time it appears. */
export function linkGlossaryWords(text: string, terms: readonly GlossaryTerm[], href = (key: string) => `/glossary#${key}`): string {
  const cacheKey = JSON.stringify(terms);
  if (!matchers.has(cacheKey)) matchers.set(cacheKey, matcherFor(terms));
  const matcher = matchers.get(cacheKey);
  if (!matcher) return keptLines(text);
  const linked = new Set<string>();
  let html = '';
  let at = 0;
  for (const match of text.matchAll(matcher.pattern)) {
    const key = matcher.byPhrase.get(match[0].toLowerCase());
    if (!key || linked.has(key)) continue;
    linked.add(key);
    html += `${keptLines(text.slice(at, match.index))}<a class="govuk-link" href="${escapeHtml(href(key))}">${escapeHtml(match[0])}</a>`;
    at = match.index + match[0].length;
  }
  return html + keptLines(text.slice(at));
}
