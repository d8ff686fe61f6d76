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

/** Stands in for GOV.UK Notify on loopback: records what the client posts, answers as Notify does. */
async function startFakeNotify() {
  const posted: Posted[] = [];
  const state = { failWith: 0 };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      posted.push({ path: req.url ?? '', body, authorization: String(req.headers.authorization ?? '') });
      res.setHeader('content-type', 'application/json');
      if (state.failWith) {
        res.statusCode = state.failWith;
        res.end(JSON.stringify({ errors: [{ error: 'Exception', message: 'Internal server error' }], status_code: state.failWith }));
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
  return { url, posted, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const serviceId = '26785a09-ab16-4eb0-8407-a37497a57506';
const apiKey = `coproduce_test-${serviceId}-3d844edf-8d35-48ac-975b-e847b4f122b0`;
const templates = {
  email: 'f33517ff-2a88-4f6e-b855-c550268ce08a',
  text: 'a5b1d5c0-5a9d-4c59-a5f4-9d1c0f3e2b11',
  letter: '7e1f2c3d-4b5a-4c6d-8e9f-0a1b2c3d4e5f',
};

function notifyDelivery(baseUrl: string, withTemplates: { text?: boolean; letter?: boolean } = { text: true, letter: true }): Delivery {
  const config = loadConfig({
    NOTIFY_API_KEY: apiKey,
    NOTIFY_BASE_URL: baseUrl,
    NOTIFY_EMAIL_TEMPLATE_ID: templates.email,
    ...(withTemplates.text ? { NOTIFY_TEXT_TEMPLATE_ID: templates.text } : {}),
    ...(withTemplates.letter ? { NOTIFY_LETTER_TEMPLATE_ID: templates.letter } : {}),
  });
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
