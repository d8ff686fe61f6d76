// Agree, or say what to change: how people answer words written for them (the charter, the
// commissioning policy). Nothing a person typed is thrown away, but "change" needs words.
import { z } from 'zod';
import { optionalText } from './forms.ts';

export const agreeOrChange = ['agree', 'change'] as const;
export type AgreeOrChange = (typeof agreeOrChange)[number];
export type AgreeOrChangeProblem = 'answer-missing' | 'change-missing';

export function agreeOrChangeProblem(answer: AgreeOrChange | null, words: string | null): AgreeOrChangeProblem | null {
  if (!answer) return 'answer-missing';
  if (answer === 'change' && !words?.trim()) return 'change-missing';
  return null;
}

/** The answer's fields, with the catalogue key a missing answer names. */
export const agreeOrChangeFields = (answerMissing: string, maxWords = 4000) => ({
  answer: z.enum(agreeOrChange, { message: answerMissing }),
  wouldChange: optionalText(maxWords),
});
