import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import type { AccessNeeds } from '../people/access-needs.ts';

// Audit and privacy: the access check names people's needs ("Eileen Murphy: Needs braille
// papers"), so each look at it is in the audit log: who looked, when, and whose needs it named.
const needs = (n: Partial<AccessNeeds>): AccessNeeds => ({
  formats: [],
  interpreterLanguage: null,
  physical: [],
  support: [],
  dietary: null,
  other: null,
  ...n,
});

async function meetingWithInvitees(t: TestApp, count = 0) {
  const org = await organisationWithAdmin(t);
  await anotherOrganisation(t);
  const staff = { organisationId: org.organisationId, personId: org.adminPersonId, role: 'admin' as const };
  const person = async (fullName: string, account?: { email: string; role: 'facilitator' | 'member' }) =>
    (await personWithAccount(t, org.organisationId, { fullName, perspectives: ['draws-on-care'] }, account)).personId;
  const ids = {
    fay: await person('Fay Facilitator', { email: 'fay@example.com', role: 'facilitator' }),
    eileen: await person('Eileen Murphy', { email: 'eileen@example.com', role: 'member' }),
    mo: await person('Mo Member'),
    nora: await person('Nora Noway'),
  };
  await t.services.accessNeeds.save(staff, ids.eileen, true, needs({ formats: ['braille'] }));
  await t.services.accessNeeds.save(staff, ids.mo, true, needs({ physical: ['step-free'] }));
  const many: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = await person(`Guest ${i}`);
    await t.services.accessNeeds.save(staff, id, true, needs({ formats: ['large-print'] }));
    many.push(id);
  }
  const projectId = await t.services.projects.create(staff, {
    title: 'Better day centre lunches',
    purpose: 'Menus',
    activities: ['co-design'],
    levelAim: 'intermediate',
    stage: 'designing',
    startDate: '2026-11-01',
  });
  const invited = [ids.eileen, ids.mo, ids.nora, ...many];
  for (const id of [ids.fay, ...invited]) await t.services.projects.addMember(staff, projectId, id, 'member', '2026-11-01');
  const startsAt = new Date(t.now().getTime() + 10 * 86_400_000);
  const meetingId = await t.services.meetings.create(staff, projectId, {
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
  await t.services.meetings.setInvitees(staff, meetingId, invited);
  return { org, ids, meetingId, many };
}

for (const dialect of databaseDialects()) {
  describe(`a look at a meeting's access check is audited (${dialect})`, () => {
    let t: TestApp;
    afterEach(() => t.close());
    const log = () =>
      t.database.db
        .selectFrom('audit_log')
        .select(['organisation_id', 'actor_person_id', 'subject_type', 'subject_id', 'action', 'changes', 'at'])
        .where('action', 'in', ['viewed-in-access-check', 'access-check-viewed'])
        .orderBy('subject_type')
        .orderBy('subject_id')
        .execute();
    const everything = async () => (await t.database.db.selectFrom('audit_log').select('id').execute()).length;

    test('staff who see the check are logged against each person whose needs it names, and the person history says so', async () => {
      t = await makeTestApp({ dialect });
      const { org, ids, meetingId } = await meetingWithInvitees(t);
      const fay = await signedInClient(t, 'fay@example.com');
      const page = await fay.get(`/meetings/${meetingId}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Eileen Murphy/);
      assert.match(page.body, /Needs braille papers/);

      const at = t.now().toISOString();
      const seen = (personId: string) => ({
        organisation_id: org.organisationId,
        actor_person_id: ids.fay,
        subject_type: 'access-needs',
        subject_id: personId,
        action: 'viewed-in-access-check',
        changes: '[]',
        at,
      });
      const expected = [
        seen(ids.eileen),
        seen(ids.mo),
        {
          organisation_id: org.organisationId,
          actor_person_id: ids.fay,
          subject_type: 'meeting',
          subject_id: meetingId,
          action: 'access-check-viewed',
          changes: JSON.stringify([{ field: 'people', to: 2 }]),
          at,
        },
      ].sort((a, b) => a.subject_type.localeCompare(b.subject_type) || a.subject_id.localeCompare(b.subject_id));
      // Nora has no needs recorded: nothing about her was shown, so nothing is logged about her.
      assert.deepEqual(await log(), expected);

      const admin = await signedInClient(t, 'admin@northshire.test');
      const history = await admin.get(`/people/${ids.eileen}/history`);
      assert.equal(history.statusCode, 200);
      assert.match(history.body, /Access needs: Seen while checking a meeting works for everyone/);
      assert.match(history.body, /Fay Facilitator/);
    });

    test('the page for accepting a gap names one person, and logs that one', async () => {
      t = await makeTestApp({ dialect });
      const { ids, meetingId } = await meetingWithInvitees(t);
      const fay = await signedInClient(t, 'fay@example.com');
      const page = await fay.get(`/meetings/${meetingId}/gaps/accept?personId=${ids.eileen}&need=format%3Abraille`);
      assert.equal(page.statusCode, 200);
      const rows = await log();
      assert.deepEqual(
        rows.map((r) => [r.subject_type, r.subject_id, r.actor_person_id, r.at]),
        [
          ['access-needs', ids.eileen, ids.fay, t.now().toISOString()],
          ['meeting', meetingId, ids.fay, t.now().toISOString()],
        ],
      );
    });

    test('another organisation, and a member who is not shown the check, read nothing and write nothing', async () => {
      t = await makeTestApp({ dialect });
      const { ids, meetingId } = await meetingWithInvitees(t);
      const before = await everything();
      const other = await signedInClient(t, 'admin@riverside.test');
      assert.equal((await other.get(`/meetings/${meetingId}`)).statusCode, 404);
      assert.equal((await other.get(`/meetings/${meetingId}/gaps/accept?personId=${ids.eileen}&need=format%3Abraille`)).statusCode, 404);
      const eileen = await signedInClient(t, 'eileen@example.com');
      const own = await eileen.get(`/meetings/${meetingId}`);
      assert.equal(own.statusCode, 200);
      assert.doesNotMatch(own.body, /Needs a step-free way in/);
      assert.equal(await everything(), before);
    });

    test('a meeting of 200 people with needs writes its log in one insert', async () => {
      let inserts = 0;
      let counting = false;
      t = await makeTestApp({
        dialect,
        onQuery: (sql) => void (counting && /^insert into "audit_log"/i.test(sql) && inserts++),
      });
      const { meetingId, many } = await meetingWithInvitees(t, 197);
      const fay = await signedInClient(t, 'fay@example.com');
      counting = true;
      const page = await fay.get(`/meetings/${meetingId}`);
      counting = false;
      assert.equal(page.statusCode, 200);
      assert.equal(inserts, 1);
      const named = (await log()).filter((r) => r.subject_type === 'access-needs');
      assert.equal(named.length, 2 + many.length);
    });
  });
}
