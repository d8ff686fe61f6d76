import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { inLanguage, makeTranslator } from '../../platform/i18n.ts';
import { enqueue } from '../../platform/outbox.ts';

const tr = makeTranslator('en');
const en = (key: string, options: Record<string, unknown> = {}) => inLanguage('en', () => tr(key, options));
const cy = (key: string, options: Record<string, unknown> = {}) => inLanguage('cy', () => tr(key, options));
const count = (text: string, part: string) => text.split(part).length - 1;

// Issue 24: messages that do not come from a meeting or a notice (sign-in links and codes,
// papers' senders, digests, safeguarding, supporters' copies) are written by the outbox in
// the reader's language, or in both; a summary's Welsh half is staff's Welsh or says it is
// English only; staff set the language of someone who never signs in; in Wales, adult
// safeguarding is named under the Welsh law.
for (const dialect of databaseDialects()) {
  describe(`Welsh messages and settings (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let gwen: string;
    let dewi: string;
    const staff = () => ({ organisationId: org.organisationId, personId: org.adminPersonId });
    const outbox = () => t.database.db.selectFrom('outbox').selectAll().orderBy('created_at').orderBy('id').execute();

    beforeEach(async () => {
      // A Wednesday: the weekly digest goes the next Monday.
      t = await makeTestApp({ dialect, startAt: new Date('2026-12-09T10:00:00Z') });
      org = await organisationWithAdmin(t);
      gwen = (
        await personWithAccount(
          t,
          org.organisationId,
          { fullName: 'Gwenllian Ŵyn', perspectives: ['draws-on-care'], contactOrder: ['email'] },
          { email: 'gwen@example.com', role: 'member' },
        )
      ).personId;
      dewi = (
        await personWithAccount(
          t,
          org.organisationId,
          { fullName: 'Dewi Pritchard', perspectives: ['carer'], contactOrder: ['email'] },
          { email: 'dewi@example.com', role: 'member' },
        )
      ).personId;
      await t.services.languages.saveSetting(staff(), 'english-first');
      await t.services.languages.chooseFor(org.organisationId, gwen, 'cy');
    });
    afterEach(() => t.close());

    const newProject = async () => {
      const projectId = await t.services.projects.create(staff(), {
        title: 'Better lunches',
        purpose: 'Choose the food together.',
        activities: ['co-design'],
        levelAim: 'transformative',
        stage: 'deciding',
        startDate: '2026-01-05',
      });
      for (const p of [gwen, dewi]) await t.services.projects.addMember(staff(), projectId, p, 'member', '2026-01-05');
      return projectId;
    };

    test('sign-in links and codes and the lock notice: the account holder’s language, or both', async () => {
      for (const email of ['gwen@example.com', 'dewi@example.com']) {
        const client = new Client(t.app);
        await client.get('/sign-in');
        assert.equal((await client.post('/sign-in/link', { linkEmail: email })).statusCode, 200);
      }
      await t.services.identity.sendRequestedSignInLinks();
      const links = (await outbox()).filter((m) => m.kind === 'sign-in');
      const toGwen = links.find((m) => m.recipient === 'gwen@example.com')!;
      const toDewi = links.find((m) => m.recipient === 'dewi@example.com')!;
      assert.equal(toGwen.subject, cy('identity:linkEmail.subject'), 'Welsh only: she chose it');
      assert.match(toGwen.body_text, /\/sign-in\/link\/[A-Za-z0-9_-]+/);
      assert.ok(!toGwen.body_text.includes(en('identity:linkEmail.subject')));
      assert.equal(toDewi.subject, `${en('identity:linkEmail.subject')} / ${cy('identity:linkEmail.subject')}`, 'both, English first');
      assert.equal(toGwen.person_id, null, 'a sign-in link is never listed on the person');

      // A code by text, for someone with a mobile who chose Welsh.
      const sam = await t.services.people.create(staff(), { fullName: 'Sam Tecst', perspectives: ['carer'], mobile: '07700 900123' });
      const account = { organisationId: org.organisationId, personId: sam, email: null, mobile: '+447700900123', role: 'member' as const };
      await t.database.db.transaction().execute((trx) => t.services.identity.createAccount(trx, account));
      await t.services.languages.chooseFor(org.organisationId, sam, 'cy');
      const client = new Client(t.app);
      await client.get('/sign-in');
      assert.equal((await client.post('/sign-in/code', { mobile: '07700 900123' })).statusCode, 303);
      const text = (await outbox()).find((m) => m.recipient === '+447700900123')!;
      assert.equal(text.subject, cy('identity:codeText.subject'));
      const code = /\b(\d{6})\b/.exec(text.body_text)?.[1];
      assert.ok(code);
      assert.equal(text.body_text, cy('identity:codeText.body', { code, minutes: 10 }));

      // Passwords locked after wrong tries: told in her language.
      t.clock.now = new Date(t.clock.now.getTime() + 60_000);
      for (let i = 0; i < 10; i++) await t.services.identity.wrongPassword('gwen@example.com');
      const locked = (await outbox()).filter((m) => m.recipient === 'gwen@example.com' && m.kind === 'sign-in').at(-1)!;
      assert.equal(locked.subject, cy('identity:lockedEmail.subject'));
    });

    test('a digest’s own words are in the person’s language, and the notices inside go once', async () => {
      const projectId = await newProject();
      await t.database.db
        .insertInto('communication_plan_choices')
        .values({ organisation_id: org.organisationId, project_id: projectId, topic: 'decisions', frequency: 'weekly', groups: null })
        .execute();
      await t.services.decisionLog.recordDecision(staff(), {
        projectId,
        proposalId: null,
        meetingId: null,
        decided: 'Cawl ar ddydd Gwener',
        why: 'Most asked for it',
        takingPart: null,
      });
      t.clock.now = new Date('2026-12-14T09:00:00Z');
      assert.equal(await t.services.digests.sendDue(), 2);
      const digests = (await outbox()).filter((m) => m.kind === 'digest');
      const toGwen = digests.find((m) => m.person_id === gwen)!;
      const toDewi = digests.find((m) => m.person_id === dewi)!;
      assert.equal(toGwen.subject, cy('communication-plans:digest.subject', { count: 1 }));
      assert.ok(toGwen.body_text.startsWith(cy('communication-plans:digest.intro', { count: 1 })));
      assert.ok(!toGwen.body_text.includes(en('communication-plans:digest.intro', { count: 1 })));
      assert.equal(
        toDewi.subject,
        `${en('communication-plans:digest.subject', { count: 1 })} / ${cy('communication-plans:digest.subject', { count: 1 })}`,
      );
      assert.ok(toDewi.body_text.includes(en('communication-plans:digest.intro', { count: 1 })));
      assert.ok(toDewi.body_text.includes(cy('communication-plans:digest.intro', { count: 1 })));
      const notice = (await outbox()).find((m) => m.kind === 'decision' && m.person_id === dewi)!;
      assert.equal(count(toDewi.body_text, notice.subject), 1, 'the bilingual notice is in the digest once, not once per language');
    });

    test('safeguarding: the lead’s alert in their language; someone with no record gets both', async () => {
      await t.services.languages.chooseFor(org.organisationId, org.adminPersonId, 'cy');
      const { reference } = await t.services.safeguarding.raise({
        organisationId: org.organisationId,
        raisedByPersonId: null,
        reporterName: 'A visitor',
        reporterContact: 'visitor@example.com',
        aboutName: null,
        whatHappened: 'Something worried me at the day centre.',
        dangerNow: false,
      });
      const sent = (await outbox()).filter((m) => m.kind === 'safeguarding');
      const toLead = sent.find((m) => m.person_id === org.adminPersonId)!;
      assert.equal(toLead.subject, cy('safeguarding:message.waiting.subject', { reference }));
      const toVisitor = sent.find((m) => m.recipient === 'visitor@example.com')!;
      assert.equal(
        toVisitor.subject,
        `${en('safeguarding:message.received.subject', { reference })} / ${cy('safeguarding:message.received.subject', { reference })}`,
      );
    });

    test('a supporter’s copy is written again in the supporter’s language, without the links', async () => {
      await t.services.languages.chooseFor(org.organisationId, dewi, 'en');
      const karen = await t.services.people.create(staff(), {
        fullName: 'Karen Jones',
        perspectives: ['carer'],
        email: 'karen@example.com',
      });
      await t.services.languages.chooseFor(org.organisationId, karen, 'cy');
      const admin = (await t.services.identity.loadUser(org.adminAccountId))!;
      await t.services.supporters.add(admin, dewi, {
        kind: 'family',
        relationship: 'Sister',
        supporterPersonId: karen,
        contact: null,
        powers: ['copies'],
        basis: 'consent',
        consentHow: 'He asked us on the phone',
        basisMadeBy: null,
        basisMadeOn: '2026-12-09',
        basisReference: null,
        reviewOn: '2027-12-01',
      });
      await t.database.db.transaction().execute((trx) =>
        enqueue(
          trx,
          {
            organisationId: org.organisationId,
            personId: dewi,
            kind: 'timebank',
            channel: 'email',
            recipient: 'dewi@example.com',
            compose: () => ({ subject: tr('common:skipLink'), bodyText: `${tr('common:continue')} https://coproduce.example/secret` }),
          },
          t.now(),
          null,
        ),
      );
      const sent = await outbox();
      const toDewi = sent.find((m) => m.recipient === 'dewi@example.com')!;
      assert.equal(toDewi.subject, en('common:skipLink'));
      const copy = sent.find((m) => m.recipient === 'karen@example.com')!;
      const vars = { name: 'Karen Jones', person: 'Dewi Pritchard' };
      assert.equal(copy.subject, cy('supporters:copy.subject', { ...vars, subject: cy('common:skipLink') }));
      assert.ok(copy.body_text.startsWith(cy('supporters:copy.opening', vars)));
      assert.ok(copy.body_text.includes(`${cy('common:continue')} ${cy('supporters:copy.linkRemoved')}`));
      assert.doesNotMatch(copy.body_text, /coproduce\.example\/secret/);
    });

    test('a summary’s Welsh half is staff’s Welsh, or says plainly it is English only', async () => {
      const projectId = await newProject();
      const meetingOn = async (title: string, day: number) => {
        const id = await t.services.meetings.create(staff(), projectId, {
          title,
          purpose: 'Taste soups',
          startsAt: `2026-12-0${day}T10:30:00.000Z`,
          endsAt: `2026-12-0${day}T12:30:00.000Z`,
          format: 'in-person',
          venueId: null,
          joiningDetails: null,
          membersOnly: false,
          arrangements: [],
          interpreterLanguages: [],
        });
        await t.services.meetings.setInvitees(staff(), id, [gwen, dewi]);
        return id;
      };
      const withWelsh = await meetingOn('Menu tasting', 7);
      const admin = await signedInClient(t, org.email);
      const notes = await admin.get(`/meetings/${withWelsh}/notes`);
      assert.equal(notes.statusCode, 200);
      assert.match(notes.body, /Short summary in Welsh/);
      // Bad input keeps the Welsh typed.
      const wrong = await admin.post(`/meetings/${withWelsh}/notes`, { discussed: '', summary: '', summaryWelsh: 'Cawl yn dda ŵ' });
      assert.notEqual(wrong.statusCode, 303);
      assert.match(wrong.body, /Cawl yn dda ŵ/);
      const saved = await admin.post(`/meetings/${withWelsh}/notes`, {
        discussed: 'We tasted four soups.',
        summary: 'Leek soup won.',
        summaryWelsh: 'Cawl cennin enillodd.',
      });
      assert.equal(saved.statusCode, 303);
      assert.match((await admin.get(`/meetings/${withWelsh}/notes`)).body, /Cawl cennin enillodd\./);
      assert.equal((await admin.post(`/meetings/${withWelsh}/summary`, {})).statusCode, 303);

      const withoutWelsh = await meetingOn('Pudding tasting', 8);
      await admin.get(`/meetings/${withoutWelsh}/notes`);
      await admin.post(`/meetings/${withoutWelsh}/notes`, { discussed: 'We tasted cakes.', summary: 'Apple cake won.', summaryWelsh: '' });
      assert.equal((await admin.post(`/meetings/${withoutWelsh}/summary`, {})).statusCode, 303);

      const summaries = (await outbox()).filter((m) => m.kind === 'summary');
      const to = (meetingId: string, personId: string) =>
        summaries.find((m) => m.about_id === meetingId && m.person_id === personId)!.body_text;
      assert.match(to(withWelsh, gwen), /Cawl cennin enillodd\./);
      assert.doesNotMatch(to(withWelsh, gwen), /Leek soup won/);
      assert.match(to(withWelsh, dewi), /Leek soup won\.[\s\S]*Cawl cennin enillodd\./, 'both, English first');
      assert.ok(to(withoutWelsh, gwen).includes(cy('meetings:message.summary.englishOnly')));
      assert.match(to(withoutWelsh, gwen), /Apple cake won\./, 'and then the English');
      assert.ok(!to(withWelsh, gwen).includes(cy('meetings:message.summary.englishOnly')));
    });

    test('staff set the language of someone who never signs in, audited and shown on their page', async () => {
      const nora = await t.services.people.create(staff(), { fullName: 'Nora Post', perspectives: ['carer'], address: '1 High Street' });
      const admin = await signedInClient(t, org.email);
      const page = await admin.get(`/people/${nora}`);
      assert.match(page.body, /Language for messages/);
      assert.ok(page.body.includes(en('languages:person.now', { language: en('languages:person.choice.both') })));
      const bad = await admin.post(`/languages/people/${nora}`, { language: 'fr' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Choose English, Welsh or both/);
      const saved = await admin.post(`/languages/people/${nora}`, { language: 'cy' });
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, `/people/${nora}#messages-language`);
      const shown = await admin.get(`/people/${nora}`);
      assert.ok(shown.body.includes(en('languages:person.now', { language: en('languages:person.choice.cy') })));
      assert.match(shown.body, /The language for Nora Post is saved/);
      const row = await t.database.db.selectFrom('language_preferences').selectAll().where('person_id', '=', nora).executeTakeFirst();
      assert.equal(row?.language, 'cy');
      await admin.post(`/languages/people/${nora}`, { language: 'both' });
      assert.equal(
        await t.database.db.selectFrom('language_preferences').select('person_id').where('person_id', '=', nora).executeTakeFirst(),
        undefined,
      );
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'subject_id', 'actor_person_id'])
        .where('action', '=', 'language-chosen')
        .execute();
      assert.equal(audit.length, 2);
      assert.ok(audit.every((a) => a.subject_id === nora && a.actor_person_id === org.adminPersonId));
      assert.match((await admin.get(`/people/${nora}/history`)).body, /Language for messages set/);

      // A member may not, nor another organisation's staff; with Welsh off there is no form.
      const member = await signedInClient(t, 'gwen@example.com');
      await member.get('/');
      assert.equal((await member.post(`/languages/people/${nora}`, { language: 'en' })).statusCode, 403);
      const other = await anotherOrganisation(t);
      const stranger = await signedInClient(t, other.email);
      assert.equal((await stranger.get(`/languages/people/${nora}`)).statusCode, 404);
      await t.services.languages.saveSetting(staff(), 'off');
      assert.doesNotMatch((await admin.get(`/people/${nora}`)).body, /Language for messages/);
    });

    test('in Wales the referral names adult safeguarding under the Welsh Act, s126; in England the Care Act, s42', async () => {
      const admin = await signedInClient(t, org.email);
      const { id } = await t.services.safeguarding.raise({
        organisationId: org.organisationId,
        raisedByPersonId: null,
        reporterName: null,
        reporterContact: null,
        aboutName: null,
        whatHappened: 'Something worried me.',
        dangerNow: false,
      });
      await t.services.safeguarding.saveSettings(
        { ...staff(), role: 'admin' },
        { leadPersonId: org.adminPersonId, deputyPersonId: null, acknowledgeWithinDays: 1, outOfHours: null, localTeam: null },
      );
      const wales = await admin.get(`/safeguarding/${id}`);
      assert.equal(wales.statusCode, 200);
      assert.match(wales.body, /Social Services and Well-being \(Wales\) Act 2014, section 126/);
      assert.doesNotMatch(wales.body, /Care Act 2014/);
      await admin.post(`/safeguarding/${id}/refer`, { referredTo: 'adults', note: '' });
      const stored = await t.database.db
        .selectFrom('safeguarding_concerns')
        .select('referred_to')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(stored.referred_to, 'adults', 'the stored value is the same');
      assert.match((await admin.get('/safeguarding')).body, /section 126/);
      await t.services.languages.saveSetting(staff(), 'off');
      const england = await admin.get(`/safeguarding/${id}`);
      assert.match(england.body, /Care Act 2014, section 42/);
      assert.doesNotMatch(england.body, /section 126/);
    });
  });
}
