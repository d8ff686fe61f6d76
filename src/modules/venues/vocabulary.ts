// What a venue offers for access. Labels: venues:feature.<value> in the catalogue.
export const venueFeatures = [
  'step-free',
  'lift',
  'accessible-toilet',
  'changing-places',
  'hearing-loop',
  'quiet-room',
  'parking',
  'public-transport',
] as const;
export type VenueFeature = (typeof venueFeatures)[number];
