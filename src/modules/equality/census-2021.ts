import type { Grouping } from './vocabulary.ts';

// The default benchmark: England and Wales, 2021 Census (Office for National Statistics),
// percentages of usual residents, as published in the ONS bulletins for each table, typed in
// by hand. "prefer-not" holds the Census "not answered" share where the question was
// voluntary. An organisation replaces any of these with its own area's figures (its local
// authority's rows of the same tables) by importing a CSV file.
//
// Unpaid care (TS039) uses the figures of the ONS bulletin "Unpaid care, England and Wales:
// Census 2021" (19 January 2023): of usual residents aged 5 and over, 9.0% gave unpaid care,
// 4.4% for 19 hours a week or less, 1.9% for 20 to 49 hours and 2.8% for 50 hours or more.
// The bulletin gives these age-standardised (so areas with older people compare fairly), not
// as plain shares of the population, and the screen says so.
//
// Left out on purpose, rather than typed from memory: age bands (TS007A) and disability
// (TS038). Their England and Wales percentages in our bands were not checked against the
// published tables when this was written, so the app shows no benchmark for them until the
// organisation imports its area's figures. Looked for again in December 2026, in ONS pages
// that could be quoted: the disability articles ("Disability by age, sex and deprivation,
// England and Wales: Census 2021"; "Protected characteristics by disability status") give
// England's and Wales's age-standardised shares separately, not the two together in the
// three groups used here, and for age only the share aged 65 and over (18.6%, "Profile of
// the older population living in England and Wales in 2021") was found, not these bands.
// Sites that re-publish the tables (England alone: 7.5% limited a lot, 10.2% a little) are
// not the ONS and not England and Wales together, so they are not used. The guide's
// circumstances (dementia, homelessness, prison ...) have no Census table at all.

export type BenchmarkSet = { table: string; percents: Readonly<Record<string, number>> };

export const censusArea = 'England and Wales, Census 2021 (ONS)';

export const census2021EnglandWales: Partial<Record<Grouping, BenchmarkSet>> = {
  sex: { table: 'TS008', percents: { female: 51.0, male: 49.0 } },
  // Aged 16 and over.
  genderIdentity: {
    table: 'TS078',
    percents: {
      same: 93.5,
      'different-not-said': 0.24,
      'trans-woman': 0.1,
      'trans-man': 0.1,
      'non-binary': 0.06,
      'other-identity': 0.04,
      'prefer-not': 6.0,
    },
  },
  // Aged 16 and over. "Other" is pansexual, asexual, queer and all other orientations together.
  sexualOrientation: {
    table: 'TS077',
    percents: { straight: 89.4, 'gay-lesbian': 1.5, bisexual: 1.3, 'other-orientation': 0.3, 'prefer-not': 7.5 },
  },
  ethnicHigh: { table: 'TS021', percents: { asian: 9.3, black: 4.0, mixed: 2.9, white: 81.7, other: 2.1 } },
  ethnicGroup: {
    table: 'TS021',
    percents: {
      indian: 3.1,
      pakistani: 2.7,
      bangladeshi: 1.1,
      chinese: 0.7,
      'other-asian': 1.6,
      african: 2.5,
      caribbean: 1.0,
      'other-black': 0.5,
      'white-black-caribbean': 0.9,
      'white-black-african': 0.4,
      'white-asian': 0.8,
      'other-mixed': 0.8,
      'white-british': 74.4,
      irish: 0.9,
      'gypsy-irish-traveller': 0.1,
      roma: 0.2,
      'other-white': 6.2,
      arab: 0.6,
      'any-other': 1.6,
    },
  },
  unpaidCare: { table: 'TS039', percents: { none: 91.0, 'up-to-19': 4.4, '20-to-49': 1.9, '50-plus': 2.8 } },
  religion: {
    table: 'TS030',
    percents: {
      'no-religion': 37.2,
      christian: 46.2,
      buddhist: 0.5,
      hindu: 1.7,
      jewish: 0.5,
      muslim: 6.5,
      sikh: 0.9,
      'other-religion': 0.6,
      'prefer-not': 6.0,
    },
  },
};
