import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import type { Client } from '../../../test/helpers/browser-like-client.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

// S5: build on the groups, networks and places people already belong to. A directory of
// them, linked to the groups "who is missing" counts; outreach actions from a gap to what
// came of it; time bank partners are entries of the same directory.

/** Uploads a file's exact bytes, as a browser sends a file it did not write itself. */
async function uploadBytes(client: Client, bytes: Buffer) {
  const boundary = '----coproduce-directory-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${client.csrf}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="groups.csv"\r\nContent-Type: text/csv\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return client.raw(
    'POST',
    '/community-groups/import',
    { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload as unknown as string,
  );
}

const previewedCsv = (html: string) =>
  /name="csv" value="([^"]*)"/
    .exec(html)![1]!
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

const idFrom = (location: unknown) => /([0-9a-f-]{36})$/.exec(String(location))![1]!;

const traveller = 'ethnicGroup.gypsy-irish-traveller';
const travellerGroup = {
  name: 'Northby Gypsy and Traveller Support',
  kind: 'group',
  whatTheyDo: 'Advice and a drop-in on the Fenside site',
  reach: [traveller, 'circumstances.gypsy-traveller'],
  contactName: 'Rosie Lee',
  email: 'hello@ngts.example',
  phone: '01632 960 111',
  address: '',
  website: 'www.ngts.example',
  bestWay: 'phone',
  contactNotes: 'Ring on Tuesday mornings',
};

