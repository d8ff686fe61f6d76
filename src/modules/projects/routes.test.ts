import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp, datesWrittenFor } from '../../../test/helpers/test-app.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';

const project = {
  title: 'Better day centre lunches',
  purpose: 'Decide together what the day centre serves, and how.',
  activities: ['co-design', 'co-decision'],
  levelAim: 'intermediate',
  stage: 'setting-up',
  'startDate-day': '1',
  'startDate-month': '12',
  'startDate-year': '2026',
};
const agreement = {
  meaning: 'We plan and decide the menu together.',
  principles: 'Everyone is heard. We use plain words.',
  benefits: 'Food people enjoy. New friends.',
  outcomes: 'A new menu by spring.',
};

for (const dialect of databaseDialects()) {
  describe(`projects (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let other: Awaited<ReturnType<typeof anotherOrganisation>>;
    let fayId: string;
    let moId: string;
    let lenId: string;
    let sueId: string;
    /**
     * The project the first test starts, through the service its form uses; with Mo as co-chair
     * from 1 December, as the second test adds her, and Sue from 28 November, when asked for.
     */
    const lunchesProject = async (...members: Array<'mo' | 'sue'>) => {
      const fay = { organisationId: org.organisationId, personId: fayId };
      const id = await t.services.projects.create(fay, {
        title: project.title,
        purpose: project.purpose,
        activities: ['co-design', 'co-decision'],
        levelAim: 'intermediate',
        stage: 'setting-up',
        startDate: '2026-12-01',
      });
      if (members.includes('mo')) await t.services.projects.addMember(fay, id, moId, 'co-chair', '2026-12-01');
      if (members.includes('sue')) await t.services.projects.addMember(fay, id, sueId, 'member', '2026-11-28');
      return id;
    };
    beforeEach(async () => {
      t = await makeTestApp({ dialect, startAt: datesWrittenFor }); // the clock says 23 November 2026
      org = await organisationWithAdmin(t);
      other = await anotherOrganisation(t);
      fayId = (
        await personWithAccount(
          t,
          org.organisationId,
          { fullName: 'Fay Facilitator', perspectives: ['practitioner'] },
          { email: 'fay@example.com', role: 'facilitator' },
        )
      ).personId;
      moId = (
        await personWithAccount(
          t,
          org.organisationId,
          { fullName: 'Mo Member', perspectives: ['draws-on-care'] },
          { email: 'mo@example.com', role: 'member' },
        )
      ).personId;
      lenId = (
        await personWithAccount(
          t,
          org.organisationId,
          { fullName: 'Len Outsider', perspectives: ['community'] },
          { email: 'len@example.com', role: 'member' },
        )
      ).personId;
      sueId = (await personWithAccount(t, org.organisationId, { fullName: 'Sue Carer', perspectives: ['carer'] })).personId;
    });
    afterEach(() => t.close());

    test('staff start a project; bad dates and missing choices keep what was typed', async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      const form = await fay.get('/projects/new');
      assert.match(form.body, /name="startDate-day"[^>]*value="23"/);
      const bad = await fay.post('/projects/new', {
        ...project,
        activities: undefined,
        levelAim: undefined,
        'startDate-day': '31',
        'startDate-month': '2',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Choose at least one thing you will do together/);
      assert.match(bad.body, /Choose how much power you aim to share/);
      assert.match(bad.body, /Enter a real date/);
      assert.match(bad.body, /value="Better day centre lunches"/);
      assert.match(bad.body, /name="startDate-day"[^>]*value="31"/);
      const res = await fay.post('/projects/new', project);
      assert.equal(res.statusCode, 303);
      const projectId = String(res.headers.location).split('/').pop()!;
      const page = await fay.get(`/projects/${projectId}`);
      assert.match(page.body, /Better day centre lunches/);
      assert.match(page.body, /Not started/);
      assert.match(page.body, /Nobody who is a carer has joined yet/);
    });

    test('members join with a role and date; anyone can be co-chair', async () => {
      const projectId = await lunchesProject();
      const fay = await signedInClient(t, 'fay@example.com');
      const form = await fay.get(`/projects/${projectId}/members/add`);
      assert.match(form.body, /Mo Member \(Person who draws on care and support\)/);
      const missing = await fay.post(`/projects/${projectId}/members/add`, {
        role: 'co-chair',
        'joinedOn-day': '1',
        'joinedOn-month': '12',
        'joinedOn-year': '2026',
      });
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /Choose a person/);
      const ok = await fay.post(`/projects/${projectId}/members/add`, {
        personId: moId,
        role: 'co-chair',
        'joinedOn-day': '1',
        'joinedOn-month': '12',
        'joinedOn-year': '2026',
      });
      assert.equal(ok.statusCode, 303);
      await fay.get(`/projects/${projectId}/members/add`);
      const twice = await fay.post(`/projects/${projectId}/members/add`, {
        personId: moId,
        role: 'member',
        'joinedOn-day': '1',
        'joinedOn-month': '12',
        'joinedOn-year': '2026',
      });
      assert.equal(twice.statusCode, 400);
      assert.match(twice.body, /already a member/);
      const page = await fay.get(`/projects/${projectId}`);
      assert.match(page.body, /Mo Member/);
      assert.match(page.body, /Co-chair/);
      assert.match(page.body, /1 December 2026/);
    });

    test('the page warns when the project started or moved stage without carers', async () => {
      const projectId = await lunchesProject('mo');
      t.clock.now = new Date('2026-12-10T10:00:00Z');
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/projects/${projectId}/edit`);
      const moved = await fay.post(`/projects/${projectId}/edit`, { ...project, stage: 'designing' });
      assert.equal(moved.statusCode, 303);
      let page = await fay.get(`/projects/${projectId}`);
      assert.match(page.body, /app-status--no">No</);
      assert.match(page.body, /It started without a carer as a member/);
      assert.match(page.body, /It moved to &#39;Designing&#39; on 10 December 2026 without a carer as a member/);
      assert.match(page.body, /Setting up \(23 November 2026\), Designing \(10 December 2026\)/);

      // Sue was really there from the start; recording that clears the warnings.
      await fay.get(`/projects/${projectId}/members/add`);
      await fay.post(`/projects/${projectId}/members/add`, {
        personId: sueId,
        role: 'member',
        'joinedOn-day': '28',
        'joinedOn-month': '11',
        'joinedOn-year': '2026',
      });
      page = await fay.get(`/projects/${projectId}`);
      assert.match(page.body, /app-status--yes">Yes</);
      assert.doesNotMatch(page.body, /What to fix/);
    });

    test('members see only their own projects, and cannot run them', async () => {
      const projectId = await lunchesProject('mo');
      const mo = await signedInClient(t, 'mo@example.com');
      assert.match((await mo.get('/projects')).body, /Better day centre lunches/);
      assert.equal((await mo.get(`/projects/${projectId}`)).statusCode, 200);
      assert.equal((await mo.get('/projects/new')).statusCode, 403);
      assert.equal((await mo.get(`/projects/${projectId}/edit`)).statusCode, 403);
      assert.equal((await mo.post(`/projects/${projectId}/members/add`, { personId: lenId, role: 'lead' })).statusCode, 403);
      const len = await signedInClient(t, 'len@example.com');
      assert.doesNotMatch((await len.get('/projects')).body, /Better day centre lunches/);
      assert.equal((await len.get(`/projects/${projectId}`)).statusCode, 404);
      assert.equal((await len.get(`/projects/${projectId}/agreement`)).statusCode, 404);
    });

    test('C2: members write the agreement together and agree; a change asks everyone again', async () => {
      const projectId = await lunchesProject('mo', 'sue');
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get(`/projects/${projectId}/agreement/edit`);
      const bad = await mo.post(`/projects/${projectId}/agreement/edit`, { ...agreement, outcomes: '' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Say what outcomes you want/);
      assert.match(bad.body, /We plan and decide the menu together/);
      assert.equal((await mo.post(`/projects/${projectId}/agreement/edit`, agreement)).statusCode, 303);
      let page = await mo.get(`/projects/${projectId}/agreement`);
      assert.match(page.body, /Version 1/);
      assert.match(page.body, /0 of 2 members have agreed/);
      assert.equal((await mo.post(`/projects/${projectId}/agreement/agree`, { version: '1' })).statusCode, 303);
      page = await mo.get(`/projects/${projectId}/agreement`);
      assert.match(page.body, /You agreed to this version/);
      assert.match(page.body, /1 of 2 members have agreed/);

      // Staff record Sue's agreement, given at a meeting; the log says who recorded it.
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/projects/${projectId}/agreement`);
      assert.equal((await fay.post(`/projects/${projectId}/agreement/agree`, { version: '1', personId: sueId })).statusCode, 303);
      page = await fay.get(`/projects/${projectId}/agreement`);
      assert.match(page.body, /2 of 2 members have agreed/);
      assert.match(page.body, /recorded by Fay Facilitator/);
      const entry = await t.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'agreed')
        .where('on_behalf_of_person_id', '=', sueId)
        .executeTakeFirst();
      assert.ok(entry);

      // A member cannot record agreement for someone else.
      await mo.get(`/projects/${projectId}/agreement/edit`);
      assert.equal(
        (await mo.post(`/projects/${projectId}/agreement/edit`, { ...agreement, outcomes: 'A new menu by summer.' })).statusCode,
        303,
      );
      page = await mo.get(`/projects/${projectId}/agreement`);
      assert.match(page.body, /Version 2/);
      assert.match(page.body, /0 of 2 members have agreed/);
      assert.match(page.body, /Agreed to an earlier version/);
      const stale = await mo.post(`/projects/${projectId}/agreement/agree`, { version: '1' });
      assert.equal(stale.statusCode, 303);
      assert.match((await mo.get(`/projects/${projectId}/agreement`)).body, /changed while you were reading/);
      await mo.post(`/projects/${projectId}/agreement/agree`, { version: '2', personId: sueId });
      page = await mo.get(`/projects/${projectId}/agreement`);
      assert.match(page.body, /1 of 2 members have agreed/); // Mo agreed for Mo only
    });

    test('staff change a role and take someone off a project', async () => {
      const projectId = await lunchesProject('mo', 'sue');
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/projects/${projectId}/members/${moId}`);
      const bad = await fay.post(`/projects/${projectId}/members/${moId}`, {
        role: 'lead',
        'joinedOn-day': '',
        'joinedOn-month': '',
        'joinedOn-year': '',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter the date they joined/);
      assert.equal(
        (
          await fay.post(`/projects/${projectId}/members/${moId}`, {
            role: 'lead',
            'joinedOn-day': '1',
            'joinedOn-month': '12',
            'joinedOn-year': '2026',
          })
        ).statusCode,
        303,
      );
      assert.match((await fay.get(`/projects/${projectId}`)).body, /Lead/);
      await fay.get(`/projects/${projectId}/members/${sueId}`);
      assert.equal((await fay.post(`/projects/${projectId}/members/${sueId}/remove`)).statusCode, 303);
      assert.doesNotMatch((await fay.get(`/projects/${projectId}`)).body, /Sue Carer/);
      assert.equal((await fay.get(`/projects/${projectId}/members/${sueId}`)).statusCode, 404);
    });

    test("another organisation cannot see or change this organisation's projects", async () => {
      const projectId = await lunchesProject('mo');
      const rita = await signedInClient(t, other.email);
      assert.doesNotMatch((await rita.get('/projects')).body, /Better day centre lunches/);
      for (const path of ['', '/edit', '/members/add', `/members/${moId}`, '/agreement', '/agreement/edit']) {
        assert.equal((await rita.get(`/projects/${projectId}${path}`)).statusCode, 404, path);
      }
      await rita.get('/projects');
      assert.equal((await rita.post(`/projects/${projectId}/edit`, { ...project, title: 'Taken' })).statusCode, 404);
      assert.equal((await rita.post(`/projects/${projectId}/members/${moId}/remove`)).statusCode, 404);
      assert.equal((await rita.post(`/projects/${projectId}/agreement/edit`, agreement)).statusCode, 404);
      // Nor can staff add someone from another organisation to their own project.
      const ritaProject = await t.services.projects.create(
        { organisationId: other.organisationId, personId: other.adminPersonId },
        {
          title: 'Riverside',
          purpose: 'x',
          activities: ['co-design'],
          levelAim: 'descriptive',
          stage: 'setting-up',
          startDate: '2026-12-01',
        },
      );
      await rita.get(`/projects/${ritaProject}/members/add`);
      const cross = await rita.post(`/projects/${ritaProject}/members/add`, {
        personId: moId,
        role: 'member',
        'joinedOn-day': '1',
        'joinedOn-month': '12',
        'joinedOn-year': '2026',
      });
      assert.equal(cross.statusCode, 404);
      assert.equal((await t.services.projects.members(other.organisationId, ritaProject)).length, 0);
      assert.equal(
        (await t.services.projects.get(await t.services.identity.loadUser(org.adminAccountId).then((u) => u!), projectId)).title,
        'Better day centre lunches',
      );
    });

    test('forms without a CSRF token, and signed-out visitors, change nothing', async () => {
      const projectId = await lunchesProject();
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get('/projects/new');
      assert.equal((await fay.post('/projects/new', { ...project, title: 'Sneaky' }, { csrf: null })).statusCode, 403);
      assert.doesNotMatch((await fay.get('/projects')).body, /Sneaky/);
      assert.equal((await new Client(t.app).get(`/projects/${projectId}`)).statusCode, 303);
    });
  });
}
