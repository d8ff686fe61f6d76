import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import ICAL from 'ical.js';
import type { AddressInfo } from 'node:net';
import { databaseDialects, freshDatabase, type TestDatabase } from '../../test/helpers/databases.ts';
import type { OutboxChannel } from '../db/schema.ts';
import { meetingInvite } from '../modules/meetings/calendar.ts';
import { makeDelivery, type Delivery, type OutgoingDelivery, type SendableChannel } from './delivery/delivery.ts';
import { mimeTypeOf } from './delivery/smtp.ts';
import { newId } from './ids.ts';
import {
  deliverDue,
  enqueue,
  firstStatus,
  listOutbox,
  markHandled,
  markLettersPosted,
  maxAttempts,
  recoverInterrupted,
  retryDelayMinutes,
} from './outbox.ts';

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

/** A stand-in for the outside world that records what it was asked to send. */
function recordingDelivery(channels: SendableChannel[], fail?: () => Error): Delivery & { sent: OutgoingDelivery[] } {
  const sent: OutgoingDelivery[] = [];
  return {
    kind: 'smtp',
    channels: new Set(channels),
    sent,
    async send(m) {
      if (fail) throw fail();
      sent.push(m);
    },
  };
}

const meeting = {
  id: '0b7c8a4e-1111-4000-8000-000000000001',
  title: 'Transport group',
  description: 'Planning the new routes',
  startsAt: '2026-11-30T14:00:00.000Z',
  endsAt: '2026-11-30T16:00:00.000Z',
  location: 'Riverside Hall',
  url: 'http://localhost:3000/m/1',
  cancelled: false,
  updatedAt: '2026-11-23T09:00:00.000Z',
};
const organiser = { name: 'Org', email: 'a@example.org' };
const sam = { name: 'Sam Smith', email: 'sam@example.com' };

/** The parts of a raw message's multipart/alternative section, each with its own headers. */
function alternativeParts(raw: string): string[] {
  const boundary = /Content-Type: multipart\/alternative;\s*boundary="([^"]+)"/i.exec(raw)?.[1];
  assert.ok(boundary, 'the message has a multipart/alternative section');
  return raw.split(`--${boundary}`).slice(1, -1);
}

test('retry delays grow: 1, 4, 16, 64 minutes', () => {
  assert.deepEqual([1, 2, 3, 4].map(retryDelayMinutes), [1, 4, 16, 64]);
});

test('where a new message starts depends on what the delivery can send', () => {
  const email = recordingDelivery(['email']);
  const everything = recordingDelivery(['email', 'text', 'letter']);
  const cases: Array<[OutboxChannel, Delivery | null, string]> = [
    ['email', null, 'held'],
    ['text', null, 'held'],
    ['letter', null, 'to-print'],
    ['phone', null, 'to-call'],
    ['email', email, 'pending'],
    ['text', email, 'held'],
    ['letter', email, 'to-print'],
    ['phone', email, 'to-call'],
    ['text', everything, 'pending'],
    ['letter', everything, 'pending'],
    ['phone', everything, 'to-call'],
  ];
  for (const [channel, delivery, expected] of cases)
    assert.equal(firstStatus(channel, delivery), expected, `${channel} with ${delivery ? [...delivery.channels].join('+') : 'local'}`);
});

test('a calendar attachment tells mail programs its method, taken from the file itself', () => {
  const content = meetingInvite(meeting, organiser, sam);
  assert.equal(
    mimeTypeOf({ filename: 'meeting.ics', contentType: 'text/calendar', content }),
    'text/calendar; charset=utf-8; method=REQUEST',
  );
  const cancel = meetingInvite({ ...meeting, cancelled: true }, organiser, sam);
  assert.equal(
    mimeTypeOf({ filename: 'meeting.ics', contentType: 'text/calendar; method=REQUEST', content: cancel }),
    'text/calendar; charset=utf-8; method=CANCEL',
  );
  assert.equal(mimeTypeOf({ filename: 'notes.txt', contentType: 'text/plain', content: 'METHOD:REQUEST' }), 'text/plain');
});

