import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actionToken, readActionToken } from '../modules/replies/action-links.ts';
import { readReplyToken, replyToken } from '../modules/meetings/signed-links.ts';
import { readSurveyToken, surveyToken } from '../modules/outcomes/survey-links.ts';
import { readIds, signIds } from './signed-tokens.ts';

const secret = 'a-secret-that-is-long-enough-for-signing-links';
const a = '3f1c2a7e-0000-4000-8000-000000000001';
const b = '3f1c2a7e-0000-4000-8000-000000000002';
const until = '2026-12-01T12:00:00.000Z';
const before = new Date('2026-11-30T00:00:00Z');

test('one signer: a token made for one purpose never passes as another', () => {
  const reply = replyToken(secret, { meetingId: a, personId: b, expiresAt: until });
  const survey = surveyToken(secret, { roundId: a, personId: b, expiresAt: until });
  const action = actionToken(secret, a);
  assert.notEqual(reply, survey);
  assert.equal(readSurveyToken(secret, reply, before).ok, false);
  assert.equal(readReplyToken(secret, survey, before).ok, false);
  assert.equal(readActionToken(secret, reply), null);
  assert.equal(readActionToken(secret, signIds(secret, 'reply', [a], null)), null);
  assert.equal(readActionToken(secret, action), a);
  assert.ok(action.length <= 45, action);
});

test('the number of ids and the expiry are part of the token', () => {
  const two = signIds(secret, 'test', [a, b], until);
  assert.deepEqual(readIds(secret, 'test', two, 2, true, before), { ok: true, ids: [a, b], expiresAt: until });
  assert.deepEqual(readIds(secret, 'test', two, 1, true, before), { ok: false, reason: 'invalid' });
  assert.deepEqual(readIds(secret, 'test', two, 2, false, before), { ok: false, reason: 'invalid' });
  assert.deepEqual(readIds(secret, 'test', two, 2, true, new Date('2026-12-01T12:00:01Z')), { ok: false, reason: 'expired' });
  assert.throws(() => signIds(secret, 'test', ['not-a-uuid'], null));
});
