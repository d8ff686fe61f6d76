import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { inLanguage, makeTranslator } from '../../platform/i18n.ts';
import { composeIn, joinMessages, messageLanguagesFor } from './messages.ts';
import { readTranslatorFile } from './translator-files.ts';

const welshSkipLink = () => inLanguage('cy', () => makeTranslator('en')('common:skipLink'));
const escaped = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Issue 24: an organisation turns Welsh on; every page then has a switch, remembered for the
// person (and in the browser before signing in); messages follow each person's language.
for (const dialect of databaseDialects()) {
  describe(`Welsh (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let member: string;

    beforeEach(async () => {
      t = await makeTestApp({ dialect, startAt: new Date('2026-12-09T10:00:00Z') });
      org = await organisationWithAdmin(t);
      member = (
        await personWithAccount(
          t,
          org.organisationId,
          { fullName: 'Gwenllian Ŵyn', perspectives: ['draws-on-care'], contactOrder: ['email'] },
          { email: 'gwen@example.com', role: 'member' },
        )
      ).personId;
    });
    afterEach(() => t.close());

    test('with Welsh off there is no switch, and a forged switch changes nothing', async () => {
      const admin = await signedInClient(t, org.email);
      const home = await admin.get('/');
      assert.equal(home.statusCode, 200);
      assert.doesNotMatch(home.body, /action="\/language"/);
      assert.match(home.body, /<html lang="en-GB"/);
      const forged = await admin.post('/language', { language: 'cy', returnTo: '/' });
      assert.equal(forged.statusCode, 303);
      assert.match((await admin.get('/')).body, /<html lang="en-GB"/, 'Welsh off: English whatever was asked');
    });

    test('an admin turns Welsh on; the switch is on every page and remembered for the person', async () => {
      const admin = await signedInClient(t, org.email);
      const settings = await admin.get('/organisation/languages');
      assert.equal(settings.statusCode, 200);
      assert.match(settings.body, /strings need checking by a Welsh speaker|string needs checking/);
      const wrong = await admin.post('/organisation/languages', { welsh: 'sometimes' });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /Choose whether to use Welsh/);
      assert.equal((await admin.post('/organisation/languages', { welsh: 'english-first' })).statusCode, 303);

      const gwen = await signedInClient(t, 'gwen@example.com');
      const home = await gwen.get('/');
      assert.match(home.body, /action="\/language"/);
      assert.match(home.body, /lang="cy">Cymraeg</);
      const switched = await gwen.post('/language', { language: 'cy', returnTo: '/meetings' });
      assert.equal(switched.statusCode, 303);
      assert.equal(switched.headers.location, '/meetings');
      const welsh = await gwen.get('/');
      assert.match(welsh.body, /<html lang="cy"/);
      assert.ok(welsh.body.includes(escaped(welshSkipLink())), 'the page is in Welsh');
      assert.match(welsh.body, /lang="en-GB">English</);
      const saved = await t.database.db.selectFrom('language_preferences').selectAll().where('person_id', '=', member).executeTakeFirst();
      assert.equal(saved?.language, 'cy');

      // A fresh browser, signed in: the person's choice follows them.
      const elsewhere = await signedInClient(t, 'gwen@example.com');
      assert.match((await elsewhere.get('/')).body, /<html lang="cy"/);
      // An outside address to go back to is refused.
      const offsite = await gwen.post('/language', { language: 'en', returnTo: '//evil.example' });
      assert.equal(offsite.headers.location, '/');
    });

    test('someone not signed in switches with a cookie; Welsh first makes Welsh the default', async () => {
      await t.services.languages.saveSetting({ organisationId: org.organisationId, personId: org.adminPersonId }, 'welsh-first');
      const visitor = new Client(t.app);
      assert.match((await visitor.get('/about')).body, /<html lang="cy"/);
      await visitor.get('/about');
      await visitor.post('/language', { language: 'en', returnTo: '/about' });
      assert.match((await visitor.get('/about')).body, /<html lang="en-GB"/);
    });

    test('only admins change the setting or download the catalogue; the files have the four columns', async () => {
      const gwen = await signedInClient(t, 'gwen@example.com');
      assert.equal((await gwen.get('/organisation/languages')).statusCode, 403);
      assert.equal((await gwen.get('/organisation/languages/catalogue.csv')).statusCode, 403);
      const admin = await signedInClient(t, org.email);
      const csv = await admin.get('/organisation/languages/catalogue.csv');
      assert.equal(csv.statusCode, 200);
      assert.match(csv.headers['content-type'] as string, /text\/csv/);
      assert.match(csv.body, /^\uFEFF"key","English","Welsh","needs review"\r\n/);
      assert.match(csv.body, /"common:skipLink","Skip to main content"/);
      const xlsx = await t.app.inject({
        method: 'GET',
        url: '/organisation/languages/catalogue.xlsx',
        headers: { cookie: (await cookieOf(admin)) ?? '' },
      });
      assert.equal(xlsx.statusCode, 200);
      const rows = await readTranslatorFile(xlsx.rawPayload);
      assert.ok(rows.some((r) => r.key === 'common:skipLink' && r.welsh === welshSkipLink()));
      const fromCsv = await readTranslatorFile(Buffer.from(csv.body, 'utf8'));
      assert.equal(fromCsv.length, rows.length);
    });

    test('staff write a Welsh purpose; Welsh readers see it, English readers the English', async () => {
      const staff = { organisationId: org.organisationId, personId: org.adminPersonId };
      const projectId = await t.services.projects.create(staff, {
        title: 'Better lunches',
        purpose: 'Choose the food together.',
        activities: ['co-design'],
        levelAim: 'transformative',
        stage: 'deciding',
        startDate: '2026-01-05',
      });
      await t.services.projects.addMember(staff, projectId, member, 'member', '2026-01-05');
      await t.services.languages.saveSetting(staff, 'english-first');
      const admin = await signedInClient(t, org.email);
      const form = await admin.get(`/languages/projects/${projectId}/welsh`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Choose the food together\./);
      const tooLong = await admin.post(`/languages/projects/${projectId}/welsh`, { welsh: 'ŵ'.repeat(4001) });
      assert.equal(tooLong.statusCode, 400);
      assert.match(tooLong.body, /ŵŵŵ/, 'what was typed is kept');
      const saved = await admin.post(`/languages/projects/${projectId}/welsh`, { welsh: 'Dewis y bwyd gyda’n gilydd ŵ ŷ.' });
      assert.equal(saved.statusCode, 303);

      const gwen = await signedInClient(t, 'gwen@example.com');
      assert.match((await gwen.get(`/projects/${projectId}`)).body, /Choose the food together\./);
      await gwen.post('/language', { language: 'cy', returnTo: '/' });
      const welsh = await gwen.get(`/projects/${projectId}`);
      assert.match(welsh.body, /Dewis y bwyd gyda’n gilydd ŵ ŷ\./);

      // Another organisation's staff cannot reach it.
      const other = await anotherOrganisation(t);
      const stranger = await signedInClient(t, other.email);
      assert.equal((await stranger.get(`/languages/projects/${projectId}/welsh`)).statusCode, 404);
    });

    test('meeting invitations go in each person’s language, with Welsh dates; both when they have not chosen', async () => {
      const staff = { organisationId: org.organisationId, personId: org.adminPersonId };
      const projectId = await t.services.projects.create(staff, {
        title: 'Better lunches',
        purpose: 'Choose the food together.',
        activities: ['co-design'],
        levelAim: 'transformative',
        stage: 'deciding',
        startDate: '2026-01-05',
      });
      const dewi = (
        await personWithAccount(
          t,
          org.organisationId,
          { fullName: 'Dewi Pritchard', perspectives: ['carer'], contactOrder: ['email'] },
          { email: 'dewi@example.com', role: 'member' },
        )
      ).personId;
      for (const p of [member, dewi]) await t.services.projects.addMember(staff, projectId, p, 'member', '2026-01-05');
      await t.services.languages.saveSetting(staff, 'english-first');
      await t.services.languages.chooseFor(org.organisationId, member, 'cy');
      const meetingId = await t.services.meetings.create(staff, projectId, {
        title: 'Menu tasting',
        purpose: 'Taste soups',
        startsAt: '2026-12-17T10:30:00.000Z',
        endsAt: '2026-12-17T12:30:00.000Z',
        format: 'in-person',
        venueId: null,
        joiningDetails: null,
        membersOnly: false,
        arrangements: [],
        interpreterLanguages: [],
      });
      await t.services.meetings.setInvitees(staff, meetingId, [member, dewi]);
      await t.services.invitations.sendInvitations(staff, meetingId);
      const sent = await t.database.db
        .selectFrom('outbox')
        .select(['person_id', 'subject', 'body_text'])
        .where('about_id', '=', meetingId)
        .execute();
      const toGwen = sent.find((m) => m.person_id === member)!;
      const toDewi = sent.find((m) => m.person_id === dewi)!;
      assert.match(toGwen.body_text, /17 Rhagfyr 2026/, 'Welsh month names');
      assert.doesNotMatch(toGwen.body_text, /17 December 2026/, 'Welsh only: she chose it');
      assert.match(toDewi.body_text, /17 December 2026/);
      assert.match(toDewi.body_text, /17 Rhagfyr 2026/, 'both languages: he has not chosen');
      assert.ok(toDewi.body_text.indexOf('December') < toDewi.body_text.indexOf('Rhagfyr'), 'English first, as the organisation chose');
      assert.match(toDewi.subject, / \/ /);
    });

    test('messages: the person’s language, both when not chosen, English when Welsh is off', async () => {
      const t_ = makeTranslator('en');
      const compose = () => ({ message: { subject: t_('common:skipLink'), bodyText: t_('common:continue') }, channel: 'email' });
      const off = await messageLanguagesFor(t.database.db, org.organisationId, [member]);
      assert.deepEqual(off(member), ['en']);
      await t.services.languages.saveSetting({ organisationId: org.organisationId, personId: org.adminPersonId }, 'welsh-first');
      const unknown = await messageLanguagesFor(t.database.db, org.organisationId, [member]);
      const both = composeIn(unknown(member), compose, joinMessages);
      assert.equal(both.message.subject, `${welshSkipLink()} / Skip to main content`);
      await t.services.languages.chooseFor(org.organisationId, member, 'en');
      const chosen = await messageLanguagesFor(t.database.db, org.organisationId, [member]);
      assert.deepEqual(chosen(member), ['en']);
    });
  });
}

async function cookieOf(client: Client): Promise<string | undefined> {
  return (client as unknown as { cookieHeader(): string }).cookieHeader();
}