test('local delivery sends nothing', () => {
  assert.equal(makeDelivery({ delivery: { kind: 'local' }, mailFrom: 'x <a@b.c>' }), null);
  assert.deepEqual(
    [...makeDelivery({ delivery: { kind: 'smtp', url: 'smtp://127.0.0.1:1' }, mailFrom: 'x <a@b.c>' })!.channels],
    ['email'],
  );
});

for (const dialect of databaseDialects()) {
  describe(`outbox delivery (${dialect})`, () => {
    let database: TestDatabase;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    const now = new Date('2026-11-23T10:00:00Z');
    const org = newId();
    const otherOrg = newId();
    before(async () => {
      database = await freshDatabase(dialect);
      smtp = await startSmtp();
      for (const [id, name] of [
        [org, 'Northshire'],
        [otherOrg, 'Riverside'],
      ] as const) {
        await database.db.insertInto('organisations').values({ id, name, area: 'North', created_at: now.toISOString() }).execute();
      }
    });
    after(async () => {
      await smtp.close();
      await database.close();
    });
    const rowOf = (id: string) => database.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    test('an email with a calendar file reaches a real SMTP server exactly once, through two workers and a restart', async () => {
      const invite = meetingInvite(meeting, { name: 'Northshire', email: 'no-reply@example.org' }, sam);
      const delivery = makeDelivery({
        delivery: { kind: 'smtp', url: `smtp://127.0.0.1:${smtp.port}` },
        mailFrom: 'Coproduce <no-reply@example.org>',
      })!;
      const id = await enqueue(
        database.db,
        {
          organisationId: org,
          kind: 'invitation',
          aboutId: meeting.id,
          recipient: 'sam@example.com',
          subject: 'Hello Sam',
          bodyText: 'You are invited.\nReply on the website.',
          attachments: [{ filename: 'meeting.ics', contentType: 'text/calendar; method=REQUEST', content: invite }],
        },
        now,
        delivery,
      );
      const [a, b] = await Promise.all([deliverDue(database.db, delivery, now), deliverDue(database.db, delivery, now)]);
      assert.equal(a + b, 1);
      assert.equal(await deliverDue(database.db, delivery, now), 0);
      // A restart: recover, then deliver again, much later.
      await recoverInterrupted(database.db);
      assert.equal(await deliverDue(database.db, delivery, new Date(now.getTime() + 10 ** 9)), 0);

      const arrived = smtp.received.filter((r) => r.to === 'sam@example.com');
      assert.equal(arrived.length, 1);
      const mail = await simpleParser(arrived[0]!.data);
      assert.equal(mail.subject, 'Hello Sam');
      assert.equal(mail.text?.trim(), 'You are invited.\nReply on the website.');
      assert.equal(mail.messageId, `<${id}@coproduce.outbox>`);
      // The invitation is the calendar alternative to the text, which mail programs show
      // as an invitation, not a file.
      const parts = alternativeParts(arrived[0]!.data);
      assert.ok(
        parts.some((p) => /^\r?\nContent-Type: text\/plain/.test(p)),
        'a text part',
      );
      assert.ok(
        parts.some((p) => /^\r?\nContent-Type: text\/calendar; charset=utf-8; method=REQUEST\r?\n/.test(p)),
        'a calendar part',
      );
      const calendarPart = mail.attachments.find((a) => a.contentType === 'text/calendar')!;
      assert.ok(calendarPart, 'mailparser found the calendar part');
      assert.equal(calendarPart.contentDisposition, undefined);
      assert.equal((calendarPart.headers.get('content-type') as { params: Record<string, string> }).params.method, 'REQUEST');
      const ics = calendarPart.content.toString('utf8');
      assert.equal(ics, invite);
      assert.match(ics, /^ATTENDEE;RSVP=FALSE;CN="Sam Smith":mailto:sam@example\.com\r$/m);
      const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
      assert.equal(vevent.getFirstPropertyValue('uid'), `${meeting.id}@coproduce`);
      assert.equal(vevent.getFirstPropertyValue('summary'), meeting.title);
      assert.equal(vevent.getFirstPropertyValue('attendee'), 'mailto:sam@example.com');
      // nodemailer adds the same file as an attachment, under our name, for programs that want one.
      assert.deepEqual(
        mail.attachments.filter((a) => a !== calendarPart).map((a) => [a.filename, a.content.toString('utf8') === invite]),
        [['meeting.ics', true]],
      );

      const row = await rowOf(id);
      assert.equal(row.status, 'sent');
      assert.equal(row.attempts, 1);
    });

    test('a cancellation reaches the SMTP server as a calendar part with method=CANCEL', async () => {
      const delivery = makeDelivery({
        delivery: { kind: 'smtp', url: `smtp://127.0.0.1:${smtp.port}` },
        mailFrom: 'Coproduce <no-reply@example.org>',
      })!;
      const cancel = meetingInvite({ ...meeting, cancelled: true }, organiser, { name: 'Kim Lee', email: 'kim@example.com' });
      await enqueue(
        database.db,
        {
          organisationId: org,
          kind: 'cancellation',
          recipient: 'kim@example.com',
          subject: 'Cancelled',
          bodyText: 'The meeting is cancelled.',
          // Stored as the meeting code writes it: the method is still read from the file.
          attachments: [{ filename: 'meeting.ics', contentType: 'text/calendar; method=REQUEST', content: cancel }],
        },
        now,
        delivery,
      );
      await deliverDue(database.db, delivery, now);
      const arrived = smtp.received.filter((r) => r.to === 'kim@example.com');
      assert.equal(arrived.length, 1);
      assert.ok(
        alternativeParts(arrived[0]!.data).some((p) => /^\r?\nContent-Type: text\/calendar; charset=utf-8; method=CANCEL\r?\n/.test(p)),
        'a calendar part with method=CANCEL',
      );
      const mail = await simpleParser(arrived[0]!.data);
      const ics = mail.attachments.find((a) => a.contentType === 'text/calendar')!.content.toString('utf8');
      assert.match(ics, /^METHOD:CANCEL\r$/m);
      assert.match(ics, /^ATTENDEE;RSVP=FALSE;CN="Kim Lee":mailto:kim@example\.com\r$/m);
    });

    test('a failing send is retried later, then given up and shown as failed', async () => {
      const id = await enqueue(
        database.db,
        { organisationId: org, recipient: 'fail@example.com', subject: 'S', bodyText: 'B' },
        now,
        recordingDelivery(['email']),
      );
      let calls = 0;
      const failing = recordingDelivery(['email'], () => {
        calls++;
        return new Error('connection refused');
      });
      let clock = now;
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        await deliverDue(database.db, failing, clock);
        // Nothing more is tried before the back-off has passed.
        await deliverDue(database.db, failing, clock);
        if (attempt < maxAttempts) {
          const waiting = await rowOf(id);
          assert.equal(waiting.status, 'pending');
          assert.equal(waiting.next_attempt_at, new Date(clock.getTime() + retryDelayMinutes(attempt) * 60_000).toISOString());
        }
        clock = new Date(clock.getTime() + retryDelayMinutes(attempt) * 60_000);
      }
      await deliverDue(database.db, failing, new Date(clock.getTime() + 10 ** 9));
      assert.equal(calls, maxAttempts);
      const row = await rowOf(id);
      assert.equal(row.status, 'failed');
      assert.equal(row.last_error, 'connection refused');
    });

    test('a message caught mid-send by a crash is marked for checking, never sent again', async () => {
      const delivery = recordingDelivery(['email']);
      const id = await enqueue(
        database.db,
        { organisationId: org, recipient: 'crash@example.com', subject: 'S', bodyText: 'B' },
        now,
        delivery,
      );
      await database.db.updateTable('outbox').set({ status: 'sending', attempts: 1 }).where('id', '=', id).execute();
      await recoverInterrupted(database.db);
      await deliverDue(database.db, delivery, new Date(now.getTime() + 10 ** 9));
      assert.equal(delivery.sent.filter((m) => m.id === id).length, 0);
      assert.equal((await rowOf(id)).status, 'unknown');
    });

    test('with nothing to send them, messages are held and never picked up', async () => {
      const id = await enqueue(database.db, { organisationId: org, recipient: 'held@example.com', subject: 'S', bodyText: 'B' }, now, null);
      const delivery = recordingDelivery(['email']);
      await deliverDue(database.db, delivery, new Date(now.getTime() + 10 ** 9));
      assert.equal(delivery.sent.filter((m) => m.id === id).length, 0);
      assert.equal((await rowOf(id)).status, 'held');
    });

    test('a delivery is only handed the channels it can send', async () => {
      const emailOnly = recordingDelivery(['email']);
      const textId = await enqueue(
        database.db,
        { organisationId: org, channel: 'text', recipient: '07700 900123', subject: 'S', bodyText: 'B' },
        now,
        recordingDelivery(['email', 'text']),
      );
      await deliverDue(database.db, emailOnly, new Date(now.getTime() + 10 ** 9));
      assert.equal(emailOnly.sent.filter((m) => m.id === textId).length, 0);
      const both = recordingDelivery(['email', 'text']);
      await deliverDue(database.db, both, new Date(now.getTime() + 10 ** 9));
      assert.deepEqual(
        both.sent.filter((m) => m.id === textId).map((m) => [m.channel, m.to, m.attachments]),
        [['text', '07700 900123', []]],
      );
    });

    test('the same dedupe key queues one message, even inside a transaction', async () => {
      const message = {
        organisationId: org,
        kind: 'reminder' as const,
        recipient: 'sam@example.com',
        subject: 'Reminder',
        bodyText: 'Tomorrow',
        dedupeKey: `reminder:${meeting.id}:sam`,
      };
      const first = await enqueue(database.db, message, now, null);
      const [second, third] = await database.db.transaction().execute(async (trx) => {
        const again = await enqueue(trx, message, now, null);
        // The transaction is still usable after the skipped insert (PostgreSQL aborts on errors).
        const other = await enqueue(trx, { ...message, dedupeKey: `${message.dedupeKey}:2` }, now, null);
        return [again, other];
      });
      assert.equal(second, first);
      assert.notEqual(third, first);
      const rows = await database.db.selectFrom('outbox').select('id').where('dedupe_key', 'like', `reminder:${meeting.id}:sam%`).execute();
      assert.equal(rows.length, 2);
    });

    test('staff mark a letter posted, a call made or a kept message sent by hand; nothing else, and only in their organisation', async () => {
      const letter = await enqueue(
        database.db,
        {
          organisationId: org,
          channel: 'letter',
          recipient: 'Sam Smith\n1 High Street\nNorthshire\nNS1 1AA',
          subject: 'Invitation',
          bodyText: 'Dear Sam',
        },
        now,
        null,
      );
      const call = await enqueue(
        database.db,
        { organisationId: org, channel: 'phone', recipient: '01632 960001', subject: 'Invitation', bodyText: 'Ring Sam' },
        now,
        null,
      );
      const held = await enqueue(database.db, { organisationId: org, recipient: 'x@example.com', subject: 'S', bodyText: 'B' }, now, null);
      assert.equal((await rowOf(letter)).status, 'to-print');
      assert.equal((await rowOf(call)).status, 'to-call');
      assert.equal(await markHandled(database.db, otherOrg, letter, now), false);
      assert.equal((await rowOf(letter)).status, 'to-print');
      assert.equal(await markHandled(database.db, org, letter, now), true);
      assert.equal(await markHandled(database.db, org, letter, now), false);
      assert.equal(await markHandled(database.db, org, call, now), true);
      assert.equal(await markHandled(database.db, otherOrg, held, now), false);
      assert.equal(await markHandled(database.db, org, held, now), true);
      const posted = await rowOf(letter);
      assert.equal(posted.status, 'sent');
      assert.equal(posted.sent_at, now.toISOString());
      assert.equal((await rowOf(call)).status, 'sent');
      assert.equal((await rowOf(held)).status, 'sent');
      // A message on its way, or one that failed, is not staff's to mark.
      const pending = await enqueue(
        database.db,
        { organisationId: org, recipient: 'y@example.com', subject: 'S', bodyText: 'B' },
        now,
        recordingDelivery(['email']),
      );
      assert.equal(await markHandled(database.db, org, pending, now), false);
      assert.equal((await rowOf(pending)).status, 'pending');
    });

    test("a facilitator's scope is their projects: no other project's message, nor one of no project", async () => {
      const ours = newId();
      const theirs = newId();
      const queue = (projectId: string | null, channel: OutboxChannel = 'text') =>
        enqueue(database.db, { organisationId: org, projectId, channel, recipient: 'R\nS\nT', subject: 'S', bodyText: 'B' }, now, null);
      const mine = await queue(ours);
      const other = await queue(theirs);
      const none = await queue(null);
      const scope = { projectIds: [ours] };
      assert.deepEqual(
        (await listOutbox(database.db, org, scope)).map((r) => r.id),
        [mine],
      );
      assert.equal((await listOutbox(database.db, org, { projectIds: [] })).length, 0);
      assert.equal(await markHandled(database.db, org, other, now, scope), false);
      assert.equal(await markHandled(database.db, org, none, now, scope), false);
      assert.equal(await markHandled(database.db, org, mine, now, { projectIds: [] }), false);
      assert.equal(await markHandled(database.db, org, mine, now, scope), true);
      assert.deepEqual([(await rowOf(other)).status, (await rowOf(none)).status], ['held', 'held']);

      const letters = [await queue(ours, 'letter'), await queue(theirs, 'letter'), await queue(null, 'letter')];
      assert.equal(await markLettersPosted(database.db, org, letters, now, scope), 1);
      assert.equal(await markLettersPosted(database.db, otherOrg, letters, now), 0);
      assert.equal(await markLettersPosted(database.db, org, [...letters, other], now), 2);
      assert.deepEqual(await Promise.all([...letters, other].map(async (id) => (await rowOf(id)).status)), [
        'sent',
        'sent',
        'sent',
        'held',
      ]);
    });

    test('a letter keeps the name it is addressed to; other channels keep no name', async () => {
      const letter = await enqueue(
        database.db,
        {
          organisationId: org,
          channel: 'letter',
          recipientName: '  Dennis Whitfield ',
          recipient: '4 Mill Lane',
          subject: 'S',
          bodyText: 'B',
        },
        now,
        null,
      );
      const text = await enqueue(
        database.db,
        { organisationId: org, channel: 'text', recipientName: 'Sue Carer', recipient: '07700 900111', subject: 'S', bodyText: 'B' },
        now,
        null,
      );
      assert.equal((await rowOf(letter)).recipient_name, 'Dennis Whitfield');
      assert.equal((await rowOf(text)).recipient_name, null);
    });

    test('the list filters by status, channel and subject, within one organisation', async () => {
      const about = newId();
      const letter = await enqueue(
        database.db,
        { organisationId: org, aboutId: about, channel: 'letter', recipient: 'A\nB\nC', subject: 'L', bodyText: 'B' },
        now,
        null,
      );
      const email = await enqueue(
        database.db,
        { organisationId: org, aboutId: about, recipient: 'e@example.com', subject: 'E', bodyText: 'B' },
        now,
        null,
      );
      await enqueue(
        database.db,
        { organisationId: otherOrg, aboutId: about, channel: 'letter', recipient: 'X\nY\nZ', subject: 'L', bodyText: 'B' },
        now,
        null,
      );
      const ids = async (filter: Parameters<typeof listOutbox>[2]) => (await listOutbox(database.db, org, filter)).map((r) => r.id).sort();
      assert.deepEqual(await ids({ aboutId: about }), [letter, email].sort());
      assert.deepEqual(await ids({ aboutId: about, status: 'to-print' }), [letter]);
      assert.deepEqual(await ids({ aboutId: about, channel: 'email' }), [email]);
      assert.equal((await listOutbox(database.db, otherOrg, { aboutId: about })).length, 1);
    });
  });
}
