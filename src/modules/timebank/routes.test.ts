import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp, datesWrittenFor } from '../../../test/helpers/test-app.ts';
import { Client } from '../../../test/helpers/browser-like-client.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';

// The test clock says 23 November 2026, 10am.
const idFrom = (location: unknown) => String(location).split('/').pop()!;
const swapDone = { 'duration-hours': '1', 'duration-minutes': '30', 'date-day': '20', 'date-month': '11', 'date-year': '2026' };

for (const dialect of databaseDialects()) {
  describe(`time bank (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let ids: Record<string, string>;
    const balance = (personId: string) => t.services.timebank.statements.balanceOf(org.organisationId, personId);
    const swapNews = (exchangeId: string) =>
      t.database.db.selectFrom('outbox').selectAll().where('about_id', '=', exchangeId).orderBy('created_at').orderBy('id').execute();
    const formsOffer = {
      kind: 'offer',
      title: 'Help with forms',
      description: 'Benefits forms, on weekday mornings.',
      'duration-hours': '1',
      'duration-minutes': '',
    };
    const lift = () => ({
      giverId: ids.len!,
      receiverId: ids.dot!,
      what: 'Lift to the shops',
      'duration-minutes': '40',
      'date-day': '22',
      'date-month': '11',
      'date-year': '2026',
    });

    // What the tests below start from, made through the same pages and services as the test that tells each story.
    /** Mo offers help with forms, Sam asks, and both say it took 1 hour 30: Mo has 90 minutes, Sam is 90 below (the first test). */
    const moHelpsSamWithForms = async () => {
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get('/timebank/listings/new');
      const posted = await mo.post('/timebank/listings/new', formsOffer);
      assert.equal(posted.statusCode, 303);
      const offer = idFrom(posted.headers.location);
      const sam = await signedInClient(t, 'sam@example.com');
      await sam.get(`/timebank/listings/${offer}`);
      const asked = await sam.post(`/timebank/listings/${offer}/respond`, { note: 'Tuesday works for me' });
      assert.equal(asked.statusCode, 303);
      const swap = idFrom(asked.headers.location);
      await mo.get(`/timebank/exchanges/${swap}`);
      assert.equal((await mo.post(`/timebank/exchanges/${swap}/propose`, swapDone)).statusCode, 303);
      await sam.get(`/timebank/exchanges/${swap}`);
      assert.equal((await sam.post(`/timebank/exchanges/${swap}/confirm`, { minutes: '90' })).statusCode, 303);
      return { offer, swap };
    };
    /** Sam asks for 2 hours of help in the garden (the second test). */
    const samAsksForGardenHelp = async () => {
      const sam = await signedInClient(t, 'sam@example.com');
      await sam.get('/timebank/listings/new');
      const posted = await sam.post('/timebank/listings/new', {
        kind: 'request',
        title: 'Help in my garden',
        description: 'Weeding',
        'duration-hours': '2',
      });
      assert.equal(posted.statusCode, 303);
      return idFrom(posted.headers.location);
    };
    /** Fay lets people go 10 hours below zero, and Mo gives Sam 2 hours in the garden (the second test). */
    const moGardensForSam = async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get('/timebank/settings');
      assert.equal((await fay.post('/timebank/settings', { floor: 'limit', floorHours: '10' })).statusCode, 303);
      const request = await samAsksForGardenHelp();
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get(`/timebank/listings/${request}`);
      const swap = idFrom((await mo.post(`/timebank/listings/${request}/respond`, {})).headers.location);
      await mo.get(`/timebank/exchanges/${swap}`);
      const proposed = await mo.post(`/timebank/exchanges/${swap}/propose`, { ...swapDone, 'duration-hours': '2', 'duration-minutes': '' });
      assert.equal(proposed.statusCode, 303);
      const sam = await signedInClient(t, 'sam@example.com');
      await sam.get(`/timebank/exchanges/${swap}`);
      assert.equal((await sam.post(`/timebank/exchanges/${swap}/confirm`, { minutes: '120' })).statusCode, 303);
      return request;
    };
    /** A project meeting Mo (from 10:30), Len and Fay came to, and Sam sent apologies for (the third test). */
    const menuTasting = async () => {
      const staff = { organisationId: org.organisationId, personId: ids.fay! };
      const projectId = await t.services.projects.create(staff, {
        title: 'Better lunches',
        purpose: 'Menus',
        activities: ['co-design'],
        levelAim: 'intermediate',
        stage: 'designing',
        startDate: '2026-11-01',
      });
      for (const p of ['mo', 'sam', 'len', 'fay']) await t.services.projects.addMember(staff, projectId, ids[p]!, 'member', '2026-11-01');
      const meeting = await t.services.meetings.create(staff, projectId, {
        title: 'Menu tasting',
        purpose: 'Taste soups',
        startsAt: '2026-11-20T10:00:00.000Z',
        endsAt: '2026-11-20T12:00:00.000Z',
        format: 'in-person',
        venueId: null,
        joiningDetails: null,
        membersOnly: false,
        arrangements: [],
        interpreterLanguages: [],
      });
      await t.services.meetingRecords.saveAttendance(staff, meeting, [
        { personId: ids.mo!, status: 'present', arrivedAt: '2026-11-20T10:30:00.000Z', leftAt: '2026-11-20T12:00:00.000Z' },
        { personId: ids.len!, status: 'present', arrivedAt: '2026-11-20T10:00:00.000Z', leftAt: '2026-11-20T12:00:00.000Z' },
        { personId: ids.fay!, status: 'present', arrivedAt: '2026-11-20T10:00:00.000Z', leftAt: '2026-11-20T12:00:00.000Z' },
        { personId: ids.sam!, status: 'apologies', arrivedAt: null, leftAt: null },
      ]);
      return meeting;
    };
    /** Fay credits the menu tasting: Mo 1 hour 30, Len 2 hours, nobody else (the third test). */
    const creditTheMenuTasting = async () => {
      const meeting = await menuTasting();
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/timebank/meetings/${meeting}`);
      assert.equal((await fay.post(`/timebank/meetings/${meeting}`, { personIds: [ids.mo!, ids.len!, ids.sam!] })).statusCode, 303);
      return meeting;
    };
    /** Dot chose 45 minutes of time credits for a claim (the fourth test). */
    const dotChoseCredits = () =>
      t.services.timebank.creditFromOrganisation(
        { organisationId: org.organisationId, personId: ids.fay! },
        { personId: ids.dot!, minutes: 45, memo: 'Chose time credits for a claim', reference: 'claim:abc' },
      );
    /** Fay records that Len gave Dot a lift to the shops, 40 minutes (the fifth test). */
    const fayRecordsALift = async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get('/timebank/record');
      assert.equal((await fay.post('/timebank/record', lift())).statusCode, 303);
    };
    /** Fay corrects the lift: it was the other way round (the sixth test). */
    const fayCorrectsTheLift = async () => {
      const line = (await t.services.timebank.statements.recent(org.organisationId)).find(
        (l) => l.kind === 'exchange' && l.memo === 'Lift to the shops',
      )!;
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get(`/timebank/transactions/${line.transactionId}/reverse`);
      const reason = { reason: 'It was Dot who gave Len a lift' };
      assert.equal((await fay.post(`/timebank/transactions/${line.transactionId}/reverse`, reason)).statusCode, 303);
    };
    /** Fay adds a swim and a month of gym; Mo spends 1 hour on the swim; the gym is withdrawn (the seventh test). */
    const moSpendsOnASwim = async () => {
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get('/timebank/partners');
      const addOffer = async (what: string, hours: string) =>
        assert.equal(
          (await fay.post('/timebank/partners', { partnerName: 'Northby Leisure Centre', what, 'duration-hours': hours })).statusCode,
          303,
        );
      await addOffer('One swim', '1');
      await addOffer('A month of gym', '20');
      const offers = await t.services.timebank.partners.offers(org.organisationId);
      const swim = offers.find((o) => o.what === 'One swim')!.id;
      const gym = offers.find((o) => o.what === 'A month of gym')!.id;
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get(`/timebank/partners/${swim}/spend`);
      const spent = await mo.post(`/timebank/partners/${swim}/spend`);
      assert.equal(spent.statusCode, 303);
      await fay.get('/timebank/partners');
      assert.equal((await fay.post(`/timebank/partners/${gym}/withdraw`)).statusCode, 303);
      return { swim, receipt: idFrom(spent.headers.location) };
    };

    beforeEach(async () => {
      ids = {};
      t = await makeTestApp({ dialect, startAt: datesWrittenFor });
      org = await organisationWithAdmin(t);
      await anotherOrganisation(t);
      ids.fay = (
        await personWithAccount(
          t,
          org.organisationId,
          { fullName: 'Fay Facilitator', perspectives: ['practitioner'] },
          { email: 'fay@example.com', role: 'facilitator' },
        )
      ).personId;
      ids.mo = (
        await personWithAccount(
          t,
          org.organisationId,
          { fullName: 'Mo Member', perspectives: ['draws-on-care'] },
          { email: 'mo@example.com', role: 'member' },
        )
      ).personId;
      ids.sam = (
        await personWithAccount(
          t,
          org.organisationId,
          { fullName: 'Sam Carer', perspectives: ['carer'] },
          { email: 'sam@example.com', role: 'member' },
        )
      ).personId;
      ids.kim = (
        await personWithAccount(
          t,
          org.organisationId,
          { fullName: 'Kim Nosy', perspectives: ['community'] },
          { email: 'kim@example.com', role: 'member' },
        )
      ).personId;
      ids.len = (await personWithAccount(t, org.organisationId, { fullName: 'Len Offline', perspectives: ['draws-on-care'] })).personId;
      ids.dot = (await personWithAccount(t, org.organisationId, { fullName: 'Dot Offline', perspectives: ['carer'] })).personId;
    });
    afterEach(() => t.close());

    test('S2: a member posts an offer, another asks for it, one says it happened, the other says yes; only then credits move', async () => {
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get('/timebank/listings/new');
      const bad = await mo.post('/timebank/listings/new', {
        kind: 'offer',
        title: 'Help with forms',
        description: '',
        'duration-hours': 'one',
        'duration-minutes': '',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Tell people a little more/);
      assert.match(bad.body, /Use numbers only/);
      assert.match(bad.body, /value="Help with forms"/);
      assert.match(bad.body, /name="duration-hours" type="text" value="one"|value="one"/);
      assert.match(bad.body, /value="offer" checked/);
      const posted = await mo.post('/timebank/listings/new', formsOffer);
      assert.equal(posted.statusCode, 303);
      const offer = idFrom(posted.headers.location);

      const sam = await signedInClient(t, 'sam@example.com');
      const board = await sam.get('/timebank');
      assert.equal(board.statusCode, 200);
      assert.match(board.body, /Help with forms/);
      assert.match(board.body, /Mo Member, about 1 hour/);
      await sam.get(`/timebank/listings/${offer}`);
      const asked = await sam.post(`/timebank/listings/${offer}/respond`, { note: 'Tuesday works for me' });
      assert.equal(asked.statusCode, 303);
      const swap = idFrom(asked.headers.location);
      assert.match((await sam.get(`/timebank/exchanges/${swap}`)).body, /Thank you\. We have told Mo Member/);
      // Pressing again finds the same swap rather than starting another, and tells Mo once.
      await sam.get(`/timebank/listings/${offer}`);
      assert.equal(idFrom((await sam.post(`/timebank/listings/${offer}/respond`, {})).headers.location), swap);
      const toldMo = await swapNews(swap);
      assert.deepEqual(
        toldMo.map((m) => [m.person_id, m.channel, m.recipient]),
        [[ids.mo, 'email', 'mo@example.com']],
      );
      assert.match(toldMo[0]!.subject, /Sam Carer would like your help/);
      assert.match(toldMo[0]!.body_text, /Help with forms/);
      assert.match(toldMo[0]!.body_text, new RegExp(`/timebank/exchanges/${swap}`));

      await mo.get(`/timebank/exchanges/${swap}`);
      const badProposal = await mo.post(`/timebank/exchanges/${swap}/propose`, {
        'duration-hours': '1',
        'duration-minutes': '30',
        'date-day': '1',
        'date-month': '12',
        'date-year': '2026',
      });
      assert.equal(badProposal.statusCode, 400);
      assert.match(badProposal.body, /The date cannot be in the future/);
      assert.match(badProposal.body, /value="30"/);
      assert.equal((await mo.post(`/timebank/exchanges/${swap}/propose`, swapDone)).statusCode, 303);
      assert.equal(await balance(ids.mo!), 0, 'nothing moves until both sides say so');
      // Sam is told, by Sam's own channel, and asked to say yes.
      const toldSam = (await swapNews(swap)).filter((m) => m.person_id === ids.sam);
      assert.equal(toldSam.length, 1);
      assert.equal(toldSam[0]!.kind, 'timebank');
      assert.match(
        toldSam[0]!.body_text,
        /Mo Member says they helped you with Help with forms\. They say it took 1 hour and 30 minutes, on 20 November 2026/,
      );
      assert.match(toldSam[0]!.body_text, /please say yes on this page/);

      // Mo cannot say yes to Mo's own words.
      await mo.get(`/timebank/exchanges/${swap}`);
      assert.equal((await mo.post(`/timebank/exchanges/${swap}/confirm`, { minutes: '90' })).statusCode, 409);
      const page = await sam.get(`/timebank/exchanges/${swap}`);
      assert.match(page.body, /Mo Member gave Sam Carer 1 hour and 30 minutes of time on 20 November 2026/);
      // A page showing older minutes cannot confirm newer ones.
      assert.equal((await sam.post(`/timebank/exchanges/${swap}/confirm`, { minutes: '60' })).statusCode, 409);
      // Sam says it was 2 hours instead: now Mo is the one asked to say yes, and Sam cannot.
      await sam.get(`/timebank/exchanges/${swap}`);
      assert.equal(
        (await sam.post(`/timebank/exchanges/${swap}/propose`, { ...swapDone, 'duration-hours': '2', 'duration-minutes': '' })).statusCode,
        303,
      );
      const toldMoAgain = (await swapNews(swap)).filter((m) => m.person_id === ids.mo);
      assert.equal(toldMoAgain.length, 2);
      assert.match(
        toldMoAgain.map((m) => m.body_text).join('\n'),
        /Sam Carer says you helped them with Help with forms\. They say it took 2 hours, on 20 November 2026/,
      );
      assert.equal(
        (await sam.post(`/timebank/exchanges/${swap}/confirm`, { minutes: '120' })).statusCode,
        409,
        'not a yes to your own words',
      );
      // Mo corrects it back to 1 hour 30; Sam is asked again, once more.
      await mo.get(`/timebank/exchanges/${swap}`);
      assert.equal((await mo.post(`/timebank/exchanges/${swap}/propose`, swapDone)).statusCode, 303);
      assert.equal((await swapNews(swap)).filter((m) => m.person_id === ids.sam).length, 2);
      // Pressing send twice with the same words is no news: Sam is not asked a third time.
      await mo.get(`/timebank/exchanges/${swap}`);
      assert.equal((await mo.post(`/timebank/exchanges/${swap}/propose`, swapDone)).statusCode, 303);
      assert.equal((await swapNews(swap)).filter((m) => m.person_id === ids.sam).length, 2);
      await sam.get(`/timebank/exchanges/${swap}`);
      assert.equal((await sam.post(`/timebank/exchanges/${swap}/confirm`, { minutes: '90' })).statusCode, 303);
      assert.equal(await balance(ids.mo!), 90);
      assert.equal(await balance(ids.sam!), -90);
      assert.match((await mo.get('/timebank')).body, /You have 1 hour and 30 minutes/);
      assert.match((await sam.get('/timebank')).body, /You are 1 hour and 30 minutes below zero/);
      // A second yes moves nothing more.
      await sam.get(`/timebank/exchanges/${swap}`);
      assert.equal((await sam.post(`/timebank/exchanges/${swap}/confirm`, { minutes: '90' })).statusCode, 409);
      assert.equal(await balance(ids.mo!), 90);
    });

    test('S2: with a floor of zero, nobody can confirm help they have not earned; the settings keep what was typed', async () => {
      await moHelpsSamWithForms();
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get('/timebank/settings');
      const bad = await fay.post('/timebank/settings', { floor: 'limit', floorHours: 'lots' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter a whole number of hours/);
      assert.match(bad.body, /value="lots"/);
      assert.equal((await fay.post('/timebank/settings', { floor: 'zero' })).statusCode, 303);
      assert.equal(await t.services.timebank.ledger.floor(org.organisationId), 0);

      const request = await samAsksForGardenHelp();
      const sam = await signedInClient(t, 'sam@example.com');
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get(`/timebank/listings/${request}`);
      const swap = idFrom((await mo.post(`/timebank/listings/${request}/respond`, {})).headers.location);
      await mo.get(`/timebank/exchanges/${swap}`);
      await mo.post(`/timebank/exchanges/${swap}/propose`, { ...swapDone, 'duration-hours': '2', 'duration-minutes': '' });
      await sam.get(`/timebank/exchanges/${swap}`);
      const refused = await sam.post(`/timebank/exchanges/${swap}/confirm`, { minutes: '120' });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /You do not have enough time credits for this/);
      assert.equal(await balance(ids.sam!), -90);
      assert.match((await sam.get(`/timebank/exchanges/${swap}`)).body, /Waiting for a yes/);
      await fay.get('/timebank/settings');
      await fay.post('/timebank/settings', { floor: 'limit', floorHours: '10' });
      assert.equal(await t.services.timebank.ledger.floor(org.organisationId), -600);
      await sam.get(`/timebank/exchanges/${swap}`);
      assert.equal((await sam.post(`/timebank/exchanges/${swap}/confirm`, { minutes: '120' })).statusCode, 303);
      assert.equal(await balance(ids.sam!), -210);
    });

    test('S2: staff credit the people who came to a meeting, once each, for the time they were there', async () => {
      // Sam is 3 hours 30 below zero from the two swaps with Mo.
      await moHelpsSamWithForms();
      await moGardensForSam();
      const staff = { organisationId: org.organisationId, personId: ids.fay! };
      const meeting = await menuTasting();
      const fay = await signedInClient(t, 'fay@example.com');
      assert.match((await fay.get('/timebank/meetings')).body, /Menu tasting/);
      const page = await fay.get(`/timebank/meetings/${meeting}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Was there for 1 hour and 30 minutes/);
      assert.match(page.body, new RegExp(`value="${ids.len}" checked`));
      assert.doesNotMatch(page.body, new RegExp(`value="${ids.fay}" checked`), 'staff are paid to be there');
      assert.doesNotMatch(page.body, /Sam Carer/);
      const before = await balance(ids.mo!);
      const res = await fay.post(`/timebank/meetings/${meeting}`, { personIds: [ids.mo!, ids.len!, ids.sam!] });
      assert.equal(res.statusCode, 303);
      assert.equal(await balance(ids.mo!), before + 90);
      assert.equal(await balance(ids.len!), 120);
      assert.equal(await balance(ids.sam!), -210, 'only people who came');
      assert.match((await fay.get(`/timebank/meetings/${meeting}`)).body, /Mo Member: already given 1 hour and 30 minutes/);
      // Pressing again, or the claims module crediting the same reference, gives nothing more.
      await fay.post(`/timebank/meetings/${meeting}`, { personIds: [ids.mo!, ids.len!] });
      const again = await t.services.timebank.creditFromOrganisation(staff, {
        personId: ids.len!,
        minutes: 120,
        memo: 'x',
        reference: `attendance:${meeting}:${ids.len}`,
      });
      assert.equal(again.alreadyCredited, true);
      assert.equal(await balance(ids.len!), 120);
    });

    test('S2: creditFromOrganisation credits once per reference, even when called at the same moment', async () => {
      const staff = { organisationId: org.organisationId, personId: ids.fay! };
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          t.services.timebank.creditFromOrganisation(staff, {
            personId: ids.dot!,
            minutes: 45,
            memo: 'Chose time credits for a claim',
            reference: 'claim:abc',
          }),
        ),
      );
      assert.equal(new Set(results.map((r) => r.transactionId)).size, 1);
      assert.equal(results.filter((r) => !r.alreadyCredited).length, 1);
      assert.equal(await balance(ids.dot!), 45);
      await assert.rejects(
        t.services.timebank.creditFromOrganisation(
          { organisationId: org.organisationId, personId: null },
          { personId: ids.dot!, minutes: 0, memo: 'x', reference: 'claim:zero' },
        ),
      );
    });

    test('staff record a swap for two people who do not sign in; both histories say who recorded it', async () => {
      // Len was credited 2 hours for the menu tasting; Dot chose 45 minutes for a claim.
      await creditTheMenuTasting();
      await dotChoseCredits();
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get('/timebank/record');
      const bad = await fay.post('/timebank/record', {
        giverId: ids.len!,
        receiverId: ids.len!,
        what: 'Lift to the shops',
        'duration-hours': '',
        'duration-minutes': '40',
        'date-day': '',
        'date-month': '',
        'date-year': '',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Choose 2 different people/);
      assert.match(bad.body, /Enter the date it happened/);
      assert.match(bad.body, /value="Lift to the shops"/);
      assert.match(bad.body, /value="40"/);
      const ok = await fay.post('/timebank/record', lift());
      assert.equal(ok.statusCode, 303);
      assert.equal(await balance(ids.len!), 160);
      assert.equal(await balance(ids.dot!), 5);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('subject_type', '=', 'timebank')
        .where('action', '=', 'exchange-recorded')
        .execute();
      assert.deepEqual(audit.map((a) => a.on_behalf_of_person_id).sort(), [ids.len, ids.dot].sort());
      assert.deepEqual(
        audit.map((a) => a.actor_person_id),
        [ids.fay, ids.fay],
      );
      const exchange = await t.database.db
        .selectFrom('timebank_exchanges')
        .selectAll()
        .where('id', '=', audit[0]!.subject_id)
        .executeTakeFirstOrThrow();
      assert.equal(exchange.recorded_by, ids.fay);
      assert.equal(exchange.status, 'confirmed');
    });

    test('staff correct a mistake with a reason; correcting twice, or correcting a correction, is refused', async () => {
      // Len has 2 hours 40 and Dot 5 minutes, after the lift Fay recorded.
      await creditTheMenuTasting();
      await dotChoseCredits();
      await fayRecordsALift();
      const fay = await signedInClient(t, 'fay@example.com');
      const overview = await fay.get('/timebank/overview');
      assert.match(overview.body, /All accounts add up to zero/);
      const line = (await t.services.timebank.statements.recent(org.organisationId)).find(
        (l) => l.kind === 'exchange' && l.memo === 'Lift to the shops',
      )!;
      const form = await fay.get(`/timebank/transactions/${line.transactionId}/reverse`);
      assert.match(form.body, /Lift to the shops/);
      const empty = await fay.post(`/timebank/transactions/${line.transactionId}/reverse`, { reason: ' ' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /Say why you are correcting it/);
      assert.equal(
        (await fay.post(`/timebank/transactions/${line.transactionId}/reverse`, { reason: 'It was Dot who gave Len a lift' })).statusCode,
        303,
      );
      assert.equal(await balance(ids.len!), 120);
      assert.equal(await balance(ids.dot!), 45);
      await fay.get(`/timebank/overview`);
      const twice = await fay.post(`/timebank/transactions/${line.transactionId}/reverse`, { reason: 'Again' });
      assert.equal(twice.statusCode, 400);
      assert.match(twice.body, /This has already been corrected/);
      const correction = (await t.services.timebank.statements.recent(org.organisationId)).find(
        (l) => l.reversesId === line.transactionId,
      )!;
      const undo = await fay.post(`/timebank/transactions/${correction.transactionId}/reverse`, { reason: 'Undo' });
      assert.equal(undo.statusCode, 400);
      assert.match(undo.body, /A correction cannot be corrected/);
      const after = await fay.get('/timebank/overview');
      assert.match(after.body, /All accounts add up to zero/);
      assert.match(after.body, /Correction: It was Dot who gave Len a lift/);
      const person = await fay.get(`/timebank/people/${ids.len}`);
      assert.match(person.body, /Len Offline has 2 hours/);
    });

    test('partners: staff add an offer, a member spends credits and gets a code to show; not beyond the floor', async () => {
      // Mo has 5 hours from two swaps and a meeting; nobody may go more than 10 hours below zero.
      await moHelpsSamWithForms();
      await moGardensForSam();
      await creditTheMenuTasting();
      const fay = await signedInClient(t, 'fay@example.com');
      await fay.get('/timebank/partners');
      const bad = await fay.post('/timebank/partners', { partnerName: 'Northby Leisure Centre', what: '', 'duration-hours': '1' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Say what people get/);
      assert.match(bad.body, /value="Northby Leisure Centre"/);
      assert.equal(
        (await fay.post('/timebank/partners', { partnerName: 'Northby Leisure Centre', what: 'One swim', 'duration-hours': '1' }))
          .statusCode,
        303,
      );
      assert.equal(
        (await fay.post('/timebank/partners', { partnerName: 'Northby Leisure Centre', what: 'A month of gym', 'duration-hours': '20' }))
          .statusCode,
        303,
      );
      const offers = await t.services.timebank.partners.offers(org.organisationId);
      const swim = offers.find((o) => o.what === 'One swim')!;
      const gym = offers.find((o) => o.what === 'A month of gym')!;

      const mo = await signedInClient(t, 'mo@example.com');
      assert.match((await mo.get('/timebank')).body, /One swim at Northby Leisure Centre: 1 hour/);
      await mo.get(`/timebank/partners/${swim.id}/spend`);
      const spent = await mo.post(`/timebank/partners/${swim.id}/spend`);
      assert.equal(spent.statusCode, 303);
      const receipt = await mo.get(String(spent.headers.location));
      assert.equal(receipt.statusCode, 200);
      assert.match(receipt.body, /Show this at Northby Leisure Centre/);
      assert.match(receipt.body, /[0-9A-F]{8}/);
      assert.equal(await balance(ids.mo!), 240);
      // Someone else's receipt is not theirs to see.
      const sam = await signedInClient(t, 'sam@example.com');
      assert.equal((await sam.get(String(spent.headers.location))).statusCode, 404);
      await mo.get(`/timebank/partners/${gym.id}/spend`);
      const tooMuch = await mo.post(`/timebank/partners/${gym.id}/spend`);
      assert.equal(tooMuch.statusCode, 400);
      assert.match(tooMuch.body, /You do not have enough time credits/);
      assert.equal(await balance(ids.mo!), 240);
      await fay.get('/timebank/partners');
      assert.equal((await fay.post(`/timebank/partners/${gym.id}/withdraw`)).statusCode, 303);
      assert.equal((await mo.get(`/timebank/partners/${gym.id}/spend`)).statusCode, 404);
    });

    test('members only act for themselves; staff pages are for staff', async () => {
      const { offer, swap } = await moHelpsSamWithForms();
      await moGardensForSam();
      const meeting = await creditTheMenuTasting();
      const { swim, receipt } = await moSpendsOnASwim();
      const kim = await signedInClient(t, 'kim@example.com');
      assert.equal((await kim.get(`/timebank/exchanges/${swap}`)).statusCode, 404);
      await kim.get('/timebank');
      assert.equal((await kim.post(`/timebank/exchanges/${swap}/propose`, swapDone)).statusCode, 404);
      assert.equal((await kim.post(`/timebank/exchanges/${swap}/withdraw`)).statusCode, 404);
      assert.equal((await kim.post(`/timebank/listings/${offer}/close`)).statusCode, 403);
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get('/timebank');
      assert.equal((await mo.post(`/timebank/listings/${offer}/respond`, {})).statusCode, 403, 'not on your own post');
      for (const path of [
        '/timebank/overview',
        `/timebank/people/${ids.mo}`,
        '/timebank/meetings',
        `/timebank/meetings/${meeting}`,
        '/timebank/record',
        '/timebank/settings',
        '/timebank/partners',
        `/timebank/transactions/${receipt}/reverse`,
      ]) {
        assert.equal((await kim.get(path)).statusCode, 403, path);
      }
      for (const path of [
        '/timebank/record',
        '/timebank/settings',
        '/timebank/partners',
        `/timebank/meetings/${meeting}`,
        `/timebank/transactions/${receipt}/reverse`,
        `/timebank/partners/${swim}/withdraw`,
      ]) {
        assert.equal((await kim.post(path, { floor: 'none', reason: 'x' })).statusCode, 403, path);
      }
      assert.equal(await t.services.timebank.ledger.floor(org.organisationId), -600);
      assert.equal((await new Client(t.app).get('/timebank')).statusCode, 303);
      // Staff may look at a swap but not act in it for the two people.
      const fay = await signedInClient(t, 'fay@example.com');
      assert.equal((await fay.get(`/timebank/exchanges/${swap}`)).statusCode, 200);
      await fay.get(`/timebank/exchanges/${swap}`);
      assert.equal((await fay.post(`/timebank/exchanges/${swap}/propose`, swapDone)).statusCode, 403);
      const admin = await signedInClient(t, 'admin@northshire.test');
      assert.equal((await admin.get('/timebank/overview')).statusCode, 200);
    });

    test('either side can stop a swap before it is done; an owner closes their post', async () => {
      const request = await samAsksForGardenHelp();
      const kim = await signedInClient(t, 'kim@example.com');
      await kim.get(`/timebank/listings/${request}`);
      const tooLong = await kim.post(`/timebank/listings/${request}/respond`, { note: 'x'.repeat(501) });
      assert.equal(tooLong.statusCode, 400);
      assert.match(tooLong.body, /This is too long/);
      const started = idFrom((await kim.post(`/timebank/listings/${request}/respond`, { note: 'I have a strimmer' })).headers.location);
      await kim.get(`/timebank/exchanges/${started}`);
      assert.equal((await kim.post(`/timebank/exchanges/${started}/withdraw`)).statusCode, 303);
      assert.match((await kim.get(`/timebank/exchanges/${started}`)).body, /This swap was stopped/);
      assert.equal((await kim.post(`/timebank/exchanges/${started}/withdraw`)).statusCode, 409);
      const sam = await signedInClient(t, 'sam@example.com');
      await sam.get(`/timebank/listings/${request}`);
      assert.equal((await sam.post(`/timebank/listings/${request}/close`)).statusCode, 303);
      assert.match((await sam.get(`/timebank/listings/${request}`)).body, /This is closed/);
      assert.doesNotMatch((await kim.get('/timebank')).body, /Help in my garden/);
      assert.equal((await kim.post(`/timebank/listings/${request}/respond`, {})).statusCode, 409);
    });

    test('another organisation cannot see or touch any of it', async () => {
      const { offer, swap } = await moHelpsSamWithForms();
      await moGardensForSam();
      const meeting = await creditTheMenuTasting();
      const { swim, receipt } = await moSpendsOnASwim();
      const other = await signedInClient(t, 'admin@riverside.test');
      const home = await other.get('/timebank');
      assert.equal(home.statusCode, 200);
      assert.doesNotMatch(home.body, /Help with forms|One swim/);
      for (const path of [
        `/timebank/listings/${offer}`,
        `/timebank/exchanges/${swap}`,
        `/timebank/receipts/${receipt}`,
        `/timebank/transactions/${receipt}/reverse`,
        `/timebank/people/${ids.mo}`,
        `/timebank/meetings/${meeting}`,
        `/timebank/partners/${swim}/spend`,
        '/timebank/listings/not-an-id',
      ]) {
        assert.equal((await other.get(path)).statusCode, 404, path);
      }
      await other.get('/timebank');
      for (const path of [
        `/timebank/listings/${offer}/respond`,
        `/timebank/listings/${offer}/close`,
        `/timebank/exchanges/${swap}/withdraw`,
        `/timebank/partners/${swim}/spend`,
        `/timebank/partners/${swim}/withdraw`,
        `/timebank/transactions/${receipt}/reverse`,
        `/timebank/meetings/${meeting}`,
      ]) {
        assert.equal((await other.post(path, { reason: 'x', personIds: ids.mo })).statusCode, 404, path);
      }
      await other.get('/timebank/record');
      const record = await other.post('/timebank/record', {
        giverId: ids.mo!,
        receiverId: ids.sam!,
        what: 'x',
        'duration-hours': '1',
        'date-day': '1',
        'date-month': '11',
        'date-year': '2026',
      });
      assert.equal(record.statusCode, 404);
      assert.equal(await balance(ids.mo!), 240);
      assert.equal((await t.services.timebank.partners.offers(org.organisationId)).length, 1);
    });

    test('a form without its CSRF token changes nothing', async () => {
      const mo = await signedInClient(t, 'mo@example.com');
      await mo.get('/timebank/listings/new');
      const res = await mo.post(
        '/timebank/listings/new',
        { kind: 'offer', title: 'Sneaky', description: 'x', 'duration-hours': '1' },
        { csrf: null },
      );
      assert.equal(res.statusCode, 403);
      assert.doesNotMatch((await mo.get('/timebank')).body, /Sneaky/);
    });

    test('the ledger adds up: every transaction sums to zero and so does the whole organisation', async () => {
      // Every kind of transaction the tests above make: swaps, meeting credits, a claim, a recorded swap, a correction, a spend.
      await moHelpsSamWithForms();
      await moGardensForSam();
      await creditTheMenuTasting();
      await dotChoseCredits();
      await fayRecordsALift();
      await fayCorrectsTheLift();
      await moSpendsOnASwim();
      const rows = await t.database.db
        .selectFrom('timebank_entries')
        .select(['transaction_id', 'minutes'])
        .where('organisation_id', '=', org.organisationId)
        .execute();
      const sums = new Map<string, number>();
      for (const r of rows) sums.set(r.transaction_id, (sums.get(r.transaction_id) ?? 0) + r.minutes);
      assert.ok(sums.size > 5, 'several transactions');
      for (const [id, sum] of sums) assert.equal(sum, 0, id);
      const overview = await t.services.timebank.statements.overview(org.organisationId);
      assert.equal(overview.ledgerTotal, 0);
    });
  });
}
