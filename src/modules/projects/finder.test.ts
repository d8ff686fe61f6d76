import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { anotherOrganisation, organisationWithAdmin, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { addProjects, hasSelectOf, lunchesProject, radiosOf } from '../../../test/helpers/many-projects.ts';
import type { Client } from '../../../test/helpers/browser-like-client.ts';
import { newId } from '../../platform/ids.ts';
import { matchesShown } from '../../platform/finder.ts';
import { londonToday } from '../../platform/time.ts';
import { largestListOfProjects, makeProjectFinder } from './finder.ts';

// A county has a thousand projects: the forms that choose one (a claim's project, a learning
// action's or lesson's, what an impact report is about) listed them all, a select too long
// to use with a screen reader and slow to send. Above a hundred, staff find it by name.

/** This many projects are added in one insert, all called "Project 001 Filler" and so on. */
const fillers = 150;

const chosenOf = (html: string, field: string) =>
  radiosOf(html, field)
    .filter((r) => r.checked)
    .map((r) => r.label);

for (const dialect of databaseDialects()) {
  describe(`finding a project by name on a large organisation's forms (${dialect})`, () => {
    let t: TestApp;
    let admin: Client;
    let organisationId = '';
    let staff = { organisationId: '', personId: '' };
    let lunches = '';
    let zara = '';
    let queries = 0;
    const dateOf = (name: string) => {
      const [year, month, day] = londonToday(t.now()).split('-');
      return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! };
    };

    beforeEach(async () => {
      queries = 0;
      t = await makeTestApp({ dialect, onQuery: () => void queries++ });
      const org = await organisationWithAdmin(t);
      organisationId = org.organisationId;
      staff = { organisationId, personId: org.adminPersonId };
      zara = await t.services.people.create(staff, { fullName: 'Zara Zephaniah', perspectives: ['community'], mobile: null });
      await t.services.rewards.addPolicy(staff, {
        effectiveFrom: '2020-01-01',
        rates: {
          meeting: 1500,
          preparation: 1000,
          training: 1200,
          'recruitment-panel': 2000,
          consultation: 1500,
          'peer-support': 1300,
          other: 1000,
        },
        preparation: { kind: 'per-meeting-hour', minutes: 30 },
        mileagePencePerMile: 45,
      });
      await t.services.rewards.chooseReward(staff, zara, { way: 'bank-transfer', lowerAmountPence: null, charity: null });
      lunches = await t.services.projects.create(staff, lunchesProject);
      await addProjects(t, organisationId, fillers);
      admin = await signedInClient(t, org.email);
    });
    afterEach(() => t.close());

    test('the forms no longer list every project: each shows a name box and a Find button instead', async () => {
      const forms: Array<[string, string]> = [
        ['/claims/new', 'projectId'],
        ['/claims/expenses/new', 'projectId'],
        ['/learning/actions/new', 'projectId'],
        ['/learning/lessons/new', 'projectId'],
        ['/impact/report', 'scope'],
      ];
      for (const [url, field] of forms) {
        const page = await admin.get(url);
        assert.equal(page.statusCode, 200, url);
        assert.equal(hasSelectOf(page.body, field), false, `${url} lists every project`);
        assert.match(page.body, new RegExp(`<input[^>]*id="${field}-name" name="${field}-name"`), `${url}: no name box`);
        assert.match(page.body, new RegExp(`<button[^>]*value="${field}" name="find"[^>]*>\\s*Find\\s*</button>`), url);
        assert.match(page.body, /<label[^>]*>\s*Find a project by name\s*<\/label>/, url);
        assert.doesNotMatch(page.body, /Project 001 Filler|Better day centre lunches/, `${url} lists projects before anyone looked`);
        assert.equal(radiosOf(page.body, field).length, 1, `${url}: only the choice of no project`);
      }
    });

    test('time claims: Find keeps what was typed and saves nothing; the project found is saved with the claim', async () => {
      await admin.get('/claims/new');
      const typed = { personId: zara, activity: 'training', ...dateOf('onDate'), 'duration-hours': '2', note: 'Panel' };
      const found = await admin.post('/claims/new', { ...typed, find: 'projectId', 'projectId-name': ' LUNCH ' });
      assert.equal(found.statusCode, 200);
      assert.doesNotMatch(found.body, /There is a problem/);
      assert.deepEqual(
        radiosOf(found.body, 'projectId').map((r) => [r.label, r.checked]),
        [
          ['No project', true],
          ['Better day centre lunches', false],
        ],
      );
      assert.match(found.body, /1 project found/);
      assert.match(found.body, /value="training" checked/);
      assert.match(found.body, /name="duration-hours" type="text" value="2"/);
      assert.match(found.body, />Panel<\/textarea>/);
      assert.equal(await t.database.db.selectFrom('claims').select('id').executeTakeFirst(), undefined, 'Find saved a claim');
      const saved = await admin.post('/claims/new', { ...typed, projectId: lunches, 'projectId-name': 'lunch', send: 'draft' });
      assert.equal(saved.statusCode, 303);
      const claim = await t.database.db.selectFrom('claims').select('project_id').executeTakeFirstOrThrow();
      assert.equal(claim.project_id, lunches);
    });

    test('more matches than fit: the first 20 by name and how many in all; none found, and nothing typed, say so', async () => {
      await admin.get('/claims/new');
      const many = await admin.post('/claims/new', { find: 'projectId', 'projectId-name': 'filler' });
      const radios = radiosOf(many.body, 'projectId');
      assert.equal(radios.length, 1 + matchesShown);
      assert.deepEqual(
        radios.slice(1, 3).map((r) => r.label),
        ['Project 001 Filler', 'Project 002 Filler'],
      );
      assert.match(many.body, new RegExp(`Showing 20 of ${fillers} projects. Type more of the name to find fewer.`));
      const none = await admin.post('/claims/new', { find: 'projectId', 'projectId-name': 'Qwxyz' });
      assert.match(none.body, /No project found called Qwxyz/);
      const empty = await admin.post('/claims/new', { find: 'projectId', 'projectId-name': '' });
      assert.match(empty.body, /Type part of a name, then choose Find/);
    });

    test("another organisation's projects are never found", async () => {
      const riverside = await anotherOrganisation(t);
      await addProjects(t, riverside.organisationId, 3, 'Riverside');
      await admin.get('/claims/new');
      const found = await admin.post('/claims/new', { find: 'projectId', 'projectId-name': 'riverside' });
      assert.match(found.body, /No project found called riverside/);
      assert.deepEqual(
        radiosOf(found.body, 'projectId').map((r) => r.label),
        ['No project'],
      );
    });

    test('a person and a project found on the same form stay chosen while the other is looked for', async () => {
      await addPeopleBeyondTheList(t, organisationId);
      await admin.get('/claims/new');
      const both = await admin.post('/claims/new', {
        personId: zara,
        'personId-name': 'zara',
        find: 'projectId',
        'projectId-name': 'lunches',
      });
      assert.deepEqual(chosenOf(both.body, 'personId'), ['Zara Zephaniah']);
      assert.deepEqual(
        radiosOf(both.body, 'projectId').map((r) => r.label),
        ['No project', 'Better day centre lunches'],
      );
    });

    test('finding costs the same few queries for one match as for all of them', async () => {
      await admin.get('/claims/new');
      const cost = async (name: string) => {
        const before = queries;
        const res = await admin.post('/claims/new', { find: 'projectId', 'projectId-name': name });
        assert.equal(res.statusCode, 200);
        return queries - before;
      };
      await cost('lunch'); // the first request may fill caches
      const one = await cost('lunch');
      const many = await cost('filler');
      assert.equal(many, one);
      assert.ok(one < 20, `${one} queries`);
    });

    test('learning actions: the project is found when adding, shown chosen when changing, and can be taken off', async () => {
      await admin.get('/learning/actions/new');
      const action = { what: 'Print menus in large print', ownerPersonId: zara, status: 'not-started', ...dateOf('dueOn') };
      const found = await admin.post('/learning/actions/new', { ...action, find: 'projectId', 'projectId-name': 'lunches' });
      assert.equal(found.statusCode, 200);
      assert.match(found.body, />Print menus in large print<\/textarea>/);
      assert.deepEqual(
        radiosOf(found.body, 'projectId').map((r) => [r.label, r.checked]),
        [
          ['The whole organisation', true],
          ['Better day centre lunches', false],
        ],
      );
      const saved = await admin.post('/learning/actions/new', { ...action, projectId: lunches });
      assert.equal(saved.statusCode, 303);
      const editUrl = `${String(saved.headers.location)}/edit`;
      const edit = await admin.get(editUrl);
      assert.deepEqual(
        radiosOf(edit.body, 'projectId').map((r) => [r.label, r.checked]),
        [
          ['The whole organisation', false],
          ['Better day centre lunches', true],
        ],
      );
      const findAgain = await admin.post(editUrl, { ...action, projectId: lunches, find: 'projectId', 'projectId-name': 'filler' });
      assert.equal(findAgain.statusCode, 200);
      assert.deepEqual(chosenOf(findAgain.body, 'projectId'), ['Better day centre lunches']);
      assert.equal(radiosOf(findAgain.body, 'projectId').length, 2 + matchesShown);
      assert.equal((await admin.post(editUrl, { ...action, projectId: '' })).statusCode, 303);
      const row = await t.database.db.selectFrom('improvement_actions').select('project_id').executeTakeFirstOrThrow();
      assert.equal(row.project_id, null);
    });

    test("lessons: Find keeps the lesson's words, and the lesson is saved for the project found", async () => {
      await admin.get('/learning/lessons/new');
      const lesson = { title: 'Ask early', worked: 'Asking people first' };
      const found = await admin.post('/learning/lessons/new', { ...lesson, find: 'projectId', 'projectId-name': 'centre' });
      assert.equal(found.statusCode, 200);
      assert.match(found.body, /value="Ask early"/);
      assert.match(found.body, />Asking people first<\/textarea>/);
      assert.deepEqual(
        radiosOf(found.body, 'projectId').map((r) => r.value),
        ['', lunches],
      );
      assert.equal(await t.database.db.selectFrom('lessons').select('id').executeTakeFirst(), undefined);
      const saved = await admin.post('/learning/lessons/new', { ...lesson, projectId: lunches });
      assert.equal(saved.statusCode, 303);
      const edit = await admin.get(`${String(saved.headers.location)}/edit`);
      assert.deepEqual(chosenOf(edit.body, 'projectId'), ['Better day centre lunches']);
    });

    test('impact report: the project is found by name, the dates kept, and the report is about the project chosen', async () => {
      const year = londonToday(t.now()).slice(0, 4);
      const dates = `from-day=1&from-month=1&from-year=${year}&to-day=2&to-month=1&to-year=${year}`;
      const found = await admin.get(`/impact/report?scope=organisation&scope-name=lunch&find=scope&${dates}`);
      assert.equal(found.statusCode, 200);
      assert.deepEqual(
        radiosOf(found.body, 'scope').map((r) => [r.value, r.label, r.checked]),
        [
          ['organisation', 'The whole organisation', true],
          [lunches, 'Better day centre lunches', false],
        ],
      );
      assert.match(found.body, new RegExp(`name="from-year" type="text" value="${year}"`));
      assert.match(found.body, /name="to-day" type="text" value="2"/);
      const report = await admin.get(`/impact/report?scope=${lunches}&scope-name=lunch&${dates}`);
      assert.equal(report.statusCode, 200);
      assert.match(report.body, /<h1[^>]*>[^<]*Better day centre lunches/);
      assert.deepEqual(chosenOf(report.body, 'scope'), ['Better day centre lunches']);
      // A link to a project's report shows it chosen with nothing typed.
      const linked = await admin.get(`/impact/report?scope=${lunches}`);
      assert.deepEqual(
        radiosOf(linked.body, 'scope').map((r) => [r.label, r.checked]),
        [
          ['The whole organisation', false],
          ['Better day centre lunches', true],
        ],
      );
    });

    test('expenses: staff find the project when adding, and see it chosen when changing the expense', async () => {
      const multipart = (fields: Record<string, string>) => {
        const boundary = '----project-finder-test';
        const body = Object.entries({ _csrf: admin.csrf, ...fields })
          .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
          .join('');
        const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
        return admin.raw('POST', '/claims/expenses/new', headers, `${body}--${boundary}--\r\n`);
      };
      await admin.get('/claims/expenses/new');
      const typed = { personId: zara, type: 'taxi', amount: '12.50', ...dateOf('onDate') };
      const found = await multipart({ ...typed, find: 'projectId', 'projectId-name': 'lunches' });
      assert.equal(found.statusCode, 200);
      assert.deepEqual(
        radiosOf(found.body, 'projectId').map((r) => r.label),
        ['No project', 'Better day centre lunches'],
      );
      assert.match(found.body, /value="12.50"/);
      assert.equal(await t.database.db.selectFrom('claims').select('id').executeTakeFirst(), undefined);
      assert.equal((await multipart({ ...typed, projectId: lunches, send: 'draft' })).statusCode, 303);
      const claim = await t.database.db.selectFrom('claims').select(['id', 'project_id']).executeTakeFirstOrThrow();
      assert.equal(claim.project_id, lunches);

      const edit = await admin.get(`/claims/${claim.id}/edit`);
      assert.equal(edit.statusCode, 200);
      assert.deepEqual(chosenOf(edit.body, 'projectId'), ['Better day centre lunches']);
      const findOnEdit = await admin.post(`/claims/${claim.id}/edit`, {
        type: 'taxi',
        amount: '12.50',
        ...dateOf('onDate'),
        projectId: lunches,
        find: 'projectId',
        'projectId-name': 'Project 00',
      });
      assert.equal(findOnEdit.statusCode, 200);
      assert.deepEqual(
        radiosOf(findOnEdit.body, 'projectId').map((r) => r.label),
        ['No project', 'Better day centre lunches', ...Array.from({ length: 9 }, (_, i) => `Project 00${i + 1} Filler`)],
      );
      assert.match(findOnEdit.body, /value="12.50"/);
    });

    test('the finder itself: matches by any part of the title in any case, the chosen one kept, nothing for a small organisation', async () => {
      const finder = makeProjectFinder({ db: t.database.db });
      const fields = await finder.fields(organisationId, { projectId: lunches, 'projectId-name': 'PROJECT 01' }, ['projectId']);
      const field = fields?.projectId;
      assert.ok(field);
      assert.deepEqual(
        field.matches.map((m) => m.title),
        Array.from({ length: 10 }, (_, i) => `Project 01${i} Filler`),
      );
      assert.equal(field.total, 10);
      assert.deepEqual(field.chosen, { id: lunches, title: 'Better day centre lunches' });
      // A small organisation lists its projects; an id that is not one of ours is never chosen.
      const riverside = await anotherOrganisation(t);
      const theirs = await t.services.projects.create(
        { organisationId: riverside.organisationId, personId: riverside.adminPersonId },
        {
          title: 'Riverside lunches',
          purpose: 'Menus',
          activities: ['co-design'],
          levelAim: 'intermediate',
          stage: 'designing',
          startDate: '2026-01-05',
        },
      );
      assert.equal(await finder.fields(riverside.organisationId, {}, ['projectId']), null);
      const ours = await finder.fields(organisationId, { projectId: theirs, 'projectId-name': 'riverside' }, ['projectId']);
      assert.deepEqual([ours?.projectId?.chosen, ours?.projectId?.total], [null, 0]);
    });
  });

  describe(`an organisation with fewer projects keeps its list of them (${dialect})`, () => {
    let t: TestApp;
    afterEach(() => t.close());

    test(`up to ${largestListOfProjects} projects the forms list them all; one more and they find by name`, async () => {
      t = await makeTestApp({ dialect });
      await organisationWithAdmin(t);
      // Another organisation's projects do not count towards this one's.
      const riverside = await anotherOrganisation(t);
      await addProjects(t, riverside.organisationId, largestListOfProjects);
      const rita = await signedInClient(t, riverside.email);
      for (const [url, field] of [
        ['/claims/new', 'projectId'],
        ['/impact/report', 'scope'],
      ] as const) {
        const listed = await rita.get(url);
        assert.equal(hasSelectOf(listed.body, field), true, url);
        const select = new RegExp(`<select[^>]*name="${field}"[\\s\\S]*?</select>`).exec(listed.body)?.[0] ?? '';
        assert.equal(select.match(/<option value="[0-9a-f-]{36}"/g)?.length, largestListOfProjects, url);
        assert.doesNotMatch(listed.body, /Find a project by name/, url);
      }
      await addProjects(t, riverside.organisationId, 1, 'Newest');
      for (const url of ['/claims/new', '/impact/report']) {
        const finding = await rita.get(url);
        assert.match(finding.body, /Find a project by name/, url);
      }
    });
  });
}

/** Enough people that forms find people by name too. */
async function addPeopleBeyondTheList(t: TestApp, organisationId: string) {
  const at = t.now().toISOString();
  await t.database.db
    .insertInto('people')
    .values(
      Array.from({ length: 301 }, (_, i) => ({
        id: newId(),
        organisation_id: organisationId,
        full_name: `Member ${String(i + 1).padStart(4, '0')} Filler`,
        contact_order: '[]',
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
}
