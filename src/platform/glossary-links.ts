// Glossary words linked where members read them (issue 24, P1, P2). Staff write purposes,
// summaries, proposals, decisions and the charter in their own words; where those words
// include one on the "Words we use" page (/glossary), the first time each appears links to its
// meaning. The text is escaped here and its line breaks kept, as the `lines` filter does.
// Learning modules are markdown, so their HTML gets the same links (linkGlossaryWordsInHtml).

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

function matcherOf(terms: readonly GlossaryTerm[]) {
  const cacheKey = JSON.stringify(terms);
  if (!matchers.has(cacheKey)) matchers.set(cacheKey, matcherFor(terms));
  return matchers.get(cacheKey) ?? null;
}

/**
 * Links each word the first time it appears and is not in `linked` yet (it is added there, so
 * several pieces of one text share "first"). `piece` turns the words around and in a link
 * into HTML: escaping plain text, or keeping text that is HTML already.
 */
function linkWords(
  text: string,
  matcher: NonNullable<ReturnType<typeof matcherFor>>,
  linked: Set<string>,
  href: (key: string) => string,
  piece: (s: string) => string,
): string {
  let html = '';
  let at = 0;
  for (const match of text.matchAll(matcher.pattern)) {
    const key = matcher.byPhrase.get(match[0].toLowerCase());
    if (!key || linked.has(key)) continue;
    linked.add(key);
    html += `${piece(text.slice(at, match.index))}<a class="govuk-link" href="${escapeHtml(href(key))}">${piece(match[0])}</a>`;
    at = match.index + match[0].length;
  }
  return html + piece(text.slice(at));
}

const glossaryHref = (key: string) => `/glossary#${key}`;

/** HTML of the text with each glossary word linked the first time it appears. */
export function linkGlossaryWords(text: string, terms: readonly GlossaryTerm[], href = glossaryHref): string {
  const matcher = matcherOf(terms);
  if (!matcher) return keptLines(text);
  return linkWords(text, matcher, new Set(), href, keptLines);
}

// A link inside a link does not work, a heading is not where a word is explained, and code
// must stay exactly as written: words in these are never linked.
const notLinkedInside = new Set([
  'a',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'code',
  'pre',
  'kbd',
  'samp',
  'script',
  'style',
  'textarea',
  'button',
  'label',
  'summary',
]);
// A tag (its attributes may hold a quoted ">") or a comment.
const tagPattern = /<!--[\s\S]*?-->|<(\/?)([A-Za-z][A-Za-z0-9-]*)(?:[^>"']|"[^"]*"|'[^']*')*>/g;

/**
 * The same links in HTML that is safe already (markdown rendered with its HTML switched off,
 * as a learning module is): only the words between tags are looked at, never inside headings,
 * links or code, and each word is linked once in the whole text. The words stay as they were
 * escaped; a glossary word has no character that escaping changes.
 */
export function linkGlossaryWordsInHtml(html: string, terms: readonly GlossaryTerm[], href = glossaryHref): string {
  const matcher = matcherOf(terms);
  if (!matcher) return html;
  const linked = new Set<string>();
  const asItIs = (s: string) => s;
  let out = '';
  let at = 0;
  let inside = 0;
  for (const tag of html.matchAll(tagPattern)) {
    const words = html.slice(at, tag.index);
    out += (inside ? words : linkWords(words, matcher, linked, href, asItIs)) + tag[0];
    at = tag.index + tag[0].length;
    const name = tag[2]?.toLowerCase();
    if (name && notLinkedInside.has(name) && !tag[0].endsWith('/>')) inside = Math.max(0, inside + (tag[1] ? -1 : 1));
  }
  const rest = html.slice(at);
  return out + (inside ? rest : linkWords(rest, matcher, linked, href, asItIs));
}
