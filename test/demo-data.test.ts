import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedDemo, demoPassword } from '../scripts/demo-data.ts';
import { demoPanelSize } from '../scripts/demo-equality.ts';
import { databaseDialects } from './helpers/databases.ts';
import { aYearApart, makeTestApp } from './helpers/test-app.ts';
import { signedInClient } from './helpers/fixtures.ts';

for (const dialect of databaseDialects())
  for (const { label, startAt } of aYearApart()) {
    describe(`demo data (${dialect}, ${label})`, () => {
      test('two organisations, about 40 people of every perspective, 5 projects at different stages, and working sign-ins', async () => {
        const t = await makeTestApp({ dialect, startAt });
        try {
          const demo = await seedDemo(t.services, t.database.db, t.now);
          const db = t.database.db;
          assert.equal((await db.selectFrom('organisations').select('id').execute()).length, 2);
          // Besides the residents' panel who answered the equality questions (scripts/demo-equality.ts).
          const named = demo.peopleCount - demoPanelSize;
          assert.ok(named >= 38 && named <= 45, String(demo.peopleCount));
          const perspectives = new Set(
            (await db.selectFrom('person_perspectives').select('perspective').execute()).map((r) => r.perspective),
          );
          assert.deepEqual([...perspectives].sort(), [
            'carer',
            'commissioner',
            'community',
            'draws-on-care',
            'family',
            'manager',
            'partner',
            'practitioner',
          ]);
          const noEmail = await db.selectFrom('people').select('id').where('email', 'is', null).execute();
          assert.ok(noEmail.length >= 5);
          assert.ok((await db.selectFrom('access_needs').select('person_id').execute()).length >= 15);
          const stages = new Set((await db.selectFrom('projects').select('stage').execute()).map((r) => r.stage));
          assert.equal(demo.projectCount, 5);
          assert.ok(stages.size >= 4);
          for (const s of demo.signIns) {
            const client = await signedInClient(t, s.email, demoPassword);
            // An independent facilitator's home is where they facilitate (issue 22).
            const home = s.role === 'independent-facilitator' ? '/facilitating' : '/';
            assert.equal((await client.get(home)).statusCode, 200, s.email);
          }
          // A council member sees only their own projects.
          const grace = await signedInClient(t, 'grace@example.org', demoPassword);
          const list = await grace.get('/projects');
          assert.match(list.body, /Better day centre lunches/);
          assert.doesNotMatch(list.body, /Young carers/);
          // An open poll of times for the lunches project, answered in several ways, with Dennis's travel help too soon for its first time.
          const [poll] = await db.selectFrom('time_polls').select(['id', 'status', 'closes_at']).execute();
          assert.ok(poll && poll.status === 'open' && poll.closes_at > t.now().toISOString());
          const pollPage = await (await signedInClient(t, 'hannah.lowe@northshire.example', demoPassword)).get(`/time-polls/${poll.id}`);
          assert.match(pollPage.body, /Too soon to book Dennis Whitfield&#39;s help with travel/);
          assert.match(pollPage.body, /Recorded by phone by /);
          // Meetings: one past with a register and a sent summary, some coming up, at real venues.
          assert.equal((await db.selectFrom('venues').select('id').execute()).length, 3);
          const meetings = await db.selectFrom('meetings').select(['id', 'title', 'ends_at']).execute();
          // 4 for the lunches and letters projects, 2 open forums for the impact dashboard.
          assert.equal(meetings.length, 6);
          const past = meetings.find((m) => m.title === 'Tasting day')!;
          assert.ok(
            (
              await db
                .selectFrom('meeting_attendance')
                .select('person_id')
                .where('meeting_id', '=', past.id)
                .where('status', '=', 'present')
                .execute()
            ).length >= 4,
          );
          assert.ok(
            (await db.selectFrom('outbox').select('id').where('about_id', '=', past.id).where('kind', '=', 'summary').execute()).length >=
              4,
          );
          const admin = await signedInClient(t, 'admin@northshire.example', demoPassword);
          for (const m of meetings) assert.equal((await admin.get(`/meetings/${m.id}`)).statusCode, 200, m.title);
          assert.match((await grace.get(`/meetings/${past.id}`)).body, /Leek soup on Mondays/);
          // Payments: a policy, claims made from the past meeting's register, a budget.
          const claimRows = await db.selectFrom('claims').select(['person_id', 'status']).execute();
          assert.ok(claimRows.length >= 4, String(claimRows.length));
          for (const url of ['/rewards', '/rewards/policy', '/claims', `/projects/${demo.sampleProjectId}`])
            assert.equal((await admin.get(url)).statusCode, 200, url);
          // Time bank: credits from the past meeting, offers and requests, a confirmed swap,
          // one waiting for a yes (its message queued), partners; and the ledger adds up.
          const council = (
            await db.selectFrom('organisations').select('id').where('name', '=', 'Northshire County Council').executeTakeFirstOrThrow()
          ).id;
          const tb = await t.services.timebank.statements.overview(council);
          assert.equal(tb.ledgerTotal, 0);
          assert.ok(tb.people.filter((p) => p.balance > 0).length >= 3, 'people earned credits');
          const attendance = await db
            .selectFrom('timebank_transactions')
            .select('id')
            .where('organisation_id', '=', council)
            .where('kind', '=', 'attendance')
            .execute();
          assert.ok(attendance.length >= 3, String(attendance.length));
          const swaps = await db.selectFrom('timebank_exchanges').select(['id', 'status']).where('organisation_id', '=', council).execute();
          assert.ok(swaps.some((x) => x.status === 'confirmed'));
          const waiting = swaps.find((x) => x.status === 'proposed')!;
          assert.ok(
            (await db.selectFrom('outbox').select('id').where('about_id', '=', waiting.id).where('kind', '=', 'timebank').execute())
              .length >= 1,
          );
          assert.ok((await t.services.timebank.partners.offers(council)).length >= 2);
          const board = (await grace.get('/timebank')).body;
          assert.match(board, /Help in my garden/);
          assert.match(board, /One swim at Northby Leisure Centre/);
          const priya = await signedInClient(t, 'priya@example.org', demoPassword);
          assert.match((await priya.get('/timebank')).body, /Lily Chen says it happened/);
          for (const url of ['/timebank/overview', '/timebank/partners']) assert.equal((await admin.get(url)).statusCode, 200, url);
        } finally {
          await t.close();
        }
      });
    });
  }
