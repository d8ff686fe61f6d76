import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';

for (const dialect of databaseDialects()) {
  describe(`venues (${dialect})`, () => {
    let t: TestApp;
    let venueId: string;
    // Each test starts from the same organisation, people and one venue of its own.
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      const org = await organisationWithAdmin(t);
      venueId = await t.services.venues.create(org.organisationId, {
        name: 'Northby Centre',
        address: '1 High Street, Northby',
        runBy: null,
        features: ['step-free'],
        notes: null,
      });
      await anotherOrganisation(t);
      await personWithAccount(t, org.organisationId, { fullName: 'Fay Facilitator' }, { email: 'fay@example.com', role: 'facilitator' });
      await personWithAccount(
        t,
        org.organisationId,
        { fullName: 'Mo Member', perspectives: ['draws-on-care'] },
        { email: 'mo@example.com', role: 'member' },
      );
    });
    afterEach(() => t.close());

    test('a facilitator adds a venue with its access features', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get('/venues/new');
      const res = await fay.post('/venues/new', {
        name: 'Northby Community Centre',
        address: '1 High Street, Northby',
        runBy: 'Northby Community Trust',
        features: ['step-free', 'hearing-loop'],
        notes: 'Use the side door',
      });
      assert.equal(res.statusCode, 303);
      const added = String(res.headers.location).split('/').pop()!;
      const page = await fay.get(`/venues/${added}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Northby Community Centre/);
      assert.match(page.body, /Step-free way in, Hearing loop/);
      assert.match(page.body, /Accessible toilet/); // listed under "Does not have"
      assert.match((await fay.get('/venues')).body, /Northby Community Centre/);
    });

    test('bad input keeps what was typed, including ticked boxes', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get('/venues/new');
      const res = await fay.post('/venues/new', { name: '', address: 'Somewhere', features: ['quiet-room', 'not-a-feature'] });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /Enter the name of the place/);
      assert.match(res.body, /Choose one of the options/);
      assert.match(res.body, />Somewhere</);
      assert.match(res.body, /value="quiet-room" checked/);
    });

    test('editing changes the features; nothing is saved on error', async () => {
      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get(`/venues/${venueId}/edit`);
      const bad = await admin.post(`/venues/${venueId}/edit`, { name: 'Renamed', address: '' });
      assert.match((await admin.get(`/venues/${venueId}`)).body, /Step-free way in/);
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /value="Renamed"/);
      assert.doesNotMatch((await admin.get(`/venues/${venueId}`)).body, /Renamed/);
      await admin.get(`/venues/${venueId}/edit`);
      const ok = await admin.post(`/venues/${venueId}/edit`, {
        name: 'Northby Day Centre',
        address: '1 High Street',
        features: 'accessible-toilet',
      });
      assert.equal(ok.statusCode, 303);
      const page = await admin.get(`/venues/${venueId}`);
      assert.match(page.body, /<dd class="govuk-summary-list__value">\s*Accessible toilet\s*<\/dd>/);
    });

    test('members cannot see or change venues; signed-out people are sent to sign in', async () => {
      const mo = await signedInClient(t, 'mo@example.com');
      assert.equal((await mo.get('/venues')).statusCode, 403);
      assert.equal((await mo.get(`/venues/${venueId}`)).statusCode, 403);
      const res = await mo.post(`/venues/${venueId}/edit`, { name: 'Hijack', address: 'X' });
      assert.equal(res.statusCode, 403);
      assert.equal((await new Client(t.app).get('/venues')).statusCode, 303);
    });

    test("another organisation cannot see or change this organisation's venue", async () => {
      const other = await signedInClient(t, 'admin@riverside.test');
      assert.doesNotMatch((await other.get('/venues')).body, /Northby/);
      assert.equal((await other.get(`/venues/${venueId}`)).statusCode, 404);
      assert.equal((await other.get(`/venues/${venueId}/edit`)).statusCode, 404);
      const res = await other.post(`/venues/${venueId}/edit`, { name: 'Taken over', address: 'X' });
      assert.equal(res.statusCode, 404);
      const row = await t.database.db.selectFrom('venues').select('name').where('id', '=', venueId).executeTakeFirstOrThrow();
      assert.equal(row.name, 'Northby Centre');
      assert.equal((await other.get('/venues/not-a-uuid')).statusCode, 404);
    });

    test('a form without its CSRF token changes nothing', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get('/venues/new');
      const res = await fay.post('/venues/new', { name: 'Sneaky', address: 'X' }, { csrf: null });
      assert.equal(res.statusCode, 403);
      assert.doesNotMatch((await fay.get('/venues')).body, /Sneaky/);
    });
  });
}
