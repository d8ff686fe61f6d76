import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, testSessionSecret, type TestApp } from '../../../test/helpers/test-app.ts';
import { setUpImpactWorld, type ImpactWorld } from '../../../test/worlds/impact.ts';
import { replyToken } from './signed-links.ts';

// Words that said the wrong thing: an in-person meeting asked "How to join: Not given",
// staff recording someone's reply pressed "Send my reply", and the reply page of a
// cancelled meeting opened with "You are invited".
describe('meeting pages say what is true', () => {
  let t: TestApp;
  let w: ImpactWorld;
  beforeEach(async () => {
    t = await makeTestApp();
    w = await setUpImpactWorld(t);
  });
  afterEach(() => t.close());

  test('an in-person meeting has no "How to join" row; staff record a reply with "Save their reply"', async () => {
    const admin = await signedInClient(t, 'admin@northshire.test');
    const page = await admin.get(`/meetings/${w.meetingId}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /How to join/);
    const record = await admin.get(`/meetings/${w.meetingId}/replies/${w.mo}`);
    assert.equal(record.statusCode, 200);
    assert.match(record.body, /Save their reply/);
    assert.doesNotMatch(record.body, /Send my reply/);
    const token = replyToken(testSessionSecret, { meetingId: w.meetingId, personId: w.mo, expiresAt: '2027-01-01T00:00:00.000Z' });
    const own = await new Client(t.app).get(`/reply/${token}`);
    assert.match(own.body, /Send my reply/);
    assert.doesNotMatch(own.body, /How to join/);
  });

  test('the reply page of a cancelled meeting says it is cancelled, not that you are invited', async () => {
    await t.services.meetings.cancel(w.staff, w.meetingId);
    const token = replyToken(testSessionSecret, { meetingId: w.meetingId, personId: w.mo, expiresAt: '2027-01-01T00:00:00.000Z' });
    const page = await new Client(t.app).get(`/reply/${token}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /You are invited/);
    assert.match(page.body, /cancelled/i);
    assert.doesNotMatch(page.body, /meeting\.ics/);
  });
});
