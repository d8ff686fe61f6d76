import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { replyToken } from '../meetings/signed-links.ts';
import { readSurveyToken, surveyToken } from './survey-links.ts';

describe('survey links', () => {
  const secret = 'a-secret-that-is-long-enough-for-signing';
  const link = {
    roundId: '11111111-2222-4333-8444-555555555555',
    personId: '66666666-7777-4888-9999-aaaaaaaaaaaa',
    expiresAt: '2026-12-01T00:00:00.000Z',
  };
  const token = surveyToken(secret, link);

  test('reads back what it was made for, until it expires', () => {
    assert.deepEqual(readSurveyToken(secret, token, new Date('2026-11-30T23:00:00Z')), { ok: true, link });
    assert.deepEqual(readSurveyToken(secret, token, new Date('2026-12-01T00:00:01Z')), { ok: false, reason: 'expired' });
  });
  test('a changed person, another secret or a meeting reply link is refused', () => {
    const [payload, sig] = token.split('.') as [string, string];
    const bytes = Buffer.from(payload, 'base64url');
    bytes[20] = bytes[20]! ^ 1;
    assert.equal(readSurveyToken(secret, `${bytes.toString('base64url')}.${sig}`, new Date('2026-11-01T00:00:00Z')).ok, false);
    assert.equal(readSurveyToken('another-secret-that-is-long-enough', token, new Date('2026-11-01T00:00:00Z')).ok, false);
    const reply = replyToken(secret, { meetingId: link.roundId, personId: link.personId, expiresAt: link.expiresAt });
    assert.deepEqual(readSurveyToken(secret, reply, new Date('2026-11-01T00:00:00Z')), { ok: false, reason: 'invalid' });
    assert.equal(readSurveyToken(secret, 'nonsense', new Date('2026-11-01T00:00:00Z')).ok, false);
    assert.equal(readSurveyToken(secret, `${token}.x`, new Date('2026-11-01T00:00:00Z')).ok, false);
  });
});
