/**
 * Easy read keeps each sentence short: 15 words at most (the Easy Read guidance asks for
 * 10 to 15), one idea a line. This finds the sentences that are longer, so staff writing an
 * easy read version can be told which ones to split, and the app's own easy read words are
 * held to the same rule by a test.
 *
 * A sentence ends at ".", "!" or "?" followed by a space, or at a line break. A word is any
 * run of letters or figures; "**" (bold) and "{{name}}" (a value put in later, counted as one
 * word) are not words of their own.
 */
export const easyReadMostWords = 15;

export type LongSentence = { sentence: string; words: number };

export function wordCount(sentence: string): number {
  const plain = sentence.replace(/\{\{[^}]*\}\}/g, ' x ').replace(/\*\*/g, '');
  return (plain.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).length;
}

export function sentencesOf(text: string): string[] {
  return text
    .split(/\r?\n|(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function longSentences(text: string, most = easyReadMostWords): LongSentence[] {
  return sentencesOf(text)
    .map((sentence) => ({ sentence, words: wordCount(sentence) }))
    .filter((s) => s.words > most);
}
