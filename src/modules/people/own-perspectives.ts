import type { Role } from '../../platform/auth.ts';
import { perspectives, type Perspective } from './vocabulary.ts';

// Which perspectives a person may choose for themself. A member may not give themself a
// staff perspective (manager, commissioner, frontline worker, partner): it would move their
// review answers into the staff and partners group. Staff may set any perspective, for
// anyone, themselves included.

/** The perspectives a member can choose on their own "Your details" pages. */
export const memberPerspectives = ['draws-on-care', 'carer', 'family', 'community'] as const satisfies readonly Perspective[];

// An independent facilitator (issue 22) is not staff either: staff set any other perspective for them.
export const perspectivesOffered = (role: Role): readonly [Perspective, ...Perspective[]] =>
  role === 'member' || role === 'independent-facilitator' ? memberPerspectives : perspectives;

/** Perspectives staff have set that this person is not offered: kept as they are, and shown. */
export const perspectivesKept = (role: Role, before: readonly Perspective[]): Perspective[] =>
  before.filter((p) => !(perspectivesOffered(role) as readonly Perspective[]).includes(p));

/**
 * A person's perspectives after they tick `chosen` on their own form: each one they are
 * offered is as they ticked it; any other stays as it was. A value they were not offered
 * (a crafted form) changes nothing.
 */
export function ownPerspectives(role: Role, before: readonly Perspective[], chosen: readonly Perspective[]): Perspective[] {
  const offered: readonly Perspective[] = perspectivesOffered(role);
  return perspectives.filter((p) => (offered.includes(p) ? chosen.includes(p) : before.includes(p)));
}
