import { sql, type Expression, type ExpressionBuilder } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';

/**
 * The mobile with spaces, dashes, dots and brackets taken out, written exactly as the index
 * people_mobile_stripped is (migration 2026-12-08T0300), so the lookup reads the index.
 */
function strippedMobile(eb: ExpressionBuilder<Database, 'people'>) {
  let e: Expression<string | null> = eb.ref('mobile');
  for (const ch of [' ', '-', '.', '(', ')']) e = eb.fn<string | null>('replace', [e, sql.lit(ch), sql.lit('')]);
  return e;
}

export type PersonByMobile = { organisationId: string; personId: string };

/**
 * Whose mobile is this number, in any of the forms it may be written in (storedForms in
 * platform/delivery/phone-number.ts)? A text reaches the instance's number, not one
 * organisation's, so this looks across organisations; the caller decides what a number
 * held in more than one organisation means. At most `limit` people.
 */
export async function peopleByMobile(db: Db, forms: readonly string[], limit = 10): Promise<PersonByMobile[]> {
  if (forms.length === 0) return [];
  const rows = await db
    .selectFrom('people')
    .select(['organisation_id', 'id'])
    .where((eb) => eb(strippedMobile(eb), 'in', [...forms]))
    .orderBy('organisation_id')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ organisationId: r.organisation_id, personId: r.id }));
}
