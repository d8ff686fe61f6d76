import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

// C3: safeguarding is everyone's role. Anyone raises a concern without signing in; only the
// named lead and deputy read it; handling is audited; nobody picking it up goes to admins.
const worry = 'Mr Jones at the lunch club had bruises on both arms and seemed frightened of his son.';

for (const dialect of databaseDialects()) {
  describe(`safeguarding concerns (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let ids: Record<'lead' | 'deputy' | 'fay' | 'mo', string>;
    beforeEach(async () => {
      // A Wednesday morning in December, London time.
      t = await makeTestApp({ dialect, startAt: new Date('2026-12-02T10:00:00Z') });
      org = await organisationWithAdmin(t);
      const staff = async (fullName: string, email: string, role: 'facilitator' | 'member') =>
        (
          await personWithAccount(
            t,
            org.organisationId,
            { fullName, perspectives: ['practitioner'], contactOrder: ['email'] },
            { email, role },
          )
        ).personId;
      ids = {
        lead: await staff('Lena Lead', 'lena@example.com', 'facilitator'),
        deputy: await staff('Dev Deputy', 'dev@example.com', 'facilitator'),
        fay: await staff('Fay Facilitator', 'fay@example.com', 'facilitator'),
        mo: await staff('Mo Member', 'mo@example.com', 'member'),
      };
    });
    afterEach(() => t.close());

    async function nameLeads() {
      const admin = await signedInClient(t, org.email);
      await admin.get('/organisation/safeguarding');
      const res = await admin.post('/organisation/safeguarding', {
        lead: ids.lead,
        deputy: ids.deputy,
        days: '1',
        outOfHours: 'Call the emergency duty team on 0300 123 4567.',
        localTeam: '',
      });
      assert.equal(res.statusCode, 303);
    }

    /** Someone not signed in fills the form like a person: it takes them more than a few seconds. */
    async function raiseSignedOut(fields: Record<string, string>) {
      const visitor = new Client(t.app);
      const form = await visitor.get('/safeguarding/concern');
      const stamp = /name="stamp" value="([^"]+)"/.exec(form.body)![1]!;
      t.clock.now = new Date(t.clock.now.getTime() + 60_000);
      return { visitor, res: await visitor.post('/safeguarding/concern', { stamp, website: '', ...fields }) };
    }

    const messages = () => t.database.db.selectFrom('outbox').selectAll().where('kind', '=', 'safeguarding').execute();

    test('every page links to the form; anyone can raise a concern without signing in; the leads are told it waits, never what it says', async () => {
      await nameLeads();
      const visitor = new Client(t.app);
      const home = await visitor.get('/sign-in');
      assert.match(home.body, /href="\/safeguarding\/concern"/);
      const form = await visitor.get('/safeguarding/concern');
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /call 999/);
      assert.match(form.body, /0300 123 4567/, 'what to do out of hours, in the organisation’s words');

      const { visitor: v, res } = await raiseSignedOut({
        dangerNow: 'no',
        whatHappened: worry,
        aboutName: 'Mr Jones',
        reporterName: 'Sam',
        reporterContact: 'sam@example.com',
      });
      assert.equal(res.statusCode, 303);
      const sent = await v.get(res.headers.location as string);
      const reference = /SG-[346789A-HJKMNP-RT-Y]{6}/.exec(sent.body)?.[0];
      assert.ok(reference, 'the thank-you page gives the concern’s number');

      const out = await messages();
      const toLeads = out.filter((m) => m.person_id === ids.lead || m.person_id === ids.deputy);
      assert.equal(toLeads.length, 2);
      for (const m of out) {
        assert.ok(!m.body_text.includes('bruises') && !m.subject.includes('Jones'), 'no message carries the concern');
        assert.ok(m.body_text.includes(reference!) || m.subject.includes(reference!));
      }
      assert.equal(out.filter((m) => m.recipient === 'sam@example.com').length, 1, 'the person who raised it is told it arrived');
    });

    test('a script is refused: too quick, or filling the hidden box; errors keep what was typed', async () => {
      await nameLeads();
      const visitor = new Client(t.app);
      const form = await visitor.get('/safeguarding/concern');
      const stamp = /name="stamp" value="([^"]+)"/.exec(form.body)![1]!;
      const quick = await visitor.post('/safeguarding/concern', { stamp, website: '', dangerNow: 'no', whatHappened: worry });
      assert.equal(quick.statusCode, 400);
      assert.match(quick.body, /very quick/);
      assert.match(quick.body, /bruises on both arms/, 'what they typed is kept');
      t.clock.now = new Date(t.clock.now.getTime() + 30_000);
      const bot = await visitor.post('/safeguarding/concern', {
        stamp,
        website: 'http://spam.example',
        dangerNow: 'no',
        whatHappened: worry,
      });
      assert.equal(bot.statusCode, 400);
      const forged = await visitor.post('/safeguarding/concern', {
        stamp: `${t.clock.now.getTime() - 60_000}.forged`,
        website: '',
        dangerNow: 'no',
        whatHappened: worry,
      });
      assert.equal(forged.statusCode, 400);
      const missing = await visitor.post('/safeguarding/concern', { stamp, website: '', aboutName: 'Mr Jones' });
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /Tell us what you are worried about/);
      assert.match(missing.body, /Say if someone is in danger now/);
      assert.match(missing.body, /value="Mr Jones"/);
      assert.equal((await messages()).length, 0);
      const odd = await visitor.raw('POST', '/safeguarding/concern', { 'content-type': 'application/json' }, '{"whatHappened": [1,2]');
      assert.ok(odd.statusCode < 500, `bad bodies get a clear answer, not ${odd.statusCode}`);
    });

    test('only the lead and the deputy can read a concern; each read is audited; other staff, members and other organisations cannot', async () => {
      await nameLeads();
      await raiseSignedOut({ dangerNow: 'yes', whatHappened: worry });
      const concern = await t.database.db.selectFrom('safeguarding_concerns').selectAll().executeTakeFirstOrThrow();
      for (const email of ['fay@example.com', 'mo@example.com', org.email]) {
        const c = await signedInClient(t, email);
        assert.equal((await c.get('/safeguarding')).statusCode, 403, email);
        assert.equal((await c.get(`/safeguarding/${concern.id}`)).statusCode, 403, email);
      }
      const other = await anotherOrganisation(t);
      const otherAdmin = await signedInClient(t, other.email);
      await otherAdmin.get('/organisation/safeguarding');
      await otherAdmin.post('/organisation/safeguarding', { lead: other.adminPersonId, deputy: '', days: '1' });
      assert.equal((await otherAdmin.get(`/safeguarding/${concern.id}`)).statusCode, 404);

      const lena = await signedInClient(t, 'lena@example.com');
      const list = await lena.get('/safeguarding');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, new RegExp(concern.reference));
      assert.ok(!list.body.includes('bruises'), 'the list shows no text of a concern');
      const page = await lena.get(`/safeguarding/${concern.id}`);
      assert.match(page.body, /bruises on both arms/);
      const reads = await t.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('subject_id', '=', concern.id)
        .where('action', '=', 'read')
        .execute();
      assert.equal(reads.length, 1);
      assert.equal(reads[0]!.actor_person_id, ids.lead);
    });

    test('picking up, referring and closing are saved with who and when, audited, and done once', async () => {
      await nameLeads();
      await raiseSignedOut({ dangerNow: 'no', whatHappened: worry });
      const { id } = await t.database.db.selectFrom('safeguarding_concerns').select('id').executeTakeFirstOrThrow();
      const dev = await signedInClient(t, 'dev@example.com');
      await dev.get(`/safeguarding/${id}`);
      assert.equal((await dev.post(`/safeguarding/${id}/acknowledge`)).statusCode, 303);
      await dev.get(`/safeguarding/${id}`);
      const bad = await dev.post(`/safeguarding/${id}/refer`, { note: 'Rang Northshire adult social care' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Choose who you told/);
      assert.match(bad.body, /Rang Northshire adult social care/);
      assert.equal(
        (await dev.post(`/safeguarding/${id}/refer`, { referredTo: 'adults', note: 'Rang Northshire adult social care' })).statusCode,
        303,
      );
      await dev.get(`/safeguarding/${id}`);
      assert.equal((await dev.post(`/safeguarding/${id}/close`, { outcome: '' })).statusCode, 400);
      assert.equal((await dev.post(`/safeguarding/${id}/close`, { outcome: 'Section 42 enquiry opened by the council.' })).statusCode, 303);
      const row = await t.database.db.selectFrom('safeguarding_concerns').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.acknowledged_by, ids.deputy);
      assert.equal(row.referred_to, 'adults');
      assert.ok(row.closed_at);
      const actions = (
        await t.database.db.selectFrom('audit_log').select('action').where('subject_id', '=', id).orderBy('at').execute()
      ).map((a) => a.action);
      for (const a of ['raised', 'acknowledged', 'referred', 'closed']) assert.ok(actions.includes(a), `${a} is audited`);
      // Closed: nothing more can be done to it.
      assert.equal(
        await t.services.safeguarding.acknowledge({ organisationId: org.organisationId, personId: ids.lead, role: 'facilitator' }, id),
        false,
      );
      const closedList = await dev.get('/safeguarding?show=closed');
      assert.match(closedList.body, new RegExp(row.reference));
    });

    test('a concern nobody picks up in time goes to the admins, once; one picked up does not', async () => {
      await nameLeads();
      await raiseSignedOut({ dangerNow: 'no', whatHappened: worry });
      await raiseSignedOut({ dangerNow: 'no', whatHappened: 'Another worry about a neighbour.' });
      const [first, second] = await t.database.db.selectFrom('safeguarding_concerns').selectAll().orderBy('raised_at').execute();
      // Raised on a Wednesday morning: due by Thursday morning.
      assert.equal(first!.acknowledge_by.slice(0, 10), '2026-12-03');
      await t.services.safeguarding.acknowledge(
        { organisationId: org.organisationId, personId: ids.lead, role: 'facilitator' },
        second!.id,
      );
      assert.equal(await t.services.safeguarding.escalateOverdue(), 0, 'not yet late');
      t.clock.now = new Date('2026-12-03T12:00:00Z');
      assert.equal(await t.services.safeguarding.escalateOverdue(), 1);
      assert.equal(await t.services.safeguarding.escalateOverdue(), 0);
      const toAdmin = (await messages()).filter((m) => m.person_id === org.adminPersonId);
      assert.equal(toAdmin.length, 1);
      assert.match(toAdmin[0]!.subject, new RegExp(first!.reference));
      assert.ok(!toAdmin[0]!.body_text.includes('bruises'));
    });

    test('with no lead named, the admins are told; admins name leads from staff only; the To do count is for the leads', async () => {
      await raiseSignedOut({ dangerNow: 'no', whatHappened: worry });
      assert.equal((await messages()).filter((m) => m.person_id === org.adminPersonId).length, 1);
      const admin = await signedInClient(t, org.email);
      await admin.get('/organisation/safeguarding');
      const wrong = await admin.post('/organisation/safeguarding', { lead: ids.mo, deputy: '', days: '1' });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /Choose someone who is staff/);
      const days = await admin.post('/organisation/safeguarding', { lead: ids.lead, deputy: '', days: 'soon' });
      assert.equal(days.statusCode, 400);
      assert.match(days.body, /whole number of working days/);
      const fay = await signedInClient(t, 'fay@example.com');
      assert.equal((await fay.get('/organisation/safeguarding')).statusCode, 403);
      await nameLeads();
      const lead = { organisationId: org.organisationId, personId: ids.lead, role: 'facilitator' as const };
      assert.equal(await t.services.safeguarding.waitingFor(lead), 1);
      assert.equal(await t.services.safeguarding.waitingFor({ ...lead, personId: ids.fay }), 0);
      const lena = await signedInClient(t, 'lena@example.com');
      assert.match((await lena.get('/to-do')).body, /Safeguarding concerns nobody has picked up/);
      const fay2 = await signedInClient(t, 'fay@example.com');
      assert.doesNotMatch((await fay2.get('/to-do')).body, /Safeguarding concerns/);
    });

    test('signed in, the concern says who raised it and they are told by their own channel', async () => {
      await nameLeads();
      const mo = await signedInClient(t, 'mo@example.com');
      const form = await mo.get('/safeguarding/concern');
      assert.ok(!form.body.includes('name="reporterContact"'), 'no need to ask who they are');
      const stamp = /name="stamp" value="([^"]+)"/.exec(form.body)![1]!;
      t.clock.now = new Date(t.clock.now.getTime() + 60_000);
      assert.equal((await mo.post('/safeguarding/concern', { stamp, website: '', dangerNow: 'no', whatHappened: worry })).statusCode, 303);
      const row = await t.database.db.selectFrom('safeguarding_concerns').selectAll().executeTakeFirstOrThrow();
      assert.equal(row.raised_by_person_id, ids.mo);
      assert.equal((await messages()).filter((m) => m.person_id === ids.mo).length, 1);
    });
  });
}

describe('safeguarding form with several organisations, and its rate limit', () => {
  test('someone not signed in chooses who reads it; sending is rate-limited per address', async () => {
    const t = await makeTestApp({ startAt: new Date('2026-12-02T10:00:00Z'), env: { SIGN_IN_RATE_LIMIT: '10' } });
    try {
      await organisationWithAdmin(t);
      const other = await anotherOrganisation(t);
      const visitor = new Client(t.app);
      const form = await visitor.get('/safeguarding/concern');
      assert.match(form.body, /Riverside Carers Trust/);
      const stamp = /name="stamp" value="([^"]+)"/.exec(form.body)![1]!;
      t.clock.now = new Date(t.clock.now.getTime() + 60_000);
      const none = await visitor.post('/safeguarding/concern', { stamp, website: '', dangerNow: 'no', whatHappened: worry });
      assert.equal(none.statusCode, 400);
      assert.match(none.body, /Choose who should read this/);
      const ok = await visitor.post('/safeguarding/concern', {
        stamp,
        website: '',
        dangerNow: 'no',
        whatHappened: worry,
        organisation: other.organisationId,
      });
      assert.equal(ok.statusCode, 303);
      const row = await t.database.db.selectFrom('safeguarding_concerns').selectAll().executeTakeFirstOrThrow();
      assert.equal(row.organisation_id, other.organisationId);
      let status = 0;
      for (let i = 0; i < 6 && status !== 429; i++)
        status = (
          await visitor.post('/safeguarding/concern', {
            stamp,
            website: '',
            dangerNow: 'no',
            whatHappened: worry,
            organisation: other.organisationId,
          })
        ).statusCode;
      assert.equal(status, 429);
    } finally {
      await t.close();
    }
  });
});
