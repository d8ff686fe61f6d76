import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { newId } from '../../platform/ids.ts';

// Issue 16: what waits for staff (the to-do page and their home), every meeting a page at a
// time, and what waits for a member at home. Each count is made by the database.
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const hours = (n: number, from: Date) => new Date(from.getTime() + n * 3_600_000).toISOString();

for (const dialect of databaseDialects()) {
  describe(`to do and the meetings list (${dialect})`, () => {
    let t: TestApp;
    let org: string;
    let other: string;
    let ids: { fay: string; mo: string; len: string; projectA: string; projectB: string; otherProject: string; otherPerson: string };
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      const first = await organisationWithAdmin(t);
      org = first.organisationId;
      const second = await anotherOrganisation(t);
      other = second.organisationId;
      const staff = { organisationId: org, personId: first.adminPersonId };
      const fay = (await personWithAccount(t, org, { fullName: 'Fay Facilitator' }, { email: 'fay@example.com', role: 'facilitator' }))
        .personId;
      const mo = (
        await personWithAccount(
          t,
          org,
          { fullName: 'Mo Member', perspectives: ['draws-on-care'] },
          { email: 'mo@example.com', role: 'member' },
        )
      ).personId;
      const len = (await personWithAccount(t, org, { fullName: 'Len Lewis', perspectives: ['carer'] })).personId;
      const project = (actor: { organisationId: string; personId: string }, title: string) =>
        t.services.projects.create(actor, {
          title,
          purpose: 'Menus',
          activities: ['co-design'],
          levelAim: 'intermediate',
          stage: 'planning',
          startDate: '2026-11-01',
        } as never);
      const projectA = await project(staff, 'Better lunches');
      const projectB = await project(staff, 'Bus routes');
      const otherProject = await project({ organisationId: other, personId: second.adminPersonId }, 'Riverside garden');
      const member = (projectId: string, personId: string) =>
        t.services.projects.addMember(staff, projectId, personId, 'member', '2026-11-01');
      await member(projectA, fay);
      await member(projectA, mo);
      await member(projectB, len);
      ids = { fay, mo, len, projectA, projectB, otherProject, otherPerson: second.adminPersonId };
    });
    afterEach(() => t.close());

    const meeting = (organisationId: string, projectId: string, title: string, startsAt: string, extra: { cancelled?: boolean } = {}) => ({
      id: newId(),
      organisation_id: organisationId,
      project_id: projectId,
      title,
      purpose: 'Talk',
      starts_at: startsAt,
      ends_at: startsAt.replace(/T(\d\d)/, (_m, h: string) => `T${String(Math.min(23, Number(h) + 1)).padStart(2, '0')}`),
      format: 'in-person' as const,
      venue_id: null,
      joining_details: null,
      members_only: 0,
      arrangements: '[]',
      interpreter_languages: null,
      cancelled_at: extra.cancelled ? startsAt : null,
      invitations_sent_at: null,
      created_at: t.now().toISOString(),
      updated_at: t.now().toISOString(),
    });
    const invite = (organisationId: string, meetingId: string, personId: string, reply: 'none' | 'yes' = 'none') => ({
      organisation_id: organisationId,
      meeting_id: meetingId,
      person_id: personId,
      channel: 'email',
      invited_at: t.now().toISOString(),
      reply,
      replied_at: null,
      reply_recorded_by: null,
      reply_note: null,
      reminded_at: null,
    });
    const message = (
      organisationId: string,
      projectId: string | null,
      status: 'to-print' | 'to-call' | 'held',
      channel: 'letter' | 'phone' | 'text',
    ) => ({
      id: newId(),
      organisation_id: organisationId,
      person_id: null,
      about_id: null,
      kind: 'invitation' as const,
      channel,
      recipient: 'someone',
      subject: 'Invitation',
      body_text: 'Come along',
      status,
      attempts: 0,
      next_attempt_at: t.now().toISOString(),
      last_error: null,
      created_at: t.now().toISOString(),
      sent_at: null,
      project_id: projectId,
    });
    const needs = (organisationId: string, personId: string) => ({
      organisation_id: organisationId,
      person_id: personId,
      consent_given: 1,
      consent_recorded_at: t.now().toISOString(),
      consent_recorded_by: null,
      formats: '["large-print"]',
      interpreter_language: null,
      physical: '[]',
      support: '[]',
      dietary: null,
      other: null,
      updated_at: t.now().toISOString(),
    });
    const claim = (organisationId: string, personId: string, projectId: string) => ({
      id: newId(),
      organisation_id: organisationId,
      person_id: personId,
      kind: 'time' as never,
      reference: `C-${newId().slice(0, 8)}`,
      project_id: projectId,
      meeting_id: null,
      category: 'meeting',
      on_date: '2026-11-20',
      amount_pence: 1500,
      way: 'bank-transfer' as never,
      status: 'submitted' as never,
      created_at: t.now().toISOString(),
      created_by: null,
      updated_at: t.now().toISOString(),
    });
    const swap = (organisationId: string, giver: string, receiver: string, proposedBy: string) => ({
      id: newId(),
      organisation_id: organisationId,
      listing_id: null,
      giver_person_id: giver,
      receiver_person_id: receiver,
      status: 'proposed' as const,
      note: 'Help with the shopping',
      minutes: 90,
      happened_on: '2026-11-20',
      proposed_by: proposedBy,
      proposed_at: t.now().toISOString(),
      confirmed_by: null,
      confirmed_at: null,
      created_at: t.now().toISOString(),
      updated_at: t.now().toISOString(),
    });

    /** One of each thing in project A (Fay's), one in project B, and one of each in the other organisation. */
    async function oneOfEach() {
      const db = t.database.db;
      const now = t.now();
      const soonA = meeting(org, ids.projectA, 'Lunch menus', hours(48, now));
      const soonB = meeting(org, ids.projectB, 'Bus timetable', hours(72, now));
      const farA = meeting(org, ids.projectA, 'Next year', hours(24 * 30, now));
      const cancelledA = meeting(org, ids.projectA, 'Called off', hours(50, now), { cancelled: true });
      const otherSoon = meeting(other, ids.otherProject, 'Garden', hours(48, now));
      await db.insertInto('meetings').values([soonA, soonB, farA, cancelledA, otherSoon]).execute();
      await db
        .insertInto('meeting_invitees')
        .values([
          invite(org, soonA.id, ids.mo),
          invite(org, soonA.id, ids.fay, 'yes'),
          invite(org, soonB.id, ids.len),
          invite(org, farA.id, ids.mo),
          invite(org, cancelledA.id, ids.mo),
          invite(other, otherSoon.id, ids.otherPerson),
        ])
        .execute();
      await db
        .insertInto('access_needs')
        .values([needs(org, ids.mo), needs(other, ids.otherPerson)])
        .execute();
      await db
        .insertInto('outbox')
        .values([
          message(org, ids.projectA, 'to-print', 'letter'),
          message(org, ids.projectB, 'to-print', 'letter'),
          message(org, ids.projectA, 'to-call', 'phone'),
          message(org, ids.projectA, 'held', 'text'),
          message(other, ids.otherProject, 'to-print', 'letter'),
          message(other, ids.otherProject, 'to-call', 'phone'),
          message(other, ids.otherProject, 'held', 'text'),
        ])
        .execute();
      await db
        .insertInto('claims')
        .values([claim(org, ids.mo, ids.projectA), claim(other, ids.otherPerson, ids.otherProject)])
        .execute();
      await db
        .insertInto('timebank_exchanges')
        .values([swap(org, ids.mo, ids.len, ids.len), swap(other, ids.otherPerson, ids.otherPerson, ids.otherPerson)])
        .execute();
      return { soonA, soonB };
    }
    const line = (page: string, label: string) => new RegExp(`${label} (\\d+) \\w+`).exec(text(page))?.[1];

    test('the to-do page counts one of each thing; a facilitator sees their projects only; another organisation is never counted', async () => {
      await oneOfEach();
      const admin = await signedInClient(t, 'admin@northshire.test');
      const page = (await admin.get('/to-do')).body;
      assert.equal(line(page, 'Letters to print and post'), '2');
      assert.equal(line(page, 'Calls to make'), '1');
      assert.equal(line(page, 'Messages kept in the app to pass on by hand'), '1');
      assert.equal(
        line(page, 'Invitations nobody answered, for meetings in the next 14 days'),
        '2',
        'not the far, cancelled or answered ones',
      );
      assert.equal(line(page, 'Meetings in the next 14 days where access needs are not met yet'), '1');
      assert.equal(line(page, 'Claims waiting for approval'), '1');
      assert.equal(line(page, 'Swaps waiting for the other person to agree'), '1');
      assert.match(page, /href="\/admin\/messages\/letters"/);
      assert.match(page, /href="\/meetings\?from=2026-\d\d-\d\d&amp;to=2026-\d\d-\d\d&amp;only=unanswered"/);

      const fay = await signedInClient(t, 'fay@example.com');
      const hers = (await fay.get('/to-do')).body;
      assert.equal(line(hers, 'Letters to print and post'), '1');
      assert.equal(line(hers, 'Invitations nobody answered, for meetings in the next 14 days'), '1');
      assert.equal(line(hers, 'Meetings in the next 14 days where access needs are not met yet'), '1');
      assert.equal(line(hers, 'Swaps waiting for the other person to agree'), '1', 'Mo is in her project');
      assert.match(hers, /only=unanswered&amp;mine=yes/);

      // The same, on the home page, with a link to the whole list.
      const home = text((await fay.get('/')).body);
      assert.match(home, /To do Letters to print and post 1 letter Print letters/);
      assert.match((await fay.get('/')).body, /href="\/to-do"/);

      const mo = await signedInClient(t, 'mo@example.com');
      assert.equal((await mo.get('/to-do')).statusCode, 403);
      assert.doesNotMatch(text((await mo.get('/')).body), /Letters to print/);
    });

    test('meetings list: 50 a page, newest first, filtered by project, dates and what waits; members see their own', async () => {
      const { soonA } = await oneOfEach();
      const start = Date.parse('2026-01-05T10:00:00Z');
      const many = Array.from({ length: 60 }, (_v, i) =>
        meeting(org, ids.projectB, `Planning ${i + 1}`, new Date(start + i * 86_400_000).toISOString()),
      );
      await t.database.db.insertInto('meetings').values(many).execute();
      const admin = await signedInClient(t, 'admin@northshire.test');
      const first = (await admin.get('/meetings')).body;
      assert.match(text(first), /64 meetings/);
      assert.equal((first.match(/<tr class="govuk-table__row">/g) ?? []).length, 51, 'a header and 50 meetings');
      assert.ok(first.indexOf('Next year') < first.indexOf('Lunch menus'), 'newest first');
      assert.doesNotMatch(first, /Garden/);
      assert.match(first, /govuk-pagination/);
      const second = (await admin.get('/meetings?page=2')).body;
      assert.match(second, /Planning 1</);
      assert.doesNotMatch(second, /Planning 60</);

      const b = text((await admin.get(`/meetings?project=${ids.projectB}&from=2026-01-10&to=2026-01-19`)).body);
      assert.match(b, /10 meetings/);
      const waiting = (await admin.get('/meetings?only=unanswered&only=needs')).body;
      assert.match(text(waiting), /2 meetings/, 'Lunch menus and Next year: Mo has not answered and has access needs');
      assert.match(waiting, new RegExp(`/meetings/${soonA.id}"`));
      const fay = await signedInClient(t, 'fay@example.com');
      assert.match(text((await fay.get('/meetings?mine=yes')).body), /3 meetings/, 'project A only');
      assert.equal((await admin.get('/meetings?from=nonsense&page=x')).statusCode, 200);

      const mo = await signedInClient(t, 'mo@example.com');
      const hers = (await mo.get('/meetings')).body;
      assert.match(text(hers), /3 meetings/);
      assert.doesNotMatch(hers, /Planning|Bus timetable/);
    });

    test('a member home shows the swaps they are asked to agree and the papers of their next meeting', async () => {
      const { soonA } = await oneOfEach();
      await t.database.db
        .insertInto('timebank_exchanges')
        .values(swap(org, ids.len, ids.mo, ids.len))
        .execute();
      await t.database.db
        .insertInto('meeting_papers')
        .values({ id: newId(), organisation_id: org, meeting_id: soonA.id, title: 'Draft menu', created_at: t.now().toISOString() })
        .execute();
      const mo = await signedInClient(t, 'mo@example.com');
      const page = (await mo.get('/')).body;
      // Two swaps with Len, each proposed by him: Mo is asked to agree to both.
      assert.match(text(page), /Swaps to agree Help with the shopping : Len Lewis says it happened: 1 hour and 30 minutes Help with/);
      assert.equal((await t.services.waitingSwaps.toConfirm(org, ids.mo)).total, 2);
      assert.match(text(page), /Papers for your next meeting Papers for Lunch menus Draft menu/);
      assert.match(page, new RegExp(`href="/meetings/${soonA.id}/papers"`));
      // Len proposed: he waits for Mo, he is not asked to agree.
      const len = await t.services.waitingSwaps.toConfirm(org, ids.len);
      assert.equal(len.total, 0);
    });
  });
}
