import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { makeTranslator } from '../../platform/i18n.ts';
import { riskEvidence } from './evidence.ts';

// C3: risks named and managed together. Members add risks and comment; staff change them,
// look again and record positive risk-taking with who agreed; risks past their date show
// on the To do page; other organisations and other projects' members see nothing.
const day = 86_400_000;
const project = {
  activities: ['co-design' as const],
  levelAim: 'intermediate' as const,
  stage: 'designing' as const,
  startDate: '2026-01-05',
};

for (const dialect of databaseDialects()) {
  describe(`risk logs (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let lunches: string;
    let letters: string;
    let mo: string;
    let fay: string;
    beforeEach(async () => {
      // Thursday 10 December 2026, London.
      t = await makeTestApp({ dialect, startAt: new Date('2026-12-10T10:00:00Z') });
      org = await organisationWithAdmin(t);
      const staff = { organisationId: org.organisationId, personId: org.adminPersonId };
      lunches = await t.services.projects.create(staff, { ...project, title: 'Better lunches', purpose: 'Menus' });
      letters = await t.services.projects.create(staff, { ...project, title: 'Plain letters', purpose: 'Letters' });
      mo = (await personWithAccount(t, org.organisationId, { fullName: 'Mo Member' }, { email: 'mo@example.com', role: 'member' }))
        .personId;
      fay = (
        await personWithAccount(t, org.organisationId, { fullName: 'Fay Facilitator' }, { email: 'fay@example.com', role: 'facilitator' })
      ).personId;
      await personWithAccount(t, org.organisationId, { fullName: 'Lou Letters' }, { email: 'lou@example.com', role: 'member' });
      await t.services.projects.addMember(staff, lunches, mo, 'member', '2026-02-01');
      await t.services.projects.addMember(staff, lunches, fay, 'lead', '2026-02-01');
    });
    afterEach(() => t.close());

    const risk = (extra: Record<string, string> = {}) => ({
      title: 'People cannot get to the meeting room',
      affects: 'Members who use wheelchairs',
      likelihood: 'possible',
      severity: 'serious',
      plan: 'Book the ground-floor room',
      owner: '',
      'reviewOn-day': '',
      'reviewOn-month': '',
      'reviewOn-year': '',
      ...extra,
    });
    const rows = () => t.database.db.selectFrom('risks').selectAll().orderBy('raised_at').orderBy('title').execute();

    test('a project member adds a risk and comments; the rule sets the date to look again; the change is audited', async () => {
      const member = await signedInClient(t, 'mo@example.com');
      const form = await member.get(`/risks/new?log=${lunches}`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /How likely is it\?/);
      const added = await member.post('/risks/new', { log: lunches, ...risk() });
      assert.equal(added.statusCode, 303);
      const [row] = await rows();
      assert.equal(row!.project_id, lunches);
      assert.equal(row!.raised_by, mo);
      assert.equal(row!.review_on, '2027-03-10', 'possible and serious: looked at again in three months');
      const page = await member.get(added.headers.location as string);
      assert.match(page.body, /People cannot get to the meeting room/);
      assert.match(page.body, /Better lunches/);

      const said = await member.post(`/risks/${row!.id}/comment`, { body: 'The lift was broken last week too.' });
      assert.equal(said.statusCode, 303);
      const again = await member.get(`/risks/${row!.id}`);
      assert.match(again.body, /The lift was broken last week too\./);
      assert.match(again.body, /Mo Member/);

      const log = await member.get(`/risks?log=${lunches}`);
      assert.match(log.body, /Risks for Better lunches/);
      assert.match(log.body, /People cannot get to the meeting room/);

      // Members add and comment; only staff change, look again, close or record decisions.
      assert.equal((await member.get(`/risks/${row!.id}/edit`)).statusCode, 403);
      assert.equal((await member.post(`/risks/${row!.id}/close`, { why: 'done' })).statusCode, 403);
      assert.equal((await member.get(`/risks/${row!.id}/decisions/new`)).statusCode, 403);
      const audit = await t.database.db.selectFrom('audit_log').select('action').where('subject_id', '=', row!.id).execute();
      assert.deepEqual(audit.map((a) => a.action).sort(), ['added', 'commented']);
    });

    test('mistakes are shown with what was typed; a past date and a stranger as owner are refused; odd bodies never break', async () => {
      const admin = await signedInClient(t, org.email);
      await admin.get('/risks/new?log=organisation');
      const empty = await admin.post('/risks/new', { log: 'organisation', ...risk({ title: '', likelihood: '', plan: 'Keep this' }) });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /Say what could go wrong/);
      assert.match(empty.body, /Choose how likely it is/);
      assert.match(empty.body, /Keep this/);
      const past = await admin.post('/risks/new', {
        log: 'organisation',
        ...risk({ 'reviewOn-day': '1', 'reviewOn-month': '1', 'reviewOn-year': '2026' }),
      });
      assert.equal(past.statusCode, 400);
      assert.match(past.body, /today or later/);
      const stranger = await anotherOrganisation(t);
      const owner = await admin.post('/risks/new', { log: 'organisation', ...risk({ owner: stranger.adminPersonId }) });
      assert.equal(owner.statusCode, 400);
      assert.equal((await rows()).length, 0);
      for (const payload of ['title=%00', 'likelihood[]=x&title=a', '%%%', '{"title": [1]']) {
        const res = await admin.raw('POST', '/risks/new', { 'content-type': 'application/x-www-form-urlencoded' }, payload);
        assert.ok(res.statusCode < 500, `${payload}: ${res.statusCode}`);
      }
      const odd = await admin.raw('POST', '/risks/new', { 'content-type': 'application/json' }, '{"title": [1]');
      assert.ok(odd.statusCode < 500);
    });

    test('the risk of not co-producing is offered to start a log', async () => {
      const admin = await signedInClient(t, org.email);
      const log = await admin.get('/risks?log=organisation');
      assert.match(log.body, /Add the risk of not working together/);
      const starter = await admin.get('/risks/new?log=organisation&starter=not-coproducing');
      assert.match(starter.body, /We make decisions about people without them/);
      assert.match(starter.body, /value="possible" checked/);
    });

    test('other organisations and members of other projects get not found', async () => {
      const member = await signedInClient(t, 'mo@example.com');
      await member.get(`/risks/new?log=${lunches}`);
      await member.post('/risks/new', { log: lunches, ...risk() });
      const [row] = await rows();
      const other = await anotherOrganisation(t);
      const outsider = await signedInClient(t, other.email);
      for (const url of [
        `/risks/${row!.id}`,
        `/risks?log=${lunches}`,
        `/risks/new?log=${lunches}`,
        `/risks/${row!.id}/edit`,
        `/risks/${row!.id}/decisions/new`,
      ])
        assert.equal((await outsider.get(url)).statusCode, 404, url);
      await outsider.get('/risks');
      assert.equal((await outsider.post(`/risks/${row!.id}/comment`, { body: 'hello' })).statusCode, 404);
      assert.equal((await outsider.post('/risks/new', { log: lunches, ...risk() })).statusCode, 404);
      assert.ok(!(await outsider.get('/risks?log=all')).body.includes('meeting room'));

      assert.equal((await member.get(`/risks?log=${letters}`)).statusCode, 404, 'a project Mo is not in');
      const lou = await signedInClient(t, 'lou@example.com');
      assert.equal((await lou.get(`/risks/${row!.id}`)).statusCode, 404, 'not in the project');
      assert.equal((await lou.get(`/risks?log=${lunches}`)).statusCode, 404);
      assert.ok(!(await lou.get('/risks')).body.includes('meeting room'));
      await lou.get('/risks');
      assert.equal((await lou.post(`/risks/${row!.id}/comment`, { body: 'hello' })).statusCode, 404);
      assert.equal((await t.database.db.selectFrom('risk_comments').selectAll().execute()).length, 0);
    });

    test('a risk past its date shows on the To do page and the home page until someone looks again', async () => {
      // Added a fortnight and a day ago: sessions end when idle, so each moment signs in afresh.
      const today = t.clock.now;
      t.clock.now = new Date(today.getTime() - 15 * day); // Wednesday 25 November
      const before = await signedInClient(t, org.email);
      await before.get(`/risks/new?log=${lunches}`);
      await before.post('/risks/new', { log: lunches, ...risk({ likelihood: 'likely', severity: 'very-serious', owner: fay }) });
      await before.post('/risks/new', {
        log: 'organisation',
        ...risk({ title: 'We run out of money', likelihood: 'unlikely', severity: 'minor' }),
      });
      const [urgent] = await rows();
      assert.equal(urgent!.review_on, '2026-12-09', 'likely and very serious: two weeks');
      assert.doesNotMatch((await before.get('/to-do')).body, /Risks past the date to look at them again[\s\S]{0,200}1 risk/);

      t.clock.now = today;
      const admin = await signedInClient(t, org.email);
      const todo = await admin.get('/to-do');
      assert.match(todo.body, /Risks past the date to look at them again[\s\S]{0,200}1 risk\b/);
      assert.match((await admin.get('/')).body, /Risks past the date to look at them again/);
      const due = await admin.get('/risks?log=all&show=due');
      assert.match(due.body, /People cannot get to the meeting room/);
      assert.doesNotMatch(due.body, /We run out of money/);
      assert.match(due.body, /Past its date/);

      // A facilitator counts their own projects' and what they keep an eye on.
      const facilitator = await signedInClient(t, 'fay@example.com');
      assert.match((await facilitator.get('/to-do')).body, /Risks past the date to look at them again[\s\S]{0,200}1 risk\b/);
      assert.match((await facilitator.get('/risks?log=mine&show=due')).body, /People cannot get to the meeting room/);

      await admin.get(`/risks/${urgent!.id}`);
      const blank = await admin.post(`/risks/${urgent!.id}/look-again`, { note: '' });
      assert.equal(blank.statusCode, 400);
      const looked = await admin.post(`/risks/${urgent!.id}/look-again`, { note: 'The ramp is fixed; still watching the lift.' });
      assert.equal(looked.statusCode, 303);
      const after = (await rows())[0]!;
      assert.equal(after.review_on, '2026-12-24', 'two weeks from today');
      assert.equal(after.last_reviewed_on, '2026-12-10');
      assert.doesNotMatch((await admin.get('/')).body, /Risks past the date to look at them again/);
      assert.match((await admin.get(`/risks/${urgent!.id}`)).body, /The ramp is fixed/);
    });

    test('staff change and close a risk; each change is audited with what changed', async () => {
      const admin = await signedInClient(t, org.email);
      await admin.get(`/risks/new?log=${lunches}`);
      await admin.post('/risks/new', { log: lunches, ...risk() });
      const [row] = await rows();
      const edit = await admin.get(`/risks/${row!.id}/edit`);
      assert.match(edit.body, /value="10"/, 'the saved date is in the boxes');
      const changed = await admin.post(
        `/risks/${row!.id}/edit`,
        risk({ severity: 'very-serious', owner: fay, 'reviewOn-day': '1', 'reviewOn-month': '2', 'reviewOn-year': '2027' }),
      );
      assert.equal(changed.statusCode, 303);
      const saved = (await rows())[0]!;
      assert.equal(saved.severity, 'very-serious');
      assert.equal(saved.owner_person_id, fay);
      assert.equal(saved.review_on, '2027-02-01');
      const entry = await t.database.db
        .selectFrom('audit_log')
        .select('changes')
        .where('subject_id', '=', row!.id)
        .where('action', '=', 'changed')
        .executeTakeFirstOrThrow();
      const fields = (JSON.parse(entry.changes) as Array<{ field: string }>).map((c) => c.field).sort();
      assert.deepEqual(fields, ['owner_person_id', 'review_on', 'severity']);
      // What Mo said on the phone, written down in Mo's name; the audit says who wrote it.
      const phoned = await admin.get(`/risks/${row!.id}`);
      assert.match(phoned.body, /Who said this\?/);
      assert.equal((await admin.post(`/risks/${row!.id}/comment`, { body: 'Mo rang: the lift is fixed.', saidBy: mo })).statusCode, 303);
      const note = await t.database.db.selectFrom('risk_comments').selectAll().executeTakeFirstOrThrow();
      assert.equal(note.person_id, mo);
      const wrote = await t.database.db
        .selectFrom('audit_log')
        .select(['actor_person_id', 'on_behalf_of_person_id'])
        .where('subject_id', '=', row!.id)
        .where('action', '=', 'commented')
        .executeTakeFirstOrThrow();
      assert.deepEqual(wrote, { actor_person_id: org.adminPersonId, on_behalf_of_person_id: mo });
      const stranger = await anotherOrganisation(t);
      const wrong = await admin.post(`/risks/${row!.id}/comment`, { body: 'Kept words', saidBy: stranger.adminPersonId });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /Kept words/);
      const member = await signedInClient(t, 'mo@example.com');
      await member.get(`/risks/${row!.id}`);
      assert.equal((await member.post(`/risks/${row!.id}/comment`, { body: 'As Fay', saidBy: fay })).statusCode, 403);
      assert.equal((await t.database.db.selectFrom('risk_comments').selectAll().execute()).length, 1);

      assert.equal((await admin.post(`/risks/${row!.id}/close`, { why: 'We moved to the ground floor.' })).statusCode, 303);
      assert.ok((await rows())[0]!.closed_at);
      assert.match((await admin.get(`/risks?log=${lunches}&show=closed`)).body, /meeting room/);
      assert.doesNotMatch((await admin.get(`/risks?log=${lunches}`)).body, /meeting room/);
    });

    test('positive risk-taking: staff write down what was decided, why and who agreed; members add their agreement; the self-assessment counts it', async () => {
      const admin = await signedInClient(t, org.email);
      await admin.get(`/risks/new?log=${lunches}`);
      await admin.post('/risks/new', { log: lunches, ...risk({ title: 'Mo travels alone to the meeting' }) });
      const [row] = await rows();
      const form = await admin.get(`/risks/${row!.id}/decisions/new`);
      assert.match(form.body, /Mo Member/);
      const missing = await admin.post(`/risks/${row!.id}/decisions/new`, {
        what: '',
        why: 'Independence',
        'decidedOn-day': '9',
        'decidedOn-month': '12',
        'decidedOn-year': '2026',
      });
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /Independence/);
      const future = await admin.post(`/risks/${row!.id}/decisions/new`, {
        what: 'Go',
        why: 'Independence',
        'decidedOn-day': '1',
        'decidedOn-month': '1',
        'decidedOn-year': '2027',
      });
      assert.equal(future.statusCode, 400);
      const ok = await admin.post(`/risks/${row!.id}/decisions/new`, {
        what: 'Mo travels by bus alone, with a phone to call us',
        why: 'Travelling alone matters to Mo; the route is short and well lit',
        'decidedOn-day': '9',
        'decidedOn-month': '12',
        'decidedOn-year': '2026',
        agreedBy: [fay],
      });
      assert.equal(ok.statusCode, 303);
      const member = await signedInClient(t, 'mo@example.com');
      const page = await member.get(`/risks/${row!.id}`);
      assert.match(page.body, /Fay Facilitator, 9 December 2026/);
      const decision = await t.database.db.selectFrom('risk_decisions').select('id').executeTakeFirstOrThrow();
      assert.equal((await member.post(`/risks/${row!.id}/decisions/${decision.id}/agree`, {})).statusCode, 303);
      const agreed = await member.get(`/risks/${row!.id}`);
      assert.match(agreed.body, /Mo Member, 10 December 2026/);
      assert.match(agreed.body, /You agreed with this decision/);

      // A decision agreed at a big meeting: the first 20 names, and the rest counted.
      for (let i = 0; i < 24; i++) {
        const { personId } = await personWithAccount(t, org.organisationId, { fullName: `Agreed ${String(i).padStart(2, '0')}` });
        await t.database.db
          .insertInto('risk_decision_agreements')
          .values({
            decision_id: decision.id,
            organisation_id: org.organisationId,
            person_id: personId,
            agreed_on: '2026-12-11',
            recorded_by: null,
          })
          .execute();
      }
      const many = await member.get(`/risks/${row!.id}`);
      assert.equal([...many.body.matchAll(/<li>[^<]*, \d+ December 2026<\/li>/g)].length, 20);
      assert.match(many.body, /and 6 more people/);
      assert.match(many.body, /You agreed with this decision/);
      const adminSees = await admin.get(`/risks/${row!.id}`);
      assert.match(adminSees.body, /I agree with this decision/);
      assert.doesNotMatch(adminSees.body, /You agreed with this decision/);

      const t_ = makeTranslator('en');
      const evidence = await riskEvidence(t.database.db, org.organisationId, t.now(), t_);
      assert.deepEqual(
        evidence.map((e) => [e.code, e.words]),
        [
          ['C3', '1 of 1 open risk is not past its date to look again.'],
          ['C3', '1 decision to go ahead despite a risk was written down in the last year.'],
        ],
      );
      const other = await anotherOrganisation(t);
      const theirs = await riskEvidence(t.database.db, other.organisationId, t.now(), t_);
      assert.deepEqual(
        theirs.map((e) => e.words),
        ['No open risks are written down yet.', '0 decisions to go ahead despite a risk were written down in the last year.'],
      );
    });
  });
}
