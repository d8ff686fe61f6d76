import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { newId } from '../../platform/ids.ts';

// Issue 16: the To do page also counts what other modules keep waiting: access needs due a
// yearly check, people still waiting for papers, and texts sent back that need a person.
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

for (const dialect of databaseDialects()) {
  describe(`to do: reviews, papers and texts (${dialect})`, () => {
    let t: TestApp;
    let org: string;
    let dennis: string;
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      org = (await organisationWithAdmin(t)).organisationId;
      await anotherOrganisation(t);
      await personWithAccount(t, org, { fullName: 'Fay Facilitator' }, { email: 'fay@example.com', role: 'facilitator' });
      dennis = (await personWithAccount(t, org, { fullName: 'Dennis Whitfield', perspectives: ['draws-on-care'] })).personId;
      const now = t.now().toISOString();
      await t.database.db
        .insertInto('access_reviews')
        .values({ organisation_id: org, person_id: dennis, due_on: now.slice(0, 10), reviewed_at: now, reviewed_by: null })
        .execute();
      await t.database.db
        .insertInto('received_texts')
        .values({
          id: newId(),
          provider: 'notify',
          provider_id: 'n-1',
          organisation_id: org,
          from_number: '+447700900123',
          body: 'What time is it',
          received_at: now,
          stored_at: now,
          person_id: dennis,
          outcome: 'unmatched',
          meeting_id: null,
          reply: null,
          status: 'to-do',
          dealt_with_by: null,
          dealt_with_at: null,
          dealt_with_note: null,
        } as never)
        .execute();
    });
    afterEach(() => t.close());

    test('admins see each count and its list; facilitators see the texts only; another organisation sees none', async () => {
      const admin = await signedInClient(t, 'admin@northshire.test');
      const page = text((await admin.get('/to-do')).body);
      assert.match(page, /Access needs to check again with the person \(once a year\) 1 person See who to ask/);
      assert.match(page, /Texts people sent back that need a person 1 text See the texts/);
      assert.match(page, /People still waiting for papers for a meeting to come 0 people and meetings/);
      const reviews = await admin.get('/to-do/access-reviews');
      assert.equal(reviews.statusCode, 200);
      assert.match(text(reviews.body), /Dennis Whitfield/);
      assert.equal((await admin.get('/to-do/papers')).statusCode, 200);

      const fay = await signedInClient(t, 'fay@example.com');
      const hers = text((await fay.get('/to-do')).body);
      assert.match(hers, /Texts people sent back that need a person 1 text/);
      assert.doesNotMatch(hers, /Access needs to check again/);
      assert.equal((await fay.get('/to-do/access-reviews')).statusCode, 403);

      const riverside = await signedInClient(t, 'admin@riverside.test');
      const theirs = text((await riverside.get('/to-do')).body);
      assert.match(theirs, /Access needs to check again with the person \(once a year\) 0 people/);
      assert.match(theirs, /Texts people sent back that need a person 0 texts/);
      assert.doesNotMatch(text((await riverside.get('/to-do/access-reviews')).body), /Dennis/);
    });
  });
}
