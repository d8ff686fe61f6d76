import { flesch } from 'flesch';
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

export function longestSentence(text: string): number {
  const clean = text.replace(/\{\{[^}]+\}\}/g, 'it').replace(/https?:\/\/\S+/g, ' ');
  return Math.max(0, ...clean.split(/[.!?:\n]+/).map((s) => (s.match(/[A-Za-z][A-Za-z'’-]*/g) ?? []).length));
}
