import { randomBytes } from 'node:crypto';
import type { Db } from '../db/connection.ts';

/**
 * The session secret: from configuration if given, otherwise made at random on first
 * start and kept in the database, so every restart (and every instance) shares it.
 * There is never a built-in default.
 */
export async function sessionSecretFor(db: Db, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const existing = await db.selectFrom('instance_settings').select('value').where('key', '=', 'session_secret').executeTakeFirst();
  if (existing) return existing.value;
  const secret = randomBytes(48).toString('base64url');
  await db
    .insertInto('instance_settings')
    .values({ key: 'session_secret', value: secret })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  // Another instance may have won the race: use whatever was stored.
  const stored = await db.selectFrom('instance_settings').select('value').where('key', '=', 'session_secret').executeTakeFirstOrThrow();
  return stored.value;
}
