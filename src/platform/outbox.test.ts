import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { databaseDialects, freshDatabase, type TestDatabase } from '../../test/helpers/databases.ts';
import { deliverDue, enqueue, maxAttempts, recoverInterrupted, retryDelayMinutes, smtpTransport, type MailTransport } from './outbox.ts';

type Received = { to: string; data: string };

/** A real SMTP server on loopback, started by the test, that records what arrives. */
async function startSmtp(): Promise<{ port: number; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), data });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test('retry delays grow: 1, 4, 16, 64 minutes', () => {
  assert.deepEqual([1, 2, 3, 4].map(retryDelayMinutes), [1, 4, 16, 64]);
});

for (const dialect of databaseDialects()) {
  describe(`outbox delivery (${dialect})`, () => {
    let database: TestDatabase;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    const now = new Date('2026-11-23T10:00:00Z');
    before(async () => {
      database = await freshDatabase(dialect);
      smtp = await startSmtp();
    });
    after(async () => {
      await smtp.close();
      await database.close();
    });

    test('a message reaches a real SMTP server exactly once, even with two workers at once', async () => {
      const id = await enqueue(database.db, { organisationId: null, recipient: 'sam@example.com', subject: 'Hello Sam', bodyText: 'Line one' }, now, true);
      const transport = smtpTransport(`smtp://127.0.0.1:${smtp.port}`, 'Coproduce <no-reply@example.org>');
      const [a, b] = await Promise.all([deliverDue(database.db, transport, now), deliverDue(database.db, transport, now)]);
      assert.equal(a + b, 1);
      assert.equal((await deliverDue(database.db, transport, now)), 0);
      const arrived = smtp.received.filter((r) => r.to === 'sam@example.com');
      assert.equal(arrived.length, 1);
      assert.match(arrived[0]!.data, /Subject: Hello Sam/);
      assert.match(arrived[0]!.data, new RegExp(`Message-ID: <${id}@coproduce.outbox>`, 'i'));
      const row = await database.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'sent');
      assert.equal(row.attempts, 1);
    });

    test('a failing send is retried later, then given up and shown as failed', async () => {
      const id = await enqueue(database.db, { organisationId: null, recipient: 'fail@example.com', subject: 'S', bodyText: 'B' }, now, true);
      let calls = 0;
      const failing: MailTransport = {
        async send() {
          calls++;
          throw new Error('connection refused');
        },
      };
      let clock = now;
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        await deliverDue(database.db, failing, clock);
        // Nothing more is tried before the back-off has passed.
        await deliverDue(database.db, failing, clock);
        clock = new Date(clock.getTime() + retryDelayMinutes(attempt) * 60_000);
      }
      await deliverDue(database.db, failing, new Date(clock.getTime() + 10 ** 9));
      assert.equal(calls, maxAttempts);
      const row = await database.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'failed');
      assert.equal(row.last_error, 'connection refused');
    });

    test('a message caught mid-send by a crash is marked for checking, never sent again', async () => {
      const id = await enqueue(database.db, { organisationId: null, recipient: 'crash@example.com', subject: 'S', bodyText: 'B' }, now, true);
      await database.db.updateTable('outbox').set({ status: 'sending', attempts: 1 }).where('id', '=', id).execute();
      await recoverInterrupted(database.db);
      let calls = 0;
      await deliverDue(database.db, { send: async () => void calls++ }, new Date(now.getTime() + 10 ** 9));
      assert.equal(calls, 0);
      const row = await database.db.selectFrom('outbox').select('status').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'unknown');
    });

    test('with no mail server, messages are held and never picked up', async () => {
      const id = await enqueue(database.db, { organisationId: null, recipient: 'held@example.com', subject: 'S', bodyText: 'B' }, now, false);
      let calls = 0;
      await deliverDue(database.db, { send: async () => void calls++ }, new Date(now.getTime() + 10 ** 9));
      assert.equal(calls, 0);
      const row = await database.db.selectFrom('outbox').select('status').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'held');
    });
  });
}
