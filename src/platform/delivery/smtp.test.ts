import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { databaseDialects, freshDatabase, type TestDatabase } from '../../../test/helpers/databases.ts';
import { newId } from '../ids.ts';
import { deliverDue, enqueue } from '../outbox.ts';
import { PermanentFailure } from './permanent-failure.ts';
import { smtpDelivery } from './smtp.ts';

/**
 * A real SMTP server on loopback that answers some recipients as mail servers do: a final
 * 550 for a mailbox that does not exist, a 451 "try later" for a busy one.
 */
async function startSmtp() {
  const replies: Record<string, { code: number; text: string }> = {
    'nobody@example.com': { code: 550, text: 'No such user here' },
    'busy@example.com': { code: 451, text: 'Mailbox busy, try again later' },
  };
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const reply = replies[address.address];
      if (!reply) return callback();
      callback(Object.assign(new Error(reply.text), { responseCode: reply.code }));
    },
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        received.push(session.envelope.rcptTo.map((r) => r.address).join(','));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const message = (to: string) => ({ id: newId(), channel: 'email' as const, to, subject: 'S', text: 'B', attachments: [] });

describe('SMTP replies', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  before(async () => (smtp = await startSmtp()));
  after(() => smtp.close());

  test("a 5xx reply is the server's final no; a 4xx reply is worth another try", async () => {
    const delivery = smtpDelivery(smtp.url, 'Coproduce <no-reply@example.org>');
    await delivery.send(message('sam@example.com'));
    assert.deepEqual(smtp.received, ['sam@example.com']);
    await assert.rejects(delivery.send(message('nobody@example.com')), (err: unknown) => {
      assert.ok(err instanceof PermanentFailure);
      assert.match(err.message, /550 No such user here/);
      return true;
    });
    await assert.rejects(delivery.send(message('busy@example.com')), (err: unknown) => {
      assert.ok(!(err instanceof PermanentFailure));
      assert.match((err as Error).message, /451 Mailbox busy/);
      return true;
    });
  });
});

for (const dialect of databaseDialects()) {
  describe(`the outbox and SMTP refusals (${dialect})`, () => {
    let database: TestDatabase;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    const now = new Date('2026-11-23T10:00:00Z');
    const org = newId();
    before(async () => {
      database = await freshDatabase(dialect);
      smtp = await startSmtp();
      await database.db
        .insertInto('organisations')
        .values({ id: org, name: 'Northshire', area: 'North', created_at: now.toISOString() })
        .execute();
    });
    after(async () => {
      await smtp.close();
      await database.close();
    });

    test('a refused address fails at once with the reason; a busy one waits for its next try', async () => {
      const delivery = smtpDelivery(smtp.url, 'Coproduce <no-reply@example.org>');
      const queue = (recipient: string) =>
        enqueue(database.db, { organisationId: org, recipient, subject: 'S', bodyText: 'B' }, now, delivery);
      const refused = await queue('nobody@example.com');
      const busy = await queue('busy@example.com');
      assert.equal(await deliverDue(database.db, delivery, now), 0);
      const rows = Object.fromEntries(
        (await database.db.selectFrom('outbox').selectAll().where('id', 'in', [refused, busy]).execute()).map((r) => [r.id, r]),
      );
      assert.deepEqual([rows[refused]!.status, rows[refused]!.failure, rows[refused]!.attempts], ['failed', 'refused', 1]);
      assert.match(rows[refused]!.last_error ?? '', /550 No such user here/);
      assert.deepEqual([rows[busy]!.status, rows[busy]!.failure, rows[busy]!.attempts], ['pending', null, 1]);
    });
  });
}
