import assert from 'node:assert/strict';
import { test } from 'node:test';
import { busiestRecords, growCounty, pagesToVisit, type CountySizes } from '../scripts/county-data.ts';
import { demoPassword, seedDemo } from '../scripts/demo-data.ts';
import type { Client } from './helpers/browser-like-client.ts';
import { signedInClient } from './helpers/fixtures.ts';
import { makeTestApp } from './helpers/test-app.ts';

// Issue 22, proof: an independent facilitator reaches their own project's and meetings' pages,
// their own record, and nothing else. Signed in as the demo's one (named on the easy read
// letters project), open every GET route three times: with the county's busiest records, with
// their own project and meeting, and with their own person id. Only the pages listed below may
// open; everything else is 403 or 404.
// Every link on a page that opens works (nothing they are shown is refused). Then every
// POST route other than running a meeting, with either set of ids, is refused.
const tiny: CountySizes = {
  people: 30,
  projects: 2,
  meetings: 10,
  attendance: 60,
  invitations: 90,
  claims: 30,
  ledgerEntries: 100,
  proposals: 3,
  ballots: 20,
  reviewAnswers: 100,
  outbox: 20,
  audit: 50,
};

const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
// Pages anyone may open, and the facilitator's own account, calendar feed and display settings.
const everyone =
  /^\/(about|glossary|accessibility|safeguarding\/concern(\/sent)?|account(\/two-step)?|calendar|display-settings|facilitating)(\?|$)/;
