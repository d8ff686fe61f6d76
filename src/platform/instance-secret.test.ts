import assert from 'node:assert/strict';
import { test } from 'node:test';
import { databaseDialects, freshDatabase } from '../../test/helpers/databases.ts';
import { sessionSecretFor } from './instance-secret.ts';

for (const dialect of databaseDialects()) {
  test(`a random session secret is made once and kept (${dialect})`, async () => {
    const { db, close } = await freshDatabase(dialect);
    try {
      const first = await sessionSecretFor(db, undefined);
      assert.ok(first.length >= 48);
      assert.equal(await sessionSecretFor(db, undefined), first);
      const other = await freshDatabase(dialect);
      assert.notEqual(await sessionSecretFor(other.db, undefined), first);
      await other.close();
      assert.equal(await sessionSecretFor(db, 'x'.repeat(40)), 'x'.repeat(40));
    } finally {
      await close();
    }
  });
}
