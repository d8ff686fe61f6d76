import { sql, type RawBuilder } from 'kysely';
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

/** The same grouping as perspectiveGroupOf, for a query that counts by group in the database. */
export function perspectiveGroupSql(column: string): RawBuilder<PerspectiveGroup> {
  const whens = Object.entries(groupOf).map(([p, g]) => sql`when ${p} then ${g}`);
  return sql<PerspectiveGroup>`case ${sql.ref(column)} ${sql.join(whens, sql` `)} else ${'family-community'} end`;
}
