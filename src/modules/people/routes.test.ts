import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';

const newPerson = {
  fullName: 'Margaret Okafor',
  preferredName: 'Maggie',
  pronouns: 'she/her',
  perspectives: ['draws-on-care', 'community'],
  mobile: '07700 900456',
  address: '4 Mill Lane, Northby',
  contact1: 'text',
  contact2: 'letter',
  contact3: 'text',
  contactDays: ['tue', 'thu'],
  contactParts: 'morning',
  contactNotes: 'Not before 10am',
  skills: 'Baking, knitting',
  livedExperience: 'Twenty years of using day services',
  timeToGive: 'One afternoon a month',
};

for (const dialect of databaseDialects()) {
  describe(`people (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let other: Awaited<ReturnType<typeof anotherOrganisation>>;
    let maggieId: string;
    let moId: string;
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      org = await organisationWithAdmin(t);
      other = await anotherOrganisation(t);
      await personWithAccount(
        t,
        org.organisationId,
        { fullName: 'Fay Facilitator', perspectives: ['practitioner'] },
        { email: 'fay@example.com', role: 'facilitator' },
      );
      moId = (
        await personWithAccount(
          t,
          org.organisationId,
          { fullName: 'Mo Member', perspectives: ['carer'] },
          { email: 'mo@example.com', role: 'member' },
        )
      ).personId;
      maggieId = '';
    });
    afterEach(() => t.close());

    /** Fay adds Maggie with the form, as the first test does: no email, so she cannot sign in. */
    const addMaggie = async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get('/people/new');
      const res = await fay.post('/people/new', newPerson);
      assert.equal(res.statusCode, 303, res.body);
      maggieId = String(res.headers.location).split('/').pop()!;
    };

    test('staff add a person with no email, and the contact order keeps their choices without repeats', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get('/people/new');
      const res = await fay.post('/people/new', newPerson);
      assert.equal(res.statusCode, 303, res.body);
      maggieId = String(res.headers.location).split('/').pop()!;
      const page = await fay.get(`/people/${maggieId}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Maggie/);
      assert.match(page.body, /she\/her/);
      assert.match(page.body, /1\. Text message, 2\. Letter\s*</);
      assert.match(page.body, /Tuesday, Thursday/);
      assert.match(page.body, /Not before 10am/);
      assert.match(page.body, /Twenty years of using day services/);
      assert.match(page.body, /Cannot sign in/);
    });

    test('S4, P1: staff record ways not to contact someone and times meetings do not suit them', async () => {
      await addMaggie();
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/people/${maggieId}/edit`);
      const res = await fay.post(`/people/${maggieId}/edit`, {
        ...newPerson,
        optedOut: ['email', 'phone'],
        unsuitableDays: 'fri',
        unsuitableParts: ['evening'],
      });
      assert.equal(res.statusCode, 303, res.body);
      const page = await fay.get(`/people/${maggieId}`);
      assert.match(page.body, /Email, Phone call/);
      assert.match(page.body, /Friday, Evening/);
      const person = await t.services.people.get(org.organisationId, maggieId);
      assert.deepEqual(person.optedOut, ['email', 'phone']);
      assert.deepEqual(person.unsuitableTimes, { days: ['fri'], parts: ['evening'] });
      const form = await fay.get(`/people/${maggieId}/edit`);
      assert.match(form.body, /value="fri" checked/);
      assert.match(form.body, /value="phone" checked/);
    });

    test('bad input shows an error summary, keeps what was typed and saves nothing', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get('/people/new');
      const res = await fay.post('/people/new', {
        fullName: '',
        preferredName: 'Kept name',
        email: 'not an email',
        mobile: 'call me',
        perspectives: ['carer', 'nonsense'],
        contactDays: 'wed',
      });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /There is a problem/);
      assert.match(res.body, /Enter their full name/);
      assert.match(res.body, /Enter an email address like name@example.com/);
      assert.match(res.body, /Enter a phone number/);
      assert.match(res.body, /value="Kept name"/);
      assert.match(res.body, /value="not an email"/);
      assert.match(res.body, /value="wed" checked/);
      await fay.get('/people/new');
      const kept = await fay.post('/people/new', { fullName: '', perspectives: 'carer', optedOut: 'letter', unsuitableDays: 'sat' });
      assert.match(kept.body, /name="optedOut" type="checkbox" value="letter" checked/);
      assert.match(kept.body, /name="unsuitableDays" type="checkbox" value="sat" checked/);
      assert.match(res.body, /<title>Error: /);
      assert.equal(await t.services.people.count(org.organisationId, { name: 'Kept name' }), 0);
    });

    test('the list searches by name and filters by perspective and project', async () => {
      await addMaggie();
      const admin = await signedInClient(t, 'admin@northshire.test');
      const all = await admin.get('/people');
      assert.match(all.body, /Maggie/);
      assert.match(all.body, /Fay Facilitator/);
      const byName = await admin.get('/people?q=okaf');
      assert.match(byName.body, /Maggie/);
      assert.doesNotMatch(byName.body, /Fay Facilitator/);
      const carers = await admin.get('/people?perspective=carer');
      assert.match(carers.body, /Mo Member/);
      assert.doesNotMatch(carers.body, /Maggie/);
      const projectId = await t.services.projects.create(
        { organisationId: org.organisationId, personId: org.adminPersonId },
        {
          title: 'Day centre menu',
          purpose: 'Choose food together',
          activities: ['co-design'],
          levelAim: 'intermediate',
          stage: 'designing',
          startDate: '2026-01-05',
        },
      );
      await t.services.projects.addMember(
        { organisationId: org.organisationId, personId: org.adminPersonId },
        projectId,
        maggieId,
        'co-chair',
        '2026-01-05',
      );
      const inProject = await admin.get(`/people?project=${projectId}`);
      assert.match(inProject.body, /Maggie/);
      assert.doesNotMatch(inProject.body, /Mo Member/);
      assert.match(inProject.body, /1 person/);
      // Nonsense filters are ignored, not errors.
      assert.equal((await admin.get('/people?perspective=x&project=y&page=-1')).statusCode, 200);
    });

    test('access needs are kept only with consent, and each look by staff is logged', async () => {
      await addMaggie();
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/people/${maggieId}/access-needs/edit`);
      const noConsent = await fay.post(`/people/${maggieId}/access-needs/edit`, { consent: 'no', formats: 'large-print' });
      assert.equal(noConsent.statusCode, 400);
      assert.match(noConsent.body, /We can only keep access needs if they agree/);
      assert.match(noConsent.body, /value="large-print" checked/);
      const noLanguage = await fay.post(`/people/${maggieId}/access-needs/edit`, { consent: 'yes', formats: ['interpreter'] });
      assert.equal(noLanguage.statusCode, 400);
      assert.match(noLanguage.body, /Enter the language/);
      const ok = await fay.post(`/people/${maggieId}/access-needs/edit`, {
        consent: 'yes',
        formats: ['large-print', 'interpreter'],
        interpreterLanguage: 'Polish',
        physical: ['step-free', 'breaks'],
        support: 'support-worker',
        dietary: 'No nuts',
        onBehalf: 'yes',
      });
      assert.equal(ok.statusCode, 303);
      const page = await fay.get(`/people/${maggieId}/access-needs`);
      assert.match(page.body, /Large print, A spoken language interpreter \(Polish\)/);
      assert.match(page.body, /Step-free way in, Breaks/);
      assert.match(page.body, /No nuts/);
      assert.match(page.body, /Recorded by Fay Facilitator/);

      const views = await t.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('subject_type', '=', 'access-needs')
        .where('subject_id', '=', maggieId)
        .where('action', '=', 'viewed')
        .execute();
      assert.ok(views.length >= 1);
      const saved = await t.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('subject_type', '=', 'access-needs')
        .where('action', '=', 'consent-given')
        .executeTakeFirstOrThrow();
      assert.equal(saved.on_behalf_of_person_id, maggieId);
      assert.doesNotMatch(saved.changes, /Polish|nuts/); // field names only, never values

      // Taking consent back deletes everything.
      await fay.get(`/people/${maggieId}/access-needs/edit`);
      await fay.post(`/people/${maggieId}/access-needs/edit`, { consent: 'no' });
      assert.equal(
        await t.database.db.selectFrom('access_needs').select('person_id').where('person_id', '=', maggieId).executeTakeFirst(),
        undefined,
      );
      assert.match((await fay.get(`/people/${maggieId}/access-needs`)).body, /No access needs are recorded/);
    });

    test('a change made for someone is in the history: who, when, what, for whom', async () => {
      await addMaggie();
      const fay = await signedInClient(t, 'fay@example.com');
      // Someone on the staff has looked at her access needs.
      await fay.get(`/people/${maggieId}/access-needs`);
      await fay.get(`/people/${maggieId}/edit`);
      const res = await fay.post(`/people/${maggieId}/edit`, { ...newPerson, landline: '01632 960001', onBehalf: 'yes' });
      assert.equal(res.statusCode, 303);
      const history = await fay.get(`/people/${maggieId}/history`);
      assert.equal(history.statusCode, 200);
      assert.match(history.body, /Fay Facilitator for Margaret Okafor/);
      assert.match(history.body, /Details: Changed/);
      assert.match(history.body, /Landline/);
      assert.match(history.body, /Access needs: Looked at/);
    });

    test('a member sees and changes only their own record', async () => {
      await addMaggie();
      const mo = await signedInClient(t, 'mo@example.com');
      assert.equal((await mo.get('/people')).statusCode, 403);
      assert.equal((await mo.get('/people/new')).statusCode, 403);
      assert.equal((await mo.get(`/people/${maggieId}`)).statusCode, 403);
      assert.equal((await mo.get(`/people/${maggieId}/access-needs`)).statusCode, 403);
      assert.equal((await mo.get(`/people/${moId}/history`)).statusCode, 403);
      const own = await mo.get(`/people/${moId}`);
      assert.equal(own.statusCode, 200);
      assert.doesNotMatch(own.body, /History of changes/);
      await mo.get(`/people/${moId}/access-needs/edit`);
      const saved = await mo.post(`/people/${moId}/access-needs/edit`, { consent: 'yes', physical: 'quiet-space' });
      assert.equal(saved.statusCode, 303);
      assert.match((await mo.get(`/people/${moId}/access-needs`)).body, /A quiet space/);
      const hijack = await mo.post(`/people/${maggieId}/edit`, { ...newPerson, fullName: 'Hijacked' });
      assert.equal(hijack.statusCode, 403);
      assert.equal((await t.services.people.get(org.organisationId, maggieId)).fullName, 'Margaret Okafor');
    });

    test('only admins give sign-in access; the person can then sign in by link', async () => {
      await addMaggie();
      const fay = await signedInClient(t, 'fay@example.com');
      assert.equal((await fay.get(`/people/${maggieId}/sign-in-access`)).statusCode, 403);
      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get(`/people/${maggieId}/sign-in-access`);
      const taken = await admin.post(`/people/${maggieId}/sign-in-access`, { email: 'FAY@example.com', role: 'member' });
      assert.equal(taken.statusCode, 400);
      assert.match(taken.body, /Someone else here already signs in with this email/);
      const ok = await admin.post(`/people/${maggieId}/sign-in-access`, { email: 'maggie@example.com', role: 'member' });
      assert.equal(ok.statusCode, 303);
      assert.match((await admin.get(`/people/${maggieId}`)).body, /Signs in as maggie@example.com, Member/);
      const self = await admin.post(`/people/${org.adminPersonId}/sign-in-access`, {
        email: 'admin@northshire.test',
        role: 'member',
        active: 'yes',
      });
      assert.equal(self.statusCode, 400);
      assert.match(self.body, /cannot take away your own admin access/);
      // No password: the link is the way in.
      await t.services.identity.sendSignInLink('maggie@example.com');
      const message = await t.database.db
        .selectFrom('outbox')
        .select('body_text')
        .where('recipient', '=', 'maggie@example.com')
        .executeTakeFirstOrThrow();
      assert.match(message.body_text, /\/sign-in\/link\//);
    });

    test('CSV import shows a preview with row errors, and adds everyone or no one', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      const template = await fay.get('/people/import/template.csv');
      assert.equal(template.statusCode, 200);
      assert.match(String(template.headers['content-type']), /text\/csv/);
      await fay.get('/people/import');
      const before = await t.services.people.count(org.organisationId);
      const badCsv = 'full_name,perspectives,email\r\nAsha Patel,carer,asha@example.com\r\n,carer,\r\nBen Cole,wizard,not-email\r\n';
      const bad = await fay.upload('/people/import', 'file', { name: 'people.csv', type: 'text/csv', content: badCsv });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /2 rows have problems/);
      assert.match(bad.body, /Row 3/);
      assert.match(bad.body, /Row 4 \(Ben Cole\)/);
      assert.match(bad.body, /Enter their full name/);
      assert.doesNotMatch(bad.body, /Add these people/);
      // Even a forced confirm of a bad file adds nobody.
      await fay.post('/people/import', { csv: badCsv, confirm: 'yes' });
      assert.equal(await t.services.people.count(org.organisationId), before);

      const goodCsv =
        'Full name,Perspectives,Email,Contact order\r\nAsha Patel,carer; family,asha@example.com,email;phone\r\n"Cole, Ben",draws-on-care,,letter\r\n';
      const preview = await fay.upload('/people/import', 'file', { name: 'people.csv', type: 'text/csv', content: goodCsv });
      assert.equal(preview.statusCode, 200);
      assert.match(preview.body, /2 people are ready to add/);
      assert.equal(await t.services.people.count(org.organisationId), before);
      const csv = /name="csv" value="([^"]*)"/
        .exec(preview.body)![1]!
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&');
      const done = await fay.post('/people/import', { csv, confirm: 'yes' });
      assert.equal(done.statusCode, 303);
      assert.equal(await t.services.people.count(org.organisationId), before + 2);
      assert.match((await fay.get('/people?q=cole')).body, /Cole, Ben/);

      const empty = await fay.upload('/people/import', 'file', { name: 'x.csv', type: 'text/csv', content: 'surname\r\nBob\r\n' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /needs a Full name column/);
    });

    test("another organisation cannot see or change this organisation's people", async () => {
      await addMaggie();
      const rita = await signedInClient(t, other.email);
      assert.doesNotMatch((await rita.get('/people')).body, /Maggie|Margaret/);
      assert.doesNotMatch((await rita.get('/people?q=Margaret')).body, /Okafor/);
      for (const path of ['', '/edit', '/access-needs', '/access-needs/edit', '/history', '/sign-in-access']) {
        assert.equal((await rita.get(`/people/${maggieId}${path}`)).statusCode, 404, path);
      }
      await rita.get('/people');
      assert.equal((await rita.post(`/people/${maggieId}/edit`, { ...newPerson, fullName: 'Taken' })).statusCode, 404);
      assert.equal((await rita.post(`/people/${maggieId}/access-needs/edit`, { consent: 'yes', physical: 'breaks' })).statusCode, 404);
      assert.equal((await rita.post(`/people/${maggieId}/sign-in-access`, { email: 'x@example.com', role: 'admin' })).statusCode, 404);
      assert.equal((await t.services.people.get(org.organisationId, maggieId)).fullName, 'Margaret Okafor');
      assert.equal((await rita.get('/people/not-a-uuid')).statusCode, 404);
    });

    test('forms without a CSRF token, and signed-out visitors, change nothing', async () => {
      await addMaggie();
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get('/people/new');
      assert.equal((await fay.post('/people/new', { ...newPerson, fullName: 'Sneaky' }, { csrf: null })).statusCode, 403);
      assert.equal(await t.services.people.count(org.organisationId, { name: 'Sneaky' }), 0);
      const anon = new Client(t.app);
      assert.equal((await anon.get('/people')).statusCode, 303);
      assert.equal((await anon.get(`/people/${maggieId}`)).statusCode, 303);
    });
  });
}
