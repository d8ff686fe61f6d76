import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { newId } from '../../platform/ids.ts';
import { pageOf } from '../../platform/pagination.ts';
import { londonToday } from '../../platform/time.ts';
import { needsWithARule } from '../meetings/access-gap-query.ts';
import { arrangements, meetingFormats, paperFormats } from '../meetings/vocabulary.ts';
import { formatNeeds, physicalNeeds, supportNeeds } from '../people/vocabulary.ts';
import { venueFeatures } from '../venues/vocabulary.ts';

// P1, issue 16: the To do line "access to check" and the meetings list's "access needs not
// met yet" filter count what each meeting's own access check shows as an open gap, asked of
// the database for all meetings at once. On a world of meetings, venues, needs, papers and
// accepted gaps, made at random from a fixed seed, both must agree with the check run
// meeting by meeting.
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const day = 86_400_000;

/** A small seeded random source (mulberry32), so a failing world can be made again. */
function randomFrom(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    chance: (p: number) => next() < p,
    pick: <T>(from: readonly T[]): T => from[Math.floor(next() * from.length)]!,
    some: <T>(from: readonly T[], p: number): T[] => from.filter(() => next() < p),
  };
}

test('every need of the vocabulary has its rule in the query', () => {
  const all = [
    ...formatNeeds.map((n) => `format:${n}`),
    ...physicalNeeds.map((n) => `physical:${n}`),
    ...supportNeeds.map((n) => `support:${n}`),
  ];
  assert.deepEqual([...needsWithARule].sort(), all.sort());
});

