import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { newId } from '../../platform/ids.ts';

// Issue 16: the To do page also counts what other modules keep waiting: access needs due a
// yearly check, people still waiting for papers, and texts sent back that need a person.
// Facilitators see those of their own projects (for access needs: their projects' members).
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

for (const dialect of databaseDialects()) {
  describe(`to do: reviews, papers and texts (${dialect})`, () => {
    let t: TestApp;
    let org: string;
    let dennis: string;
    let pat: string;
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      const first = await organisationWithAdmin(t);
      org = first.organisationId;
      await anotherOrganisation(t);
      const fay = (await personWithAccount(t, org, { fullName: 'Fay Facilitator' }, { email: 'fay@example.com', role: 'facilitator' }))
        .personId;
      dennis = (await personWithAccount(t, org, { fullName: 'Dennis Whitfield', perspectives: ['draws-on-care'] })).personId;
      pat = (await personWithAccount(t, org, { fullName: 'Pat Price', perspectives: ['carer'] })).personId;
      const now = t.now().toISOString();
      await t.database.db
        .insertInto('access_reviews')
        .values(
          [dennis, pat].map((id) => ({
            organisation_id: org,
            person_id: id,
            due_on: now.slice(0, 10),
            reviewed_at: now,
            reviewed_by: null,
          })),
        )
        .execute();
      // Fay and Dennis are in project A, Pat in project B; each project has a meeting to
      // come with a paper its invitee has not had.
      const staff = { organisationId: org, personId: first.adminPersonId };
      for (const [title, members] of [
        ['Better lunches', [fay, dennis]],
        ['Bus routes', [pat]],
      ] as const) {
        const projectId = await t.services.projects.create(staff, {
          title,
          purpose: 'Menus',
          activities: ['co-design'],
          levelAim: 'intermediate',
          stage: 'planning',
          startDate: '2026-11-01',
        } as never);
        for (const id of members) await t.services.projects.addMember(staff, projectId, id, 'member', '2026-11-01');
        const meetingId = newId();
        const startsAt = new Date(t.now().getTime() + 5 * 86_400_000).toISOString();
        await t.database.db
          .insertInto('meetings')
          .values({
            id: meetingId,
            organisation_id: org,
            project_id: projectId,
            title: `${title} meeting`,
            purpose: 'Talk',
            starts_at: startsAt,
            ends_at: startsAt,
            format: 'online',
            venue_id: null,
            joining_details: null,
            members_only: 0,
            arrangements: '[]',
            interpreter_languages: null,
            cancelled_at: null,
            invitations_sent_at: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await t.database.db
          .insertInto('meeting_invitees')
          .values({
            organisation_id: org,
            meeting_id: meetingId,
            person_id: members.at(-1)!,
            channel: 'email',
            invited_at: now,
            reply: 'none',
            replied_at: null,
            reply_recorded_by: null,
            reply_note: null,
            reminded_at: null,
          })
          .execute();
        await t.database.db
          .insertInto('meeting_papers')
          .values({ id: newId(), organisation_id: org, meeting_id: meetingId, title: 'Agenda', created_at: now })
          .execute();
      }
      await t.database.db
        .insertInto('received_texts')
        .values({
          id: newId(),
          provider: 'notify',
          provider_id: 'n-1',
          organisation_id: org,
          from_number: '+447700900123',
          body: 'What time is it',
          received_at: now,
          stored_at: now,
          person_id: dennis,
          outcome: 'unmatched',
          meeting_id: null,
          reply: null,
          status: 'to-do',
          dealt_with_by: null,
          dealt_with_at: null,
          dealt_with_note: null,
        } as never)
        .execute();
    });
    afterEach(() => t.close());

    test('admins see each count and its list; facilitators those of their projects; another organisation sees none', async () => {
      const admin = await signedInClient(t, 'admin@northshire.test');
      const page = text((await admin.get('/to-do')).body);
      assert.match(page, /Access needs to check again with the person \(once a year\) 2 people See who to ask/);
      assert.match(page, /Texts people sent back that need a person 1 text See the texts/);
      assert.match(page, /People still waiting for papers for a meeting to come 2 people and meetings/);
      const reviews = text((await admin.get('/to-do/access-reviews')).body);
      assert.match(reviews, /Dennis Whitfield/);
      assert.match(reviews, /Pat Price/);
      const papers = text((await admin.get('/to-do/papers')).body);
      assert.match(papers, /Better lunches meeting/);
      assert.match(papers, /Bus routes meeting/);

      // Fay sees the members and meetings of her project only: Dennis, not Pat.
      const fay = await signedInClient(t, 'fay@example.com');
      const hers = text((await fay.get('/to-do')).body);
      assert.match(hers, /Texts people sent back that need a person 1 text/);
      assert.match(hers, /Access needs to check again with the person \(once a year\) 1 person See who to ask/);
      assert.match(hers, /People still waiting for papers for a meeting to come 1 person and meeting/);
      const herReviews = await fay.get('/to-do/access-reviews');
      assert.equal(herReviews.statusCode, 200);
      assert.match(text(herReviews.body), /Dennis Whitfield/);
      assert.doesNotMatch(text(herReviews.body), /Pat Price/);
      const herPapers = text((await fay.get('/to-do/papers')).body);
      assert.match(herPapers, /Better lunches meeting/);
      assert.doesNotMatch(herPapers, /Bus routes|Pat Price/);

      const riverside = await signedInClient(t, 'admin@riverside.test');
      const theirs = text((await riverside.get('/to-do')).body);
      assert.match(theirs, /Access needs to check again with the person \(once a year\) 0 people/);
      assert.match(theirs, /Texts people sent back that need a person 0 texts/);
      assert.match(theirs, /People still waiting for papers for a meeting to come 0 people and meetings/);
      assert.doesNotMatch(text((await riverside.get('/to-do/access-reviews')).body), /Dennis/);
      assert.doesNotMatch(text((await riverside.get('/to-do/papers')).body), /Better lunches/);
    });

    test('a member cannot open the lists', async () => {
      await personWithAccount(t, org, { fullName: 'Mo Member' }, { email: 'mo@example.com', role: 'member' });
      const mo = await signedInClient(t, 'mo@example.com');
      assert.equal((await mo.get('/to-do/access-reviews')).statusCode, 403);
      assert.equal((await mo.get('/to-do/papers')).statusCode, 403);
    });
  });
}
