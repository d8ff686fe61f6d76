import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { anotherOrganisation, organisationWithAdmin, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import type { Client } from '../../../test/helpers/browser-like-client.ts';
import { newId } from '../../platform/ids.ts';
import { londonToday } from '../../platform/time.ts';
import { largestListOfPeople, matchesShown } from './finder.ts';

// A county council has tens of thousands of people: a form cannot list them all in a select
// (it listed the first 2,000 and no one after). Above a few hundred people, staff find the
// person by name on the form itself, with JavaScript or without.

/** This many people are added in one insert, all named "Member 0001 Filler" and so on. */
const fillers = 2_100;

/** Adds people fast, in one insert: only their names, as an import would leave them. */
async function addPeople(t: TestApp, organisationId: string, count: number, prefix = 'Member') {
  const at = t.now().toISOString();
  await t.database.db
    .insertInto('people')
    .values(
      Array.from({ length: count }, (_, i) => ({
        id: newId(),
        organisation_id: organisationId,
        full_name: `${prefix} ${String(i + 1).padStart(4, '0')} Filler`,
        contact_order: '[]',
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
}

type Radio = { value: string; name: string; label: string; hint: string; checked: boolean };

/** The radios of one field, as a person reads them: name, hint and whether chosen. */
function radiosOf(html: string, field: string): Radio[] {
  return html
    .split('<div class="govuk-radios__item">')
    .slice(1)
    .map((item) => {
      const input = /<input[^>]*>/.exec(item)?.[0] ?? '';
      return {
        value: /value="([^"]*)"/.exec(input)?.[1] ?? '',
        name: /name="([^"]*)"/.exec(input)?.[1] ?? '',
        label: /<label[^>]*>\s*([\s\S]*?)\s*<\/label>/.exec(item)?.[1] ?? '',
        hint: /govuk-radios__hint">\s*([\s\S]*?)\s*<\/div>/.exec(item)?.[1] ?? '',
        checked: /\schecked[\s>]/.test(input),
      };
    })
    .filter((r) => r.name === field);
}

const hasSelectOf = (html: string, field: string) => new RegExp(`<select[^>]*name="${field}"`).test(html);

for (const dialect of databaseDialects()) {
  describe(`finding a person by name on a large organisation's forms (${dialect})`, () => {
    let t: TestApp;
    let admin: Client;
    let organisationId = '';
    let staff = { organisationId: '', personId: '' };
    let zara = '';
    let samCarer = '';
    let samFamily = '';
    let projectId = '';
    let queries = 0;
    const today = () => londonToday(t.now());
    const on = () => {
      const [year, month, day] = today().split('-');
      return { day: String(Number(day)), month: String(Number(month)), year: year! };
    };
    const dateOf = (name: string) => {
      const d = on();
      return { [`${name}-day`]: d.day, [`${name}-month`]: d.month, [`${name}-year`]: d.year };
    };
    const countRows = async (table: 'claims' | 'improvement_actions' | 'decision_actions' | 'timebank_exchanges') =>
      Number(
        (
          await t.database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    beforeEach(async () => {
      queries = 0;
      t = await makeTestApp({ dialect, onQuery: () => void queries++ });
      const org = await organisationWithAdmin(t);
      organisationId = org.organisationId;
      staff = { organisationId, personId: org.adminPersonId };
      const person = (fullName: string, perspectives: Array<'carer' | 'family' | 'community'>, mobile: string | null = null) =>
        t.services.people.create(staff, { fullName, perspectives, mobile });
      zara = await person('Zara Zephaniah', ['community']);
      samCarer = await person('Sam Smith', ['carer'], '07700 900123');
      samFamily = await person('Sam Smith', ['family'], '07700 900456');
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
      projectId = await t.services.projects.create(staff, {
        title: 'Better day centre lunches',
        purpose: 'Menus',
        activities: ['co-design'],
        levelAim: 'intermediate',
        stage: 'designing',
        startDate: '2026-01-05',
      });
      await addPeople(t, organisationId, fillers);
      admin = await signedInClient(t, org.email);
    });
    afterEach(() => t.close());

    test('the forms no longer list everyone: each shows a name box and a Find button instead', async () => {
      const decision = await t.services.decisionLog.recordDecision(staff, {
        projectId,
        proposalId: null,
        meetingId: null,
        decided: 'Lunch at 12:30',
        why: 'The bus',
        takingPart: null,
      });
      const forms: Array<[string, string[]]> = [
        ['/claims/new', ['personId']],
        ['/claims/expenses/new', ['personId']],
        ['/claims/statement', ['personId']],
        ['/learning/actions/new', ['ownerPersonId']],
        [`/projects/${projectId}/members/add`, ['personId']],
        [`/projects/${projectId}/decisions/${decision.id}/actions/new`, ['ownerId']],
        ['/timebank/record', ['giverId', 'receiverId']],
      ];
      for (const [url, fields] of forms) {
        const page = await admin.get(url);
        assert.equal(page.statusCode, 200, url);
        for (const field of fields) {
          assert.equal(hasSelectOf(page.body, field), false, `${url} lists everyone in ${field}`);
          assert.match(page.body, new RegExp(`<input[^>]*id="${field}" name="${field}-name"`), `${url}: no name box for ${field}`);
          assert.match(page.body, new RegExp(`<button[^>]*value="${field}" name="find"[^>]*>\\s*Find\\s*</button>`), url);
        }
        assert.equal(page.body.match(/<label[^>]*>\s*Find a person by name\s*<\/label>/g)?.length, fields.length, url);
        assert.doesNotMatch(page.body, /Zara Zephaniah/, `${url} lists people before anyone looked`);
      }
    });

    test('Find shows the same form again with what was typed and the people matching, and saves nothing', async () => {
      await admin.get('/claims/new');
      const found = await admin.post('/claims/new', {
        find: 'personId',
        'personId-name': '  zeph ',
        activity: 'training',
        ...dateOf('onDate'),
        'duration-hours': '2',
        'duration-minutes': '15',
        note: 'Interview panel for the new manager',
      });
      assert.equal(found.statusCode, 200);
      assert.doesNotMatch(found.body, /There is a problem/);
      assert.deepEqual(
        radiosOf(found.body, 'personId').map((r) => [r.label, r.checked]),
        [['Zara Zephaniah', false]],
      );
      assert.match(found.body, /1 person found/);
      assert.match(found.body, /name="personId-name" type="text" spellcheck="false" value="zeph"/);
      assert.match(found.body, /value="training" checked/);
      assert.match(found.body, /name="duration-hours" type="text" value="2"/);
      assert.match(found.body, /name="duration-minutes" type="text" value="15"/);
      assert.match(found.body, />Interview panel for the new manager<\/textarea>/);
      assert.match(found.body, new RegExp(`name="onDate-year" type="text" value="${on().year}"`));
      assert.equal(await countRows('claims'), 0, 'Find saved a claim');
    });

    test('someone whose name comes after the first 2,000 can be found, chosen and the claim saved', async () => {
      const everyone = await t.services.people.count(organisationId);
      assert.ok(everyone > 2_000 + 1);
      const found = await admin.submit('/claims/new', '/claims/new', { find: 'personId', 'personId-name': 'Zara' });
      const [choice] = radiosOf(found.body, 'personId');
      assert.equal(choice?.value, zara);
      const saved = await admin.post('/claims/new', {
        personId: choice!.value,
        'personId-name': 'Zara',
        activity: 'training',
        ...dateOf('onDate'),
        'duration-hours': '1',
        send: 'yes',
      });
      assert.equal(saved.statusCode, 303);
      const claim = await t.database.db.selectFrom('claims').select(['person_id', 'minutes']).executeTakeFirstOrThrow();
      assert.deepEqual([claim.person_id, claim.minutes], [zara, 60]);
    });

    test('more matches than fit: the first 20 by name, and how many there are in all', async () => {
      const found = await admin.submit('/claims/new', '/claims/new', { find: 'personId', 'personId-name': 'member' });
      const radios = radiosOf(found.body, 'personId');
      assert.equal(radios.length, matchesShown);
      assert.deepEqual(
        radios.slice(0, 2).map((r) => r.label),
        ['Member 0001 Filler', 'Member 0002 Filler'],
      );
      assert.match(found.body, new RegExp(`Showing 20 of ${fillers} people. Type more of the name to find fewer.`));
    });

    test('no one found, and Find with nothing typed, say so', async () => {
      const none = await admin.submit('/claims/new', '/claims/new', { find: 'personId', 'personId-name': 'Qwxyz' });
      assert.equal(none.statusCode, 200);
      assert.match(none.body, /No one found called Qwxyz/);
      assert.deepEqual(radiosOf(none.body, 'personId'), []);
      const empty = await admin.post('/claims/new', { find: 'personId', 'personId-name': '' });
      assert.match(empty.body, /Type part of a name, then choose Find/);
    });

    test('two people of the same name are told apart by who they are and the end of their phone number', async () => {
      const found = await admin.submit('/claims/new', '/claims/new', { find: 'personId', 'personId-name': 'sam smith' });
      const radios = radiosOf(found.body, 'personId');
      assert.deepEqual(radios.map((r) => r.label).sort(), ['Sam Smith', 'Sam Smith']);
      const hints = new Map(radios.map((r) => [r.value, r.hint]));
      assert.equal(hints.get(samCarer), 'Carer. Phone ending 0123');
      assert.equal(hints.get(samFamily), 'Family member. Phone ending 0456');
    });

    test('a chosen person stays chosen when the form has an error elsewhere; choosing no one is the field error', async () => {
      await admin.get('/claims/new');
      const otherError = await admin.post('/claims/new', { personId: zara, 'personId-name': 'Zara', 'duration-hours': '1' });
      assert.equal(otherError.statusCode, 400);
      assert.match(otherError.body, /Choose what they did/);
      assert.doesNotMatch(otherError.body, /Choose who this is for/);
      assert.deepEqual(
        radiosOf(otherError.body, 'personId')
          .filter((r) => r.checked)
          .map((r) => [r.value, r.label]),
        [[zara, 'Zara Zephaniah']],
      );
      // Chosen, then a search for someone else: the choice is kept until another is made.
      const searchedAgain = await admin.post('/claims/new', { find: 'personId', personId: zara, 'personId-name': 'sam' });
      assert.deepEqual(
        radiosOf(searchedAgain.body, 'personId').map((r) => [r.label, r.checked]),
        [
          ['Zara Zephaniah', true],
          ['Sam Smith', false],
          ['Sam Smith', false],
        ],
      );
      // A chosen person shows even when nothing was searched for (a link with ?personId=).
      const linked = await admin.get(`/claims/new?personId=${zara}`);
      assert.deepEqual(
        radiosOf(linked.body, 'personId').map((r) => [r.label, r.checked]),
        [['Zara Zephaniah', true]],
      );

      const noOne = await admin.post('/claims/new', { 'personId-name': 'Zara', activity: 'training', 'duration-hours': '1' });
      assert.equal(noOne.statusCode, 400);
      assert.match(noOne.body, /href="#personId">Choose who this is for</);
      assert.match(noOne.body, /id="personId-error"/);
      assert.equal(radiosOf(noOne.body, 'personId')[0]?.value, zara, 'the error links to the first match');
      const nothingTyped = await admin.post('/claims/new', { activity: 'training' });
      assert.match(nothingTyped.body, /href="#personId">Choose who this is for</);
      assert.match(nothingTyped.body, /<input[^>]*id="personId" name="personId-name"/, 'the error links to the name box');
      assert.equal(await countRows('claims'), 0);
    });

    test('finding costs the same few queries for one match as for two thousand', async () => {
      await admin.get('/claims/new');
      const cost = async (name: string) => {
        const before = queries;
        const res = await admin.post('/claims/new', { find: 'personId', 'personId-name': name });
        assert.equal(res.statusCode, 200);
        return queries - before;
      };
      await cost('zeph'); // the first request may fill caches
      const one = await cost('zeph');
      const many = await cost('member');
      assert.equal(many, one);
      assert.ok(one < 20, `${one} queries`);
    });

    test('expenses: Find keeps what was typed (a file has to be chosen again), and the expense is saved for the person found', async () => {
      const multipart = (fields: Record<string, string>) => {
        const boundary = '----finder-test';
        const body = [...Object.entries({ _csrf: admin.csrf, ...fields })]
          .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
          .join('');
        return admin.raw(
          'POST',
          '/claims/expenses/new',
          { 'content-type': `multipart/form-data; boundary=${boundary}` },
          `${body}--${boundary}--\r\n`,
        );
      };
      await admin.get('/claims/expenses/new');
      const typed = { type: 'taxi', amount: '12.50', ...dateOf('onDate'), note: 'Taxi home after the evening meeting' };
      const found = await multipart({ ...typed, find: 'personId', 'personId-name': 'zephaniah' });
      assert.equal(found.statusCode, 200);
      assert.deepEqual(
        radiosOf(found.body, 'personId').map((r) => r.label),
        ['Zara Zephaniah'],
      );
      assert.match(found.body, /value="taxi" checked/);
      assert.match(found.body, /value="12.50"/);
      assert.match(found.body, />Taxi home after the evening meeting<\/textarea>/);
      assert.match(found.body, /If you chose a file, choose it again/);
      assert.equal(await countRows('claims'), 0);
      const saved = await multipart({ ...typed, personId: zara, send: 'draft' });
      assert.equal(saved.statusCode, 303);
      const claim = await t.database.db.selectFrom('claims').select(['person_id', 'amount_pence']).executeTakeFirstOrThrow();
      assert.deepEqual([claim.person_id, claim.amount_pence], [zara, 1250]);
    });

    test("a person's statement: Find on the choosing page, then the statement", async () => {
      const found = await admin.get(`/claims/statement?find=personId&personId-name=zara&from-day=1&from-month=1&from-year=${on().year}`);
      assert.equal(found.statusCode, 200);
      assert.deepEqual(
        radiosOf(found.body, 'personId').map((r) => [r.value, r.label]),
        [[zara, 'Zara Zephaniah']],
      );
      assert.match(found.body, new RegExp(`name="from-year" type="text" value="${on().year}"`));
      const statement = await admin.get(`/claims/statement?personId=${zara}&personId-name=zara`);
      assert.equal(statement.statusCode, 200);
      assert.match(statement.body, /Zara Zephaniah/);
      assert.equal(radiosOf(statement.body, 'personId').length, 0);
    });

    test('project members: only people not yet members are found, and the one chosen is added', async () => {
      await t.services.projects.addMember(staff, projectId, samCarer, 'member', '2026-01-05');
      const url = `/projects/${projectId}/members/add`;
      const found = await admin.submit(url, url, { find: 'personId', 'personId-name': 'sam', role: 'co-chair', ...dateOf('joinedOn') });
      assert.equal(found.statusCode, 200);
      assert.deepEqual(
        radiosOf(found.body, 'personId').map((r) => r.value),
        [samFamily],
      );
      assert.match(found.body, /value="co-chair" checked/);
      const missingDate = await admin.post(url, { personId: zara, 'personId-name': 'zara', role: 'member', 'joinedOn-day': '' });
      assert.equal(missingDate.statusCode, 400);
      assert.deepEqual(
        radiosOf(missingDate.body, 'personId').map((r) => [r.label, r.checked]),
        [['Zara Zephaniah', true]],
      );
      const added = await admin.post(url, { personId: zara, role: 'member', ...dateOf('joinedOn') });
      assert.equal(added.statusCode, 303);
      const members = await t.services.projects.members(organisationId, projectId);
      assert.deepEqual(members.map((m) => m.personId).sort(), [samCarer, zara].sort());
    });

    test('learning actions: the owner is found when adding, and shown chosen when changing', async () => {
      await admin.get('/learning/actions/new');
      const action = { what: 'Print menus in large print', status: 'not-started', ...dateOf('dueOn') };
      const found = await admin.post('/learning/actions/new', { ...action, find: 'ownerPersonId', 'ownerPersonId-name': 'zara' });
      assert.equal(found.statusCode, 200);
      assert.match(found.body, />Print menus in large print<\/textarea>/);
      assert.deepEqual(
        radiosOf(found.body, 'ownerPersonId').map((r) => r.value),
        [zara],
      );
      assert.equal(await countRows('improvement_actions'), 0);
      const saved = await admin.post('/learning/actions/new', { ...action, ownerPersonId: zara });
      assert.equal(saved.statusCode, 303);
      const edit = await admin.get(`${String(saved.headers.location)}/edit`);
      assert.deepEqual(
        radiosOf(edit.body, 'ownerPersonId').map((r) => [r.label, r.checked]),
        [['Zara Zephaniah', true]],
      );
    });

    test("decision log: a job's owner is found and the job saved", async () => {
      const decision = await t.services.decisionLog.recordDecision(staff, {
        projectId,
        proposalId: null,
        meetingId: null,
        decided: 'Lunch at 12:30',
        why: 'The bus',
        takingPart: null,
      });
      const url = `/projects/${projectId}/decisions/${decision.id}/actions/new`;
      const job = { what: 'Ask the cook', ...dateOf('dueOn') };
      const found = await admin.submit(url, url, { ...job, find: 'ownerId', 'ownerId-name': 'zeph' });
      assert.equal(found.statusCode, 200);
      assert.match(found.body, />Ask the cook<\/textarea>/);
      assert.deepEqual(
        radiosOf(found.body, 'ownerId').map((r) => r.value),
        [zara],
      );
      const noOwner = await admin.post(url, { ...job, 'ownerId-name': 'zeph' });
      assert.equal(noOwner.statusCode, 400);
      assert.match(noOwner.body, /Choose who will do it/);
      assert.equal((await admin.post(url, { ...job, ownerId: zara })).statusCode, 303);
      const saved = await t.database.db.selectFrom('decision_actions').select('owner_person_id').executeTakeFirstOrThrow();
      assert.equal(saved.owner_person_id, zara);
    });

    test('time bank: the giver and the receiver are each found; both stay chosen while the other is looked for', async () => {
      await t.services.timebank.ledger.saveFloor(staff, null);
      await admin.get('/timebank/record');
      const swap = { what: 'Lift to the shops', 'duration-minutes': '30', ...dateOf('date') };
      const giverFound = await admin.post('/timebank/record', { ...swap, find: 'giverId', 'giverId-name': 'zara' });
      assert.deepEqual(
        radiosOf(giverFound.body, 'giverId').map((r) => r.value),
        [zara],
      );
      assert.deepEqual(radiosOf(giverFound.body, 'receiverId'), []);
      const receiverFound = await admin.post('/timebank/record', {
        ...swap,
        giverId: zara,
        'giverId-name': 'zara',
        find: 'receiverId',
        'receiverId-name': 'sam',
      });
      assert.deepEqual(
        radiosOf(receiverFound.body, 'giverId').map((r) => [r.value, r.checked]),
        [[zara, true]],
      );
      assert.deepEqual(
        radiosOf(receiverFound.body, 'receiverId')
          .map((r) => r.value)
          .sort(),
        [samCarer, samFamily].sort(),
      );
      assert.match(receiverFound.body, /value="Lift to the shops"/);
      assert.equal(await countRows('timebank_exchanges'), 0);
      const saved = await admin.post('/timebank/record', { ...swap, giverId: zara, receiverId: samFamily });
      assert.equal(saved.statusCode, 303);
      const exchange = await t.database.db
        .selectFrom('timebank_exchanges')
        .select(['giver_person_id', 'receiver_person_id'])
        .executeTakeFirstOrThrow();
      assert.deepEqual([exchange.giver_person_id, exchange.receiver_person_id], [zara, samFamily]);
    });
  });

  describe(`a small organisation keeps its list of everyone (${dialect})`, () => {
    let t: TestApp;
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      await organisationWithAdmin(t);
    });
    afterEach(() => t.close());

    test(`up to ${largestListOfPeople} people the form lists them all; one more and it finds by name`, async () => {
      // Another organisation's people do not count towards this one's size.
      const riverside = await anotherOrganisation(t);
      await addPeople(t, riverside.organisationId, largestListOfPeople - 1);
      const rita = await signedInClient(t, riverside.email);
      const listed = await rita.get('/claims/new');
      assert.equal(hasSelectOf(listed.body, 'personId'), true);
      assert.equal(listed.body.match(/<option value="[0-9a-f-]{36}"/g)?.length, largestListOfPeople);
      assert.doesNotMatch(listed.body, /Find a person by name/);
      await addPeople(t, riverside.organisationId, 1, 'Newest');
      const finding = await rita.get('/claims/new');
      assert.equal(hasSelectOf(finding.body, 'personId'), false);
      assert.match(finding.body, /Find a person by name/);
    });
  });
}
