import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { londonToUtc } from '../../src/modules/meetings/meeting-time.ts';
import { londonToday } from '../../src/platform/time.ts';
import { browserMissing, expectAccessible, browserClock } from './harness.ts';
import { browserWorld, signedInPage } from './world.ts';

describe(
  'journey: from attendance to claims, approval with the benefits check, and the finance export (S2, S3)',
  { skip: browserMissing },
  () => {
    const world = browserWorld();
    let meetingId: string;
    let projectId: string;
    let graceId: string;
    beforeEach(async () => {
      const { services, staff } = world;
      const grace = await world.person({ fullName: 'Grace Okafor', perspectives: ['draws-on-care'] }, { email: 'grace@example.org' });
      const dennis = await world.person({ fullName: 'Dennis Whitfield', perspectives: ['draws-on-care'], landline: '01632 960001' });
      const rates = {
        meeting: 1500,
        preparation: 1000,
        training: 1200,
        'recruitment-panel': 2000,
        consultation: 1500,
        'peer-support': 1300,
        other: 1000,
      };
      await services.rewards.addPolicy(staff, {
        effectiveFrom: '2020-01-01',
        rates,
        preparation: { kind: 'per-meeting-hour', minutes: 30 },
        mileagePencePerMile: 45,
      });
      await services.rewards.chooseReward(staff, grace, { way: 'bank-transfer', lowerAmountPence: null, charity: null });
      await services.rewards.chooseReward(staff, dennis, { way: 'time-credits', lowerAmountPence: null, charity: null });
      await services.rewards.saveBenefits(staff, grace, true, {
        universalCredit: { assessmentStartDay: 1 },
        esaPermittedWork: false,
        other: null,
      });
      await services.rewards.addLimit(staff, { kind: 'universal-credit', effectiveFrom: '2020-01-01', limitPence: 3000 });
      projectId = await services.projects.create(staff, {
        title: 'Better day centre lunches',
        purpose: 'Choose food together.',
        activities: ['co-design'],
        levelAim: 'intermediate',
        stage: 'designing',
        startDate: '2026-01-05',
      });
      for (const p of [grace, dennis]) await services.projects.addMember(staff, projectId, p, 'member', '2026-01-05');
      graceId = grace;
      // Today, so that the reward choices made today apply to it.
      const today = londonToday(browserClock());
      const at = (time: string) => {
        const utc = londonToUtc(today, time);
        if (!utc.ok) throw new Error(`no such time ${time}`);
        return utc.iso;
      };
      meetingId = await services.meetings.create(staff, projectId, {
        title: 'Menu tasting',
        purpose: 'Taste soups',
        startsAt: at('09:00'),
        endsAt: at('11:00'),
        format: 'in-person',
        venueId: null,
        joiningDetails: null,
        membersOnly: false,
        arrangements: [],
        interpreterLanguages: [],
      });
      await services.meetingRecords.saveAttendance(staff, meetingId, [
        { personId: grace, status: 'present', arrivedAt: at('09:00'), leftAt: at('11:00') },
        { personId: dennis, status: 'present', arrivedAt: at('09:00'), leftAt: at('11:00') },
      ]);
    });

    test('staff make claims from attendance, see the benefits check, approve, and export for finance', async () => {
      const { context, page } = await signedInPage(world, 'ada@northshire.test', 'Ada Admin', { open: `/meetings/${meetingId}` });
      await expectAccessible(page, 'meeting');
      await page.getByRole('link', { name: 'Make claims from attendance' }).click();
      await page.getByRole('heading', { name: 'Claims from Menu tasting' }).waitFor();
      await expectAccessible(page, 'claims from a meeting');
      await page.getByRole('button', { name: 'Make 2 claims' }).click();
      await page.getByText('2 claims are made and waiting for approval').waitFor();
      await expectAccessible(page, 'claims made');

      await page.getByRole('link', { name: /Meeting for Grace Okafor/ }).click();
      await page.getByText('Waiting for approval').first().waitFor();
      await expectAccessible(page, 'a claim');
      await page.getByRole('button', { name: 'Check and approve' }).click();
      await page.getByRole('heading', { name: 'Check and approve: Grace Okafor' }).waitFor();
      await page.getByText('Paying £40.00 would take Grace Okafor over a benefits limit').waitFor();
      await page.getByRole('button', { name: 'Take time credits instead' }).waitFor();
      await expectAccessible(page, 'approve with the benefits check');
      await page.getByRole('button', { name: 'Approve', exact: true }).click();
      await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
      await expectAccessible(page, 'approve with an error');
      // The last box is the one beside Approve; the first goes with paying part.
      await page
        .getByRole('checkbox', { name: /I have talked with Grace Okafor/ })
        .last()
        .check();
      await page.getByRole('button', { name: 'Approve', exact: true }).click();
      await page.getByText('The claim is approved').waitFor();
      await expectAccessible(page, 'claim approved');

      await page.goto('/claims?status=submitted');
      await expectAccessible(page, 'claims waiting');
      await page.getByRole('link', { name: /Meeting for Dennis Whitfield/ }).click();
      await page.getByText('3 hours of time credits').first().waitFor();
      await expectAccessible(page, 'a time credits claim');
      await page.getByRole('button', { name: 'Check and approve' }).click();
      await expectAccessible(page, 'approve time credits');
      await page.getByRole('button', { name: 'Approve', exact: true }).click();
      await page.getByText('The claim is approved').waitFor();

      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Claims' }).click();
      await page.getByRole('heading', { name: 'Claims', level: 1 }).waitFor();
      await expectAccessible(page, 'claims');
      await page.getByRole('link', { name: 'Finance export' }).click();
      await page.getByRole('heading', { name: 'Finance export' }).waitFor();
      await expectAccessible(page, 'finance export');
      const csvHref = await page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href');
      const csv = await page.request.get(csvHref!);
      assert.equal(csv.status(), 200);
      const text = await csv.text();
      // Text is quoted and each claim has its number, never the code the app keeps.
      assert.match(text, /"Grace Okafor","Bank transfer","C-[0-9A-Z]{4}-[0-9A-Z]{4}"/);
      assert.doesNotMatch(text, /meeting:/);
      assert.match(text, /"Total",+40\.00/);
      assert.doesNotMatch(text, /Dennis Whitfield/, 'time credits move no money, so finance does not see them');
      const xlsx = await page.request.get((await page.getByRole('link', { name: /spreadsheet/ }).getAttribute('href'))!);
      assert.match(xlsx.headers()['content-type']!, /spreadsheetml/);

      await page.goto(`/projects/${projectId}`);
      await page.getByRole('heading', { name: 'Co-production budget' }).waitFor();
      await expectAccessible(page, 'project with its budget');
      await page.getByRole('link', { name: 'See and plan the budget' }).click();
      await expectAccessible(page, 'budget');
      await page.getByLabel('Payments to people').fill('600');
      await page.getByRole('button', { name: 'Save the plan' }).click();
      await page.getByText('The budget plan is saved').waitFor();
      await page
        .getByRole('row', { name: /Payments to people/ })
        .getByRole('cell', { name: '£560.00' })
        .waitFor();
      await expectAccessible(page, 'budget planned');
      await context.close();
    });

    /**
     * Grace's £40.00 meeting claim, made from the register and approved over her benefits
     * limit after talking it through, as staff do in the journey above: her statement has a
     * payment to show.
     */
    async function graceMeetingClaimApproved() {
      const { services, db } = world;
      const account = await db.selectFrom('accounts').select('id').where('person_id', '=', world.adminPersonId).executeTakeFirstOrThrow();
      const ada = {
        ...world.staff,
        accountId: account.id,
        organisationName: 'Northshire County Council',
        role: 'admin' as const,
        name: 'Ada Admin',
      };
      const made = await services.meetingClaims.makeFromAttendance(ada, meetingId);
      assert.equal(made.made, 2);
      const claim = await db
        .selectFrom('claims')
        .select('id')
        .where('meeting_id', '=', meetingId)
        .where('person_id', '=', graceId)
        .executeTakeFirstOrThrow();
      const approved = await services.claimWorkflow.approve(ada, claim.id, { confirmedOverLimit: true });
      assert.ok(approved.ok);
    }

    test('with JavaScript off, a member claims back a bus fare; then sees it and their statement', async () => {
      await graceMeetingClaimApproved();
      const { context: noJs, page } = await signedInPage(world, 'grace@example.org', 'Grace Okafor', {
        open: '/my-claims',
        javaScriptEnabled: false,
      });
      await page.getByRole('button', { name: 'Claim back money I spent' }).click();
      await page.getByLabel('Bus, train or tram fare').check();
      await page.getByLabel('How much did you spend?').fill('4.80');
      const today = londonToday(browserClock()).split('-');
      await page.getByLabel('Day').fill(String(Number(today[2])));
      await page.getByLabel('Month').fill(String(Number(today[1])));
      await page.getByLabel('Year').fill(today[0]!);
      await page.getByLabel('Receipt or ticket (optional)').setInputFiles({
        name: 'ticket.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
      });
      await page.getByRole('button', { name: 'Send for approval' }).click();
      await page.getByText('Thank you. We have your claim and will check it.').waitFor();
      await page.getByRole('link', { name: 'ticket.pdf' }).waitFor();
      const saved = await world.db
        .selectFrom('claims')
        .select(['amount_pence', 'status'])
        .where('kind', '=', 'expense')
        .executeTakeFirstOrThrow();
      assert.deepEqual(saved, { amount_pence: 480, status: 'submitted' });
      await noJs.close();

      const { context, page: member } = await signedInPage(world, 'grace@example.org', 'Grace Okafor');
      await member.getByRole('link', { name: 'My payments' }).click();
      await member.getByRole('heading', { name: 'My payments' }).waitFor();
      await expectAccessible(member, 'my payments');
      await member.getByRole('link', { name: /Bus, train or tram fare/ }).click();
      await member.getByText('We are checking it').first().waitFor();
      await expectAccessible(member, 'my expense');
      await member.goto('/my-claims/expenses/new');
      await expectAccessible(member, 'claim back money');
      await member.getByRole('button', { name: 'Send for approval' }).click();
      await member.getByRole('heading', { name: 'There is a problem' }).waitFor();
      await expectAccessible(member, 'claim back money with errors');
      await member.goto('/my-claims/statement');
      await member.getByRole('heading', { name: 'My statement' }).waitFor();
      await member.getByText('£40.00').first().waitFor();
      await expectAccessible(member, 'my statement');
      await member.getByRole('heading', { name: 'Time bank' }).waitFor();

      // Printed, the statement keeps what matters and drops the menu, links back and forms;
      // type is readable, a table row never splits across pages, and links print as words.
      await member.emulateMedia({ media: 'print' });
      assert.equal(await member.getByRole('navigation', { name: 'Menu' }).isVisible(), false, 'no menu');
      assert.equal(await member.getByRole('link', { name: 'Back' }).isVisible(), false, 'no back link');
      assert.equal(await member.getByRole('button', { name: 'Show statement' }).isVisible(), false, 'no period form');
      assert.equal(await member.getByText("To print this, use your browser's Print button.").isVisible(), false);
      assert.equal(await member.getByRole('heading', { name: 'My statement' }).isVisible(), true);
      const payments = member.getByRole('table', { name: 'Payments' });
      assert.equal(await payments.isVisible(), true);
      const row = payments.getByRole('row').nth(1);
      assert.equal(await row.evaluate((el) => getComputedStyle(el).breakInside), 'avoid');
      assert.equal(
        await payments
          .getByRole('cell')
          .first()
          .evaluate((el) => getComputedStyle(el).fontSize),
        '16px',
        '12pt',
      );
      const link = payments.getByRole('link').first();
      assert.equal(await link.evaluate((el) => getComputedStyle(el, '::after').content), 'none', 'no address printed after a link');
      assert.equal(
        await payments
          .getByRole('rowgroup')
          .first()
          .evaluate((el) => getComputedStyle(el).display),
        'table-header-group',
      );
      const pdf = await member.pdf({ format: 'A4' });
      assert.ok(pdf.length > 1000, 'it prints');
      await member.emulateMedia({ media: 'screen' });
      await context.close();
    });
  },
);
