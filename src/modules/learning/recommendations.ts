// The nineteen recommendations of SCIE's jigsaw, by code (../shared/DOMAIN.md). Their
// plain-English wording is in the about catalogue (about:about.rec.<code>).
export const recommendationCodes = [
  'C1',
  'C2',
  'C3',
  'S1',
  'S2',
  'S3',
  'S4',
  'S5',
  'P1',
  'P2',
  'P3',
  'P4',
  'P5',
  'P6',
  'P7',
  'V1',
  'V2',
  'V3',
  'V4',
] as const;
export type RecommendationCode = (typeof recommendationCodes)[number];

export const isRecommendationCode = (code: string): code is RecommendationCode => (recommendationCodes as readonly string[]).includes(code);

/** Known codes only, once each, in the jigsaw's order. */
export const cleanCodes = (codes: readonly string[]): RecommendationCode[] => recommendationCodes.filter((c) => codes.includes(c));