// Running a meeting they are named on: the page, its papers, invitations, replies, register and notes.
const running = new RegExp(
  `^/meetings/(${uuid})(/(attendance|notes|invitees|calls|papers|meeting\\.ics|replies/${uuid}|papers/files/${uuid}))?(\\?|$)`,
);
const ownProject = new RegExp(`^/facilitating/projects/(${uuid})(\\?|$)`);
// The easy read summary of a meeting they run, which they write with its notes.
const easyReadOfMeeting = new RegExp(`^/easy-read/meetings/(${uuid})(\\?|$)`);
// Their own record, as any member sees theirs: details, access needs, easy read choice, calendar, a copy of their data.
const ownRecord = new RegExp(
  `^/(people/(?<person>${uuid})(/(details(/(about|reach|ways|times|meetings|strengths))?|access-needs(/edit)?|access-review|calendar|data(\\.json|\\.pdf|\\.xlsx)?))?|easy-read/people/(?<reader>${uuid}))(\\?|$)`,
);
const linksIn = (html: string) =>
  [...html.matchAll(/<a\s[^>]*href="(\/[^"#]*)/g)].map((m) => m[1]!.replace(/&amp;/g, '&')).filter((href) => !href.startsWith('/sign-out'));

async function freshCsrf(client: Client) {
  client.csrf = '';
  await client.get('/account');
  assert.ok(client.csrf, 'the account page has a form');
}

test(
  'an independent facilitator opens only their own project and meetings; every other page and form is refused',
  { timeout: 600_000 },
  async (ctx) => {
    const t = await makeTestApp();
    try {
      const demo = await seedDemo(t.services, t.database.db, t.now);
      await growCounty(t.database.db, demo.organisationId, demo.staffPersonId, tiny, t.now());
      const who = demo.signIns.find((s) => s.role === 'independent-facilitator');
      assert.ok(who, 'the demo has an independent facilitator');
      const priya = await t.database.db.selectFrom('accounts').select('person_id').where('email', '=', who.email).executeTakeFirstOrThrow();
      const naming = await t.database.db
        .selectFrom('independent_facilitator_namings')
        .select('project_id')
        .where('person_id', '=', priya.person_id)
        .executeTakeFirstOrThrow();
      const ownProjectId = naming.project_id!;
      const ownMeetings = new Set(
        (await t.database.db.selectFrom('meetings').select('id').where('project_id', '=', ownProjectId).execute()).map((m) => m.id),
      );
      assert.ok(ownMeetings.size > 0, 'their project has meetings');
      const busiest = await busiestRecords(t.database.db, demo.organisationId);
      const meetingId = [...ownMeetings][0]!;
      const own: Record<string, string | undefined> = {
        ...busiest,
        projects: ownProjectId,
        projectId: ownProjectId,
        meetings: meetingId,
        meetingId,
      };
      const self: Record<string, string | undefined> = { ...own, people: priya.person_id, personId: priya.person_id };
      const allowed = (url: string) => {
        if (url === '/' || everyone.test(url)) return true;
        const meeting = running.exec(url)?.[1] ?? easyReadOfMeeting.exec(url)?.[1];
        if (meeting) return ownMeetings.has(meeting);
        const record = ownRecord.exec(url);
        if (record) return (record.groups?.person ?? record.groups?.reader) === priya.person_id;
        const project = ownProject.exec(url)?.[1];
        return project === ownProjectId;
      };

      const client = await signedInClient(t, who.email, demoPassword);
      const opened: string[] = [];
      const wronglyOpened: string[] = [];
      const links = new Map<string, string>();
      const urls = [busiest, own, self].flatMap((ids) => pagesToVisit(t.app.routeTable, ids));
      for (const url of new Set(urls)) {
        const res = await client.get(url);
        if (res.statusCode === 200) {
          opened.push(url);
          if (!allowed(url)) wronglyOpened.push(url);
          for (const href of linksIn(res.body)) if (!links.has(href)) links.set(href, url);
        } else if (res.statusCode === 303 && url === '/') {
          assert.equal(res.headers.location, '/facilitating');
        } else if (res.statusCode !== 403 && res.statusCode !== 404) {
          wronglyOpened.push(`${url}: ${res.statusCode}`);
        }
      }
      // Their own pages open, with the meeting's register and notes among them.
      for (const page of [
        '/facilitating',
        `/facilitating/projects/${ownProjectId}`,
        `/meetings/${meetingId}`,
        `/meetings/${meetingId}/attendance`,
        `/meetings/${meetingId}/notes`,
        `/easy-read/meetings/${meetingId}`,
        `/people/${priya.person_id}`,
        `/people/${priya.person_id}/details`,
        `/people/${priya.person_id}/access-needs`,
        `/easy-read/people/${priya.person_id}`,
      ])
        assert.ok(opened.includes(page), `${page} opens`);
      assert.deepEqual(wronglyOpened, [], 'nothing outside their project and meetings opens');

      // Every link they are shown works, and leads only to their own pages.
      const broken: string[] = [];
      for (const [href, from] of links) {
        const res = await client.get(href);
        if (res.statusCode >= 400) broken.push(`${href} (${res.statusCode}) linked from ${from}`);
        else if (res.statusCode === 200 && !allowed(href)) broken.push(`${href} is not theirs, linked from ${from}`);
      }
      assert.deepEqual(broken, []);

      // Forms: nothing but running their meetings, their own account and settings, and tools
      // for everyone (the session, the language, the plain words checker) is accepted. Forms
      // about a person are tried with someone else's id, so their own record's forms must
      // refuse here too.
      const mayPost = new RegExp(
        `^/meetings/:id/(invitees|invitations|replies/:personId|calls/:messageId/done|attendance|notes|decisions|decisions/:itemId/remove|actions|actions/:itemId|summary|reply)$|^/easy-read/meetings/:id$|^/account|^/(sign-in|sign-out|setup|reply|act|safeguarding/concern|calendar|display-settings|session/extend|language|plain-words/check)|:token`,
      );
      const posts = t.app.routeTable.filter((r) => r.method === 'POST' && !mayPost.test(r.url));
      const accepted: string[] = [];
      for (const ids of [busiest, own]) {
        for (const r of posts) {
          const url = r.url.replace(/\/([^/]+)\/:([A-Za-z]+)/g, (_m, segment: string, name: string) => {
            const id = name === 'id' ? ids[segment] : ids[name];
            return `/${segment}/${id ?? '00000000-0000-4000-8000-000000000000'}`;
          });
          await freshCsrf(client);
          const res = await client.post(url, {});
          if (res.statusCode !== 403 && res.statusCode !== 404) accepted.push(`POST ${url}: ${res.statusCode}`);
        }
      }
      assert.deepEqual(accepted, []);
      ctx.diagnostic(`opened ${opened.length} pages, followed ${links.size} links, refused ${posts.length * 2} forms`);
    } finally {
      await t.close();
    }
  },
);
