import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { databaseDialects } from './helpers/databases.ts';
import { makeTestApp } from './helpers/test-app.ts';
import { Client } from './helpers/browser-like-client.ts';
import { organisationWithAdmin } from './helpers/fixtures.ts';

// Links that work without signing in are proof by their signature; guessing them is still
// limited like signing in, counted in the database so every app process shares the count.
for (const dialect of databaseDialects()) {
  describe(`links without signing in are rate limited (${dialect})`, () => {
    for (const path of ['/act', '/reply', '/survey'])
      test(`${path}/<token> answers 429 after the limit, to a look or an answer`, async () => {
        const t = await makeTestApp({ dialect, env: { SIGN_IN_RATE_LIMIT: '3' } });
        try {
          await organisationWithAdmin(t);
          const client = new Client(t.app);
          const codes: number[] = [];
          for (let i = 0; i < 4; i++) codes.push((await client.get(`${path}/AAAAAAAAAAAAAAAAAAAAAA.guess${i}`)).statusCode);
          assert.deepEqual(codes.slice(3), [429], `${codes.join(', ')}`);
          assert.ok(
            codes.slice(0, 3).every((c) => c !== 429),
            codes.join(', '),
          );
          const posts: number[] = [];
          for (let i = 0; i < 4; i++) posts.push((await client.post(`${path}/AAAAAAAAAAAAAAAAAAAAAA.guess${i}`, {})).statusCode);
          assert.equal(posts[3], 429, posts.join(', '));
        } finally {
          await t.close();
        }
      });
  });
}
