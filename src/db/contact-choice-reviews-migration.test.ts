import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../test/helpers/databases.ts';
import { makeTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { organisationWithAdmin, personWithAccount } from '../../test/helpers/fixtures.ts';
import * as migration from './migrations/2026-12-08T0720_contact_choice_reviews.ts';

// People who chose how to hear from us before contact choices were reviewed are due a
// year after their record was last saved; a review already set is left as it is.
for (const dialect of databaseDialects()) {
  describe(`contact choice reviews migration (${dialect})`, () => {
    let t: TestApp;
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
    });
    afterEach(() => t.close());

    test('contact choices without a review date get one a year after the record was saved; others are left', async () => {
      const org = await organisationWithAdmin(t);
      const person = (fullName: string, contactOrder: Array<'letter' | 'phone'>) =>
        personWithAccount(t, org.organisationId, { fullName, contactOrder, address: '1 Lane', landline: '01632 960001' });
      const { personId: leap } = await person('Lea Letter', ['letter']);
      const { personId: phil } = await person('Phil Phone', ['phone']);
      const { personId: nobody } = await person('Nia Nothing', []);
      const db = t.database.db;
      // As before reviews of contact choices: Lea and Phil have none; Phil's record was saved on 29 February.
      await db.deleteFrom('access_reviews').where('person_id', 'in', [leap, phil]).execute();
      await db.updateTable('people').set({ updated_at: '2024-02-29T10:00:00.000Z' }).where('id', '=', phil).execute();
      await db.updateTable('people').set({ updated_at: '2025-06-30T10:00:00.000Z' }).where('id', '=', leap).execute();
      const adminBefore = await db.selectFrom('access_reviews').selectAll().where('person_id', '=', org.adminPersonId).execute();

      await migration.up(db);

      const due = Object.fromEntries(
        (await db.selectFrom('access_reviews').select(['person_id', 'due_on']).execute()).map((r) => [r.person_id, r.due_on]),
      );
      assert.equal(due[leap], '2026-06-30');
      assert.equal(due[phil], '2025-03-01');
      assert.equal(due[nobody], undefined);
      assert.deepEqual(await db.selectFrom('access_reviews').selectAll().where('person_id', '=', org.adminPersonId).execute(), adminBefore);
    });
  });
}