for (const dialect of databaseDialects()) {
  describe(`community groups and outreach (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let admin: Client;
    let fayId: string;
    let projectId: string;
    beforeEach(async () => {
      t = await makeTestApp({ dialect, startAt: new Date('2026-12-02T10:00:00Z') });
      org = await organisationWithAdmin(t);
      fayId = (
        await personWithAccount(
          t,
          org.organisationId,
          { fullName: 'Fay Facilitator', perspectives: ['practitioner'] },
          { email: 'fay@example.com', role: 'facilitator' },
        )
      ).personId;
      await personWithAccount(
        t,
        org.organisationId,
        { fullName: 'Mo Member', perspectives: ['carer'] },
        { email: 'mo@example.com', role: 'member' },
      );
      projectId = await t.services.projects.create(
        { organisationId: org.organisationId, personId: org.adminPersonId },
        {
          title: 'Lunches for everyone',
          purpose: 'Better lunches',
          activities: ['co-design'],
          levelAim: 'intermediate',
          stage: 'designing',
          startDate: '2026-01-05',
        },
      );
      admin = await signedInClient(t, org.email);
    });
    afterEach(() => t.close());

    async function addTravellerGroup() {
      await admin.get('/community-groups/new');
      const res = await admin.post('/community-groups/new', travellerGroup);
      assert.equal(res.statusCode, 303, res.body);
      return idFrom(res.headers.location);
    }

    test('staff add, find by who they reach, view and change an entry; wrong input keeps what was typed; members cannot see it', async () => {
      await admin.get('/community-groups/new');
      const bad = await admin.post('/community-groups/new', { ...travellerGroup, name: '', email: 'not an email', reach: ['made.up'] });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /govuk-error-summary/);
      assert.match(bad.body, /Enter the name of the group/);
      assert.match(bad.body, /Enter an email address like name@example.com/);
      assert.match(bad.body, /value="Ring on Tuesday mornings"|Ring on Tuesday mornings<\/textarea>/);

      const id = await addTravellerGroup();
      await admin.get('/community-groups/new');
      const twice = await admin.post('/community-groups/new', { ...travellerGroup, name: ' northby gypsy and traveller  SUPPORT ' });
      assert.equal(twice.statusCode, 400);
      assert.match(twice.body, /already in the directory/);

      await admin.get('/community-groups/new');
      assert.equal(
        (await admin.post('/community-groups/new', { name: 'Northby Library', kind: 'place', reach: 'ageBand.75-84' })).statusCode,
        303,
      );

      const filtered = await admin.get(`/community-groups?reach=${encodeURIComponent(traveller)}`);
      assert.equal(filtered.statusCode, 200);
      assert.match(filtered.body, /Northby Gypsy and Traveller Support/);
      assert.doesNotMatch(filtered.body, /Northby Library/);
      assert.match((await admin.get('/community-groups?kind=place')).body, /Northby Library/);
      assert.match((await admin.get('/community-groups?reach=nonsense&page=abc')).body, /2 groups/);

      const page = await admin.get(`/community-groups/${id}`);
      assert.match(page.body, /Ring on Tuesday mornings/);
      assert.match(page.body, /Gypsy or Irish Traveller|Gypsy/);
      await admin.get(`/community-groups/${id}/edit`);
      const changed = await admin.post(`/community-groups/${id}/edit`, {
        ...travellerGroup,
        whatTheyDo: 'A weekly drop-in',
        timebankPartner: 'yes',
      });
      assert.equal(changed.statusCode, 303);
      assert.match((await admin.get(`/community-groups/${id}`)).body, /A weekly drop-in/);

      // The people at the group who are the link.
      const noName = await admin.post(`/community-groups/${id}/contacts`, { contactName: '', role: 'Site warden' });
      assert.equal(noName.statusCode, 400);
      assert.match(noName.body, /value="Site warden"/);
      assert.equal(
        (await admin.post(`/community-groups/${id}/contacts`, { contactName: 'Tom Smith', role: 'Site warden', phone: '07700 900 222' }))
          .statusCode,
        303,
      );
      const withContact = await admin.get(`/community-groups/${id}`);
      assert.match(withContact.body, /Tom Smith<\/strong>, Site warden/);
      const contactId = /contacts\/([0-9a-f-]{36})\/remove/.exec(withContact.body)![1]!;
      assert.equal((await admin.post(`/community-groups/${id}/contacts/${contactId}/remove`)).statusCode, 303);
      assert.doesNotMatch((await admin.get(`/community-groups/${id}`)).body, /Tom Smith/);

      const mo = await signedInClient(t, 'mo@example.com');
      assert.equal((await mo.get('/community-groups')).statusCode, 403);
      assert.equal((await mo.get(`/community-groups/${id}`)).statusCode, 403);
      assert.equal((await admin.get('/community-groups/not-an-id')).statusCode, 404);
    });

    test('another organisation gets "not found" for every page and form of an entry and an action', async () => {
      const id = await addTravellerGroup();
      await admin.get('/community-groups/outreach/new');
      const made = await admin.post('/community-groups/outreach/new', {
        reach: traveller,
        projectId,
        groupId: id,
        what: 'Ask them to the open forum',
        ownerId: fayId,
        'dueOn-day': '20',
        'dueOn-month': '12',
        'dueOn-year': '2026',
      });
      assert.equal(made.statusCode, 303, made.body);
      const actionId = idFrom(made.headers.location);
      const other = await anotherOrganisation(t);
      const rita = await signedInClient(t, other.email);
      await rita.get('/community-groups');
      for (const url of [`/community-groups/${id}`, `/community-groups/${id}/edit`, `/community-groups/outreach/${actionId}`])
        assert.equal((await rita.get(url)).statusCode, 404, url);
      assert.equal((await rita.post(`/community-groups/${id}/edit`, travellerGroup)).statusCode, 404);
      assert.equal((await rita.post(`/community-groups/${id}/contacts`, { contactName: 'X' })).statusCode, 404);
      assert.equal(
        (await rita.post(`/community-groups/outreach/${actionId}/outcome`, { result: 'reached', outcome: 'x' })).statusCode,
        404,
      );
      // Their plan cannot name our group, our project or our staff.
      await rita.get('/community-groups/outreach/new');
      const theirs = await rita.post('/community-groups/outreach/new', {
        reach: traveller,
        projectId,
        groupId: id,
        what: 'x',
        ownerId: fayId,
        'dueOn-day': '1',
        'dueOn-month': '1',
        'dueOn-year': '2027',
      });
      assert.equal(theirs.statusCode, 400);
      assert.doesNotMatch((await rita.get('/community-groups')).body, /Traveller Support/);
      assert.doesNotMatch((await rita.get('/community-groups/export.csv')).body, /Traveller Support/);
      assert.doesNotMatch((await rita.get('/community-groups/outreach')).body, /open forum/);
    });

    test('CSV import: Windows-1252 from Excel, a row report, only the good rows added when staff confirm; the same file again adds nothing', async () => {
      await addTravellerGroup();
      const csv = [
        'Name,Kind,What they do,Who they reach,Email,Best way to contact them,Time bank partner,Notes',
        'Café Connect,group,Coffee and chat,ageBand.75-84; circumstances.dementia,cafe@example.org,phone,yes,x',
        ',,,,,,,',
        'Bad Email Club,group,,,not-an-email,,,',
        'Northby Gypsy and Traveller Support,group,,,,,,',
        'Odd Kind,castle,,,,,,',
        'Riverside Sikh Gurdwara,place,Langar every day,religion.sikh,,in-person,no,',
        ',,,,,,,',
      ].join('\r\n');
      await admin.get('/community-groups/import');
      const preview = await uploadBytes(admin, iconv.encode(csv, 'windows-1252'));
      assert.equal(preview.statusCode, 400);
      assert.match(preview.body, /3 rows have problems and will be left out/);
      assert.match(preview.body, /Row 4 \(Bad Email Club\): Enter an email address/);
      assert.match(preview.body, /Row 5 \(Northby Gypsy and Traveller Support\): A group with this name is already in the directory/);
      assert.match(preview.body, /Row 6 \(Odd Kind\): Choose what kind of group it is/);
      assert.match(preview.body, /Café Connect/);
      assert.match(preview.body, /These columns were not read: Notes/);
      assert.match(preview.body, /Add the 2 rows that are right/);
      assert.equal(
        await t.database.db
          .selectFrom('community_groups')
          .select('id')
          .execute()
          .then((r) => r.length),
        1,
        'nothing is saved by the preview',
      );

      const done = await admin.post('/community-groups/import', { confirm: 'yes', csv: previewedCsv(preview.body) });
      assert.equal(done.statusCode, 303);
      const list = await admin.get('/community-groups');
      assert.match(list.body, /3 groups/);
      assert.match(list.body, /Café Connect/);
      assert.match((await admin.get(`/community-groups?reach=${encodeURIComponent('religion.sikh')}`)).body, /Riverside Sikh Gurdwara/);

      await admin.get('/community-groups/import');
      const again = await uploadBytes(admin, iconv.encode(csv, 'windows-1252'));
      assert.match(again.body, /No row can be added/);

      // A workbook, an empty file and a file with no Name column are refused with a reason.
      await admin.get('/community-groups/import');
      const workbook = await uploadBytes(admin, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]));
      assert.equal(workbook.statusCode, 400);
      assert.match(workbook.body, /Excel workbook/);
      await admin.get('/community-groups/import');
      assert.match((await uploadBytes(admin, Buffer.from('Kind,Email\r\ngroup,a@b.example\r\n'))).body, /needs a Name column/);
      await admin.get('/community-groups/import');
      assert.match((await uploadBytes(admin, Buffer.from('Name\r\nA\u0000B\r\n'))).body, /not a CSV file we can read/);
    });

    test('CSV export opens in Excel: a byte order mark, CRLF, quoted text, formulas defused; and comes back in unchanged', async () => {
      await addTravellerGroup();
      await admin.get('/community-groups/new');
      await admin.post('/community-groups/new', { name: '=HYPERLINK("x")', kind: 'network', reach: [] });
      const file = await admin.get('/community-groups/export.csv');
      assert.equal(file.statusCode, 200);
      assert.match(String(file.headers['content-type']), /text\/csv; charset=utf-8/);
      assert.match(String(file.headers['content-disposition']), /attachment; filename="community-groups.csv"/);
      assert.ok(file.body.startsWith('\uFEFF"Name","Kind","What they do","Who they reach"'));
      assert.match(file.body, /\r\n"'=HYPERLINK\(""x""\)","network"/);
      assert.match(
        file.body,
        /"ethnicGroup.gypsy-irish-traveller; circumstances.gypsy-traveller"|"circumstances.gypsy-traveller; ethnicGroup.gypsy-irish-traveller"/,
      );
      // Into another organisation, the same file makes the same entries.
      const other = await anotherOrganisation(t);
      const rita = await signedInClient(t, other.email);
      await rita.get('/community-groups/import');
      const preview = await uploadBytes(rita, Buffer.from(file.body, 'utf8'));
      assert.equal(preview.statusCode, 200, preview.body);
      await rita.post('/community-groups/import', { confirm: 'yes', csv: previewedCsv(preview.body) });
      const again = await rita.get('/community-groups/export.csv');
      assert.equal(again.body, file.body);
    });

    test('an outreach action from a gap on who is missing: planned, on the project page and its review, overdue on To do, closed with what came of it', async () => {
      const groupId = await addTravellerGroup();
      // The link from a gap carries the group and the project.
      const form = await admin.get(`/community-groups/outreach/new?reach=${encodeURIComponent(traveller)}&projectId=${projectId}`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, new RegExp(`<option value="${traveller}" selected>`));
      assert.match(form.body, new RegExp(`<option value="${projectId}" selected>`));
      assert.match(form.body, /Northby Gypsy and Traveller Support \(reaches this group\)/);

      const bad = await admin.post('/community-groups/outreach/new', {
        reach: traveller,
        projectId,
        groupId: '',
        what: 'Ask them',
        ownerId: fayId,
        'dueOn-day': '31',
        'dueOn-month': '2',
        'dueOn-year': '2027',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Choose a community group/);
      assert.match(bad.body, /The date must be a real date/);
      assert.match(bad.body, /Ask them<\/textarea>/);

      const made = await admin.post('/community-groups/outreach/new', {
        reach: traveller,
        projectId,
        groupId,
        what: 'Ask the support group to come to the next open forum',
        ownerId: fayId,
        'dueOn-day': '8',
        'dueOn-month': '12',
        'dueOn-year': '2026',
      });
      assert.equal(made.statusCode, 303);
      const actionId = idFrom(made.headers.location);
      const action = await admin.get(`/community-groups/outreach/${actionId}`);
      assert.match(action.body, /Due soon/);
      assert.match(action.body, /Fay Facilitator/);

      const project = await admin.get(`/projects/${projectId}`);
      assert.match(project.body, /Reaching people who are missing/);
      assert.match(project.body, /Ask the support group to come to the next open forum/);

      const toDoLine = async (client: Client) =>
        /Outreach to community groups past its due date[\s\S]{0,400}?(\d+) outreach action/.exec((await client.get('/to-do')).body)?.[1];
      assert.equal(await toDoLine(admin), '0');
      // The day after the due date, London time, it is overdue for the organisation's admin and for its owner.
      t.clock.now = new Date('2026-12-09T09:00:00Z');
      admin = await signedInClient(t, org.email);
      const fay = await signedInClient(t, 'fay@example.com');
      assert.equal(await toDoLine(admin), '1');
      assert.equal(await toDoLine(fay), '1');
      assert.match((await admin.get('/community-groups/outreach?show=overdue')).body, /next open forum/);
      // Fay's line links to hers: she owns it. Mo's is nobody's line, and another facilitator's list of "mine" is empty.
      const fayToDo = await fay.get('/to-do');
      assert.match(fayToDo.body, /href="\/community-groups\/outreach\?show=overdue&amp;mine=yes"/);
      assert.match((await fay.get('/community-groups/outreach?show=overdue&mine=yes')).body, /next open forum/);
      await personWithAccount(
        t,
        org.organisationId,
        { fullName: 'Gus Other', perspectives: ['practitioner'] },
        { email: 'gus@example.com', role: 'facilitator' },
      );
      const gus = await signedInClient(t, 'gus@example.com');
      assert.equal(await toDoLine(gus), '0');
      assert.match((await gus.get('/community-groups/outreach?show=overdue&mine=yes')).body, /No outreach here/);
      assert.match((await admin.get(`/community-groups/outreach/${actionId}`)).body, /Overdue/);

      const noOutcome = await admin.post(`/community-groups/outreach/${actionId}/outcome`, { result: 'reached', outcome: '' });
      assert.equal(noOutcome.statusCode, 400);
      assert.match(noOutcome.body, /Say what happened/);
      const closed = await admin.post(`/community-groups/outreach/${actionId}/outcome`, {
        result: 'reached',
        outcome: 'Two people from the site came and joined the project',
      });
      assert.equal(closed.statusCode, 303);
      assert.match((await admin.get(`/community-groups/outreach/${actionId}`)).body, /Done: they were reached/);
      assert.equal(await toDoLine(admin), '0');
      // Closed once: a second outcome is not a change.
      assert.equal(
        (await admin.post(`/community-groups/outreach/${actionId}/outcome`, { result: 'not-reached', outcome: 'x' })).statusCode,
        404,
      );

      const review = await t.services.reviews.create(
        { organisationId: org.organisationId, personId: org.adminPersonId },
        { title: 'Winter check', projectId, opensOn: '2026-12-01', closesOn: '2026-12-20', schedule: 'none', gapThresholdTenths: 10 },
      );
      assert.ok(review.ok);
      const results = await admin.get(`/reviews/${review.id}/results`);
      assert.equal(results.statusCode, 200);
      assert.match(results.body, /Outreach to reach people who are missing/);
      assert.match(results.body, /Two people from the site came and joined the project/);
    });

    test('time bank partners are entries of the directory: one list, read and written by the time bank', async () => {
      await admin.get('/timebank/partners');
      assert.equal(
        (await admin.post('/timebank/partners', { partnerName: 'Northby Leisure Centre', what: 'One swim', 'duration-hours': '1' }))
          .statusCode,
        303,
      );
      const list = await admin.get('/community-groups');
      assert.match(list.body, /Northby Leisure Centre[\s\S]{0,200}Takes time credits/);
      // An entry marked in the directory is offered on the time bank's page, and its offers share one account.
      const id = await addTravellerGroup();
      await admin.get(`/community-groups/${id}/edit`);
      await admin.post(`/community-groups/${id}/edit`, { ...travellerGroup, timebankPartner: 'yes' });
      const page = await admin.get('/timebank/partners');
      assert.match(page.body, new RegExp(`<option value="${id}">Northby Gypsy and Traveller Support</option>`));
      assert.equal(
        (await admin.post('/timebank/partners', { partnerId: id, what: 'A cup of tea', 'duration-minutes': '30' })).statusCode,
        303,
      );
      assert.equal(
        (await admin.post('/timebank/partners', { partnerName: 'northby leisure centre', what: 'A month of gym', 'duration-hours': '20' }))
          .statusCode,
        303,
      );
      const accounts = await t.database.db
        .selectFrom('timebank_accounts')
        .select(['name', 'community_group_id'])
        .where('kind', '=', 'partner')
        .orderBy('name')
        .execute();
      assert.equal(accounts.length, 2);
      assert.ok(accounts.every((a) => a.community_group_id));
      const groups = await t.database.db
        .selectFrom('community_groups')
        .select('name')
        .where('timebank_partner', '=', 1)
        .orderBy('name')
        .execute();
      assert.deepEqual(
        groups.map((g) => g.name),
        ['Northby Gypsy and Traveller Support', 'Northby Leisure Centre'],
      );
      // Neither a name nor a partner is a form error, not a new entry.
      const none = await admin.post('/timebank/partners', { partnerName: '', what: 'x', 'duration-hours': '1' });
      assert.equal(none.statusCode, 400);
    });
  });
}
