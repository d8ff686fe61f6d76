import { circumstances, noCircumstance, preferNot, singleQuestionNames, singleQuestions, sixteenPlusQuestions } from './vocabulary.ts';

/** The questions as the form shows them: each with its answers, "prefer not to say" last. */
export function questionView() {
  return {
    single: singleQuestionNames.map((name) => ({
      name,
      answers: [...singleQuestions[name]],
      preferNot,
      hasHint: sixteenPlusQuestions.includes(name) || name === 'activityLimitation' || name === 'unpaidCare',
      small: singleQuestions[name].length > 6,
    })),
    circumstances: [...circumstances],
    noCircumstance,
    preferNot,
  };
}
