import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

// The history of a person's record names the parts that changed in words, not in code.
let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

test('a person\'s history says "Universal Credit, Assessment start day", not the field codes', async () => {
  const org = await organisationWithAdmin(t);
  const staff = { organisationId: org.organisationId, personId: org.adminPersonId, role: 'admin' as const };
  const { personId } = await personWithAccount(t, org.organisationId, { fullName: 'Dennis Whitfield', perspectives: ['draws-on-care'] });
  await t.services.rewards.saveBenefits(staff, personId, true, {
    universalCredit: { assessmentStartDay: 12 },
    esaPermittedWork: false,
    other: null,
  });
  const admin = await signedInClient(t, 'admin@northshire.test');
  const page = await admin.get(`/people/${personId}/history`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Universal Credit/);
  assert.match(page.body, /Assessment start day/);
  assert.doesNotMatch(page.body, /universalCredit|assessmentStartDay/);
});
