import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { replyToken } from '../src/modules/meetings/signed-links.ts';
import { setUpDecisionWorld } from './worlds/decision-log.ts';
import { databaseDialects } from './helpers/databases.ts';
import { organisationWithAdmin, signedInClient, testPassword } from './helpers/fixtures.ts';
import { makeTestApp, testSessionSecret } from './helpers/test-app.ts';
import { Client } from './helpers/browser-like-client.ts';

// Whatever arrives, on whichever route, the answer is a plain page with a 4xx status:
// never a 500, which tells the person nothing and hides real faults in the logs.

const someId = '0b9e5c1e-8f6a-4d2b-9c3e-6a7b8c9d0e1f';
/** Every route the app registers, with its parameters filled in; files served from folders are left to their plugin. */
const routesOf = (app: FastifyInstance) =>
  app.routeTable
    .filter((r) => !r.url.includes('*') && r.method !== 'HEAD')
    .map((r) => ({ method: r.method, url: r.url.replace(/:[A-Za-z]+/g, someId) }));

const boundary = 'coproduce-bad-input';
const truncated = `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello`;

for (const dialect of databaseDialects()) {
  describe(`bad input is refused plainly, never with a 500 (${dialect})`, () => {
    test('a malformed, cut-off or unexpected body, on every route', async () => {
      const t = await makeTestApp({ dialect });
      try {
        await organisationWithAdmin(t);
        const admin = await signedInClient(t, 'admin@northshire.test');
        const routes = routesOf(t.app);
        assert.ok(routes.length > 100, `only ${routes.length} routes found`);
        const failures: string[] = [];
        for (const { method, url } of routes) {
          if (method === 'GET') continue;
          for (const [what, contentType, payload] of [
            ['no boundary', 'multipart/form-data', 'x'],
            ['cut off', `multipart/form-data; boundary=${boundary}`, truncated],
            ['not multipart at all', `multipart/form-data; boundary=${boundary}`, 'x'],
            ['broken JSON', 'application/json', '{'],
            ['JSON null', 'application/json', 'null'],
            ['a JSON list', 'application/json', '[1,2]'],
            ['XML', 'application/xml', '<a/>'],
            ['plain text', 'text/plain', 'hello'],
            ['broken percent signs', 'application/x-www-form-urlencoded', 'note=%E0%A4%A&x=%'],
            ['a form of lists', 'application/x-www-form-urlencoded', 'note=a&note=b&title=x&title=y&name[a]=1'],
          ] as const) {
            // With the session's CSRF token in a header, so the body reaches the route itself.
            const res = await admin.raw(method, url, { 'content-type': contentType, 'x-csrf-token': admin.csrf }, payload);
            if (res.statusCode >= 500) failures.push(`${method} ${url} (${what}): ${res.statusCode}`);
          }
        }
        assert.deepEqual(failures, []);
        // Only the bodies forms send are read; anything else is refused before any route.
        for (const type of ['application/json', 'text/plain', 'application/xml']) {
          assert.equal(
            (await admin.raw('POST', '/sign-in', { 'content-type': type, 'x-csrf-token': admin.csrf }, 'null')).statusCode,
            415,
            type,
          );
        }
      } finally {
        await t.close();
      }
    });

    test('a NUL character in a form, a query string or a web address, on every route', async () => {
      const t = await makeTestApp({ dialect });
      try {
        await organisationWithAdmin(t);
        const admin = await signedInClient(t, 'admin@northshire.test');
        await admin.get('/');
        const failures: string[] = [];
        for (const { method, url } of routesOf(t.app)) {
          const res =
            method === 'GET'
              ? await admin.get(`${url}?q=a%00b`)
              : await admin.post(url, { note: 'a\u0000b', name: 'Dennis', title: 'x\u0000' });
          if (res.statusCode !== 400 || !/hidden character/.test(res.body)) failures.push(`${method} ${url}: ${res.statusCode}`);
        }
        assert.deepEqual(failures, []);
        const inPath = await admin.get(`/people/${someId}%00`);
        assert.equal(inPath.statusCode, 400);
      } finally {
        await t.close();
      }
    });

    test('a reply by link with a NUL character in its note is refused and nothing is kept', async () => {
      const t = await makeTestApp({ dialect });
      try {
        const w = await setUpDecisionWorld(t);
        const token = replyToken(testSessionSecret, {
          meetingId: w.meetingId,
          personId: w.ids.dennis,
          expiresAt: new Date(t.now().getTime() + 7 * 86_400_000).toISOString(),
        });
        const res = await t.app.inject({
          method: 'POST',
          url: `/reply/${token}`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: 'reply=yes&note=a%00b',
        });
        assert.equal(res.statusCode, 400);
        assert.match(res.body, /hidden character/);
        const replies = await t.database.db
          .selectFrom('meeting_invitees')
          .select('reply')
          .where('meeting_id', '=', w.meetingId)
          .where('reply', '!=', 'none')
          .execute();
        assert.deepEqual(replies, []);
      } finally {
        await t.close();
      }
    });
  });
}

describe('a path that does not exist is not found, whatever the method and body', () => {
  test('404 for every method and every kind of body', async () => {
    const t = await makeTestApp();
    try {
      await organisationWithAdmin(t);
      const failures: string[] = [];
      const bodies: Array<[string, string | undefined, string | undefined]> = [
        ['no body', undefined, undefined],
        ['a form', 'application/x-www-form-urlencoded', 'a=1&b=%00'],
        ['broken JSON', 'application/json', '{'],
        ['XML', 'application/xml', '<a/>'],
        ['multipart with no boundary', 'multipart/form-data', 'x'],
        ['cut-off multipart', `multipart/form-data; boundary=${boundary}`, truncated],
      ];
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PROPFIND'] as const) {
        for (const [what, type, payload] of bodies) {
          if (method === 'GET' && payload) continue;
          const res = await t.app.inject({
            method: method as 'POST',
            url: '/no/such/page',
            headers: type ? { 'content-type': type } : {},
            payload,
          });
          if (res.statusCode !== 404) failures.push(`${method} with ${what}: ${res.statusCode}`);
        }
      }
      assert.deepEqual(failures, []);
    } finally {
      await t.close();
    }
  });
});

describe('after signing in, "next" only ever leads to a page on this site', () => {
  for (const [next, goesTo] of [
    ['/projects', '/projects'],
    ['/%0Aevil', '/'],
    ['/%0D%0ASet-Cookie:%20x=1', '/'],
    ['/%00', '/'],
    ['/%09/evil.example', '/'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
  ] as const) {
    test(`next=${next}`, async () => {
      const t = await makeTestApp();
      try {
        await organisationWithAdmin(t);
        const client = new Client(t.app);
        const form = await client.get(`/sign-in?next=${next}`);
        assert.ok(form.statusCode < 500, String(form.statusCode));
        const res = await client.post('/sign-in', {
          email: 'admin@northshire.test',
          password: testPassword,
          next: decodeURIComponent(next),
        });
        if (next.includes('%00')) {
          assert.equal(res.statusCode, 400);
          return;
        }
        assert.equal(res.statusCode, 303);
        assert.equal(res.headers.location, goesTo);
      } finally {
        await t.close();
      }
    });
  }
});
