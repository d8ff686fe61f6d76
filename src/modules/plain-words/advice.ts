// P1, P2: what staff write for members should be read by everyone. This rule looks at a text
// and says where it could be plainer: sentences over 25 words (GDS plain English), words from
// the organisation's jargon list with the plain word to use, harder words with plainer ones
// (retext-simplify, from the Plain English Campaign's list), the passive voice (retext-passive)
// and the reading age of the whole text (Flesch-Kincaid, src/platform/readability.ts), against
// a target of 9. It only advises: nothing here stops anyone saving what they wrote.
import { unified } from 'unified';
import retextEnglish from 'retext-english';
import retextPassive from 'retext-passive';
import retextSimplify from 'retext-simplify';
import { VFile } from 'vfile';
import { readingAge } from '../../platform/readability.ts';

export type JargonEntry = { word: string; plain: string };

export type Advice = {
  readingAge: number;
  targetAge: number;
  /** Sentences over the limit: their first words and how many words they have. */
  longSentences: Array<{ opening: string; words: number }>;
  /** Words from the organisation's list, as written, with the plain word. */
  jargon: Array<{ word: string; plain: string }>;
  /** Harder words with plainer ones. */
  simpler: Array<{ word: string; plain: string }>;
  /** Passive phrases, such as "was made". */
  passive: string[];
  /** How many things the advice points out (a reading age above the target is one). */
  points: number;
};

export const sentenceLimit = 25;
export const memberReadingAge = 9;

type Node = { type: string; value?: string; children?: Node[] };
const textOf = (n: Node): string => n.value ?? (n.children ?? []).map(textOf).join('');
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const regularPassive = /(?<![\p{L}])(am|are|is|was|were|be|been|being)\s+(\p{L}{2,}ed)(?![\p{L}])/giu;

const processor = unified().use(retextEnglish).use(retextSimplify).use(retextPassive);

/** "service user" also finds "Service users" and "service-user"; "co-design" finds "codesign". */
export function jargonPattern(word: string): RegExp {
  const body = word
    .trim()
    .split(/\s+/)
    .map((part) => part.split('-').map(escapeRegExp).join('[-\\s]?'))
    .join('[-\\s]+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?:s|es)?(?![\\p{L}\\p{N}])`, 'giu');
}

function sentencesOf(tree: Node): Node[] {
  const out: Node[] = [];
  const walk = (n: Node) => (n.type === 'SentenceNode' ? out.push(n) : (n.children ?? []).forEach(walk));
  walk(tree);
  return out;
}

export function adviseOn(text: string, jargonList: readonly JargonEntry[], targetAge = memberReadingAge): Advice {
  const file = new VFile(text);
  const tree = processor.parse(file) as Node;
  processor.runSync(tree as never, file);

  const longSentences = sentencesOf(tree).flatMap((sentence) => {
    const parts = sentence.children ?? [];
    const words = parts.filter((c) => c.type === 'WordNode').length;
    if (words <= sentenceLimit) return [];
    // Its first eight words as written, commas and all, so the writer finds it.
    const eighth = parts.indexOf(parts.filter((c) => c.type === 'WordNode')[7]!);
    return [
      {
        opening: `${parts
          .slice(0, eighth + 1)
          .map(textOf)
          .join('')}…`,
        words,
      },
    ];
  });

  const seen = new Set<string>();
  const jargon: Advice['jargon'] = [];
  const patterns = jargonList.map((entry) => ({ entry, pattern: jargonPattern(entry.word) }));
  for (const { entry, pattern } of patterns) {
    const match = text.match(pattern);
    if (!match || seen.has(entry.word.toLowerCase())) continue;
    seen.add(entry.word.toLowerCase());
    jargon.push({ word: match[0], plain: entry.plain });
  }
  const inJargon = (word: string) =>
    patterns.some(({ pattern }) => {
      pattern.lastIndex = 0;
      return pattern.test(word);
    });

  const simpler: Advice['simpler'] = [];
  const passive: string[] = [];
  for (const message of file.messages) {
    const actual = String(message.actual ?? '');
    if (message.source === 'retext-simplify') {
      const key = actual.toLowerCase();
      if (seen.has(key) || inJargon(actual)) continue;
      seen.add(key);
      simpler.push({ word: actual, plain: (message.expected ?? []).slice(0, 3).join(', ') });
    } else if (message.source === 'retext-passive') {
      // The participle with the word before it ("was made"), as a person would find it.
      const start = message.place && 'start' in message.place ? (message.place.start.offset ?? 0) : 0;
      const before = text.slice(Math.max(0, start - 40), start).match(/(\S+)\s+$/)?.[1] ?? '';
      const phrase = `${before} ${actual}`.trim();
      if (!passive.includes(phrase)) passive.push(phrase);
    }
  }
  // retext-passive knows the irregular participles ("was made"); a part of "be" before a
  // word ending in -ed ("was agreed") is the passive too, nearly always.
  for (const match of text.matchAll(regularPassive)) {
    const phrase = `${match[1]} ${match[2]}`;
    if (!passive.some((p) => p.toLowerCase() === phrase.toLowerCase())) passive.push(phrase);
  }

  const age = readingAge(text);
  return {
    readingAge: age,
    targetAge,
    longSentences,
    jargon,
    simpler,
    passive,
    points: longSentences.length + jargon.length + simpler.length + passive.length + (age > targetAge ? 1 : 0),
  };
}
