import type { Grouping } from './vocabulary.ts';

// The default benchmark: England and Wales, 2021 Census (Office for National Statistics),
// percentages of usual residents, typed in by hand: as published in the ONS bulletins for each
// table, except age and disability (below). "prefer-not" holds the Census "not answered" share
// where the question was voluntary. An organisation replaces any of these with its own
// area's figures (its local authority's rows of the same tables) by importing a CSV file.
//
// Unpaid care (TS039) uses the figures of the ONS bulletin "Unpaid care, England and Wales:
// Census 2021" (19 January 2023): of usual residents aged 5 and over, 9.0% gave unpaid care,
// 4.4% for 19 hours a week or less, 1.9% for 20 to 49 hours and 2.8% for 50 hours or more.
// The bulletin gives these age-standardised (so areas with older people compare fairly), not
// as plain shares of the population, and the screen says so.
//
// Age bands (TS007A) and disability (TS038) are counts, not bulletin percentages: the count for
// England (E92000001) and the count for Wales (W92000004) from the same table, added together,
// which is how the England and Wales (K04000001) figure is made. They are plain shares of all
// usual residents, not age-standardised. Worked out in December 2026 from files read in the
// public GitHub repository shanwilkinson2/neighbourhood_info (copies of ONS downloads):
//
// Age from under 16 to 64, and 65 and over in all: "census2021-england age.csv" (commit
// ed3d0e0), an ONS Census 2021 custom dataset of Countries by "Age (6 categories)".
// England + Wales:
//   15 and under 10,483,091 + 548,078 = 11,031,169   (18.51%)
//   16 to 24      5,989,233 + 329,080 =  6,318,313   (10.60%)
//   25 to 34      7,667,865 + 382,675 =  8,050,540   (13.51%)
//   35 to 49     10,978,438 + 547,659 = 11,526,097   (19.34%)
//   50 to 64     10,970,119 + 637,958 = 11,608,077   (19.48%)
//   65 and over  10,401,301 + 662,044 = 11,063,345   (18.56%; 18.6% in the ONS article
//                                                       on the older population, April 2023)
//   all          56,490,047 + 3,107,494 = 59,597,541
// Our bands below 65 are these six groups, because TS007A's five-year band 15 to 19 would cut
// across 16. Our bands 65 to 74, 75 to 84 and 85 or over are TS007A's 65-69 + 70-74, 75-79 +
// 80-84, and 85 and over, from "census2021-ts007a-lsoa.csv" (commit 3568830, the nomis bulk file
// of TS007A for every LSOA), summed over all 35,672 LSOAs of England and Wales: 65 to 74
// 5,923,003, 75 to 84 3,685,414, 85 and over 1,454,903, of 59,597,611 people (9.94%, 6.18%,
// 2.44%). Those three add up to 11,063,320, within 25 of the country count above.
//
// Disability: "census2021-ts038-lsoa.csv" (commit 0ef879c, the nomis bulk file of TS038 for
// every LSOA), summed over all 35,672 LSOAs of England (33,755) and Wales (1,917):
//   all usual residents                        59,597,543
//   disabled, day-to-day activities limited a lot   4,459,689  (7.48%)
//   disabled, limited a little                       5,985,061  (10.04%)
//   not disabled (both "not disabled" groups)       49,152,793  (82.47%)
// England alone comes to 9,774,486 disabled and Wales to 670,264, matching the ONS's published
// "9.8 million" and "670,000" (as quoted by Disability Rights UK, February 2023).
//
// Adding up small areas gives a total a few people away from the published one (56,490,046
// for England against the 56,490,048 censusdata.uk shows), because the ONS nudges each small
// area's counts a little to keep people from being recognised; at one decimal place this
// changes nothing. The guide's circumstances (dementia, homelessness, prison ...) have no
// Census table at all.

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
  ageBand: {
    table: 'TS007A',
    percents: {
      'under-16': 18.5,
      '16-24': 10.6,
      '25-34': 13.5,
      '35-49': 19.3,
      '50-64': 19.5,
      '65-74': 9.9,
      '75-84': 6.2,
      '85-plus': 2.4,
    },
  },
  disability: { table: 'TS038', percents: { 'disabled-a-lot': 7.5, 'disabled-a-little': 10.0, 'not-disabled': 82.5 } },
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