for (const dialect of databaseDialects()) {
  describe(`access gaps: the count and the list agree with each meeting's access check (${dialect})`, () => {
    let t: TestApp;
    let org: string;
    let admin: Parameters<TestApp['services']['todo']['forStaff']>[0];
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      const first = await organisationWithAdmin(t);
      org = first.organisationId;
      admin = {
        organisationId: org,
        personId: first.adminPersonId,
        accountId: first.adminAccountId,
        organisationName: 'Northshire County Council',
        role: 'admin',
        name: 'Ada Admin',
      } as never;
    });
    afterEach(() => t.close());

    /** Meetings, venues, people with needs (one without consent), papers, invitees, in and out of the next 14 days. */
    async function world(seed: number) {
      const random = randomFrom(seed);
      const db = t.database.db;
      const at = t.now().toISOString();
      const staff = { organisationId: org, personId: admin.personId };
      const projectId = await t.services.projects.create(staff, {
        title: 'Better lunches',
        purpose: 'Menus',
        activities: ['co-design'],
        levelAim: 'intermediate',
        stage: 'planning',
        startDate: '2026-11-01',
      } as never);
      const venues = [venueFeatures, ['step-free', 'hearing-loop'], ['changing-places', 'quiet-room'], []].map((features) => ({
        id: newId(),
        organisation_id: org,
        name: `Hall ${features.length}`,
        address: 'High Street',
        run_by: null,
        features: JSON.stringify(features),
        notes: null,
        created_at: at,
        updated_at: at,
      }));
      await db.insertInto('venues').values(venues).execute();
      const people: string[] = [];
      for (let i = 0; i < 12; i++) {
        const { personId } = await personWithAccount(t, org, { fullName: `Person ${i}`, perspectives: ['draws-on-care'] });
        people.push(personId);
        if (i === 0) continue; // someone with no needs recorded
        await db
          .insertInto('access_needs')
          .values({
            organisation_id: org,
            person_id: personId,
            consent_given: i === 1 ? 0 : 1, // needs without consent are never read
            consent_recorded_at: at,
            consent_recorded_by: null,
            formats: JSON.stringify(random.some(formatNeeds, 0.12)),
            interpreter_language: random.pick([null, 'Polish', ' urdu ', '', 'Tigrinya']),
            physical: JSON.stringify(random.some(physicalNeeds, 0.12)),
            support: JSON.stringify(random.some(supportNeeds, 0.12)),
            dietary: null,
            other: null,
            updated_at: at,
          })
          .execute();
      }
      const meetings: string[] = [];
      for (let i = 0; i < 36; i++) {
        // Most in the next 14 days; some beyond, some past, a few cancelled.
        const offset = i < 30 ? 3_600_000 + (i % 12) * day : random.pick([-3 * day, 20 * day]);
        const startsAt = new Date(t.now().getTime() + offset).toISOString();
        const id = newId();
        meetings.push(id);
        await db
          .insertInto('meetings')
          .values({
            id,
            organisation_id: org,
            project_id: projectId,
            title: `Meeting ${i}`,
            purpose: 'Talk',
            starts_at: startsAt,
            ends_at: new Date(Date.parse(startsAt) + 3_600_000).toISOString(),
            format: random.pick(meetingFormats),
            venue_id: random.chance(0.8) ? random.pick(venues).id : null,
            joining_details: null,
            members_only: 0,
            arrangements: JSON.stringify(random.some(arrangements, 0.5)),
            interpreter_languages: random.pick([null, 'Polish', 'Urdu, Polish', 'Tigrinya']),
            cancelled_at: random.chance(0.1) ? at : null,
            invitations_sent_at: null,
            created_at: at,
            updated_at: at,
          })
          .execute();
        const invited = random.some(people, 0.3);
        if (invited.length)
          await db
            .insertInto('meeting_invitees')
            .values(
              invited.map((personId) => ({
                organisation_id: org,
                meeting_id: id,
                person_id: personId,
                channel: 'email',
                invited_at: at,
                reply: 'none',
                replied_at: null,
                reply_recorded_by: null,
                reply_note: null,
                reminded_at: null,
              })),
            )
            .execute();
        for (let p = 0; p < random.pick([0, 1, 2]); p++) {
          const paperId = newId();
          await db
            .insertInto('meeting_papers')
            .values({ id: paperId, organisation_id: org, meeting_id: id, title: `Paper ${p}`, created_at: at })
            .execute();
          for (const format of random.some(paperFormats, 0.6))
            await db
              .insertInto('meeting_paper_files')
              .values({
                id: newId(),
                organisation_id: org,
                paper_id: paperId,
                format,
                file_name: 'paper.pdf',
                stored_name: newId(),
                media_type: 'application/pdf',
                size_bytes: 10,
                uploaded_at: at,
                uploaded_by: null,
              })
              .execute();
        }
      }
      return { meetings, random };
    }

    /** The meetings in the to-do window, going ahead, whose access check has an open gap: one check at a time. */
    async function expected(ids: readonly string[], from: string, to: string) {
      const out: string[] = [];
      for (const id of ids) {
        const meeting = await t.services.meetings.load(org, id);
        const date = londonToday(new Date(meeting.startsAt));
        if (meeting.cancelled || date < from || date > to) continue;
        if ((await t.services.meetings.check(org, meeting)).openGaps > 0) out.push(id);
      }
      return out.sort();
    }

    async function counted(from: string, to: string) {
      const scope = { organisationId: org, projectIds: null };
      const { meetings, total } = await t.services.meetingList.page(scope, { from, to, accessGaps: true }, pageOf(1));
      const todo = await t.services.todo.forStaff(admin);
      return {
        list: meetings.map((m) => m.id).sort(),
        total,
        todo: todo.items.find((i) => i.key === 'accessToCheck')!.count,
        href: todo.items.find((i) => i.key === 'accessToCheck')!.href,
      };
    }

    for (const seed of [16, 2026]) {
      test(`a world made from seed ${seed}`, async () => {
        const other = await anotherOrganisation(t);
        const { meetings, random } = await world(seed);
        const from = londonToday(t.now());
        const to = londonToday(new Date(t.now().getTime() + 13 * day));
        const before = await expected(meetings, from, to);
        assert.ok(before.length > 2 && before.length < 25, `a world with some gaps and some without (${before.length})`);
        assert.deepEqual(await counted(from, to), {
          list: before,
          total: before.length,
          todo: before.length,
          href: (await counted(from, to)).href,
        });

        // Accepting every gap of some meetings, and one gap of others, changes what is counted.
        for (const id of before.slice(0, 6)) {
          const check = await t.services.meetings.check(org, await t.services.meetings.load(org, id));
          const gaps = check.people.flatMap((p) => p.gaps.map((g) => ({ personId: p.personId, need: g.need })));
          for (const gap of random.chance(0.5) ? gaps : gaps.slice(0, 1))
            await t.services.meetings.acceptGap(
              { organisationId: org, personId: admin.personId },
              id,
              gap.personId,
              gap.need,
              'Agreed with them',
            );
        }
        const after = await expected(meetings, from, to);
        assert.ok(after.length < before.length, 'some meetings have no open gap left');
        const now = await counted(from, to);
        assert.deepEqual({ list: now.list, total: now.total, todo: now.todo }, { list: after, total: after.length, todo: after.length });

        // The To do line's link opens the same meetings.
        const client = await signedInClient(t, 'admin@northshire.test');
        const page = await client.get(now.href);
        assert.equal(page.statusCode, 200);
        assert.match(text(page.body), new RegExp(`${after.length} meetings?`));
        for (const id of after) assert.match(page.body, new RegExp(`/meetings/${id}"`));
        // Another organisation's meetings are never counted.
        assert.equal(
          (await t.services.meetingList.page({ organisationId: other.organisationId, projectIds: null }, { accessGaps: true }, pageOf(1)))
            .total,
          0,
        );
      });
    }

    test('the kept count is counted again after each change it reads, and not after a reply', async () => {
      const { meetings } = await world(16);
      const db = t.database.db;
      const from = londonToday(t.now());
      const to = londonToday(new Date(t.now().getTime() + 13 * day));
      const version = async () =>
        Number(
          (await db.selectFrom('figure_versions').select('version').where('organisation_id', '=', org).executeTakeFirst())?.version ?? 0,
        );
      const agrees = async (what: string) => {
        const todo = (await t.services.todo.forStaff(admin)).items.find((i) => i.key === 'accessToCheck')!.count;
        assert.equal(todo, (await expected(meetings, from, to)).length, `after ${what}`);
      };
      await agrees('the world was made');
      const invitee = await db
        .selectFrom('meeting_invitees')
        .select(['meeting_id', 'person_id'])
        .where('organisation_id', '=', org)
        .where('meeting_id', 'in', meetings)
        .executeTakeFirstOrThrow();
      const changes: Array<[string, () => Promise<unknown>]> = [
        [
          'needs changed',
          () => db.updateTable('access_needs').set({ formats: '["braille","large-print"]' }).where('organisation_id', '=', org).execute(),
        ],
        ['a venue changed', () => db.updateTable('venues').set({ features: '[]' }).where('organisation_id', '=', org).execute()],
        ['paper versions removed', () => db.deleteFrom('meeting_paper_files').where('organisation_id', '=', org).execute()],
        [
          'someone no longer invited',
          () =>
            db
              .deleteFrom('meeting_invitees')
              .where('meeting_id', '=', invitee.meeting_id)
              .where('person_id', '=', invitee.person_id)
              .execute(),
        ],
        [
          'someone invited again',
          () =>
            db
              .insertInto('meeting_invitees')
              .values({
                organisation_id: org,
                meeting_id: invitee.meeting_id,
                person_id: invitee.person_id,
                channel: 'email',
                invited_at: t.now().toISOString(),
                reply: 'none',
                replied_at: null,
                reply_recorded_by: null,
                reply_note: null,
                reminded_at: null,
              })
              .execute(),
        ],
      ];
      for (const [what, change] of changes) {
        const before = await version();
        await change();
        assert.ok((await version()) > before, `${what} moves the figure version on`);
        await agrees(what);
      }
      // A reply is not read by the count: the many replies of a county leave kept figures kept.
      const before = await version();
      await db
        .updateTable('meeting_invitees')
        .set({ reply: 'yes', replied_at: t.now().toISOString() })
        .where('organisation_id', '=', org)
        .execute();
      assert.equal(await version(), before);
      await agrees('replies');
    });
  });
}
