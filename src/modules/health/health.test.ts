import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeTestApp } from '../../../test/helpers/test-app.ts';

test('health is 200 with the database up and 503 when it cannot be reached', async () => {
  const t = await makeTestApp();
  try {
    const ok = await t.app.inject({ method: 'GET', url: '/health' });
    assert.equal(ok.statusCode, 200);
    assert.deepEqual(ok.json(), { status: 'ok', database: 'reachable' });
    await t.database.db.destroy();
    const down = await t.app.inject({ method: 'GET', url: '/health' });
    assert.equal(down.statusCode, 503);
    assert.deepEqual(down.json(), { status: 'unavailable', database: 'unreachable' });
  } finally {
    await t.app.close();
  }
});
