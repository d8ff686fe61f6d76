import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { anotherOrganisation, signedInClient } from '../../../test/helpers/fixtures.ts';
import { answers, setUpEqualityWorld, type EqualityWorld } from '../../../test/worlds/equality.ts';

// Equality monitoring (issue 19): answers kept private (only equality leads open one
// person's, each look audited), taken back by deleting them, answered by a personal link
// or a paper code, and who is missing shown only as protected counts.
for (const dialect of databaseDialects()) {
  describe(`equality monitoring (${dialect})`, () => {
    let t: TestApp;
    let w: EqualityWorld;
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      w = await setUpEqualityWorld(t);
    });
    afterEach(() => t.close());

    const rowsOf = async (personId: string) => ({
      answers: await t.database.db.selectFrom('equality_answers').selectAll().where('person_id', '=', personId).execute(),
      circumstances: await t.database.db.selectFrom('equality_circumstances').selectAll().where('person_id', '=', personId).execute(),
    });
    const auditOf = (personId: string) =>
      t.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('subject_type', '=', 'equality')
        .where('subject_id', '=', personId)
        .orderBy('at')
        .execute();

    test('a member answers for herself, sees and changes her answers, and withdrawing deletes them', async () => {
      const mo = await signedInClient(t, 'mo@example.com');
      const page = await mo.get('/equality/mine');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Only our equality leads can ever see your own answers/);
      assert.match(page.body, /Data Protection Act 2018, Schedule 1, paragraph 8/);

      const bad = await mo.post('/equality/mine', { ethnicGroup: 'martian', circumstances: ['none', 'homeless'] });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Choose one of the answers/);
      assert.match(bad.body, /value="homeless" checked/, 'what she ticked is kept');
      assert.equal((await mo.post('/equality/mine', {})).statusCode, 400, 'nothing at all is not an answer');

      const saved = await mo.post('/equality/mine', {
        ageBand: '75-84',
        ethnicGroup: 'bangladeshi',
        sexualOrientation: 'prefer-not',
        longTermCondition: 'yes',
        activityLimitation: 'a-lot',
        circumstances: ['dementia', 'residential-home'],
      });
      assert.equal(saved.statusCode, 303);
      const rows = await rowsOf(w.mo.personId);
      assert.equal(rows.answers[0]!.ethnic_high, 'asian');
      assert.equal(rows.answers[0]!.disability, 'disabled-a-lot');
      assert.equal(rows.answers[0]!.recorded_how, 'self');
      assert.deepEqual(rows.circumstances.map((c) => c.circumstance).sort(), ['dementia', 'residential-home']);
      const again = await mo.get('/equality/mine');
      assert.match(again.body, /value="bangladeshi" checked/);
      assert.match(again.body, /value="dementia" checked/);

      const withdrawn = await mo.post('/equality/mine/withdraw', {});
      assert.equal(withdrawn.statusCode, 303);
      const after = await rowsOf(w.mo.personId);
      assert.deepEqual([after.answers.length, after.circumstances.length], [0, 0], 'withdrawal deletes, it does not hide');
      const audit = await auditOf(w.mo.personId);
      assert.deepEqual(
        audit.map((a) => a.action),
        ['answers-saved', 'answers-withdrawn'],
      );
      assert.doesNotMatch(audit.map((a) => a.changes).join(' '), /bangladeshi|dementia|75-84/, 'the audit never holds the answers');
    });

    test("only equality leads open one person's answers, each look is audited; nobody else sees them anywhere", async () => {
      const person = w.crowdIds[0]!; // African, 35-49, male
      const ada = await signedInClient(t, 'admin@northshire.test');
      const fay = await signedInClient(t, 'fay@northshire.test');
      const mo = await signedInClient(t, 'mo@example.com');

      const seen = await ada.get(`/equality/people/${person}/answers`);
      assert.equal(seen.statusCode, 200, 'admins are equality leads by default');
      assert.match(seen.body, /Black: African/);
      assert.equal((await fay.get(`/equality/people/${person}/answers`)).statusCode, 403);
      assert.equal((await mo.get(`/equality/people/${person}/answers`)).statusCode, 403);
      const hub = await fay.get(`/equality/people/${person}`);
      assert.equal(hub.statusCode, 200);
      assert.doesNotMatch(hub.body, /African|See their answers/);
      const record = await fay.get(`/equality/people/${person}/record`);
      assert.doesNotMatch(record.body, /checked/, 'typing answers in is not a way to see them');

      // Ada makes Fay an equality lead; then she may look, and it is audited; then not again.
      const leads = await ada.get('/equality/leads');
      assert.match(leads.body, /Fay Facilitator/);
      assert.equal((await ada.post('/equality/leads', { personId: w.fay.personId })).statusCode, 303);
      assert.equal((await fay.get(`/equality/people/${person}/answers`)).statusCode, 200);
      assert.equal((await fay.post('/equality/leads', { personId: w.fay.personId })).statusCode, 403, 'only admins name leads');
      assert.equal((await ada.post(`/equality/leads/${w.fay.personId}/remove`, {})).statusCode, 303);
      assert.equal((await fay.get(`/equality/people/${person}/answers`)).statusCode, 403);
      assert.equal((await ada.post('/equality/leads', { personId: w.mo.personId })).statusCode, 404, 'a member cannot be a lead');

      const views = (await auditOf(person)).filter((a) => a.action === 'answers-viewed');
      assert.deepEqual(
        views.map((v) => v.actor_person_id),
        [w.adminPersonId, w.fay.personId],
      );

      // Not on the person's page, their history, the people list or any export.
      for (const url of [`/people/${person}`, `/people/${person}/history`, '/people', '/claims/export.csv', '/impact']) {
        const res = await ada.get(url);
        assert.ok(res.statusCode < 400, `${url}: ${res.statusCode}`);
        assert.doesNotMatch(res.body, /African|White British|white-british|african/, url);
      }
      const xlsx = await ada.get('/claims/export.xlsx');
      assert.equal(xlsx.statusCode, 200);
      assert.doesNotMatch(xlsx.rawPayload.toString('latin1'), /African|african/);
    });

    test("another organisation can neither open the answers nor count this organisation's people", async () => {
      const other = await anotherOrganisation(t);
      const rita = await signedInClient(t, other.email);
      assert.equal((await rita.get(`/equality/people/${w.crowdIds[0]}/answers`)).statusCode, 404);
      assert.equal((await rita.get(`/equality/people/${w.crowdIds[0]}/paper`)).statusCode, 404);
      assert.equal((await rita.post(`/equality/people/${w.crowdIds[0]}/record`, { ageBand: '16-24', how: 'phone' })).statusCode, 404);
      assert.equal((await rita.get(`/equality/who-is-missing?scope=project&projectId=${w.projectId}`)).statusCode, 404);
      const own = await rita.get('/equality/who-is-missing');
      assert.match(own.body, /too few people/);
      assert.equal((await rowsOf(w.crowdIds[0]!)).answers[0]!.age_band, '35-49');
    });

    test('answering by a personal link, without signing in: saved as by link; the link shows and withdraws only her own', async () => {
      const ada = await signedInClient(t, 'admin@northshire.test');
      await ada.get(`/equality/people/${w.mo.personId}`);
      assert.equal((await ada.post(`/equality/people/${w.mo.personId}/send`, {})).statusCode, 303);
      const sent = await t.database.db.selectFrom('outbox').selectAll().where('kind', '=', 'equality').executeTakeFirstOrThrow();
      assert.equal(sent.channel, 'text');
      const link = new URL(/http:\/\/localhost:3000\/act\/\S+/.exec(sent.body_text)![0]).pathname;

      const visitor = new Client(t.app);
      const page = await visitor.get(link);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /We ask these questions to find out who is missing/);
      assert.doesNotMatch(page.body, /Delete all my answers/, 'nothing to withdraw yet');
      const saved = await visitor.post(link, { sex: 'female', religion: 'muslim', circumstances: 'prefer-not' });
      assert.equal(saved.statusCode, 303);
      const rows = await rowsOf(w.mo.personId);
      assert.equal(rows.answers[0]!.recorded_how, 'link');
      assert.equal(rows.answers[0]!.recorded_by, null);
      assert.deepEqual(
        rows.circumstances.map((c) => c.circumstance),
        ['prefer-not'],
      );
      const back = await visitor.get(link);
      assert.match(back.body, /value="muslim" checked/, 'her own answers, on her own link');
      assert.match(back.body, /Delete all my answers/);
      assert.equal((await visitor.post(link, { withdraw: 'yes' })).statusCode, 303);
      assert.equal((await rowsOf(w.mo.personId)).answers.length, 0);
    });

    test('a paper form carries a reply code; staff type it in: blank form, saved as on paper by them', async () => {
      await t.services.equality.save(w.organisationId, w.mo.personId, answers({ religion: 'sikh' }), { how: 'self', by: null });
      await t.services.organisations.setReplyContact(w.admin, { phone: '01632 960 123', address: 'Freepost NS 1' });
      const fay = await signedInClient(t, 'fay@northshire.test');
      const paper = await fay.get(`/equality/people/${w.mo.personId}/paper?size=large`);
      assert.equal(paper.statusCode, 200);
      assert.match(paper.body, /app-paper-form--large/);
      assert.match(paper.body, /Freepost NS 1/);
      const code = /Your reply code: ([0-9A-Z]{3} ?[0-9A-Z]{3})/.exec(paper.body)?.[1];
      assert.ok(code, 'the form shows its reply code');

      await fay.get('/reply-codes');
      const opened = await fay.post('/reply-codes', { code: code! });
      assert.equal(opened.statusCode, 200);
      assert.match(opened.body, /What is your religion\?/);
      assert.doesNotMatch(opened.body, /value="sikh" checked/, 'staff never see what she answered before');
      const noHow = await fay.post('/reply-codes/answer', { code: code!, ageBand: '50-64' });
      assert.equal(noHow.statusCode, 400);
      assert.match(noHow.body, /value="50-64" checked/);
      const done = await fay.post('/reply-codes/answer', { code: code!, ageBand: '50-64', unpaidCare: '50-plus', how: 'letter' });
      assert.equal(done.statusCode, 303);
      const rows = await rowsOf(w.mo.personId);
      assert.deepEqual(
        [rows.answers[0]!.age_band, rows.answers[0]!.religion, rows.answers[0]!.recorded_how, rows.answers[0]!.recorded_by],
        ['50-64', null, 'letter', w.fay.personId],
      );
      assert.match((await fay.get('/reply-codes')).body, /Recorded by letter by Fay Facilitator/);

      // Typed in from a call with her supporter, on the staff page.
      const typed = await fay.post(`/equality/people/${w.mo.personId}/record`, { sex: 'female', how: 'supporter' });
      assert.equal(typed.statusCode, 303);
      assert.equal((await rowsOf(w.mo.personId)).answers[0]!.recorded_how, 'supporter');
      const ada = await signedInClient(t, 'admin@northshire.test');
      assert.match((await ada.get(`/equality/people/${w.mo.personId}/answers`)).body, /recorded with their supporter by Fay Facilitator/);
    });

    test('who is missing: protected counts, an under-represented group, a meeting too small, CSV of the figures only', async () => {
      const fay = await signedInClient(t, 'fay@northshire.test');
      const page = await fay.get(`/equality/who-is-missing?scope=project&projectId=${w.projectId}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /People counted: 120/);
      assert.match(
        page.body,
        /Asian, Asian British or Asian Welsh are under-represented: 0% here against 9.3% in the area, 9.3 points fewer. About 12 more people would match the area./,
      );
      assert.doesNotMatch(page.body, />3</, 'three people is hidden, never shown');
      assert.match(page.body, /Hidden/);
      assert.doesNotMatch(page.body, /Person \d/);

      const meeting = await fay.get('/equality/who-is-missing?scope=meeting');
      assert.match(meeting.body, /A single meeting is too small to show/);
      assert.doesNotMatch(meeting.body, /<table/);
      const attended = await fay.get(`/equality/who-is-missing?scope=project&projectId=${w.projectId}&who=attended`);
      assert.match(attended.body, /too few people to show anything/);

      const bad = await fay.get(`/equality/who-is-missing?from-day=31&from-month=2&from-year=2026`);
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter a real start date/);
      assert.match(bad.body, /name="from-day"[^>]*value="31"/);

      const csv = await fay.get(`/equality/who-is-missing.csv?scope=project&projectId=${w.projectId}`);
      assert.equal(csv.statusCode, 200);
      assert.match(csv.headers['content-type'] as string, /text\/csv/);
      assert.match(csv.body, /^\uFEFF/);
      assert.match(csv.body, /"Ethnic group \(5 groups\)","Black, Black British, Black Welsh, Caribbean or African",,/);
      assert.match(csv.body, /"Ethnic group \(5 groups\)","Asian, Asian British or Asian Welsh",0,0,9.3,-9.3,"Under-represented"/);
      assert.match(csv.body, /"Ethnic group \(5 groups\)","White",,/, 'the secondary hiding: White would give Black away');
      assert.doesNotMatch(csv.body, /Person \d|Mo Member/);
      const mo = await signedInClient(t, 'mo@example.com');
      assert.equal((await mo.get('/equality/who-is-missing')).statusCode, 403);
    });

    test("admins import their area's figures from CSV: clear errors that keep what was typed, then used", async () => {
      const ada = await signedInClient(t, 'admin@northshire.test');
      const shipped = await ada.get('/equality/benchmarks');
      // Unpaid care ships with the ONS bulletin's England and Wales figures, and says they are age-standardised.
      assert.match(shipped.body, /Unpaid care[\s\S]*?TS039/);
      assert.match(shipped.body, /age-standardised/);
      assert.match((await ada.get('/equality/benchmarks.csv')).body, /"Unpaid care","50 hours a week or more",2.8\r\n/);
      // Age and disability ship too: England's and Wales's Census counts added together.
      assert.match(shipped.body, /Age[\s\S]*?TS007A[\s\S]*?Disability \(Equality Act\)[\s\S]*?TS038/);
      assert.match(shipped.body, /counts for England and for Wales added together/);
      const template = (await ada.get('/equality/benchmarks.csv')).body;
      assert.match(template, /"Age","85 or over",2.4\r\n/);
      assert.match(template, /"Disability \(Equality Act\)","Disabled, day-to-day activities limited a lot",7.5\r\n/);
      const typed = 'Question,Answer,Percent\nEthnic group (5 groups),Asian British,12\nReligion,Christian,lots\n';
      const bad = await ada.post('/equality/benchmarks', { area: 'Northshire', source: 'ONS TS021', csv: typed });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Row 2: “Asian British” is not an answer to Ethnic group \(5 groups\)/);
      assert.match(bad.body, /Row 3: “lots” is not a percentage/);
      assert.match(bad.body, /Asian British,12/, 'what was typed is kept');
      const good =
        'Question,Answer,Percent\nEthnic group (5 groups),"Asian, Asian British or Asian Welsh",20\nEthnic group (5 groups),White,80\n';
      assert.equal((await ada.post('/equality/benchmarks', { area: 'Northshire', source: 'ONS TS021', csv: good })).statusCode, 303);
      const page = await ada.get(`/equality/who-is-missing?scope=project&projectId=${w.projectId}`);
      assert.match(page.body, /against 20% in the area/);
      assert.match(page.body, /Ethnic group \(5 groups\)[\s\S]*Northshire \(ONS TS021\)/);
      assert.match(page.body, /Area figures: Northshire \(ONS TS021\)/);
      // The download goes back in unchanged: what Excel saves, the import reads.
      const downloaded = (await ada.get('/equality/benchmarks.csv')).body;
      assert.match(downloaded, /^\uFEFF"Question","Answer","Percent"\r\n/);
      assert.match(downloaded, /"Ethnic group \(5 groups\)","Asian, Asian British or Asian Welsh",20\r\n/);
      const again = await ada.post('/equality/benchmarks', { area: 'Northshire', source: 'ONS TS021', csv: downloaded });
      assert.equal(again.statusCode, 303);
      assert.equal((await (await signedInClient(t, 'fay@northshire.test')).get('/equality/benchmarks')).statusCode, 403);
    });
  });
}
