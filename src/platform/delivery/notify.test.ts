import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { databaseDialects, freshDatabase, type TestDatabase } from '../../../test/helpers/databases.ts';
import { loadConfig } from '../../config.ts';
import { newId } from '../ids.ts';
import { deliverDue, enqueue } from '../outbox.ts';
import { addressLines } from './address.ts';
import { makeDelivery, type Delivery } from './delivery.ts';

type Posted = { path: string; body: Record<string, unknown>; authorization: string };

/** Notify's error answers, as its API documentation gives them. */
const notifyErrors: Record<number, { error: string; message: string }> = {
  400: { error: 'BadRequestError', message: "Can't send to this recipient using a team-only API key" },
  403: { error: 'AuthError', message: 'Invalid token: API key not found' },
  429: { error: 'RateLimitError', message: 'Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds' },
  500: { error: 'Exception', message: 'Internal server error' },
};

/** Stands in for GOV.UK Notify on loopback: records what the client posts, answers as Notify does. */
async function startFakeNotify() {
  const posted: Posted[] = [];
  /** failWith: answer with that error; silent: read the request and never answer. */
  const state = { failWith: 0, silent: false };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      posted.push({ path: req.url ?? '', body, authorization: String(req.headers.authorization ?? '') });
      if (state.silent) return;
      res.setHeader('content-type', 'application/json');
      if (state.failWith) {
        res.statusCode = state.failWith;
        res.end(JSON.stringify({ errors: [notifyErrors[state.failWith]], status_code: state.failWith }));
        return;
      }
      res.statusCode = 201;
      const id = newId();
      res.end(
        JSON.stringify({
          id,
          reference: body.reference,
          uri: `/v2/notifications/${id}`,
          template: { id: body.template_id, version: 1, uri: '/t' },
          content: { body: 'x', subject: 'x' },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      // A request left unanswered keeps its connection open; close() would wait for it.
      server.closeAllConnections();
    });
  return { url, posted, state, close };
}

const serviceId = '26785a09-ab16-4eb0-8407-a37497a57506';
const apiKey = `coproduce_test-${serviceId}-3d844edf-8d35-48ac-975b-e847b4f122b0`;
const templates = {
  email: 'f33517ff-2a88-4f6e-b855-c550268ce08a',
  text: 'a5b1d5c0-5a9d-4c59-a5f4-9d1c0f3e2b11',
  letter: '7e1f2c3d-4b5a-4c6d-8e9f-0a1b2c3d4e5f',
};

function notifyDelivery(
  baseUrl: string,
  withTemplates: { text?: boolean; letter?: boolean } = { text: true, letter: true },
  timeoutMs?: number,
): Delivery {
  const config = loadConfig({
    NOTIFY_API_KEY: apiKey,
    NOTIFY_BASE_URL: baseUrl,
    NOTIFY_EMAIL_TEMPLATE_ID: templates.email,
    ...(withTemplates.text ? { NOTIFY_TEXT_TEMPLATE_ID: templates.text } : {}),
    ...(withTemplates.letter ? { NOTIFY_LETTER_TEMPLATE_ID: templates.letter } : {}),
  });
  // The configured timeout is whole seconds; a test waits a fraction of one.
  if (timeoutMs !== undefined && config.delivery.kind === 'notify') config.delivery.timeoutMs = timeoutMs;
  const delivery = makeDelivery(config);
  assert.ok(delivery);
  return delivery;
}

test('an address splits into lines on newlines and commas, at most seven for Notify with the postcode last', () => {
  assert.deepEqual(addressLines('Sam Smith\n1 High Street, Northshire\r\n\nNS1 1AA '), [
    'Sam Smith',
    '1 High Street',
    'Northshire',
    'NS1 1AA',
  ]);
  assert.deepEqual(addressLines('1,2,3,4,5,6,7,8,NS1 1AA', 7), ['1', '2', '3', '4', '5', '6, 7, 8', 'NS1 1AA']);
  assert.deepEqual(addressLines('1,2,3,4,5,6,7', 7), ['1', '2', '3', '4', '5', '6', '7']);
});

for (const dialect of databaseDialects()) {
  describe(`GOV.UK Notify delivery (${dialect})`, () => {
    let database: TestDatabase;
    let notify: Awaited<ReturnType<typeof startFakeNotify>>;
    const now = new Date('2026-11-23T10:00:00Z');
    const org = newId();
    before(async () => {
      database = await freshDatabase(dialect);
      notify = await startFakeNotify();
      await database.db
        .insertInto('organisations')
        .values({ id: org, name: 'Northshire', area: 'North', created_at: now.toISOString() })
        .execute();
    });
    after(async () => {
      await notify.close();
      await database.close();
    });
    beforeEach(() => {
      notify.posted.length = 0;
      notify.state.failWith = 0;
      notify.state.silent = false;
    });
    const rowOf = (id: string) => database.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    test('email, text and letter go to their templates with our id as the reference', async () => {
      const delivery = notifyDelivery(notify.url);
      assert.deepEqual([...delivery.channels].sort(), ['email', 'letter', 'text']);
      const calendar = { filename: 'meeting.ics', contentType: 'text/calendar', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' };
      const email = await enqueue(
        database.db,
        {
          organisationId: org,
          kind: 'invitation',
          recipient: 'sam@example.com',
          subject: 'Meeting on Monday',
          bodyText: 'Come along',
          attachments: [calendar],
        },
        now,
        delivery,
      );
      const text = await enqueue(
        database.db,
        {
          organisationId: org,
          kind: 'reminder',
          channel: 'text',
          recipient: '07700 900123',
          subject: 'Reminder',
          bodyText: 'Meeting tomorrow',
        },
        now,
        delivery,
      );
      const address = 'Sam Smith\nFlat 2, 1 High Street\nVillage, Town\nCounty\nCountry\nNS1 1AA';
      const letter = await enqueue(
        database.db,
        {
          organisationId: org,
          kind: 'invitation',
          channel: 'letter',
          recipient: address,
          subject: 'Meeting on Monday',
          bodyText: 'Dear Sam',
        },
        now,
        delivery,
      );
      for (const id of [email, text, letter]) assert.equal((await rowOf(id)).status, 'pending');

      assert.equal(await deliverDue(database.db, delivery, now), 3);
      const byPath = Object.fromEntries(notify.posted.map((p) => [p.path, p]));
      assert.deepEqual(Object.keys(byPath).sort(), ['/v2/notifications/email', '/v2/notifications/letter', '/v2/notifications/sms']);
      assert.deepEqual(byPath['/v2/notifications/email']!.body, {
        template_id: templates.email,
        email_address: 'sam@example.com',
        personalisation: { subject: 'Meeting on Monday', body: 'Come along' },
        reference: email,
      });
      assert.deepEqual(byPath['/v2/notifications/sms']!.body, {
        template_id: templates.text,
        phone_number: '07700 900123',
        personalisation: { body: 'Meeting tomorrow' },
        reference: text,
      });
      assert.deepEqual(byPath['/v2/notifications/letter']!.body, {
        template_id: templates.letter,
        personalisation: {
          address_line_1: 'Sam Smith',
          address_line_2: 'Flat 2',
          address_line_3: '1 High Street',
          address_line_4: 'Village',
          address_line_5: 'Town',
          address_line_6: 'County, Country',
          address_line_7: 'NS1 1AA',
          subject: 'Meeting on Monday',
          body: 'Dear Sam',
        },
        reference: letter,
      });
      // Notify knows the service by the key: the token is issued for that service.
      const token = byPath['/v2/notifications/email']!.authorization.replace(/^Bearer /, '');
      const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { iss: string };
      assert.equal(claims.iss, serviceId);
      for (const id of [email, text, letter]) assert.equal((await rowOf(id)).status, 'sent');
      assert.equal(await deliverDue(database.db, delivery, new Date(now.getTime() + 10 ** 9)), 0);
      assert.equal(notify.posted.length, 3);
    });

    test("a letter goes to the person's name as address line 1, the address after it, seven lines at most", async () => {
      const delivery = notifyDelivery(notify.url);
      const letter = await enqueue(
        database.db,
        {
          organisationId: org,
          kind: 'invitation',
          channel: 'letter',
          recipientName: 'Dennis Whitfield',
          recipient: 'Room 12, The Oaks Care Home\nBlock B\n4 Mill Lane\nUpper Northby\nNorthby\nNorthshire\nNB1 2CD',
          subject: 'Meeting on Monday',
          bodyText: 'Hello Den',
        },
        now,
        delivery,
      );
      assert.equal(await deliverDue(database.db, delivery, now), 1);
      assert.equal(notify.posted.length, 1);
      assert.deepEqual(notify.posted[0]!.body.personalisation, {
        address_line_1: 'Dennis Whitfield',
        address_line_2: 'Room 12',
        address_line_3: 'The Oaks Care Home',
        address_line_4: 'Block B',
        address_line_5: '4 Mill Lane',
        address_line_6: 'Upper Northby, Northby, Northshire',
        address_line_7: 'NB1 2CD',
        subject: 'Meeting on Monday',
        body: 'Hello Den',
      });
      assert.equal((await rowOf(letter)).status, 'sent');
    });

    test('a Notify failure leaves the message waiting, with the next try and the reason', async () => {
      const delivery = notifyDelivery(notify.url);
      notify.state.failWith = 500;
      const id = await enqueue(
        database.db,
        { organisationId: org, recipient: 'sam@example.com', subject: 'S', bodyText: 'B' },
        now,
        delivery,
      );
      assert.equal(await deliverDue(database.db, delivery, now), 0);
      assert.equal(notify.posted.length, 1);
      const row = await rowOf(id);
      assert.equal(row.status, 'pending');
      assert.equal(row.attempts, 1);
      assert.equal(row.next_attempt_at, new Date(now.getTime() + 60_000).toISOString());
      assert.equal(row.last_error, 'Notify 500: Internal server error');

      notify.state.failWith = 0;
      assert.equal(await deliverDue(database.db, delivery, new Date(now.getTime() + 60_000)), 1);
      assert.equal((await rowOf(id)).status, 'sent');
    });

    // Without a timeout the first deliverDue never returns: the test's own limit catches that.
    test('a request Notify never answers times out, and the message is tried again later', { timeout: 10_000 }, async () => {
      const delivery = notifyDelivery(notify.url, {}, 200);
      notify.state.silent = true;
      const id = await enqueue(
        database.db,
        { organisationId: org, recipient: 'slow@example.com', subject: 'S', bodyText: 'B' },
        now,
        delivery,
      );
      assert.equal(await deliverDue(database.db, delivery, now), 0);
      assert.equal(notify.posted.length, 1);
      const waiting = await rowOf(id);
      assert.equal(waiting.status, 'pending');
      assert.equal(waiting.attempts, 1);
      assert.equal(waiting.next_attempt_at, new Date(now.getTime() + 60_000).toISOString());
      assert.equal(waiting.last_error, 'Notify did not answer within 0.2 seconds');

      notify.state.silent = false;
      assert.equal(await deliverDue(database.db, delivery, new Date(now.getTime() + 60_000)), 1);
      assert.equal((await rowOf(id)).status, 'sent');
    });

    test("Notify's 400 and 403 fail at once with Notify's words; 429, 500 and a dead connection are tried again", async () => {
      const unreachable = http.createServer();
      await new Promise<void>((resolve) => unreachable.listen(0, '127.0.0.1', resolve));
      const closedUrl = `http://127.0.0.1:${(unreachable.address() as AddressInfo).port}`;
      await new Promise<void>((resolve) => unreachable.close(() => resolve()));

      const cases: Array<{ name: string; failWith?: number; url?: string; status: string; failure: string | null; error: RegExp }> = [
        {
          name: '400',
          failWith: 400,
          status: 'failed',
          failure: 'refused',
          error: /^Notify 400: Can't send to this recipient using a team-only API key$/,
        },
        { name: '403', failWith: 403, status: 'failed', failure: 'refused', error: /^Notify 403: Invalid token: API key not found$/ },
        { name: '429', failWith: 429, status: 'pending', failure: null, error: /^Notify 429: Exceeded rate limit/ },
        { name: '500', failWith: 500, status: 'pending', failure: null, error: /^Notify 500: Internal server error$/ },
        { name: 'connection refused', url: closedUrl, status: 'pending', failure: null, error: /ECONNREFUSED/ },
      ];
      for (const c of cases) {
        notify.state.failWith = c.failWith ?? 0;
        const delivery = notifyDelivery(c.url ?? notify.url);
        const id = await enqueue(
          database.db,
          { organisationId: org, recipient: `${c.name.replace(/\W/g, '')}@example.com`, subject: c.name, bodyText: 'B' },
          now,
          delivery,
        );
        assert.equal(await deliverDue(database.db, delivery, now), 0, c.name);
        const row = await rowOf(id);
        assert.deepEqual([row.status, row.attempts, row.failure], [c.status, 1, c.failure], c.name);
        assert.match(row.last_error ?? '', c.error, c.name);
        // A refused message is not tried again, however long it waits.
        if (c.status === 'failed') {
          notify.state.failWith = 0;
          const posts = notify.posted.length;
          await deliverDue(database.db, delivery, new Date(now.getTime() + 10 ** 9));
          assert.equal(notify.posted.length, posts, c.name);
          assert.equal((await rowOf(id)).status, 'failed', c.name);
        }
        // Anything else waiting is sent, so the next case starts with an empty queue.
        notify.state.failWith = 0;
        await deliverDue(database.db, notifyDelivery(notify.url), new Date(now.getTime() + 10 ** 9));
      }
    });

    test('a sign-in link whose try comes due after it has run out fails as expired; nothing dead is sent', async () => {
      const delivery = notifyDelivery(notify.url);
      const expiresAt = new Date(now.getTime() + 30 * 60_000);
      const link = await enqueue(
        database.db,
        { organisationId: org, kind: 'sign-in', recipient: 'late@example.com', subject: 'Sign in', bodyText: 'Link', expiresAt },
        now,
        delivery,
      );
      assert.equal((await rowOf(link)).expires_at, expiresAt.toISOString());
      // Notify is down for the first four tries (at 0, 1, 5 and 21 minutes).
      notify.state.failWith = 500;
      let clock = now;
      for (let attempt = 1; attempt <= 4; attempt++) {
        await deliverDue(database.db, delivery, clock);
        clock = new Date((await rowOf(link)).next_attempt_at);
      }
      // The fifth try comes due at 85 minutes, long after the link ran out at 30.
      assert.ok(clock > expiresAt);
      notify.state.failWith = 0;
      const posts = notify.posted.length;
      const other = await enqueue(
        database.db,
        { organisationId: org, kind: 'reminder', recipient: 'other@example.com', subject: 'Reminder', bodyText: 'B' },
        clock,
        delivery,
      );
      assert.equal(await deliverDue(database.db, delivery, clock), 1);
      assert.deepEqual(
        notify.posted.slice(posts).map((p) => p.body.reference),
        [other],
      );
      const row = await rowOf(link);
      assert.deepEqual([row.status, row.failure, row.attempts], ['failed', 'expired', 4]);
      assert.equal(row.last_error, 'Notify 500: Internal server error');
      assert.equal(await deliverDue(database.db, delivery, new Date(clock.getTime() + 10 ** 9)), 0);
      assert.equal(notify.posted.length, posts + 1);
    });

    test('without text or letter templates, texts wait in the app and letters go to the print pile', async () => {
      const delivery = notifyDelivery(notify.url, {});
      assert.deepEqual([...delivery.channels], ['email']);
      const text = await enqueue(
        database.db,
        { organisationId: org, channel: 'text', recipient: '07700 900123', subject: 'S', bodyText: 'B' },
        now,
        delivery,
      );
      const letter = await enqueue(
        database.db,
        { organisationId: org, channel: 'letter', recipient: 'A\nB\nNS1 1AA', subject: 'S', bodyText: 'B' },
        now,
        delivery,
      );
      await deliverDue(database.db, delivery, new Date(now.getTime() + 10 ** 9));
      assert.equal(notify.posted.length, 0);
      assert.equal((await rowOf(text)).status, 'held');
      assert.equal((await rowOf(letter)).status, 'to-print');
    });
  });
}
