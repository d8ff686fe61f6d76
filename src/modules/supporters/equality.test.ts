import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { failInserts, mendInserts } from '../../../test/helpers/failing-inserts.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { setUpDecisionsWorld, type DecisionsWorld } from '../../../test/worlds/decisions.ts';
import { answers } from '../../../test/worlds/equality.ts';

// Issue 19: a supporter who may fill in reviews and surveys with the person answers, changes
// or takes back the person's equality answers with them, signed in or through staff. The
// answers are the person's, recorded as "with their supporter Sarah Whitfield", and stay as
// private as ever: the supporter sees only what they typed, on the check page, never what
// was stored; only equality leads open one person's answers, each look audited.
for (const dialect of databaseDialects()) {
  describe(`equality answers with a supporter (${dialect})`, () => {
    let t: TestApp;
    let w: DecisionsWorld;
    let sarahId: string;

    const basis = {
      basis: 'consent',
      consentHow: 'Face to face at the day centre',
      'basisMadeOn-day': '20',
      'basisMadeOn-month': '11',
      'basisMadeOn-year': '2026',
      'reviewOn-day': '20',
      'reviewOn-month': '11',
      'reviewOn-year': '2027',
    };

    /** Fay records a supporter of Dennis with these powers; the supporter's id. */
    const addSupporter = async (who: Record<string, string>, powers: string[]) => {
      const ids = async () => (await t.database.db.selectFrom('supporters').select('id').execute()).map((r) => r.id);
      const before = await ids();
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/people/${w.ids.dennis}/supporters/new`);
      const res = await fay.post(`/people/${w.ids.dennis}/supporters/new`, { ...who, kind: 'family', powers, ...basis });
      assert.equal(res.statusCode, 303, res.body);
      return (await ids()).find((id) => !before.includes(id))!;
    };
    const endSupporter = async (supporterId: string) => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/people/${w.ids.dennis}/supporters/${supporterId}/end`);
      assert.equal((await fay.post(`/people/${w.ids.dennis}/supporters/${supporterId}/end`, {})).statusCode, 303);
    };
    const addSarah = (powers: string[]) => addSupporter({ who: 'person', supporterPersonId: sarahId }, powers);
    const addJo = (powers: string[]) =>
      addSupporter({ who: 'contact', contactName: 'Jo Bright', contactChannel: 'phone', contactMobile: '07700 900132' }, powers);

    const rowOf = () => t.database.db.selectFrom('equality_answers').selectAll().where('person_id', '=', w.ids.dennis).executeTakeFirst();
    const equalityAudit = () =>
      t.database.db
        .selectFrom('audit_log')
        .select(['action', 'actor_person_id', 'on_behalf_of_person_id', 'changes'])
        .where('subject_type', '=', 'equality')
        .where('subject_id', '=', w.ids.dennis)
        .orderBy('at')
        .orderBy('id')
        .execute();
    const acts = () => t.database.db.selectFrom('supporter_acts').selectAll().where('action', '=', 'equality').execute();
    const equalityPage = () => `/supporting/${w.ids.dennis}/equality`;

    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      t.clock.now = new Date('2026-11-23T10:00:00Z');
      w = await setUpDecisionsWorld(t);
      sarahId = (
        await personWithAccount(
          t,
          w.organisationId,
          { fullName: 'Sarah Whitfield', perspectives: ['carer'] },
          { email: 'sarah@example.com', role: 'member' },
        )
      ).personId;
    });
    afterEach(() => t.close());

    test('Sarah answers with Dennis: a blank form, a check page of what she typed, saved as his with her; private as ever', async () => {
      const supporterId = await addSarah(['reviews']);
      // Dennis answered once himself; nothing of it reaches Sarah.
      await t.services.equality.save(w.organisationId, w.ids.dennis, answers({ religion: 'sikh', ageBand: '65-74' }), {
        how: 'self',
        by: null,
      });
      const sarah = await signedInClient(t, 'sarah@example.com');
      const hub = await sarah.get(`/supporting/${w.ids.dennis}`);
      assert.match(hub.body, /Answer the equality questions with Dennis Whitfield/);

      const form = await sarah.get(equalityPage());
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /These answers are private/);
      assert.match(form.body, /We ask these questions to find out who is missing/, 'why we ask, read to Dennis first');
      assert.doesNotMatch(form.body, /checked/, 'never what Dennis said before');

      const bad = await sarah.post(equalityPage(), { ageBand: '75-84', ethnicGroup: 'martian' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Choose one of the answers/);
      assert.match(bad.body, /value="75-84" checked/, 'what she typed is kept');
      assert.equal((await sarah.post(equalityPage(), {})).statusCode, 400, 'nothing at all is not an answer');

      const typed = { ageBand: '75-84', ethnicGroup: 'caribbean', circumstances: ['dementia', 'residential-home'] };
      const check = await sarah.post(equalityPage(), typed);
      assert.equal(check.statusCode, 200);
      assert.match(check.body, /Check the answers with Dennis Whitfield/);
      assert.match(check.body, /75 to 84/);
      assert.match(check.body, /Black: Caribbean/);
      assert.match(check.body, /Living with dementia/);
      assert.doesNotMatch(check.body, /Sikh/, 'the check page shows what she typed, not what was stored');
      assert.equal((await rowOf())!.religion, 'sikh', 'nothing is saved before the check');

      const change = await sarah.post(equalityPage(), { ...typed, confirm: 'change' });
      assert.equal(change.statusCode, 200);
      assert.match(change.body, /value="caribbean" checked/, 'changing keeps what she typed');

      const saved = await sarah.post(equalityPage(), { ...typed, confirm: 'yes' });
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, `/supporting/${w.ids.dennis}`);
      assert.match((await sarah.get(`/supporting/${w.ids.dennis}`)).body, /Equality answers saved for Dennis Whitfield/);
      const row = (await rowOf())!;
      assert.deepEqual(
        [row.age_band, row.ethnic_group, row.ethnic_high, row.religion, row.recorded_how, row.recorded_by, row.supporter_id],
        ['75-84', 'caribbean', 'black', null, 'supporter', sarahId, supporterId],
      );
      const audit = await equalityAudit();
      assert.deepEqual(
        audit.filter((a) => a.actor_person_id === sarahId).map((a) => [a.action, a.on_behalf_of_person_id]),
        [['answers-saved', w.ids.dennis]],
      );
      assert.doesNotMatch(audit.map((a) => a.changes).join(' '), /caribbean|dementia|75-84/, 'the audit never holds the answers');
      const kept = await acts();
      assert.deepEqual(
        kept.map((a) => [a.supporter_id, a.person_id, a.subject_id, a.recorded_by]),
        [[supporterId, w.ids.dennis, w.ids.dennis, null]],
      );

      // Afterwards Sarah sees a blank form again, and can never open the answers.
      assert.doesNotMatch((await sarah.get(equalityPage())).body, /checked/);
      assert.equal((await sarah.get(`/equality/people/${w.ids.dennis}/answers`)).statusCode, 403);
      assert.equal((await sarah.get('/equality/mine')).statusCode, 200);
      assert.doesNotMatch((await sarah.get('/equality/mine')).body, /value="caribbean" checked/, 'her own page is hers, not his');

      // An equality lead reads who gave them, and that look is audited.
      const ada = await signedInClient(t, 'admin@northshire.test');
      const seen = await ada.get(`/equality/people/${w.ids.dennis}/answers`);
      assert.match(seen.body, /with their supporter Sarah Whitfield\./);
      assert.match(seen.body, /Black: Caribbean/);
      assert.ok((await equalityAudit()).some((a) => a.action === 'answers-viewed'));
      // Fay, not a lead, never sees them, on the hub or Dennis's page.
      const fay = await signedInClient(t, 'fay@example.com');
      assert.equal((await fay.get(`/equality/people/${w.ids.dennis}/answers`)).statusCode, 403);
      assert.doesNotMatch((await fay.get(`/people/${w.ids.dennis}`)).body, /Caribbean|caribbean/);
    });

    test('taking the answers back with Sarah deletes them, and says the same whether or not there were any', async () => {
      await addSarah(['reviews']);
      await t.services.equality.save(w.organisationId, w.ids.dennis, answers({ sex: 'male' }), { how: 'self', by: null });
      const sarah = await signedInClient(t, 'sarah@example.com');
      const confirm = await sarah.get(`${equalityPage()}/withdraw`);
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.body, /Only do this if Dennis Whitfield asks you to/);
      const gone = await sarah.post(`${equalityPage()}/withdraw`, {});
      assert.equal(gone.statusCode, 303);
      assert.equal(await rowOf(), undefined, 'withdrawal deletes, it does not hide');
      const said = (await sarah.get(`/supporting/${w.ids.dennis}`)).body;
      assert.match(said, /Dennis Whitfield has no equality answers kept now/);
      const withdrawn = (await equalityAudit()).filter((a) => a.action === 'answers-withdrawn');
      assert.deepEqual(
        withdrawn.map((a) => [a.actor_person_id, a.on_behalf_of_person_id]),
        [[sarahId, w.ids.dennis]],
      );
      // Again, with nothing there: the same words, and the act is still kept.
      await sarah.get(`${equalityPage()}/withdraw`);
      assert.equal((await sarah.post(`${equalityPage()}/withdraw`, {})).statusCode, 303);
      assert.match((await sarah.get(`/supporting/${w.ids.dennis}`)).body, /Dennis Whitfield has no equality answers kept now/);
      assert.equal((await acts()).length, 2);
      // Ticking "withdraw" on the questions form goes to the page that says what it does.
      const ticked = await sarah.post(equalityPage(), { withdraw: 'yes' });
      assert.equal(ticked.statusCode, 303);
      assert.equal(ticked.headers.location, `${equalityPage()}/withdraw`);
    });

    test('only a current supporter allowed to fill in reviews with Dennis, in his organisation', async () => {
      const supporterId = await addSarah(['reply', 'vote']);
      const sarah = await signedInClient(t, 'sarah@example.com');
      assert.doesNotMatch((await sarah.get(`/supporting/${w.ids.dennis}`)).body, /equality questions/i, 'no link without the power');
      assert.equal((await sarah.get(equalityPage())).statusCode, 403);
      assert.equal((await sarah.post(equalityPage(), { ageBand: '75-84', confirm: 'yes' })).statusCode, 403);
      assert.equal((await sarah.post(`${equalityPage()}/withdraw`, {})).statusCode, 403);
      const mo = await signedInClient(t, 'mo@example.com');
      assert.equal((await mo.get(equalityPage())).statusCode, 403, 'not his supporter');
      const rita = await signedInClient(t, 'admin@riverside.test');
      assert.equal((await rita.post(equalityPage(), { ageBand: '75-84', confirm: 'yes' })).statusCode, 403);
      assert.equal((await rita.get(`/supporting/${w.ids.dennis}/through/${supporterId}/equality`)).statusCode, 404, 'not found elsewhere');
      assert.equal((await mo.get(`/supporting/${w.ids.dennis}/through/${supporterId}/equality`)).statusCode, 403, 'through is staff only');

      // With the power, then ended by Fay: refused at once.
      await endSupporter(supporterId);
      const allowed = await addSarah(['reviews']);
      await sarah.get(equalityPage());
      assert.equal((await sarah.post(equalityPage(), { ageBand: '75-84', confirm: 'yes' })).statusCode, 303);
      await endSupporter(allowed);
      assert.equal((await sarah.get(equalityPage())).statusCode, 403);
      assert.equal((await rowOf())!.age_band, '75-84');
    });

    test('Jo never signs in: Fay types in what Jo and Dennis told her, saved with both names', async () => {
      const jo = await addJo(['reviews']);
      const fay = await signedInClient(t, 'fay@example.com');
      const through = `/supporting/${w.ids.dennis}/through/${jo}`;
      const hub = await fay.get(through);
      assert.match(hub.body, /Answer the equality questions with Dennis Whitfield/);
      const form = await fay.get(`${through}/equality`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Jo Bright for Dennis Whitfield, taken by you/);
      assert.equal((await fay.post(`${through}/equality`, { sex: 'male', religion: 'christian', confirm: 'yes' })).statusCode, 303);
      const row = (await rowOf())!;
      assert.deepEqual([row.recorded_how, row.recorded_by, row.supporter_id], ['supporter', w.ids.fay, jo]);
      const [act] = await acts();
      assert.deepEqual([act!.supporter_id, act!.recorded_by], [jo, w.ids.fay]);
      const ada = await signedInClient(t, 'admin@northshire.test');
      assert.match(
        (await ada.get(`/equality/people/${w.ids.dennis}/answers`)).body,
        /with their supporter Jo Bright, typed in by Fay Facilitator\./,
      );
    });

    test('the answers and the act are kept together or not at all', async () => {
      await addSarah(['reviews']);
      const sarah = await signedInClient(t, 'sarah@example.com');
      await sarah.get(equalityPage());
      await failInserts(t.database, 'supporter_acts');
      assert.equal((await sarah.post(equalityPage(), { ageBand: '50-64', confirm: 'yes' })).statusCode, 500);
      assert.equal(await rowOf(), undefined, 'no answers without the act');
      await mendInserts(t.database, 'supporter_acts');
      await sarah.get(equalityPage());
      await failInserts(t.database, 'equality_answers');
      assert.equal((await sarah.post(equalityPage(), { ageBand: '50-64', confirm: 'yes' })).statusCode, 500);
      await mendInserts(t.database, 'equality_answers');
      assert.deepEqual(await acts(), [], 'no act without the answers');
    });
  });
}
