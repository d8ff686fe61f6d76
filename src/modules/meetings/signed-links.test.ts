import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { calendarToken, calendarTokenMatches, readReplyToken, replyToken } from './signed-links.ts';

const secret = 'a-secret-that-is-long-enough-for-signing-links';
const link = {
  meetingId: '3f1c2a7e-0000-4000-8000-000000000001',
  personId: '3f1c2a7e-0000-4000-8000-000000000002',
  expiresAt: '2026-12-01T12:00:00.000Z',
};

test('S4: a reply link is short enough for a text message', () => {
  assert.ok(replyToken(secret, link).length <= 72, replyToken(secret, link));
});

test('S4: a reply link reads back as the same meeting and person until the meeting ends', () => {
  const token = replyToken(secret, link);
  assert.deepEqual(readReplyToken(secret, token, new Date('2026-11-30T00:00:00Z')), { ok: true, link });
  assert.deepEqual(readReplyToken(secret, token, new Date('2026-12-01T12:00:00Z')), { ok: true, link });
  assert.deepEqual(readReplyToken(secret, token, new Date('2026-12-01T12:00:01Z')), { ok: false, reason: 'expired' });
});

test('a reply link cannot be changed, made with another secret, or made up', () => {
  const token = replyToken(secret, link);
  const now = new Date('2026-11-30T00:00:00Z');
  const [payload, signature] = token.split('.');
  const bytes = Buffer.from(payload!, 'base64url');
  bytes[20] = bytes[20]! ^ 1;
  const otherPerson = bytes.toString('base64url');
  for (const bad of [
    `${otherPerson}.${signature}`,
    replyToken('another-secret-that-is-long-enough', link),
    `${payload}`,
    `${payload}.${signature}.x`,
    '',
    'nonsense',
    `${payload}.${signature!.slice(0, -2)}`,
  ]) {
    assert.deepEqual(readReplyToken(secret, bad, now), { ok: false, reason: 'invalid' }, bad);
  }
});

test('property: any changed character makes a reply link invalid', () => {
  const token = replyToken(secret, link);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: token.length - 1 }), fc.constantFrom('A', 'b', '0', '-', '_'), (i, ch) => {
      fc.pre(token[i] !== ch);
      const changed = token.slice(0, i) + ch + token.slice(i + 1);
      return !readReplyToken(secret, changed, new Date('2026-11-30T00:00:00Z')).ok;
    }),
  );
});

test('a calendar address works for its version only, and not at all when the feed is off', () => {
  const token = calendarToken(secret, link.personId, 2);
  assert.equal(calendarTokenMatches(secret, link.personId, 2, token), true);
  assert.equal(calendarTokenMatches(secret, link.personId, 3, token), false);
  assert.equal(calendarTokenMatches(secret, link.personId, null, token), false);
  assert.equal(calendarTokenMatches(secret, link.meetingId, 2, token), false);
});
