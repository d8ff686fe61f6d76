import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, testSessionSecret, type TestApp } from '../../../test/helpers/test-app.ts';
import { noAccessNeeds } from '../people/access-needs.ts';
import { paperToken } from './paper-links.ts';
import { postBy } from './post-by.ts';

// P2: papers go to each invitee in their own format by their own channel, once per version;
// late versions say so; a paper link opens one file for one person until it runs out.
const pdf = (n: string) => Buffer.from(`%PDF-1.4\n% ${n}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
const day = 86_400_000;
/** The whole organisation, as an admin sees it. */
const whole = (organisationId: string) => ({ organisationId, projectIds: null });

describe('postBy: four working days before, second class', () => {
  for (const [name, meeting, post] of [
    ['a Friday meeting: post on Monday', '2026-12-11', '2026-12-07'],
    ['a Monday meeting: post on the Tuesday before', '2026-12-14', '2026-12-08'],
    ['a Wednesday meeting: the weekend is skipped', '2026-12-16', '2026-12-10'],
  ] as const)
    test(name, () => assert.equal(postBy(meeting), post));
});

for (const dialect of databaseDialects()) {
  describe(`papers sent in each person's format (${dialect})`, () => {
    let t: TestApp;
    let filesDir: string;
    let meetingId: string;
    let ids: Record<'org' | 'mo' | 'sam' | 'tia' | 'admin', string>;
    let admin: Parameters<TestApp['services']['papers']['add']>[0];
    const add = async (title: string, format: 'standard' | 'large-print' | 'easy-read' | 'braille') => {
      const checked = await t.services.papers.checkUpload({ data: pdf(`${title} ${format}`), fileName: `${title}.pdf` });
      assert.ok(checked.ok);
      return t.services.papers.add(admin, meetingId, { title, format }, checked.upload);
    };
    const sendings = () =>
      t.database.db
        .selectFrom('paper_sendings')
        .select(['person_id', 'format', 'channel', 'late', 'post_by', 'file_id'])
        .orderBy('person_id')
        .orderBy('format')
        .execute();
    const messages = () =>
      t.database.db
        .selectFrom('outbox')
        .select(['person_id', 'channel', 'subject', 'body_text', 'status'])
        .where('kind', '=', 'papers')
        .execute();

    beforeEach(async () => {
      filesDir = await fs.mkdtemp(path.join(os.tmpdir(), 'coproduce-paper-sending-'));
      t = await makeTestApp({ dialect, env: { FILES_DIR: filesDir } });
      const org = await organisationWithAdmin(t);
      const staff = { organisationId: org.organisationId, personId: org.adminPersonId };
      const mo = await personWithAccount(
        t,
        org.organisationId,
        { fullName: 'Mo Member', perspectives: ['draws-on-care'] },
        { email: 'mo@example.com', role: 'member' },
      );
      const sam = await personWithAccount(t, org.organisationId, {
        fullName: 'Sam Post',
        perspectives: ['carer'],
        address: '1 High Street\nNorthtown',
        contactOrder: ['letter'],
      });
      const tia = await personWithAccount(t, org.organisationId, {
        fullName: 'Tia Text',
        perspectives: ['carer'],
        mobile: '07700 900123',
        contactOrder: ['text'],
      });
      ids = { org: org.organisationId, mo: mo.personId, sam: sam.personId, tia: tia.personId, admin: org.adminPersonId };
      const role = { ...staff, role: 'admin' as const };
      await t.services.accessNeeds.save(role, mo.personId, true, { ...noAccessNeeds(), formats: ['large-print'] });
      await t.services.accessNeeds.save(role, sam.personId, true, { ...noAccessNeeds(), formats: ['easy-read', 'braille'] });
      const projectId = await t.services.projects.create(staff, {
        title: 'Better day centre lunches',
        purpose: 'Menus',
        activities: ['co-design'],
        levelAim: 'intermediate',
        stage: 'designing',
        startDate: '2026-11-01',
      });
      for (const p of [mo, sam, tia]) await t.services.projects.addMember(staff, projectId, p.personId, 'member', '2026-11-01');
      const startsAt = new Date(t.now().getTime() + 14 * day);
      meetingId = await t.services.meetings.create(staff, projectId, {
        title: 'Menu tasting',
        purpose: 'Taste soups',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
        format: 'in-person',
        venueId: null,
        joiningDetails: null,
        membersOnly: false,
        arrangements: [],
        interpreterLanguages: [],
      });
      await t.services.meetings.setInvitees(staff, meetingId, [mo.personId, sam.personId, tia.personId]);
      admin = { ...staff, accountId: org.adminAccountId, organisationName: 'Northshire County Council', role: 'admin', name: 'Ada Admin' };
      await add('Agenda', 'standard');
      const agendaId = (await t.services.papers.listForMeeting(ids.org, meetingId))[0]!.id;
      for (const format of ['large-print', 'easy-read', 'braille'] as const) {
        const checked = await t.services.papers.checkUpload({ data: pdf(`agenda ${format}`), fileName: 'agenda.pdf' });
        assert.ok(checked.ok);
        await t.services.papers.addVersion(admin, meetingId, agendaId, format, checked.upload);
      }
    });
    afterEach(async () => {
      await t.close();
      await fs.rm(filesDir, { recursive: true, force: true });
    });

    test('each person gets their formats by their channel, once; letters say when to post', async () => {
      assert.equal(await t.services.paperSending.countPapersWaiting(whole(ids.org)), 3);
      const result = await t.services.paperSending.send(admin, meetingId);
      assert.deepEqual(result, { people: 3, unreachable: [] });
      const rows = await sendings();
      const of = (id: string) => rows.filter((r) => r.person_id === id).map((r) => [r.format, r.channel, Number(r.late)]);
      assert.deepEqual(of(ids.mo), [['large-print', 'email', 0]]);
      assert.deepEqual(of(ids.sam), [
        ['braille', 'letter', 0],
        ['easy-read', 'letter', 0],
      ]);
      assert.deepEqual(of(ids.tia), [['standard', 'text', 0]]);
      const meeting = await t.services.meetings.getForUser(admin, meetingId);
      const expectedPostBy = postBy(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(meeting.startsAt)));
      assert.ok(rows.filter((r) => r.person_id === ids.sam).every((r) => r.post_by === expectedPostBy));
      const sent = await messages();
      assert.equal(sent.length, 3);
      const letter = sent.find((m) => m.channel === 'letter')!;
      assert.equal(letter.status, 'to-print');
      assert.match(letter.subject, /post by/);
      assert.match(letter.body_text, /Braille\): to order/);
      assert.match(sent.find((m) => m.channel === 'email')!.body_text, /Large print\): http:\/\/localhost:3000\/papers\//);
      assert.equal(await t.services.paperSending.countPapersWaiting(whole(ids.org)), 0);

      // Pressing again sends nothing new.
      assert.deepEqual(await t.services.paperSending.send(admin, meetingId), { people: 0, unreachable: [] });
      assert.equal((await messages()).length, 3);
    });

    test('a paper added after the notice date goes to everyone it reaches, flagged as late', async () => {
      await t.services.paperSending.send(admin, meetingId);
      t.clock.now = new Date(t.now().getTime() + 10 * day); // 4 days before: past the 7-day notice
      await add('Costs', 'standard');
      assert.equal(await t.services.paperSending.countPapersWaiting(whole(ids.org)), 3);
      assert.deepEqual((await t.services.paperSending.papersWaiting(whole(ids.org), 1)).map((w) => w.name).sort(), [
        'Mo Member',
        'Sam Post',
        'Tia Text',
      ]);
      await t.services.paperSending.send(admin, meetingId);
      const late = (await sendings()).filter((r) => Number(r.late) === 1);
      assert.deepEqual(
        late.map((r) => [r.person_id, r.format]),
        [ids.mo, ids.sam, ids.tia].sort().map((id) => [id, 'standard']),
        'Tia wants the standard version; Mo and Sam have it until their own formats are added',
      );
      const tias = (await messages()).filter((m) => m.person_id === ids.tia);
      assert.equal(tias.length, 2);
      assert.ok(tias.some((m) => /These papers came late: Costs/.test(m.body_text)));
      // Mo and Sam still wait for Costs in their formats.
      assert.equal(await t.services.paperSending.countPapersWaiting(whole(ids.org)), 2);

      const page = await (await signedInClient(t, 'admin@northshire.test')).get(`/meetings/${meetingId}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Who has had the papers/);
      assert.match(page.body, /Costs \(Standard\) by text message, came late/);
      assert.match(page.body, /Costs \(Standard\) by email, came late/);
      assert.match(page.body, /Costs \(Large print, not added yet\)/);
    });

    test('a paper link opens that file for that person, without signing in, until it expires', async () => {
      await t.services.paperSending.send(admin, meetingId);
      const mos = (await sendings()).find((r) => r.person_id === ids.mo)!;
      const link = /http:\/\/localhost:3000(\/papers\/[^\s]+)/.exec((await messages()).find((m) => m.person_id === ids.mo)!.body_text)![1]!;
      const opened = await t.app.inject({ method: 'GET', url: link });
      assert.equal(opened.statusCode, 200);
      assert.match(opened.body, /agenda large-print/);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['actor_person_id'])
        .where('action', '=', 'paper-downloaded')
        .execute();
      assert.deepEqual(audit, [{ actor_person_id: ids.mo }]);

      const expiresAt = new Date(t.now().getTime() + 30 * day).toISOString();
      // The same file for someone it was not sent to, and another file for Mo: not found.
      const tiasFile = (await sendings()).find((r) => r.person_id === ids.tia)!.file_id;
      for (const token of [
        paperToken(testSessionSecret, { fileId: mos.file_id, personId: ids.tia, expiresAt }),
        paperToken(testSessionSecret, { fileId: tiasFile, personId: ids.mo, expiresAt }),
        paperToken('another-secret-that-is-long-enough-for-this', { fileId: mos.file_id, personId: ids.mo, expiresAt }),
        `${link.slice('/papers/'.length, -3)}abc`,
      ])
        assert.equal((await t.app.inject({ method: 'GET', url: `/papers/${token}` })).statusCode, 404, token);

      t.clock.now = new Date(t.now().getTime() + 60 * day);
      const expired = await t.app.inject({ method: 'GET', url: link });
      assert.equal(expired.statusCode, 410);
      assert.match(expired.body, /run out/);
    });

    test('members and another organisation cannot send papers or see who has had them', async () => {
      const other = await anotherOrganisation(t);
      const rita = await signedInClient(t, other.email);
      await rita.get('/');
      assert.equal((await rita.post(`/meetings/${meetingId}/papers/send`)).statusCode, 404);
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get(`/meetings/${meetingId}`);
      assert.equal((await mo.post(`/meetings/${meetingId}/papers/send`)).statusCode, 403);
      assert.doesNotMatch((await mo.get(`/meetings/${meetingId}`)).body, /Who has had the papers/);
      assert.equal((await messages()).length, 0);
      assert.equal(await t.services.paperSending.countPapersWaiting(whole(other.organisationId)), 0);

      const staff = await signedInClient(t, 'admin@northshire.test');
      await staff.get(`/meetings/${meetingId}`);
      const sent = await staff.post(`/meetings/${meetingId}/papers/send`);
      assert.equal(sent.statusCode, 303);
      assert.equal((await messages()).length, 3);
    });
  });
}
