import type { Perspective } from '../modules/people/vocabulary.ts';

// Four groups are enough to see whether power is shared at meetings: people who draw on
// care and support, carers, family and community, and staff and partners.
export const perspectiveGroups = ['draws-on-care', 'carer', 'family-community', 'staff-partners'] as const;
export type PerspectiveGroup = (typeof perspectiveGroups)[number];

const groupOf: Record<Perspective, PerspectiveGroup> = {
  'draws-on-care': 'draws-on-care',
  carer: 'carer',
  family: 'family-community',
  community: 'family-community',
  practitioner: 'staff-partners',
  manager: 'staff-partners',
  commissioner: 'staff-partners',
  partner: 'staff-partners',
};

export const perspectiveGroupOf = (p: string): PerspectiveGroup => groupOf[p as Perspective] ?? 'family-community';
