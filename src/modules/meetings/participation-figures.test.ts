import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { databaseDialects, freshDatabase, type TestDatabase } from '../../../test/helpers/databases.ts';
import { insertMeeting } from '../../../test/helpers/meetings.ts';
import { participation, type Presence } from '../impact/participation.ts';
import { perspectives } from '../people/vocabulary.ts';
import { participationFigures } from './participation-figures.ts';

// V4: the impact figures are counted by the database. They must say exactly what the plain
// rule in impact/participation.ts says for the same meetings and people, whatever the mix:
// cancelled and future meetings, people with several perspectives or none, missing times.
const org = 'org-1';
const project = 'prj-1';
const otherProject = 'prj-2';
const day = 86_400_000;
const base = Date.UTC(2026, 0, 1, 10);
const nowIso = new Date(base + 40 * day).toISOString();
const period = { fromIso: new Date(base + 5 * day).toISOString(), toIso: new Date(base + 50 * day).toISOString() };

const worldArb = fc.record({
  people: fc.array(fc.uniqueArray(fc.constantFrom(...perspectives), { maxLength: 3 }), { minLength: 1, maxLength: 8 }),
  meetings: fc.array(
    fc.record({
      day: fc.integer({ min: 0, max: 60 }),
      hours: fc.integer({ min: 1, max: 3 }),
      cancelled: fc.boolean(),
      other: fc.boolean(),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  attendance: fc.array(
    fc.record({
      meeting: fc.nat(),
      person: fc.nat(),
      status: fc.constantFrom('present', 'present', 'apologies', 'absent'),
      minutes: fc.option(fc.integer({ min: 0, max: 200 })),
    }),
    { maxLength: 30 },
  ),
});
type World = typeof worldArb extends fc.Arbitrary<infer W> ? W : never;

for (const dialect of databaseDialects()) {
  describe(`participation figures counted by the database (${dialect})`, () => {
    let d: TestDatabase;
    before(async () => {
      d = await freshDatabase(dialect);
      const at = new Date(base).toISOString();
      await d.db.insertInto('organisations').values({ id: org, name: 'Org', area: 'Area', created_at: at }).execute();
      for (const id of [project, otherProject]) {
        await d.db
          .insertInto('projects')
          .values({
            id,
            organisation_id: org,
            title: id,
            purpose: 'p',
            activities: '[]',
            level_aim: 'co-producing',
            stage: 'doing',
            start_date: '2026-01-01',
            created_at: at,
            updated_at: at,
          })
          .execute();
      }
    });
    after(() => d.close());

    async function load(w: World) {
      const db = d.db;
      for (const table of ['meeting_attendance', 'meetings', 'person_perspectives', 'people'] as const)
        await db.deleteFrom(table).execute();
      const at = new Date(base).toISOString();
      const personIds = w.people.map((_, i) => `p${i}`);
      for (const [i, ps] of w.people.entries()) {
        await db
          .insertInto('people')
          .values({
            id: personIds[i]!,
            organisation_id: org,
            full_name: `P ${i}`,
            preferred_name: null,
            pronouns: null,
            email: null,
            mobile: null,
            landline: null,
            address: null,
            contact_order: '[]',
            contact_times: null,
            skills: null,
            knowledge: null,
            lived_experience: null,
            interests: null,
            time_to_give: null,
            unsuitable_times: null,
            calendar_feed_version: null,
            created_at: at,
            updated_at: at,
          })
          .execute();
        for (const p of ps)
          await db.insertInto('person_perspectives').values({ organisation_id: org, person_id: personIds[i]!, perspective: p }).execute();
      }
      const meetings = w.meetings.map((m, i) => {
        const starts = base + m.day * day;
        return {
          id: `m${i}`,
          startsAt: new Date(starts).toISOString(),
          endsAt: new Date(starts + m.hours * 3_600_000).toISOString(),
          ...m,
        };
      });
      for (const m of meetings) {
        await insertMeeting(db, {
          id: m.id,
          organisationId: org,
          projectId: m.other ? otherProject : project,
          title: 't',
          purpose: 'p',
          startsAt: m.startsAt,
          endsAt: m.endsAt,
          format: 'online',
          cancelledAt: m.cancelled ? at : null,
          createdAt: at,
        });
      }
      const seen = new Set<string>();
      const presences: Array<Presence & { project: string }> = [];
      for (const a of w.attendance) {
        const m = meetings[a.meeting % meetings.length]!;
        const personId = personIds[a.person % personIds.length]!;
        if (seen.has(`${m.id}/${personId}`)) continue;
        seen.add(`${m.id}/${personId}`);
        await db
          .insertInto('meeting_attendance')
          .values({
            organisation_id: org,
            meeting_id: m.id,
            person_id: personId,
            status: a.status,
            arrived_at: null,
            left_at: null,
            minutes_present: a.minutes,
            recorded_by: null,
            recorded_at: at,
          })
          .execute();
        if (a.status === 'present')
          presences.push({ meetingId: m.id, personId, minutes: a.minutes ?? m.hours * 60, project: m.other ? otherProject : project });
      }
      const held = (projectId?: string) =>
        meetings
          .filter((m) => !m.cancelled && m.startsAt <= nowIso && m.startsAt >= period.fromIso && m.startsAt < period.toIso)
          .filter((m) => !projectId || (m.other ? otherProject : project) === projectId)
          .map((m) => m.id);
      const perspectivesOf = new Map(w.people.map((ps, i) => [personIds[i]!, ps]));
      return { held, presences, perspectivesOf };
    }

    test('the database counts people and minutes by group exactly as the plain rule does', async () => {
      await fc.assert(
        fc.asyncProperty(worldArb, async (w) => {
          const { held, presences, perspectivesOf } = await load(w);
          for (const projectId of [undefined, project]) {
            const expected = participation(held(projectId), presences, perspectivesOf);
            const got = await participationFigures(d.db, org, { ...period, nowIso, ...(projectId ? { projectId } : {}) });
            assert.equal(got.meetings, expected.meetings);
            const figure = (group: string) => {
              const f = got.taking.find((t) => t.group === group);
              return { people: f?.people ?? 0, minutes: f?.minutes ?? 0 };
            };
            assert.deepEqual(figure('everyone'), expected.everyone);
            for (const [group, taking] of Object.entries(expected.byGroup)) assert.deepEqual(figure(group), taking, group);
          }
        }),
        { numRuns: 25 },
      );
    });
  });
}
