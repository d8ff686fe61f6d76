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

test('what was done is in words too: a supporter acting for them, and an action with no wording of its own', async () => {
  const org = await organisationWithAdmin(t);
  const { personId } = await personWithAccount(t, org.organisationId, { fullName: 'Dennis Whitfield', perspectives: ['draws-on-care'] });
  const line = (action: string, at: string) => ({
    id: crypto.randomUUID(),
    organisation_id: org.organisationId,
    at,
    actor_person_id: org.adminPersonId,
    on_behalf_of_person_id: null,
    subject_type: 'person',
    subject_id: personId,
    action,
    changes: '[]',
  });
  await t.database.db
    .insertInto('audit_log')
    .values([line('supporter-vote', '2026-12-01T10:00:00.000Z'), line('data-request-recorded:erasure', '2026-12-02T10:00:00.000Z')])
    .execute();
  const admin = await signedInClient(t, 'admin@northshire.test');
  const page = await admin.get(`/people/${personId}/history`);
  assert.match(page.body, /A supporter voted for them, as they asked/);
  assert.match(page.body, /Data request recorded: erasure/);
  assert.doesNotMatch(page.body, /history\.action|supporter-vote|data-request-recorded/);
});
