import type { Kysely } from 'kysely';

// Issue 19: a person's equality answers given with their supporter keep which supporter it
// was, so an equality lead reads "with their supporter Sarah Whitfield". No foreign key: a
// supporter's record can be erased (data rights) while the person's answers stay theirs,
// and then the answers read "with their supporter" without a name.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('equality_answers').addColumn('supporter_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('equality_answers').dropColumn('supporter_id').execute();
}
