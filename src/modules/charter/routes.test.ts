import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { charterParts } from './rules.ts';

// C1, C2: the charter is written together, backed by a named senior sponsor, and agreed (or
// not) by everyone in the organisation: by sign-in, personal link, or staff writing it down.
const words = (v: string) => Object.fromEntries(charterParts.map((p) => [p, `${p} in version ${v}`]));

for (const dialect of databaseDialects()) {
  describe(`co-production charter (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let ids: Record<'fay' | 'mo' | 'lou', string>;
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      org = await organisationWithAdmin(t);
      ids = {
        fay: (
          await personWithAccount(
            t,
            org.organisationId,
            { fullName: 'Fay Facilitator', perspectives: ['practitioner'] },
            { email: 'fay@example.com', role: 'facilitator' },
          )
        ).personId,
        mo: (
          await personWithAccount(
            t,
            org.organisationId,
            { fullName: 'Mo Member', perspectives: ['draws-on-care'] },
            { email: 'mo@example.com', role: 'member' },
          )
        ).personId,
        // Never signs in: hears from us by text message.
        lou: (
          await personWithAccount(t, org.organisationId, {
            fullName: 'Lou Letters',
            perspectives: ['carer'],
            mobile: '07700900123',
            contactOrder: ['text'],
          })
        ).personId,
      };
    });
    afterEach(() => t.close());

    /** Staff start, write and publish a version; returns the admin's client. */
    async function publish(v: string, admin?: Client) {
      const c = admin ?? (await signedInClient(t, org.email));
      await c.get('/charter/draft');
      assert.equal((await c.post('/charter/draft/start', {})).statusCode, 303);
      await c.get('/charter/draft');
      const saved = await c.post('/charter/draft', {
        ...words(v),
        sponsor: org.adminPersonId,
        sponsorRole: 'Director of Adult Social Care',
      });
      assert.equal(saved.statusCode, 303);
      await c.get('/charter/draft');
      assert.equal((await c.post('/charter/draft/publish', {})).statusCode, 303);
      return c;
    }

    test('staff draft from starter words, cannot publish without a senior sponsor, then publish; everyone reads it', async () => {
      const admin = await signedInClient(t, org.email);
      assert.match((await admin.get('/charter')).body, /We have not written our charter yet/);
      await admin.get('/charter/draft');
      await admin.post('/charter/draft/start', {});
      const draft = await admin.get('/charter/draft');
      assert.match(draft.body, /Co-production means we work as equal partners/, 'the first draft starts from plain starter words');
      const noSponsor = await admin.post('/charter/draft/publish', {});
      assert.equal(noSponsor.statusCode, 400);
      assert.match(noSponsor.body, /Name a senior sponsor before you publish/);
      await admin.get('/charter/draft');
      const bad = await admin.post('/charter/draft', { ...words('1'), meaning: '  ', sponsor: ids.mo });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Say what co-production means here/);
      assert.match(bad.body, /equality in version 1/, 'what was typed is kept');
      await admin.get('/charter/draft');
      const notStaff = await admin.post('/charter/draft', { ...words('1'), sponsor: ids.mo });
      assert.match(notStaff.body, /Choose a member of staff as the senior sponsor/, 'the sponsor is a member of staff');
      await publish('1', admin);

      const mo = await signedInClient(t, 'mo@example.com');
      const page = await mo.get('/charter');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /meaning in version 1/);
      assert.match(page.body, /Our senior sponsor is Ada Admin, Director of Adult Social Care/);
      assert.equal((await mo.get('/charter/draft')).statusCode, 403, 'members answer; staff hold the pen');
      assert.equal((await mo.get('/charter/answers')).statusCode, 403);
      const history = await mo.get('/charter/versions');
      const versionId = /href="\/charter\/versions\/([0-9a-f-]{36})"/.exec(history.body)![1]!;
      // "reciprocity" links to its meaning in the glossary (issue 24).
      assert.match((await mo.get(`/charter/versions/${versionId}`)).body, /reciprocity<\/a> in version 1/);
    });

    test('a member agrees by sign-in, changes their mind, and the next draft starts from the words with what people said', async () => {
      const admin = await publish('1');
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get('/charter');
      const missing = await mo.post('/charter/answer', { version: '1' });
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /Choose if you agree, or would change something/);
      const noWhat = await mo.post('/charter/answer', { version: '1', answer: 'change', wouldChange: '' });
      assert.match(noWhat.body, /Say what you would change/);
      assert.equal((await mo.post('/charter/answer', { version: '1', answer: 'agree' })).statusCode, 303);
      assert.match((await mo.get('/charter')).body, /You agreed with version 1/);
      // The history's counts are kept until an answer changes: changing your mind moves them.
      const counted = (body: string) =>
        /Version 1<\/a>.*?<\/td>\s*<td[^>]*>[^<]*<\/td>\s*<td[^>]*>(\d+)<\/td>\s*<td[^>]*>(\d+)<\/td>/s.exec(body)?.slice(1);
      assert.deepEqual(counted((await mo.get('/charter/versions')).body), ['1', '0']);
      await mo.post('/charter/answer', { version: '1', answer: 'change', wouldChange: 'Meet in the evenings too' });
      assert.deepEqual(counted((await mo.get('/charter/versions')).body), ['0', '1']);
      const rows = await t.database.db.selectFrom('charter_answers').selectAll().execute();
      assert.equal(rows.length, 1, 'one answer per person and version');
      assert.equal(rows[0]!.answer, 'change');
      assert.equal(rows[0]!.how, 'sign-in');

      const answers = await admin.get('/charter/answers?show=change');
      assert.match(answers.body, /Mo Member/);
      assert.match(answers.body, /Meet in the evenings too/);
      await admin.get('/charter/draft');
      await admin.post('/charter/draft/start', {});
      const draft = await admin.get('/charter/draft');
      assert.match(draft.body, /Draft of version 2/);
      assert.match(draft.body, /equality in version 1/, 'the next draft starts from the current words');
      assert.match(draft.body, /Meet in the evenings too/, 'beside what people said they would change');

      // An answer to words that changed since is refused: people agree to what they read.
      await admin.post('/charter/draft', { ...words('2'), sponsor: org.adminPersonId });
      await admin.get('/charter/draft');
      await admin.post('/charter/draft/publish', {});
      await mo.get('/charter');
      const stale = await mo.post('/charter/answer', { version: '1', answer: 'agree' });
      assert.equal(stale.statusCode, 400);
      assert.match(stale.body, /The charter has changed since you opened this page/);
      assert.match((await mo.get('/charter/versions')).body, /Version 2/);
    });

    test('someone who never signs in gets a personal link by text and answers with it; staff write down a phone answer', async () => {
      const admin = await publish('1');
      await admin.get(`/charter/people/${ids.lou}`);
      assert.equal((await admin.post(`/charter/people/${ids.lou}/send`, {})).statusCode, 303);
      const message = await t.database.db.selectFrom('outbox').selectAll().where('kind', '=', 'charter').executeTakeFirstOrThrow();
      assert.equal(message.channel, 'text');
      const link = /http:\/\/localhost:3000(\/act\/\S+)/.exec(message.body_text)![1]!;

      const lou = new Client(t.app);
      const page = await lou.get(link);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /meaning in version 1/);
      const bad = await lou.post(link, { version: '1', answer: 'change' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Say what you would change/);
      assert.equal((await lou.post(link, { version: '1', answer: 'agree' })).statusCode, 303);
      assert.match((await lou.get(link)).body, /You agreed with version 1/);
      const row = await t.database.db.selectFrom('charter_answers').selectAll().where('person_id', '=', ids.lou).executeTakeFirstOrThrow();
      assert.equal(row.how, 'link');

      await admin.get(`/charter/people/${ids.mo}`);
      const noHow = await admin.post(`/charter/people/${ids.mo}`, { version: '1', answer: 'agree' });
      assert.equal(noHow.statusCode, 400);
      assert.match(noHow.body, /Say how they told you/);
      assert.equal((await admin.post(`/charter/people/${ids.mo}`, { version: '1', answer: 'agree', how: 'phone' })).statusCode, 303);
      const person = await admin.get(`/charter/people/${ids.mo}`);
      assert.match(person.body, /On the phone/);
      assert.match(person.body, /written down by Ada Admin/);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('subject_type', '=', 'charter')
        .where('action', '=', 'answered')
        .execute();
      assert.equal(audit.length, 2);
      assert.ok(audit.some((a) => a.on_behalf_of_person_id === ids.mo && a.actor_person_id === org.adminPersonId));
    });

    test('home and project pages link to the charter; a project’s first agreement starts from it', async () => {
      const admin = await publish('1');
      assert.match((await admin.get('/')).body, /href="\/charter"/);
      const projectId = await t.services.projects.create(
        { organisationId: org.organisationId, personId: org.adminPersonId },
        {
          title: 'Day centres',
          purpose: 'Plan day centres together',
          activities: ['co-design'],
          levelAim: 'intermediate',
          stage: 'designing',
          startDate: '2026-01-05',
        },
      );
      assert.match((await admin.get(`/projects/${projectId}`)).body, /href="\/charter"/);
      const form = await admin.get(`/projects/${projectId}/agreement/edit`);
      assert.match(form.body, /starts from the organisation’s charter/);
      assert.match(form.body, /meaning in version 1/);
      assert.match(form.body, /Equality: equality in version 1/);
    });

    test('another organisation sees none of it', async () => {
      await publish('1');
      const version = await t.database.db.selectFrom('charter_versions').select('id').executeTakeFirstOrThrow();
      const other = await anotherOrganisation(t);
      const c = await signedInClient(t, other.email);
      assert.equal((await c.get(`/charter/versions/${version.id}`)).statusCode, 404);
      assert.equal((await c.get(`/charter/people/${ids.mo}`)).statusCode, 404);
      assert.doesNotMatch((await c.get('/charter')).body, /version 1/);
      await c.get('/charter');
      assert.equal((await c.post(`/charter/people/${ids.mo}`, { version: '1', answer: 'agree', how: 'phone' })).statusCode, 404);
      assert.equal((await c.post(`/charter/people/${ids.mo}/send`, {})).statusCode, 404);
      assert.equal((await t.database.db.selectFrom('charter_answers').selectAll().execute()).length, 0);
      const odd = await c.raw('POST', '/charter/answer', { 'content-type': 'application/json' }, '{"answer": [1,2]');
      assert.ok(odd.statusCode < 500, `bad bodies get a clear answer, not ${odd.statusCode}`);
    });
  });
}
