import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { noAccessNeeds } from '../people/access-needs.ts';
import type { FormatNeed } from '../people/vocabulary.ts';

// P2, issue 16: papers go out by themselves once a meeting reaches its notice date (7 days
// here), by the same path as the staff button, so nothing goes twice; and a person whose
// format is not added yet gets the standard version meanwhile, and their own when it comes.
const pdf = (n: string) => Buffer.from(`%PDF-1.4\n% ${n}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
const day = 86_400_000;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

for (const dialect of databaseDialects()) {
  describe(`papers sent on the notice date, and the standard version meanwhile (${dialect})`, () => {
    let t: TestApp;
    let filesDir: string;
    let org: string;
    let projectId: string;
    let ids: Record<'mo' | 'sam' | 'tia' | 'bea', string>;
    let staff: { organisationId: string; personId: string };
    let admin: Parameters<TestApp['services']['papers']['add']>[0];
    let start: number;

    const newMeeting = async (title: string, startsAt: number, invitees: string[]) => {
      const id = await t.services.meetings.create(staff, projectId, {
        title,
        purpose: 'Taste soups',
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(startsAt + 2 * 3_600_000).toISOString(),
        format: 'in-person',
        venueId: null,
        joiningDetails: null,
        membersOnly: false,
        arrangements: [],
        interpreterLanguages: [],
      });
      await t.services.meetings.setInvitees(staff, id, invitees);
      return id;
    };
    const add = async (meetingId: string, title: string, format: 'standard' | 'large-print' | 'easy-read' | 'braille') => {
      const checked = await t.services.papers.checkUpload({ data: pdf(`${title} ${format}`), fileName: `${title}.pdf` });
      assert.ok(checked.ok);
      const paper = (await t.services.papers.listForMeeting(org, meetingId)).find((p) => p.title === title);
      if (paper) await t.services.papers.addVersion(admin, meetingId, paper.id, format, checked.upload);
      else await t.services.papers.add(admin, meetingId, { title, format }, checked.upload);
    };
    const sendings = async () =>
      (
        await t.database.db
          .selectFrom('paper_sendings as s')
          .innerJoin('meeting_papers as p', 'p.id', 's.paper_id')
          .select(['s.person_id', 'p.title', 's.format', 's.channel', 's.late'])
          .execute()
      )
        .map(
          (r) =>
            `${Object.entries(ids).find(([, id]) => id === r.person_id)![0]} ${r.title} ${r.format} ${r.channel}${Number(r.late) ? ' late' : ''}`,
        )
        .sort();
    const messages = () =>
      t.database.db.selectFrom('outbox').select(['person_id', 'channel', 'body_text']).where('kind', '=', 'papers').execute();
    const waiting = () => t.services.paperSending.countPapersWaiting({ organisationId: org, projectIds: null });

    beforeEach(async () => {
      filesDir = await fs.mkdtemp(path.join(os.tmpdir(), 'coproduce-papers-due-'));
      t = await makeTestApp({ dialect, env: { FILES_DIR: filesDir } });
      const first = await organisationWithAdmin(t);
      org = first.organisationId;
      staff = { organisationId: org, personId: first.adminPersonId };
      admin = {
        ...staff,
        accountId: first.adminAccountId,
        organisationName: 'Northshire County Council',
        role: 'admin',
        name: 'Ada Admin',
      };
      const person = async (fullName: string, formats: FormatNeed[], contact: Record<string, unknown>) => {
        const { personId } = await personWithAccount(t, org, { fullName, perspectives: ['draws-on-care'], ...contact });
        if (formats.length) await t.services.accessNeeds.save({ ...staff, role: 'admin' }, personId, true, { ...noAccessNeeds(), formats });
        return personId;
      };
      ids = {
        mo: await person('Mo Member', ['large-print'], { email: 'mo@example.com', contactOrder: ['email'] }),
        sam: await person('Sam Post', ['easy-read', 'braille'], { address: '1 High Street\nNorthtown', contactOrder: ['letter'] }),
        tia: await person('Tia Text', [], { mobile: '07700 900123', contactOrder: ['text'] }),
        bea: await person('Bea Braille', ['braille'], { address: '2 High Street\nNorthtown', contactOrder: ['letter'] }),
      };
      projectId = await t.services.projects.create(staff, {
        title: 'Better day centre lunches',
        purpose: 'Menus',
        activities: ['co-design'],
        levelAim: 'intermediate',
        stage: 'designing',
        startDate: '2026-11-01',
      });
      for (const id of Object.values(ids)) await t.services.projects.addMember(staff, projectId, id, 'member', '2026-11-01');
      start = t.now().getTime() + 14 * day;
    });
    afterEach(async () => {
      await t.close();
      await fs.rm(filesDir, { recursive: true, force: true });
    });

    test('the job sends on the notice date, once; a paper added later goes on the next run, flagged late', async () => {
      const meetingId = await newMeeting('Menu tasting', start, Object.values(ids));
      for (const format of ['standard', 'large-print', 'easy-read', 'braille'] as const) await add(meetingId, 'Agenda', format);

      assert.equal(await t.services.paperSending.sendDue(), 0, 'two weeks before: not yet');
      t.clock.now = new Date(start - 7 * day - 60_000);
      assert.equal(await t.services.paperSending.sendDue(), 0, 'a minute before the notice date: not yet');
      assert.deepEqual(await sendings(), []);

      t.clock.now = new Date(start - 7 * day + 60_000);
      assert.equal(await t.services.paperSending.sendDue(), 4);
      assert.deepEqual(await sendings(), [
        'bea Agenda braille letter',
        'mo Agenda large-print email',
        'sam Agenda braille letter',
        'sam Agenda easy-read letter',
        'tia Agenda standard text',
      ]);
      assert.equal(await t.services.paperSending.sendDue(), 0, 'nothing twice');
      assert.equal((await messages()).length, 4);

      t.clock.now = new Date(start - 3 * day);
      await add(meetingId, 'Costs', 'standard');
      assert.equal(await t.services.paperSending.sendDue(), 3, 'Bea reads braille: print does not stand in for it');
      const late = (await sendings()).filter((s) => s.endsWith('late'));
      assert.deepEqual(late, ['mo Costs standard email late', 'sam Costs standard letter late', 'tia Costs standard text late']);
      // Sam reads easy read, so his says it in easy read words (issue 24).
      const lateWords = (await messages()).map((m) => m.body_text).filter((text) => /papers came late: Costs/.test(text));
      assert.equal(lateWords.length, 3);
      assert.equal(lateWords.filter((text) => /Some papers came late: Costs\.\nSorry they came late\./.test(text)).length, 1);
      assert.equal(await t.services.paperSending.sendDue(), 0);
      const runs = await t.database.db.selectFrom('audit_log').select('actor_person_id').where('action', '=', 'papers-sent').execute();
      assert.deepEqual(runs, [{ actor_person_id: null }, { actor_person_id: null }], 'each run that sent is recorded, by nobody');
    });

    test('staff may send earlier with the button; the job then sends nothing twice', async () => {
      const meetingId = await newMeeting('Menu tasting', start, Object.values(ids));
      await add(meetingId, 'Agenda', 'standard');
      await add(meetingId, 'Agenda', 'large-print');
      assert.deepEqual(await t.services.paperSending.send(admin, meetingId), { people: 3, unreachable: [] });
      t.clock.now = new Date(start - 6 * day);
      assert.equal(await t.services.paperSending.sendDue(), 0);
      assert.equal((await messages()).length, 3);
      // A cancelled meeting gets nothing from the job.
      const other = await newMeeting('Called off', start + day, [ids.tia]);
      await add(other, 'Agenda', 'standard');
      await t.database.db.updateTable('meetings').set({ cancelled_at: t.now().toISOString() }).where('id', '=', other).execute();
      t.clock.now = new Date(start - 5 * day);
      assert.equal(await t.services.paperSending.sendDue(), 0);
    });

    test('a batch at a time: a meeting nobody can be reached for does not hold up the next', async () => {
      // Una has an email address but has said no to every way we write or call: the job
      // finds her meeting, and cannot send.
      const { personId: una } = await personWithAccount(t, org, {
        fullName: 'Una Unknown',
        perspectives: ['carer'],
        email: 'una@example.com',
        contactOrder: [],
        optedOut: ['email', 'text', 'letter', 'phone'],
      });
      await t.services.projects.addMember(staff, projectId, una, 'member', '2026-11-01');
      const first = await newMeeting('First', start - 4 * day, [una]);
      const second = await newMeeting('Second', start - 2 * day, [ids.tia]);
      await add(first, 'Agenda', 'standard');
      await add(second, 'Agenda', 'standard');
      t.clock.now = new Date(start - 8 * day);
      assert.equal(await t.services.paperSending.sendDue(1), 0, 'the first meeting: Una cannot be reached');
      assert.equal(await t.services.paperSending.sendDue(1), 1, 'then the second');
      assert.deepEqual(await sendings(), ['tia Agenda standard text']);
    });

    test('without their format yet a person gets the standard version, is shown waiting for theirs, and gets it once added', async () => {
      const meetingId = await newMeeting('Menu tasting', start, Object.values(ids));
      await add(meetingId, 'Agenda', 'standard');
      const client = await signedInClient(t, 'admin@northshire.test');
      await client.get(`/meetings/${meetingId}`);
      assert.equal((await client.post(`/meetings/${meetingId}/papers/send`)).statusCode, 303);
      assert.deepEqual(await sendings(), ['mo Agenda standard email', 'sam Agenda standard letter', 'tia Agenda standard text']);
      const page = text((await client.get(`/meetings/${meetingId}`)).body);
      assert.match(page, /Mo Member Agenda \(Standard\) by email Agenda \(Large print, not added yet\)/);
      assert.match(page, /Bea Braille Nothing yet Agenda \(Braille, not added yet\)/);
      assert.match(
        page,
        /Sam Post Agenda \(Standard\) by letter, post by \d+ \w+ \d{4} Agenda \(Easy read, not added yet\); Agenda \(Braille, not added yet\)/,
      );
      // The To do line and its list count each person still waiting for their own format.
      assert.equal(await waiting(), 3);
      const todo = text((await client.get('/to-do')).body);
      assert.match(todo, /People still waiting for papers for a meeting to come 3 people and meetings/);
      const list = text((await client.get('/to-do/papers')).body);
      assert.match(list, /Bea Braille/);
      assert.match(list, /Mo Member/);
      assert.doesNotMatch(list, /Tia Text/);

      await add(meetingId, 'Agenda', 'large-print');
      await add(meetingId, 'Agenda', 'braille');
      assert.deepEqual(await t.services.paperSending.send(admin, meetingId), { people: 3, unreachable: [] });
      assert.deepEqual(
        (await sendings()).filter((s) => /large-print|braille/.test(s)),
        ['bea Agenda braille letter', 'mo Agenda large-print email', 'sam Agenda braille letter'],
      );
      assert.match((await messages()).find((m) => m.person_id === ids.bea)!.body_text, /Agenda \(Braille\): to order/);
      assert.equal(await waiting(), 1, 'only Sam, for easy read');
      assert.doesNotMatch(text((await client.get('/to-do/papers')).body), /Mo Member|Bea Braille/);
    });
  });
}
