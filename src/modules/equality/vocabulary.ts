// The equality monitoring questions and their answers (issue 19), in one place.
//
// Sources: the 2021 Census of England and Wales questions and output categories (ONS), which
// follow the Government Statistical Service (GSS) harmonised standards:
// - age: the Census date of birth question, shown in the broad bands of ONS table TS007A;
// - sex: Census 2021 "What is your sex?" (TS008);
// - gender identity: Census 2021 question for people aged 16 and over (TS078 categories);
// - sexual orientation: GSS harmonised standard for sexual orientation (TS077 shows more detail:
//   pansexual, asexual and queer are "other sexual orientation" here), 16 and over only;
// - ethnic group: Census 2021 England 19 categories in 5 high-level groups (TS021);
// - religion: Census 2021 (TS030);
// - disability: GSS harmonised standard (long-term condition, then activity limitation), which
//   is how the Census counts people "disabled under the Equality Act 2010" (TS038);
// - unpaid care: Census 2021 hours of unpaid care a week, in TS039 bands;
// - circumstances: the co-production guide's list of people most often left out. These have no
//   Census figure; a person may tick several.
// Every question can be left blank, and every question has "prefer not to say".

export const preferNot = 'prefer-not';

export const ageBands = ['under-16', '16-24', '25-34', '35-49', '50-64', '65-74', '75-84', '85-plus'] as const;
export const sexes = ['female', 'male'] as const;
export const genderIdentities = ['same', 'trans-woman', 'trans-man', 'non-binary', 'other-identity', 'different-not-said'] as const;
export const sexualOrientations = ['straight', 'gay-lesbian', 'bisexual', 'other-orientation'] as const;

/** The 19 ethnic groups of the 2021 Census in England and Wales, under their 5 high-level groups. */
export const ethnicGroupsByHigh = {
  asian: ['indian', 'pakistani', 'bangladeshi', 'chinese', 'other-asian'],
  black: ['african', 'caribbean', 'other-black'],
  mixed: ['white-black-caribbean', 'white-black-african', 'white-asian', 'other-mixed'],
  white: ['white-british', 'irish', 'gypsy-irish-traveller', 'roma', 'other-white'],
  other: ['arab', 'any-other'],
} as const;
export type EthnicHigh = keyof typeof ethnicGroupsByHigh;
export const ethnicHighs = Object.keys(ethnicGroupsByHigh) as EthnicHigh[];
export type EthnicGroup = (typeof ethnicGroupsByHigh)[EthnicHigh][number];
export const ethnicGroups = ethnicHighs.flatMap((h) => [...ethnicGroupsByHigh[h]]) as EthnicGroup[];
export const ethnicHighOf = (group: EthnicGroup): EthnicHigh =>
  ethnicHighs.find((h) => (ethnicGroupsByHigh[h] as readonly string[]).includes(group))!;

export const religions = ['no-religion', 'christian', 'buddhist', 'hindu', 'jewish', 'muslim', 'sikh', 'other-religion'] as const;
export const longTermConditions = ['yes', 'no'] as const;
export const activityLimitations = ['a-lot', 'a-little', 'not-at-all'] as const;
/** Disabled under the Equality Act 2010, as the Census derives it from the two questions above. */
export const disabilities = ['disabled-a-lot', 'disabled-a-little', 'not-disabled'] as const;
export const unpaidCare = ['none', 'up-to-19', '20-to-49', '50-plus'] as const;

export const circumstances = [
  'dementia',
  'communicates-differently',
  'high-support-needs',
  'no-organised-group',
  'residential-home',
  'homeless',
  'gypsy-traveller',
  'in-prison',
] as const;
export type Circumstance = (typeof circumstances)[number];
/** Two answers that stand alone in the circumstances question. */
export const noCircumstance = 'none';

/** The questions with one answer each, in the order they are asked; the answers each may take. */
export const singleQuestions = {
  ageBand: ageBands,
  sex: sexes,
  genderIdentity: genderIdentities,
  sexualOrientation: sexualOrientations,
  ethnicGroup: ethnicGroups,
  religion: religions,
  longTermCondition: longTermConditions,
  activityLimitation: activityLimitations,
  unpaidCare,
} as const;
export type SingleQuestion = keyof typeof singleQuestions;
export const singleQuestionNames = Object.keys(singleQuestions) as SingleQuestion[];

/** Asked only of people aged 16 or over, as in the Census. */
export const sixteenPlusQuestions: readonly SingleQuestion[] = ['genderIdentity', 'sexualOrientation'];

/**
 * The groupings "who is missing" counts people by: each is one column of the answers table,
 * with the categories it can hold (besides "prefer not to say" and not answered).
 */
export const groupings = {
  ageBand: ageBands,
  sex: sexes,
  genderIdentity: genderIdentities,
  sexualOrientation: sexualOrientations,
  ethnicHigh: ethnicHighs,
  ethnicGroup: ethnicGroups,
  religion: religions,
  disability: disabilities,
  unpaidCare,
} as const;
export type Grouping = keyof typeof groupings;
export const groupingNames = Object.keys(groupings) as Grouping[];
/** Circumstances are counted too, but a person can be in several, so they are not one column. */
export const circumstancesGrouping = 'circumstances';

/** Whether a person is disabled under the Equality Act, from the two harmonised questions. */
export function disabilityOf(condition: string | null, limitation: string | null): (typeof disabilities)[number] | typeof preferNot | null {
  if (condition === preferNot || limitation === preferNot) return preferNot;
  if (condition === 'no') return 'not-disabled';
  if (condition === 'yes') {
    if (limitation === 'a-lot') return 'disabled-a-lot';
    if (limitation === 'a-little') return 'disabled-a-little';
    if (limitation === 'not-at-all') return 'not-disabled';
  }
  return null;
}
