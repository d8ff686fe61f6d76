import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requestForLog } from './request-log.ts';

// Tokens in sign-in links and personal links never reach the log.
test('the log keeps the route, not the path, and hides long parts of paths that matched nothing', () => {
  const token = 'kq3Vb8m2W0x7Yz9Pq1Lr5Tt6Uu8Ww0Xx2Zz4Aa6Cc8';
  assert.deepEqual(requestForLog({ method: 'GET', url: `/act/${token}?page=2`, id: 'r1', routeOptions: { url: '/act/:token' } }), {
    method: 'GET',
    url: '/act/:token',
    id: 'r1',
  });
  assert.equal(
    requestForLog({ method: 'GET', url: `/sign-in/link/${token}`, id: 'r2', routeOptions: { url: '/sign-in/link/:token' } }).url,
    '/sign-in/link/:token',
  );
  assert.equal(requestForLog({ method: 'GET', url: `/akt/${token}?x=1`, id: 'r3' }).url, '/akt/:hidden');
  assert.equal(requestForLog({ method: 'GET', url: '/people?page=2', id: 'r4' }).url, '/people');
});
