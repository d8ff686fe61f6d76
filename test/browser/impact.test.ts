import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { londonToUtc } from '../../src/modules/meetings/meeting-time.ts';
import { londonToday } from '../../src/platform/time.ts';
import { browserMissing, expectAccessible, browserClock } from './harness.ts';
import { browserWorld, signedInPage } from './world.ts';

describe(
  'journey: the impact dashboard and a report with charts, on screen, on paper and as a PDF (V1, V4)',
  { skip: browserMissing },
  () => {
    const world = browserWorld();
    beforeEach(async () => {
      const { services, db, staff } = world;
      const adminRow = await db.selectFrom('accounts').select('id').where('person_id', '=', world.adminPersonId).executeTakeFirstOrThrow();
      const admin = {
        accountId: adminRow.id,
        personId: world.adminPersonId,
        organisationId: world.organisationId,
        organisationName: 'Northshire County Council',
        role: 'admin' as const,
        name: 'Ada Admin',
      };
      const lived: string[] = [];
      for (let i = 1; i <= 11; i++)
        lived.push(await services.people.create(staff, { fullName: `Lived Person ${i}`, perspectives: ['draws-on-care'] }));
      const workers: string[] = [];
      for (let i = 1; i <= 4; i++)
        workers.push(await services.people.create(staff, { fullName: `Worker ${i}`, perspectives: ['practitioner'] }));
      const carer = await services.people.create(staff, { fullName: 'Sue Carer', perspectives: ['carer'] });
      const projectId = await services.projects.create(staff, {
        title: 'Better day centre lunches',
        purpose: 'Choose food together.',
        activities: ['co-design'],
        levelAim: 'intermediate',
        stage: 'designing',
        startDate: '2026-01-05',
      });
      const everyone = [...lived, ...workers, carer];
      for (const p of everyone) await services.projects.addMember(staff, projectId, p, 'member', '2026-01-05');
      // Yesterday in London: a meeting everyone came to.
      const today = londonToday(browserClock());
      const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      const at = (time: string) => {
        const utc = londonToUtc(yesterday, time);
        if (!utc.ok) throw new Error(`no such time ${time}`);
        return utc.iso;
      };
      const meetingId = await services.meetings.create(staff, projectId, {
        title: 'Menu tasting',
        purpose: 'Taste soups',
        startsAt: at('10:00'),
        endsAt: at('12:00'),
        format: 'in-person',
        venueId: null,
        joiningDetails: null,
        membersOnly: false,
        arrangements: [],
        interpreterLanguages: [],
      });
      await services.meetingRecords.saveAttendance(
        staff,
        meetingId,
        everyone.map((personId) => ({ personId, status: 'present' as const, arrivedAt: at('10:00'), leftAt: at('12:00') })),
      );
      await services.budgets.setPlanned(admin, projectId, {
        payments: 50000,
        expenses: 10000,
        venues: 0,
        interpreters: 0,
        training: 0,
        other: 0,
      });
      // A review open now, answered in person: the jigsaw chart has figures for both groups.
      const cycle = await services.reviews.create(staff, {
        title: 'Winter review',
        projectId: null,
        opensOn: yesterday,
        closesOn: today,
        schedule: 'none',
        gapThresholdTenths: 10,
      });
      if (!cycle.ok) throw new Error('review not opened');
      for (const [ids, rating] of [
        [lived.slice(0, 3), 2],
        [workers.slice(0, 3), 4],
      ] as const) {
        for (const id of ids)
          await services.reviews.saveSection(
            admin,
            cycle.id,
            id,
            (['C1', 'C2', 'C3'] as const).map((code) => ({ code, answer: rating, comment: null })),
            'in-person',
          );
      }
      // An outcome asked in January and again now: the before/after chart.
      const outcomeId = await services.outcomes.addOutcome(admin, projectId, {
        title: 'I feel listened to',
        measure: 'scale',
        question: 'Do you feel listened to?',
        unit: null,
        agreedHow: null,
      });
      for (const [phase, opensOn, closesOn, score] of [
        ['before', '2026-01-10', '2026-01-20', 2],
        ['after', yesterday, today, 4],
      ] as const) {
        const round = await services.outcomes.surveys.addRound(admin, projectId, { phase, opensOn, closesOn });
        if (!round.ok) throw new Error('round not added');
        for (const id of lived.slice(0, 4)) await services.outcomes.surveys.record(admin, round.id, id, { [outcomeId]: score });
      }
    });

    test('staff open the dashboard, make a report, correct a wrong date, print it and download the PDF', async () => {
      const { context, page } = await signedInPage(world, 'ada@northshire.test', 'Ada Admin');

      await page.getByRole('link', { name: 'Impact', exact: true }).click();
      await page.getByRole('heading', { name: 'Impact dashboard', level: 1 }).waitFor();
      await expectAccessible(page, 'impact dashboard');
      // The charts are images named by their title and description.
      const gap = page.getByRole('img', { name: /^Average rating for each jigsaw piece: people with lived experience and staff/ });
      assert.equal(await gap.count(), 1);
      const people = page.getByRole('img', { name: /^People who took part in meetings, by perspective 15 people took part in meetings\./ });
      assert.equal(await people.count(), 1);
      assert.match(
        await page
          .getByText(/^Staff rated things 2\.0 points higher/)
          .first()
          .innerText(),
        /people with lived experience/,
      );
      // 11 people who draw on care -> 10; one carer -> "fewer than 8" (hours "not shown"); 4 workers -> "fewer than 8".
      const table = page.getByRole('table', { name: 'People and hours by perspective' });
      assert.match(await table.innerText(), /People who draw on care and support\s+10\s+22/);
      assert.match(await table.innerText(), /Carers\s+fewer than 8\s+not shown/);

      await page.getByRole('link', { name: 'Make a report for a project or the whole organisation' }).click();
      await page.getByRole('heading', { name: 'Impact report: Northshire County Council', level: 1 }).waitFor();
      await expectAccessible(page, 'impact report (organisation)');

      // A date that does not exist: the error is shown and what was typed stays.
      await page.getByLabel('What the report is about').selectOption({ label: 'Better day centre lunches' });
      const from = page.getByRole('group', { name: 'From' });
      await from.getByLabel('Day').fill('31');
      await from.getByLabel('Month').fill('2');
      await from.getByLabel('Year').fill('2026');
      await page.getByRole('button', { name: 'Show report' }).click();
      await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
      await expectAccessible(page, 'impact report with an error');
      assert.equal(await page.getByRole('group', { name: /From/ }).getByLabel('Day').inputValue(), '31');
      assert.equal(
        await page.getByLabel('What the report is about').inputValue(),
        await page.getByRole('option', { name: 'Better day centre lunches' }).getAttribute('value'),
      );

      await page.getByRole('group', { name: /From/ }).getByLabel('Day').fill('1');
      await page.getByRole('group', { name: /From/ }).getByLabel('Month').fill('1');
      await page.getByRole('button', { name: 'Show report' }).click();
      await page.getByRole('heading', { name: 'Impact report: Better day centre lunches', level: 1 }).waitFor();
      await expectAccessible(page, 'impact report (project)');
      assert.match(
        await page.getByRole('heading', { name: 'Summary' }).locator('xpath=following-sibling::p[2]').innerText(),
        /^1 meeting was held\. 15 people took part and gave 32 hours\.$/,
      );
      assert.equal(await page.getByRole('img', { name: /^Hours given at meetings, by perspective/ }).count(), 1);
      assert.equal(
        await page.getByRole('img', { name: /^Outcomes before and after: average rating out of 5 1 outcome was measured/ }).count(),
        1,
      );
      assert.equal(await page.getByRole('table', { name: 'The figures in the chart: Hours given at meetings, by perspective' }).count(), 1);
      assert.match(
        await page
          .getByText(/^The budget for co-production is £600\.00/)
          .first()
          .innerText(),
        /£600\.00 of the whole budget is left\./,
      );

      // On paper: the form and menus go, the report and its charts stay.
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.getByRole('button', { name: 'Show report' }).isVisible(), false);
      assert.equal(await page.getByRole('navigation', { name: 'Menu' }).isVisible(), false);
      assert.equal(await page.getByRole('img', { name: /^People who took part in meetings/ }).isVisible(), true);
      await page.emulateMedia({ media: 'screen' });

      const href = await page.getByRole('link', { name: 'Download this report as a PDF' }).getAttribute('href');
      assert.match(String(href), /^\/impact\/report\.pdf\?scope=[0-9a-f-]{36}&from=2026-01-01&to=\d{4}-\d{2}-\d{2}$/);
      const pdf = await page.request.get(String(href));
      assert.equal(pdf.status(), 200);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');
      assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');

      await page.goto('/impact');
      await page.getByRole('link', { name: 'Change how small numbers are shown' }).click();
      await page.getByRole('heading', { name: 'How small numbers are shown', level: 1 }).waitFor();
      await expectAccessible(page, 'small-number settings');
      await page.getByLabel('Hide counts below this number').fill('');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
      await expectAccessible(page, 'small-number settings with an error');
      await context.close();
    });
  },
);
