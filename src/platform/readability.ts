import { flesch } from 'flesch';
import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';

// Member-facing words must be plain: short sentences and short words. The Flesch reading
// ease score measures both (higher is easier: 90 and above suits an 11-year-old). It is an
// estimate, so it backs up, and does not replace, testing words with people.

/** Sentences and words of plain text; links and {{placeholders}} are not words people read. */
function counts(text: string) {
  const clean = text
    .replace(/\{\{[^}]+\}\}/g, 'it')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\([^)]*\)/g, (m) => m.slice(1, -1));
  const sentences = clean
    .split(/[.!?:\n]+/)
    .map((s) => s.trim())
    .filter((s) => /[a-z]/i.test(s));
  const words = clean.match(/[A-Za-z][A-Za-z'’-]*/g) ?? [];
  return { sentence: Math.max(1, sentences.length), word: Math.max(1, words.length), syllable: words.reduce((n, w) => n + syllable(w), 0) };
}

export function readingEase(text: string): number {
  return flesch(counts(text));
}

/**
 * The age a reader needs to be to read the text easily: the Flesch-Kincaid grade (a US school
 * year) plus 5, the usual way to turn a grade into an age. Plain English aims at 9.
 */
export function readingAge(text: string): number {
  if (!/[a-z]/i.test(text)) return 0;
  return Math.max(6, Math.round(fleschKincaid(counts(text)) + 5));
}

export function longestSentence(text: string): number {
  const clean = text.replace(/\{\{[^}]+\}\}/g, 'it').replace(/https?:\/\/\S+/g, ' ');
  return Math.max(0, ...clean.split(/[.!?:\n]+/).map((s) => (s.match(/[A-Za-z][A-Za-z'’-]*/g) ?? []).length));
}
