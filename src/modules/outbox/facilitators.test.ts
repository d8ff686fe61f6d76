import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { datesWrittenFor, makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { enqueue } from '../../platform/outbox.ts';

// Issue 15 (S4): whoever is told a message waits can read it and send it by hand. A
// facilitator sees "Kept in the app" on their meeting's page, so they read the messages of
// the projects they are in; admins read every message of their organisation.
for (const dialect of databaseDialects()) {
  describe(`messages for facilitators (${dialect})`, () => {
    let t: TestApp;
    let organisationId: string;
    let lunches: string;
    let meetingId: string;
    const ids: Record<string, string> = {};
    const rowOf = (id: string) => t.database.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const messageTo = async (recipient: string) =>
      (await t.database.db.selectFrom('outbox').select('id').where('recipient', '=', recipient).executeTakeFirstOrThrow()).id;

    beforeEach(async () => {
      t = await makeTestApp({ dialect, startAt: datesWrittenFor });
      const org = await organisationWithAdmin(t);
      organisationId = org.organisationId;
      await anotherOrganisation(t);
      const staff = { organisationId, personId: org.adminPersonId };
      const person = async (
        key: string,
        details: Parameters<typeof personWithAccount>[2],
        account?: Parameters<typeof personWithAccount>[3],
      ) => (ids[key] = (await personWithAccount(t, organisationId, details, account)).personId);
      await person(
        'fay',
        { fullName: 'Fay Facilitator', perspectives: ['practitioner'] },
        { email: 'fay@example.com', role: 'facilitator' },
      );
      await person('gus', { fullName: 'Gus Garden', perspectives: ['practitioner'] }, { email: 'gus@example.com', role: 'facilitator' });
      await person('mo', { fullName: 'Mo Member', perspectives: ['draws-on-care'] }, { email: 'mo@example.com', role: 'member' });
      await person('sue', { fullName: 'Sue Carer', perspectives: ['carer'], mobile: '07700 900111', contactOrder: ['text'] });
      await person('dennis', {
        fullName: 'Dennis Whitfield',
        preferredName: 'Den',
        perspectives: ['draws-on-care'],
        address: 'The Oaks Care Home, 4 Mill Lane\nNorthby\nNB1 2CD',
        contactOrder: ['letter'],
      });
      const project = (title: string) =>
        t.services.projects.create(staff, {
          title,
          purpose: 'Better days',
          activities: ['co-design'],
          levelAim: 'intermediate',
          stage: 'designing',
          startDate: '2026-11-01',
        });
      lunches = await project('Better day centre lunches');
      const gardens = await project('Community gardens');
      for (const p of ['fay', 'sue', 'dennis']) await t.services.projects.addMember(staff, lunches, ids[p]!, 'member', '2026-11-01');
      await t.services.projects.addMember(staff, gardens, ids.gus!, 'lead', '2026-11-01');
      meetingId = await t.services.meetings.create(staff, lunches, {
        title: 'Menu planning group',
        purpose: 'Choose the winter menu together.',
        startsAt: '2026-12-03T10:30:00.000Z',
        endsAt: '2026-12-03T12:30:00.000Z',
        format: 'phone',
        venueId: null,
        joiningDetails: 'We will ring you',
        membersOnly: false,
        arrangements: [],
        interpreterLanguages: [],
      });
      // No delivery is set up: Sue's text is kept in the app and Dennis's letter waits to print.
      await t.services.invitations.sendInvitations(staff, meetingId);
    });
    afterEach(() => t.close());

    test('messages about a meeting belong to its project, and a letter keeps the full name it goes to', async () => {
      const text = await rowOf(await messageTo('07700 900111'));
      assert.deepEqual([text.status, text.project_id, text.recipient_name], ['held', lunches, null]);
      const letter = await t.database.db.selectFrom('outbox').selectAll().where('person_id', '=', ids.dennis!).executeTakeFirstOrThrow();
      assert.deepEqual([letter.status, letter.project_id, letter.recipient_name], ['to-print', lunches, 'Dennis Whitfield']);
    });

    test("a facilitator reads the text kept for their project's meeting and marks it sent by hand", async () => {
      const textId = await messageTo('07700 900111');
      const fay = await signedInClient(t, 'fay@example.com');
      const home = await fay.get('/');
      assert.match(home.body, /href="\/admin\/messages"/);
      const list = await fay.get('/admin/messages');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /07700 900111/);
      // The letter's "To" is Dennis himself, not a house.
      assert.match(list.body, /<td class="govuk-table__cell">Dennis Whitfield<\/td>/);

      // The meeting's page says Sue's text is kept, and links to it.
      const meeting = await fay.get(`/meetings/${meetingId}`);
      assert.match(
        meeting.body,
        new RegExp(
          `<a class="govuk-link" href="/admin/messages/${textId}">Kept in the app \\(no way to send\\)<span class="govuk-visually-hidden"> Sue Carer</span></a>`,
        ),
      );
      const page = await fay.get(`/admin/messages/${textId}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Kept here \(not sent\)/);
      assert.match(page.body, /Send it yourself/);
      assert.match(page.body, /Menu planning group/);
      const done = await fay.post(`/admin/messages/${textId}/handled`);
      assert.equal(done.statusCode, 303);
      const after = await fay.get(`/admin/messages/${textId}`);
      assert.match(after.body, /Message marked as sent\./);
      assert.doesNotMatch(after.body, /Mark as sent by hand/);
      const row = await rowOf(textId);
      assert.deepEqual([row.status, row.sent_at], ['sent', datesWrittenFor.toISOString()]);
    });

    test("facilitators see only their own projects' messages, and nobody sees another organisation's", async () => {
      const textId = await messageTo('07700 900111');
      const letterId = (
        await t.database.db.selectFrom('outbox').select('id').where('person_id', '=', ids.dennis!).executeTakeFirstOrThrow()
      ).id;
      // News for the whole organisation (a time bank swap) belongs to no project.
      const swap = await enqueue(
        t.database.db,
        { organisationId, kind: 'timebank', channel: 'text', recipient: '07700 900222', subject: 'A swap', bodyText: 'Thanks' },
        t.now(),
        null,
      );

      const gus = await signedInClient(t, 'gus@example.com');
      const list = await gus.get('/admin/messages');
      assert.equal(list.statusCode, 200);
      assert.doesNotMatch(list.body, /07700 900111|07700 900222|Dennis Whitfield|Menu planning group/);
      assert.match(list.body, /No messages yet/);
      for (const id of [textId, letterId, swap]) {
        assert.equal((await gus.get(`/admin/messages/${id}`)).statusCode, 404);
        assert.equal((await gus.post(`/admin/messages/${id}/handled`)).statusCode, 404);
      }
      const letters = await gus.get('/admin/messages/letters');
      assert.doesNotMatch(letters.body, /Dennis Whitfield/);
      assert.match(letters.body, /There are no letters to print/);
      await gus.post('/admin/messages/letters', { ids: [letterId] });
      assert.match((await gus.get('/admin/messages/letters')).body, /0 letters marked as posted/);

      // Fay is in the lunches project, not in the organisation's swaps.
      const fay = await signedInClient(t, 'fay@example.com');
      assert.equal((await fay.get(`/admin/messages/${swap}`)).statusCode, 404);
      assert.doesNotMatch((await fay.get('/admin/messages')).body, /07700 900222/);

      const rivers = await signedInClient(t, 'admin@riverside.test');
      assert.doesNotMatch((await rivers.get('/admin/messages')).body, /07700 900111/);
      assert.equal((await rivers.get(`/admin/messages/${textId}`)).statusCode, 404);
      assert.equal((await rivers.post(`/admin/messages/${textId}/handled`)).statusCode, 404);

      const mo = await signedInClient(t, 'mo@example.com');
      assert.equal((await mo.get('/admin/messages')).statusCode, 403);
      assert.equal((await mo.get(`/admin/messages/${textId}`)).statusCode, 403);

      const admin = await signedInClient(t, 'admin@northshire.test');
      const all = await admin.get('/admin/messages');
      assert.match(all.body, /07700 900111/);
      assert.match(all.body, /07700 900222/);
      assert.equal((await admin.get(`/admin/messages/${swap}`)).statusCode, 200);

      const statuses = await t.database.db
        .selectFrom('outbox')
        .select(['id', 'status'])
        .where('id', 'in', [textId, letterId, swap])
        .execute();
      assert.deepEqual(Object.fromEntries(statuses.map((r) => [r.id, r.status])), {
        [textId]: 'held',
        [letterId]: 'to-print',
        [swap]: 'held',
      });
    });

    test("a letter is addressed to the person's full name first, then where they live", async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      const letters = await fay.get('/admin/messages/letters');
      assert.match(
        letters.body,
        /<p class="app-letter__address">Dennis Whitfield<br>The Oaks Care Home<br>4 Mill Lane<br>Northby<br>NB1 2CD<\/p>/,
      );
      // The letter itself greets him by the name he goes by.
      assert.match(letters.body, /Hello Den,/);
    });

    test('the list shows 50 messages a page, keeping the status it is filtered by', async () => {
      for (let i = 0; i < 52; i++) {
        await enqueue(
          t.database.db,
          {
            organisationId,
            projectId: lunches,
            channel: 'text',
            recipient: `07700 9${String(i).padStart(5, '0')}`,
            subject: 'S',
            bodyText: 'B',
          },
          new Date(datesWrittenFor.getTime() + i * 60_000),
          null,
        );
      }
      const fay = await signedInClient(t, 'fay@example.com');
      const rows = (body: string) => [...body.matchAll(/<tr class="govuk-table__row">/g)].length - 1;
      const first = await fay.get('/admin/messages?status=held');
      assert.equal(rows(first.body), 50);
      assert.match(first.body, /href="\/admin\/messages\?status=held&amp;page=2"/);
      const second = await fay.get('/admin/messages?status=held&page=2');
      // 52 texts, Sue's invitation and Fay's own email invitation: 54 kept, 4 on page 2.
      assert.equal(rows(second.body), 4);
      assert.match(second.body, /07700 900111/);
    });
  });
}
